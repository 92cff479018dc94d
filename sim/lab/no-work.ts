/**
 * The checks a student passes without doing anything: the lab run as it starts, with no action and no
 * answer. A check that passes here gives points for no work (a message the starting network already
 * sends, a setting already as asked), so the builder warns about each one and shows the score of a
 * student who did nothing.
 */
import type { CheckResult, Evaluation } from './checks';
import { runLab } from './grade';
import type { Lab } from './lab-schema';

/** The student whose parameters the no-work run uses. */
export const NO_WORK_STUDENT = 'no work done';

export interface NoWork {
  /** The evaluation of the run with no action. */
  evaluation: Evaluation;
  /** The checks that passed anyway. */
  passing: CheckResult[];
}

/** Runs the lab with no action and returns the checks that pass. Throws LabError as runLab does. */
export function checksPassingWithoutWork(lab: Lab): NoWork {
  const { evaluation } = runLab(lab, NO_WORK_STUDENT, []);
  return { evaluation, passing: evaluation.checks.filter((c) => c.passed) };
}
