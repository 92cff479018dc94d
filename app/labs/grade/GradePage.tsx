'use client';

/**
 * Grading in the browser: choose the lab, drop or choose the students' submission files, and each is
 * graded by replaying it in the simulation — in a Web Worker, one after the other, with sim/lab's
 * gradeSubmissionText, the function `sip lab grade` uses — into a table with a row per student.
 * "Export CSV" writes the columns of `sip lab grade --csv` (sim/lab's gradeCsv). Nothing leaves the
 * browser: the files are read here and the CSV is made here.
 */
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { gradeCsv, labHash, type GradeResult } from '@/sim/lab';
import { ClientOnly } from '../client-only';
import { downloadText } from '../lab-model';
import { LabRunner } from '../runner';
import { ChooseLab, type BuiltinChoice, type ChosenLab } from './ChooseLab';
import { GradeTable, type GradedFile } from './GradeTable';
import '../labs.css';
import './grade.css';

export type { BuiltinChoice };

interface Submitted {
  key: number;
  name: string;
  text: string;
}

/** At most this many files at once (each is replayed; a class is rarely larger). */
const MAX_FILES = 500;

function GradeBody({ builtins }: { builtins: readonly BuiltinChoice[] }) {
  const id = useId();
  const [chosen, setChosen] = useState<ChosenLab | null>(null);
  const [files, setFiles] = useState<Submitted[]>([]);
  // Results by lab hash and file key: choosing another lab grades every file again.
  const [results, setResults] = useState<ReadonlyMap<string, GradeResult>>(new Map());
  const [dragging, setDragging] = useState(false);
  const [note, setNote] = useState('');
  const [runner] = useState(() => new LabRunner());
  const nextKey = useRef(1);
  const hash = chosen ? labHash(chosen.lab) : '';
  const resultKey = (f: Submitted) => `${hash}:${f.key}`;

  useEffect(() => () => runner.stop(), [runner]);

  // Grade the next file that has no result for this lab, one at a time.
  const next = chosen ? files.find((f) => !results.has(resultKey(f))) : undefined;
  const nextId = next ? resultKey(next) : '';
  useEffect(() => {
    if (!chosen || !next) return;
    let live = true;
    const request = {
      kind: 'submission' as const,
      lab: chosen.lab,
      text: next.text,
      ...(chosen.legacyHash ? { legacyHash: chosen.legacyHash } : {}),
    };
    void runner.run(request).then((r) => {
      if (!live || (!r.ok && r.cancelled)) return;
      const result: GradeResult =
        r.ok && r.kind === 'submission'
          ? r.result
          : { ok: false, error: r.ok ? 'The replay gave no result.' : r.error, issues: [] };
      setResults((old) => new Map(old).set(nextId, result));
    });
    return () => {
      live = false;
    };
    // nextId names the file and the lab; `next` and `chosen` follow from it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nextId, runner]);

  const addFiles = (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const picked = [...list].slice(0, Math.max(0, MAX_FILES - files.length));
    void Promise.all(
      picked.map(async (file) => ({
        key: nextKey.current++,
        name: file.name,
        text: await file.text(),
      })),
    ).then((read) => {
      setFiles((old) => [...old, ...read]);
      setNote(
        `Added ${read.length} file${read.length === 1 ? '' : 's'}${list.length > picked.length ? ` (at most ${MAX_FILES} at once)` : ''}.`,
      );
    });
  };

  const graded: GradedFile[] = files.map((f) => {
    const result = results.get(resultKey(f));
    return result ? { key: f.key, name: f.name, result } : { key: f.key, name: f.name };
  });
  const done = graded.filter((g) => g.result !== undefined);
  const ok = done.filter((g) => g.result?.ok);
  const allDone = chosen !== null && files.length > 0 && done.length === files.length;

  const exportCsv = () => {
    if (!chosen || !allDone) return;
    const lines = gradeCsv(
      graded.flatMap((g) => (g.result ? [{ file: g.name, result: g.result }] : [])),
    );
    const name = `grades-${chosen.lab.id}.csv`;
    downloadText(name, `${lines.join('\n')}\n`, 'text/csv');
    setNote(`Saved ${name}: ${lines.length - 1} rows, the columns of sip lab grade --csv.`);
  };

  return (
    <div className="lab-page lab-grade">
      <header className="lab-head">
        <div>
          <p className="lab-kicker">
            <Link href="/labs/">Labs</Link> › grade
          </p>
          <h1>Grade submissions</h1>
          <p className="lead">
            Each student’s submission file is graded by replaying what they did in the simulation
            and evaluating every check again, as <code>sip lab grade</code> does: a score written in
            the file is never used. Everything happens in this browser: no file leaves it.
          </p>
        </div>
      </header>

      <section className="lab-card" aria-labelledby={`${id}-lab`}>
        <h2 id={`${id}-lab`}>1. The lab</h2>
        <ChooseLab builtins={builtins} chosen={chosen} onChoose={setChosen} />
      </section>

      <section className="lab-card" aria-labelledby={`${id}-subs`}>
        <h2 id={`${id}-subs`}>2. The submissions</h2>
        <div
          className={`lab-dropzone${dragging ? ' lab-dropzone-active' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            addFiles(e.dataTransfer.files);
          }}
        >
          <p>Drop the students’ submission files (JSON) here, or choose them:</p>
          <div className="lab-field">
            <label htmlFor={`${id}-files`}>Submissions</label>
            <input
              id={`${id}-files`}
              type="file"
              multiple
              accept=".json,application/json"
              onChange={(e) => {
                addFiles(e.target.files);
                e.target.value = '';
              }}
            />
          </div>
        </div>
        <p className="lab-small lab-muted" role="status">
          {note}
        </p>
      </section>

      <section className="lab-card" aria-labelledby={`${id}-grades`}>
        <h2 id={`${id}-grades`}>3. The grades</h2>
        {!chosen ? (
          <p className="lab-muted">Choose the lab first: the submissions are graded against it.</p>
        ) : files.length === 0 ? (
          <p className="lab-muted">No submission yet.</p>
        ) : (
          <>
            <p role="status">
              {done.length < files.length
                ? `Replaying ${done.length + 1} of ${files.length}…`
                : `${files.length} submission${files.length === 1 ? '' : 's'}: ${ok.length} graded${files.length > ok.length ? `, ${files.length - ok.length} could not be graded` : ''}.`}
            </p>
            <div className="lab-grade-actions">
              <button
                type="button"
                className="lab-button lab-button-primary"
                disabled={!allDone}
                onClick={exportCsv}
              >
                Export CSV
              </button>
              <button
                type="button"
                className="lab-button lab-button-secondary"
                onClick={() => {
                  setFiles([]);
                  setNote('');
                }}
              >
                Remove all submissions
              </button>
            </div>
            <GradeTable
              lab={chosen.lab}
              files={graded}
              onRemove={(key) => setFiles((old) => old.filter((f) => f.key !== key))}
            />
          </>
        )}
      </section>

      <section className="lab-card" aria-labelledby={`${id}-limits`}>
        <h2 id={`${id}-limits`}>What the scores rest on</h2>
        <p>
          A lab link and a lab page carry the right answers of the questions only as salted hashes,
          and no reference solution: a student cannot read the answers there. (The lab file you
          export from the builder holds them in clear: keep it for yourself.) A question has few
          possible answers, though, and a student who runs code could hash each choice and find the
          right one. So the score a student’s page showed is only a preview; the score that counts
          is this one, worked out by replaying the submission.
        </p>
        <p>
          A submission names the lab it was made for by its hash: grade it with that same lab (the
          file you exported, the same link, or the built-in lab it came from).
        </p>
      </section>
    </div>
  );
}

export function GradePage({ builtins }: { builtins: readonly BuiltinChoice[] }) {
  return (
    <ClientOnly
      fallback={
        <div className="lab-page lab-grade">
          <h1>Grade submissions</h1>
          <p>Loading…</p>
        </div>
      }
    >
      <GradeBody builtins={builtins} />
    </ClientOnly>
  );
}
