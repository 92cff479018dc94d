/**
 * A class's grades as rows and as CSV (RFC 4180): one row per submission file and check, then the
 * file's total, or one ERROR row for a file that could not be graded. `sip lab grade` and the Grade
 * page both write them with these functions, so their columns are the same.
 */
import type { GradeResult } from './grade';

export const GRADE_CSV_COLUMNS = [
  'file',
  'student',
  'check',
  'passed',
  'points',
  'max',
  'message',
] as const;

export type GradeRow = Record<(typeof GRADE_CSV_COLUMNS)[number], string>;

/** The rows of one graded submission file. */
export function gradeRows(file: string, r: GradeResult): GradeRow[] {
  if (!r.ok)
    return [
      {
        file,
        student: r.student ?? '',
        check: 'ERROR',
        passed: '',
        points: '',
        max: '',
        message: r.error,
      },
    ];
  const rows: GradeRow[] = r.evaluation.checks.map((c) => ({
    file,
    student: r.student,
    check: c.id,
    passed: c.passed ? 'Passed' : 'Not passed',
    points: String(c.points),
    max: String(c.maxPoints),
    message: c.passed ? '' : c.message,
  }));
  rows.push({
    file,
    student: r.student,
    check: 'TOTAL',
    passed: r.evaluation.passed ? 'Passed' : 'Not passed',
    points: String(r.evaluation.score),
    max: String(r.evaluation.max),
    message: r.claimDiffers
      ? `the file claims ${r.claimedScore}; the replay gives ${r.evaluation.score} (the claim is ignored)`
      : '',
  });
  return rows;
}

/** A CSV cell (RFC 4180), with formula-looking text made inert for spreadsheets. */
export function csvCell(v: string | number | boolean): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV lines (header first) of graded submission files, in the order given. */
export function gradeCsv(graded: readonly { file: string; result: GradeResult }[]): string[] {
  const lines: string[] = [GRADE_CSV_COLUMNS.join(',')];
  for (const { file, result } of graded)
    for (const row of gradeRows(file, result))
      lines.push(GRADE_CSV_COLUMNS.map((c) => csvCell(row[c])).join(','));
  return lines;
}
