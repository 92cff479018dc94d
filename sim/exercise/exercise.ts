/**
 * The exercises' public face, for the page and the command line: the list; for an exercise and a seed,
 * the situation (what the element knows), the solution (the bytes the real element sends) and the
 * check of a written message; and the scenario that plays a written message in place of the
 * element's own ("Send it").
 */
import type { Scenario } from '../scenario';
import { compareContext } from './context';
import { compareMessages } from './compare/compare';
import type { Finding } from './compare/finding';
import type { ExerciseDefinition, ExerciseGroup, MessageTarget } from './definition';
import { ExerciseError } from './errors';
import { EXERCISES, exerciseDefinition } from './exercises';
import { runToMoment, type Moment } from './moment';
import { situationOf, type Situation } from './situation';
import { readWritten, type WrittenParseError } from './text';
import { drawWorld } from './world';

/** What the list shows of an exercise. */
export interface ExerciseSummary {
  id: string;
  title: string;
  group: ExerciseGroup;
  summary: string;
  lesson: string;
  sections: string[];
}

export function listExercises(): ExerciseSummary[] {
  return EXERCISES.map(({ id, title, group, summary, lesson, sections }) => ({
    id,
    title,
    group,
    summary,
    lesson,
    sections: [...sections],
  }));
}

function definition(id: string): ExerciseDefinition {
  const d = exerciseDefinition(id);
  if (d === undefined)
    throw new ExerciseError(
      'unknown-exercise',
      `There is no exercise "${id}". The exercises are: ${EXERCISES.map((e) => e.id).join(', ')}.`,
    );
  return d;
}

function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new ExerciseError(
      'bad-seed',
      `The seed ${String(seed)} is not a whole number from 0 up: the values of an attempt are drawn from a seed such as 42.`,
    );
}

/** One attempt: the exercise, its drawn scenario, and the moment it stops at. */
export interface Attempt {
  exercise: ExerciseSummary;
  seed: number;
  scenario: Scenario;
  target: MessageTarget;
  moment: Moment;
  situation: Situation;
}

const attempts = new Map<string, Attempt>();

/** The attempt of an exercise with a seed (kept: the same seed is the same attempt). */
export function attempt(id: string, seed: number): Attempt {
  checkSeed(seed);
  const key = `${id}\u0000${seed}`;
  const kept = attempts.get(key);
  if (kept) return kept;
  const d = definition(id);
  const setup = d.build(drawWorld(seed));
  const moment = runToMoment(setup.scenario, setup.target);
  const a: Attempt = {
    exercise: listExercises().find((e) => e.id === id)!,
    seed,
    scenario: moment.scenario,
    target: setup.target,
    moment,
    situation: situationOf(moment, setup.prompt, setup.facts, d.prefill),
  };
  if (attempts.size > 64) attempts.delete(attempts.keys().next().value!);
  attempts.set(key, a);
  return a;
}

export function situation(id: string, seed: number): Situation {
  return attempt(id, seed).situation;
}

/** The message the real element sends at that moment, as a wire string. */
export function solve(id: string, seed: number): string {
  return attempt(id, seed).moment.send.raw ?? '';
}

export type CheckResult =
  | { parsed: true; correct: boolean; findings: Finding[] }
  | { parsed: false; correct: false; findings: []; error: WrittenParseError };

/** Checks a written message (text as typed) against the real element's, at a moment. */
export function checkAtMoment(moment: Moment, text: string): CheckResult {
  const written = readWritten(text);
  if (!written.ok) return { parsed: false, correct: false, findings: [], error: written.error };
  const ctx = compareContext(moment.scenario, moment.before, moment.send);
  const { correct, findings } = compareMessages(written.message, ctx);
  return { parsed: true, correct, findings };
}

export function check(id: string, seed: number, text: string): CheckResult {
  return checkAtMoment(attempt(id, seed).moment, text);
}

/**
 * The scenario that plays the written message in place of the element's own: the attempt's scenario
 * with a `replace` entry (the message as a wire string, CRLF line ends).
 */
export function scenarioWithWritten(
  scenario: Scenario,
  target: MessageTarget,
  text: string,
): Scenario {
  const written = readWritten(text);
  return {
    ...scenario,
    replace: [
      ...(scenario.replace ?? []),
      {
        element: target.element,
        match: {
          ...(target.method !== undefined ? { method: target.method } : {}),
          ...(target.status !== undefined ? { status: target.status } : {}),
          nth: target.nth,
        },
        raw: written.wire,
      },
    ],
  };
}
