'use client';

/**
 * The lab the submissions are graded against: a built-in lab, a lab file (the instructor's own, with
 * or without its answer key) or a lab link. Each is read in the browser; what cannot be used says why
 * in sentences, and a submission chosen here by mistake is sent to its place.
 */
import { useId, useState } from 'react';
import {
  decodeLab,
  issueText,
  LabError,
  parseLabText,
  SUBMISSION_NOT_LAB,
  type Lab,
  type LabIssue,
} from '@/sim/lab';

export interface BuiltinChoice {
  lab: Lab;
  legacyHash?: string;
}

export interface ChosenLab {
  lab: Lab;
  /** Where it came from, in words ("the built-in lab", "lab file record-route.json", "a lab link"). */
  source: string;
  legacyHash?: string;
}

function issuesOf(e: unknown): LabIssue[] {
  return e instanceof LabError
    ? e.issues
    : [{ path: '', message: e instanceof Error ? e.message : String(e) }];
}

export function ChooseLab({
  builtins,
  chosen,
  onChoose,
}: {
  builtins: readonly BuiltinChoice[];
  chosen: ChosenLab | null;
  onChoose: (lab: ChosenLab) => void;
}) {
  const id = useId();
  const [builtin, setBuiltin] = useState('');
  const [link, setLink] = useState('');
  const [problem, setProblem] = useState<{ from: string; issues: LabIssue[] } | null>(null);

  const take = (from: string, read: () => ChosenLab) => {
    try {
      onChoose(read());
      setProblem(null);
    } catch (e) {
      setProblem({ from, issues: issuesOf(e) });
    }
  };

  return (
    <div className="lab-grade-choose">
      <div className="lab-field">
        <label htmlFor={`${id}-builtin`}>A built-in lab</label>
        <select
          id={`${id}-builtin`}
          value={builtin}
          onChange={(e) => {
            setBuiltin(e.target.value);
            const b = builtins.find((x) => x.lab.id === e.target.value);
            if (b)
              take('the built-in lab', () => ({
                lab: b.lab,
                source: 'the built-in lab',
                ...(b.legacyHash ? { legacyHash: b.legacyHash } : {}),
              }));
          }}
        >
          <option value="">(choose)</option>
          {builtins.map((b) => (
            <option key={b.lab.id} value={b.lab.id}>
              {b.lab.title}
            </option>
          ))}
        </select>
      </div>
      <div className="lab-field">
        <label htmlFor={`${id}-file`}>Or a lab file (JSON)</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            void file.text().then((text) =>
              take(`the file ${file.name}`, () => ({
                lab: parseLabText(text),
                source: `the lab file ${file.name}`,
              })),
            );
          }}
        />
      </div>
      <form
        className="lab-form lab-form-inline"
        onSubmit={(e) => {
          e.preventDefault();
          take('the link', () => ({ lab: decodeLab(link), source: 'a lab link' }));
        }}
      >
        <div className="lab-field">
          <label htmlFor={`${id}-link`}>Or a lab link</label>
          <input
            id={`${id}-link`}
            type="url"
            value={link}
            placeholder="https://…/labs/play/#…"
            onChange={(e) => setLink(e.target.value)}
          />
        </div>
        <button type="submit" className="lab-button" disabled={link.trim() === ''}>
          Use this link
        </button>
      </form>
      {problem ? (
        <div className="lab-error" role="alert">
          {problem.issues.length === 1 && problem.issues[0]?.message === SUBMISSION_NOT_LAB ? (
            <p>
              {problem.from} is a student&apos;s submission, not a lab: add it under Submissions
              below, and choose the lab it was made for here.
            </p>
          ) : (
            <>
              <p>{problem.from} is not a lab that can be used:</p>
              <ul className="lab-issues">
                {problem.issues.slice(0, 20).map((i, n) => (
                  <li key={n}>{issueText(i)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : null}
      <p className="lab-grade-chosen" role="status">
        {chosen ? (
          <>
            Grading against <strong>{chosen.lab.title}</strong> ({chosen.lab.id}), from{' '}
            {chosen.source}.
          </>
        ) : (
          'No lab chosen yet.'
        )}
      </p>
    </div>
  );
}
