/**
 * "Write the message" checks (check-schema.ts): each message a student wrote is judged on the run it
 * is about by sim/exercise — the run is replayed to the moment the element sends the message named
 * by the check, and the written text is compared with the element's own, part by part. The expected
 * message is worked out here, never stored in the lab. A reference solution may write the placeholder
 * `{{message}}` for "the message the element sends": it is replaced by that message, found the same
 * way, before the solution is run (a student's text is taken as it is).
 */
import {
  ExerciseError,
  checkAtMoment,
  describeTarget,
  runToMoment,
  wireAsText,
  type CheckResult,
  type MessageTarget,
} from '../exercise';
import type { Scenario } from '../scenario';
import { labChecks, type WriteCheck } from './check-schema';
import type { Lab } from './lab-schema';
import { planActions } from './actions';
import { studentParameters } from './instantiate';
import { substitute } from './parameters';
import type { StudentAction } from './student-action';

/** What became of a written message: the check's findings, or why the moment was never reached. */
export type WrittenOutcome =
  { reached: true; result: CheckResult } | { reached: false; error: string };

/** The placeholder a reference solution writes for "the message the real element sends". */
export const MESSAGE_PLACEHOLDER = '{{message}}';

export function writeTarget(c: WriteCheck): MessageTarget {
  return {
    element: c.element,
    ...(c.method !== undefined ? { method: c.method } : {}),
    ...(c.status !== undefined ? { status: c.status } : {}),
    nth: c.nth ?? 1,
  };
}

/** A write check in words: "Write the message: bob's first 180". */
export function describeWrite(c: WriteCheck): string {
  return `write ${describeTarget(writeTarget(c))}`;
}

/** Judges one written message on the run of `scenario`. */
export function judgeWritten(c: WriteCheck, scenario: Scenario, text: string): WrittenOutcome {
  try {
    const moment = runToMoment(scenario, writeTarget(c));
    return { reached: true, result: checkAtMoment(moment, text) };
  } catch (e) {
    if (e instanceof ExerciseError) return { reached: false, error: e.message };
    throw e;
  }
}

/** The message the element sends in the run of `scenario`, as editor text (undefined if never). */
export function elementMessage(c: WriteCheck, scenario: Scenario): string | undefined {
  try {
    return wireAsText(runToMoment(scenario, writeTarget(c)).send.raw ?? '');
  } catch (e) {
    if (e instanceof ExerciseError) return undefined;
    throw e;
  }
}

/**
 * The lab's reference solution for a student: their parameter values in place of its placeholders,
 * and `{{message}}` in a written message replaced by the message the element sends.
 */
export function referenceSolution(lab: Lab, student: string): StudentAction[] {
  const params = studentParameters(lab, student);
  const actions = substitute(lab.solution.actions, params);
  if (!actions.some((a) => a.kind === 'write' && a.text.trim() === MESSAGE_PLACEHOLDER))
    return actions;
  const checks = new Map<string, WriteCheck>();
  for (const { check } of labChecks(lab)) if (check.kind === 'write') checks.set(check.id, check);
  const plan = planActions(lab, params, actions, { path: 'solution.actions' });
  return actions.map((a, i) => {
    if (a.kind !== 'write' || a.text.trim() !== MESSAGE_PLACEHOLDER) return a;
    const c = checks.get(a.check);
    const planned = plan.written.find((w) => w.index === i);
    const text = c && planned ? elementMessage(c, planned.scenario) : undefined;
    return text === undefined ? a : { ...a, text };
  });
}
