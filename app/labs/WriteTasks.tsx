'use client';

/**
 * A lab's "write the message" checks: for each, what the student is asked, on request what the element
 * knows at that moment of the run the student is looking at (the situation, as the practice pages show
 * it), and an editor. "Save my message" records the text as a StudentAction; "Check my work" grades it
 * by replay, as sim/lab does for a submission. Parse errors are shown in place, as in the message lab.
 */
import { useId, useMemo, useState } from 'react';
import { byteOffsetToIndex, restoreCrlf, type ProblemLocation } from '@/app/message-lab/analyze';
import { SourceView } from '@/app/message-lab/SourceView';
import { SituationView } from '@/app/practice/SituationView';
import {
  ExerciseError,
  readWritten,
  runToMoment,
  situationOf,
  type Situation,
} from '@/sim/exercise';
import { describeCheck, writeTarget, type StudentAction, type WriteCheck } from '@/sim/lab';
import type { Scenario } from '@/sim/scenario';
import { FieldErrors, type FieldIssue, type Recorder } from './StudentTools';
import '@/app/practice/practice.css';

function lastWritten(actions: readonly StudentAction[], check: string): string | undefined {
  for (let i = actions.length - 1; i >= 0; i--) {
    const a = actions[i]!;
    if (a.kind === 'write' && a.check === check) return a.text;
  }
  return undefined;
}

function situation(c: WriteCheck, scenario: Scenario): Situation | string {
  try {
    const moment = runToMoment(scenario, writeTarget(c));
    return situationOf(moment, describeCheck(c), [], 'empty');
  } catch (e) {
    if (e instanceof ExerciseError) return e.message;
    throw e;
  }
}

function WriteTask({
  check,
  scenario,
  actions,
  record,
}: {
  check: WriteCheck;
  scenario: Scenario | undefined;
  actions: readonly StudentAction[];
  record: Recorder;
}) {
  const id = useId();
  const saved = lastWritten(actions, check.id);
  const [text, setText] = useState(saved ?? '');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [shown, setShown] = useState(false);
  const known = useMemo(
    () => (shown && scenario ? situation(check, scenario) : undefined),
    [shown, scenario, check],
  );
  const written = useMemo(() => readWritten(text), [text]);
  let location: ProblemLocation | undefined;
  if (!written.ok && text.trim() !== '') {
    const { wire, originalIndex } = restoreCrlf(text);
    const i = byteOffsetToIndex(wire, written.error.offset);
    location = {
      offset: written.error.offset,
      index: originalIndex[Math.min(i, originalIndex.length - 1)] ?? text.length,
      line: written.error.line,
      column: written.error.column,
      problem: written.error.problem,
      expected: written.error.expected,
    };
  }
  const points = check.points ?? 1;
  return (
    <div className="lab-question lab-write" data-check={check.id}>
      <h4 id={`${id}-h`}>
        {describeCheck(check)}{' '}
        <span className="lab-muted lab-small">
          ({points} point{points === 1 ? '' : 's'})
        </span>
      </h4>
      <details className="lab-write-knows" onToggle={(e) => setShown(e.currentTarget.open)}>
        <summary>What {check.element} knows at that moment</summary>
        {typeof known === 'string' ? <p className="lab-error">{known}</p> : null}
        {known !== undefined && typeof known !== 'string' ? (
          <SituationView situation={known} />
        ) : null}
      </details>
      <label htmlFor={`${id}-text`}>Your message</label>
      <textarea
        id={`${id}-text`}
        className="bte-editor"
        value={text}
        rows={12}
        wrap="off"
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        aria-invalid={location !== undefined}
        onChange={(e) => setText(e.target.value)}
      />
      {location ? (
        <div className="bte-parse" role="status">
          <p>
            <strong>
              Not a SIP message yet — line {location.line}, column {location.column}:
            </strong>{' '}
            {location.problem}
            {location.expected ? `, expected ${location.expected}` : ''}
          </p>
          <SourceView text={text} location={location} />
        </div>
      ) : null}
      <p className="lab-write-actions">
        <button
          type="button"
          className="lab-button"
          disabled={text.trim() === '' || text === saved}
          onClick={() => setIssues(record({ kind: 'write', check: check.id, text }))}
        >
          Save my message
        </button>{' '}
        <span className="lab-small lab-muted" role="status">
          {saved === undefined
            ? 'Not saved yet.'
            : text === saved
              ? 'Saved: “Check my work” compares it with the message the element sends.'
              : 'Changed since you saved it.'}
        </span>
      </p>
      <FieldErrors id={`${id}-errors`} issues={issues} />
    </div>
  );
}

export function WriteTasks({
  checks,
  scenario,
  actions,
  record,
}: {
  checks: readonly WriteCheck[];
  scenario: Scenario | undefined;
  actions: readonly StudentAction[];
  record: Recorder;
}) {
  if (checks.length === 0) return null;
  return (
    <>
      {checks.map((c) => (
        <WriteTask key={c.id} check={c} scenario={scenario} actions={actions} record={record} />
      ))}
    </>
  );
}
