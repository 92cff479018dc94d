/**
 * LabError: a lab, a lab link, a student's action or a submission that cannot be used, with one issue per
 * problem. Each issue keeps the path of the bad field (`scenario.elements[2].kind`,
 * `tasks[0].checks[1].status`, `actions[3].settings.password`) for programs, and says in words where
 * that is in the builder's form and how to fix it (lab-issues.ts) for people.
 */
export interface LabIssue {
  /** The path of the bad field ("" for the document as a whole). */
  path: string;
  /** What is wrong and how to fix it, as a sentence. */
  message: string;
  /** Where the field is, in the form's words ("Task 1 “Register”: Task title"); absent for the whole document. */
  field?: string;
}

export class LabError extends Error {
  override readonly name = 'LabError';
  constructor(
    readonly issues: LabIssue[],
    what = 'lab',
  ) {
    super(
      `Invalid ${what}: ${issues.map((i) => `${i.field ?? (i.path || 'the whole document')}: ${i.message}`).join(' ')}`,
    );
  }
}

/** Joins a prefix and a path as formatPath writes them ("scenario" + "elements[2].kind"). */
export function joinPath(prefix: string, path: string): string {
  if (prefix === '') return path;
  if (path === '') return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}
