/**
 * Running a lab and grading submissions. A submission is what a student did (their actions, in order,
 * with virtual times) plus the lab's id and hash and the student's name; the score is always
 * recomputed by replaying the actions in the deterministic simulation — a score written in the file is
 * never trusted. A submission that is malformed, made for another lab, or that does what the lab does
 * not allow gets an error result, never an exception.
 */
import { z } from 'zod';
import type { ElementSnapshot } from '../elements';
import type { TraceEvent } from '../network';
import { Simulation, type Scenario } from '../scenario';
import { planActions } from './actions';
import { labChecks, type WriteCheck } from './check-schema';
import { evaluate, type Evaluation, type GivenAnswer } from './checks';
import { judgeWritten, type WrittenOutcome } from './written';
import { LabError, type LabIssue } from './lab-error';
import { labHash, legacyLabHash } from './lab-hash';
import { looksLikeLab } from './document-kind';
import { issueText, placeIssues, sentencesFromZod } from './lab-issues';
import type { Lab } from './lab-schema';
import {
  MAX_ACTIONS,
  MAX_SUBMISSION_BYTES,
  MAX_TRACE_EVENTS,
  kilobytes,
  utf8Length,
} from './limits';
import { instantiateLab, studentParameters } from './instantiate';
import { paramSeedFor, type ParameterValues } from './parameters';
import { studentActionSchema, type StudentAction } from './student-action';

export const submissionSchema = z
  .object({
    version: z.literal(1, 'this is submission format version 1: "version": 1'),
    labId: z.string().min(1).max(64),
    labHash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash: 64 hexadecimal digits'),
    /** The student's name or id, as they gave it. */
    student: z.string().trim().min(1, "the student's name or id").max(120),
    /** The seed the student's parameters were drawn from (made from the lab id and the student). */
    paramSeed: z.string().max(300),
    actions: z.array(studentActionSchema).max(MAX_ACTIONS),
    /** What the student's page showed; reported beside the recomputed score, never used. */
    claimedScore: z.number().optional(),
    /** When it was exported (ISO 8601), for the instructor's records. */
    submittedAt: z.string().max(40).optional(),
  })
  .strict();

export type Submission = z.output<typeof submissionSchema>;

/** How a run ended: nothing left to run, the scenario's end time (endAt, at most one hour), or the step limit. */
export type RunEnd = 'finished' | 'end time' | 'step limit';

export interface SimulationRun {
  trace: TraceEvent[];
  elements: ElementSnapshot[];
  steps: number;
  /** Virtual time at the end, ms. */
  time: number;
  end: RunEnd;
}

export interface LabRun extends SimulationRun {
  /** The lab with the student's parameter values in place. */
  lab: Lab;
  params: ParameterValues;
  /** The scenario as run. */
  scenario: Scenario;
  evaluation: Evaluation;
}

/** Runs a scenario to its end or the lab's limits (scenarios from applyActions carry them). */
export function runScenario(scenario: Scenario): SimulationRun {
  const sim = new Simulation(scenario);
  sim.network.trace.limit = MAX_TRACE_EVENTS;
  sim.run();
  const next = sim.network.queue.peek();
  const end: RunEnd =
    next === undefined ? 'finished' : sim.steps >= scenario.maxSteps ? 'step limit' : 'end time';
  return {
    trace: sim.trace,
    elements: sim.snapshot().elements,
    steps: sim.steps,
    time: sim.time,
    end,
  };
}

/**
 * Runs a lab as a student did: their parameters, their actions, then every check. Throws LabError when
 * an action is refused (one the lab does not unlock, or a bad value).
 */
export function runLab(lab: Lab, student: string, actions: readonly StudentAction[]): LabRun {
  const params = studentParameters(lab, student);
  const instance = instantiateLab(lab, params);
  const plan = planActions(lab, params, actions);
  const run = runScenario(plan.scenario);
  // Each answer is about the run the student was looking at; runs of equal scenarios are shared.
  const runs = new Map<string, readonly TraceEvent[]>([[JSON.stringify(plan.scenario), run.trace]]);
  const answers = new Map<string, GivenAnswer>();
  for (const a of plan.answers) {
    const key = JSON.stringify(a.scenario);
    let trace = runs.get(key);
    if (trace === undefined) {
      trace = runScenario(a.scenario).trace;
      runs.set(key, trace);
    }
    answers.set(a.question, { choice: a.choice, trace });
  }
  // Each written message is judged on the run it is about (the last one written for a check counts).
  const written = new Map<string, WrittenOutcome>();
  const writeChecks = new Map<string, WriteCheck>();
  for (const { check } of labChecks(instance.lab))
    if (check.kind === 'write') writeChecks.set(check.id, check);
  for (const w of plan.written) {
    const c = writeChecks.get(w.check);
    if (c) written.set(w.check, judgeWritten(c, w.scenario, w.text));
  }
  const evaluation = evaluate(instance.lab, {
    scenario: plan.scenario,
    trace: run.trace,
    elements: run.elements,
    answers,
    written,
    params,
  });
  return { ...run, lab: instance.lab, params, scenario: plan.scenario, evaluation };
}

