'use client';

/**
 * The class's grades: a row per submission file with the student, the score, the maximum and each
 * check (passed or not, the points), or why the file could not be graded. On a phone each row becomes
 * a card, each cell labelled, so nothing scrolls sideways.
 */
import { labChecks, type GradeResult, type Lab } from '@/sim/lab';

export interface GradedFile {
  key: number;
  name: string;
  /** Undefined while it is being graded. */
  result?: GradeResult;
}

export function GradeTable({
  lab,
  files,
  onRemove,
}: {
  lab: Lab;
  files: readonly GradedFile[];
  onRemove: (key: number) => void;
}) {
  const checks = labChecks(lab).map(({ check }) => check);
  return (
    <table className="lab-grade-table">
      <caption className="visually-hidden">Grades of the submissions, one row per file</caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Student</th>
          <th scope="col">Score</th>
          <th scope="col">Max</th>
          {checks.map((c) => (
            <th key={c.id} scope="col" title={c.label ?? c.id}>
              {c.id}
            </th>
          ))}
          <th scope="col">Note</th>
          <th scope="col">
            <span className="visually-hidden">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {files.map((f) => {
          const r = f.result;
          return (
            <tr key={f.key} className={r && !r.ok ? 'lab-grade-error' : undefined}>
              <td data-label="File" className="lab-grade-file">
                {f.name}
              </td>
              <td data-label="Student">{r ? (r.student ?? '?') : '…'}</td>
              <td data-label="Score" className="lab-grade-num">
                {r?.ok ? r.evaluation.score : r ? '—' : '…'}
              </td>
              <td data-label="Max" className="lab-grade-num">
                {r?.ok ? r.evaluation.max : r ? '—' : '…'}
              </td>
              {checks.map((c) => {
                const res = r?.ok ? r.evaluation.checks.find((x) => x.id === c.id) : undefined;
                return (
                  <td
                    key={c.id}
                    data-label={c.id}
                    className={res ? (res.passed ? 'lab-passed' : 'lab-failed') : undefined}
                    title={res && !res.passed ? res.message : undefined}
                  >
                    {res ? (
                      <span>
                        <span aria-hidden="true">{res.passed ? '✓' : '✗'} </span>
                        {res.passed ? 'Passed' : 'Not passed'} ({res.points}/{res.maxPoints})
                      </span>
                    ) : r ? (
                      '—'
                    ) : (
                      '…'
                    )}
                  </td>
                );
              })}
              <td data-label="Note" className="lab-grade-note">
                {!r
                  ? 'Replaying…'
                  : !r.ok
                    ? `Not graded: ${r.error}`
                    : r.claimDiffers
                      ? `The file claims ${r.claimedScore}; the replay gives ${r.evaluation.score} (the claim is ignored).`
                      : r.end === 'step limit'
                        ? 'The run stopped at the step limit.'
                        : ''}
              </td>
              <td data-label="">
                <button type="button" className="lab-link-button" onClick={() => onRemove(f.key)}>
                  Remove<span className="visually-hidden"> {f.name}</span>
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
