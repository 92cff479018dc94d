'use client';

/**
 * The problems of one form field, beside it: plain sentences that say how to fix the value. Shared
 * by the simulator's network forms and the labs' student tools.
 */
import './network-forms.css';

/** A problem with a value: where (a path in the document, '' for the field itself) and what. */
export type FieldIssue = { path: string; message: string };

export function FieldErrors({ id, issues }: { id: string; issues: readonly FieldIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="sim-field-errors" role="alert">
      {issues.map((i, n) => (
        <li key={n}>{i.message}</li>
      ))}
    </ul>
  );
}