/** The submission file for what a student did. */
export function createSubmission(
  lab: Lab,
  student: string,
  actions: readonly StudentAction[],
  extra: { claimedScore?: number; submittedAt?: string } = {},
): Submission {
  return {
    version: 1,
    labId: lab.id,
    labHash: labHash(lab),
    student,
    paramSeed: paramSeedFor(lab.id, student),
    actions: [...actions],
    ...extra,
  };
}

export type GradeResult =
  | {
      ok: true;
      labId: string;
      student: string;
      evaluation: Evaluation;
      /** The score the file claimed, if any (never used). */
      claimedScore?: number;
      /** True when a claimed score differs from the recomputed one. */
      claimDiffers: boolean;
      end: RunEnd;
    }
  | {
      ok: false;
      /** The student, when the file says who it is. */
      student?: string;
      /** Why the submission cannot be graded, in a sentence. */
      error: string;
      issues: LabIssue[];
    };

function studentOf(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const s = (input as Record<string, unknown>)['student'];
  return typeof s === 'string' && s.trim() !== '' ? s.trim().slice(0, 120) : undefined;
}

function failure(input: unknown, error: string, issues: LabIssue[] = []): GradeResult {
  const student = studentOf(input);
  return student === undefined
    ? { ok: false, error, issues }
    : { ok: false, student, error, issues };
}

/**
 * Grades a submission (parsed JSON) by replaying it. Never throws: a malformed submission, one for
 * another lab or another version of it, or one with refused actions gets an error result.
 */
export interface GradeOptions {
  /**
   * The hash the lab had before its answers were sealed, when the caller knows it and the lab (sealed)
   * cannot tell it: a built-in lab's page passes it, so submissions made before still grade.
   */
  legacyHash?: string;
}

export function gradeSubmission(lab: Lab, input: unknown, options: GradeOptions = {}): GradeResult {
  let size = 0;
  try {
    size = utf8Length(JSON.stringify(input) ?? '');
  } catch {
    return failure(input, 'The submission is not JSON data.');
  }
  if (size > MAX_SUBMISSION_BYTES)
    return failure(
      input,
      `The submission is ${kilobytes(size)}; a submission may be at most ${kilobytes(MAX_SUBMISSION_BYTES)}.`,
    );
  if (looksLikeLab(input))
    return failure(
      input,
      'This file is a lab, not a submission: choose it as the lab to grade against.',
    );
  const r = submissionSchema.safeParse(input);
  if (!r.success) {
    const issues = sentencesFromZod(r.error, input, [], 'submission');
    return failure(
      input,
      `This file is not a submission that can be graded. ${issues.slice(0, 3).map(issueText).join(' ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`,
      issues,
    );
  }
  const sub = r.data;
  if (sub.labId !== lab.id)
    return failure(
      input,
      `This submission is for the lab “${sub.labId}”, not “${lab.id}”: grade it with that lab.`,
      [{ path: 'labId', field: 'Lab id', message: `It should be “${lab.id}”.` }],
    );
  const hash = labHash(lab);
  const legacy = options.legacyHash ?? legacyLabHash(lab);
  if (sub.labHash !== hash && sub.labHash !== legacy)
    return failure(
      input,
      `This submission was made for another version of the lab “${lab.id}” (or the file was edited): grade it with the version the student had.`,
      [{ path: 'labHash', field: 'Lab hash', message: `It should be ${hash}.` }],
    );
  if (sub.paramSeed !== paramSeedFor(lab.id, sub.student))
    return failure(
      input,
      `The parameter seed is not the one of student “${sub.student}”: the values were drawn for someone else.`,
      [
        {
          path: 'paramSeed',
          field: 'Parameter seed',
          message: `It should be “${paramSeedFor(lab.id, sub.student)}”.`,
        },
      ],
    );
  try {
    const run = runLab(lab, sub.student, sub.actions);
    const result: GradeResult = {
      ok: true,
      labId: lab.id,
      student: sub.student,
      evaluation: run.evaluation,
      claimDiffers: sub.claimedScore !== undefined && sub.claimedScore !== run.evaluation.score,
      end: run.end,
    };
    if (sub.claimedScore !== undefined) result.claimedScore = sub.claimedScore;
    return result;
  } catch (e) {
    if (e instanceof LabError) {
      const issues = placeIssues(e.issues, input, 'submission');
      return failure(
        input,
        `The submission does what the lab does not allow. ${issues.slice(0, 3).map(issueText).join(' ')}`,
        issues,
      );
    }
    return failure(input, `The replay failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Grades a submission file's text (the Grade page and `sip lab grade` both read files this way): text
 * that is not JSON, or too large, is an error result like any other.
 */
export function gradeSubmissionText(
  lab: Lab,
  text: string,
  options: GradeOptions = {},
): GradeResult {
  if (utf8Length(text) > MAX_SUBMISSION_BYTES)
    return failure(
      undefined,
      `The file is ${kilobytes(utf8Length(text))}; a submission may be at most ${kilobytes(MAX_SUBMISSION_BYTES)}.`,
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return failure(
      undefined,
      `This file is not valid JSON (${e instanceof Error ? e.message : String(e)}): is it complete?`,
    );
  }
  return gradeSubmission(lab, json, options);
}
