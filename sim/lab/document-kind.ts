/**
 * What a JSON document dropped on a lab page is: a lab (a network and tasks) or a student's submission
 * (a lab's id and hash, the student, their actions). Each page answers the wrong one with a sentence
 * that says where it goes ("This file is a student's submission, not a lab: grade it on the Grade
 * page") instead of a list of missing fields.
 */

function fields(input: unknown): Record<string, unknown> | undefined {
  return input !== null && typeof input === 'object' && !Array.isArray(input)
    ? (input as Record<string, unknown>)
    : undefined;
}

/** A document that looks like a student's submission (its lab id, hash, student and actions). */
export function looksLikeSubmission(input: unknown): boolean {
  const d = fields(input);
  return (
    d !== undefined &&
    typeof d['labId'] === 'string' &&
    typeof d['labHash'] === 'string' &&
    Array.isArray(d['actions']) &&
    !('scenario' in d)
  );
}

/** A document that looks like a lab (a network and tasks). */
export function looksLikeLab(input: unknown): boolean {
  const d = fields(input);
  return d !== undefined && 'scenario' in d && 'tasks' in d && !('labHash' in d);
}

/** The sentence for a submission opened where a lab was expected. */
export const SUBMISSION_NOT_LAB =
  "This file is a student's submission, not a lab: grade it on the Grade page.";
