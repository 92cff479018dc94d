/**
 * LabError: a lab, a lab link, a student's action or a submission that cannot be used, with one issue per
 * problem, each naming the path of the bad field (e.g. `scenario.elements[2].kind`,
 * `tasks[0].checks[1].status`, `actions[3].settings.password`).
 */
import type { z } from 'zod';
import { formatPath } from '../scenario';

export interface LabIssue {
  /** The path of the bad field ("" for the document as a whole). */
  path: string;
  message: string;
}

export class LabError extends Error {
  override readonly name = 'LabError';
  constructor(
    readonly issues: LabIssue[],
    what = 'lab',
  ) {
    super(
      `Invalid ${what}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
}

/** Joins a prefix and a path as formatPath writes them ("scenario" + "elements[2].kind"). */
export function joinPath(prefix: string, path: string): string {
  if (prefix === '') return path;
  if (path === '') return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

/** The issues of a failed zod parse, with their paths, under a prefix. */
export function zodIssues(error: z.ZodError, prefix = ''): LabIssue[] {
  return error.issues.map((i) => ({
    path: joinPath(prefix, formatPath(i.path)),
    message: i.message,
  }));
}
