'use client';

/**
 * The builder's list of what to fix before the lab can be shared — each problem a sentence naming the
 * field and how to fix it, a button that takes the instructor to the field — and the checks that
 * pass before the student does anything (found by running the lab with no action, in a worker), each
 * a warning: they give points for no work.
 */
import type { ReactNode } from 'react';
import { issueText, type CheckResult, type Evaluation, type LabIssue } from '@/sim/lab';

export type NoWorkState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; evaluation: Evaluation; passing: CheckResult[] }
  | { state: 'error'; message: string };

export function Problems({
  issues,
  onGoTo,
}: {
  issues: readonly LabIssue[];
  onGoTo: (path: string) => void;
}) {
  if (issues.length === 0)
    return (
      <p className="lab-ok" role="status">
        <span aria-hidden="true">✓ </span>The lab is valid: it can be run, shared and exported.
      </p>
    );
  return (
    <div role="status">
      <p className="lab-problems-count">
        {issues.length} problem{issues.length === 1 ? '' : 's'} to fix before the lab can be shared:
      </p>
      <ul className="lab-issues lab-problems">
        {issues.slice(0, 40).map((i, n) => (
          <li key={n}>
            {issueText(i)}{' '}
            {i.path !== '' ? (
              <button type="button" className="lab-link-button" onClick={() => onGoTo(i.path)}>
                Show<span className="visually-hidden"> the field: {i.field ?? i.path}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {issues.length > 40 ? <p>…and {issues.length - 40} more.</p> : null}
    </div>
  );
}

export function NoWorkWarnings({
  noWork,
  pathOf,
  onGoTo,
}: {
  noWork: NoWorkState;
  /** Where the check with this id is in the form. */
  pathOf: (checkId: string) => string;
  onGoTo: (path: string) => void;
}) {
  if (noWork.state === 'idle') return null;
  if (noWork.state === 'running')
    return (
      <p className="lab-small lab-muted" role="status">
        Running the lab with no work done, to find checks that pass without the student…
      </p>
    );
  if (noWork.state === 'error')
    return (
      <p className="lab-small lab-muted" role="status">
        The lab could not be run with no work done: {noWork.message}
      </p>
    );
  const { evaluation, passing } = noWork;
  if (passing.length === 0)
    return (
      <p className="lab-ok lab-small" role="status">
        <span aria-hidden="true">✓ </span>No check passes before the student does anything (a
        student who does nothing scores 0 of {evaluation.max}).
      </p>
    );
  return (
    <div className="lab-warning" role="status" aria-label="Checks that pass with no work">
      <p>
        <strong>
          {passing.length} check{passing.length === 1 ? ' passes' : 's pass'} with no work done:
        </strong>{' '}
        a student who does nothing scores {evaluation.score} of {evaluation.max} point
        {evaluation.max === 1 ? '' : 's'}. Make each depend on what the student must do (a setting
        they change, a message that only their action causes, “Only after the first match of”
        another check), or remove it.
      </p>
      <ul className="lab-issues">
        {passing.map((c) => (
          <li key={c.id}>
            Check “{c.id}” ({c.label}) passes already: {c.message}.{' '}
            <button type="button" className="lab-link-button" onClick={() => onGoTo(pathOf(c.id))}>
              Show<span className="visually-hidden"> check {c.id}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A banner of problems (a file that cannot be imported, a lab that cannot be shared yet). */
export function IssueBanner({
  intro,
  issues,
  outro,
  onDismiss,
}: {
  intro: string;
  issues: readonly LabIssue[];
  outro?: ReactNode;
  onDismiss?: () => void;
}) {
  return (
    <div className="lab-error" role="alert">
      <p>{intro}</p>
      <ul className="lab-issues">
        {issues.slice(0, 30).map((i, n) => (
          <li key={n}>{issueText(i)}</li>
        ))}
      </ul>
      {issues.length > 30 ? <p>…and {issues.length - 30} more.</p> : null}
      {outro}
      {onDismiss ? (
        <button type="button" className="lab-button lab-button-secondary" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
