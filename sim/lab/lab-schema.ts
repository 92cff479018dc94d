/**
 * The lab document, version 1: a simulated SIP network (a scenario of sim/scenario, validated by that
 * layer's own schema), what the student may change, tasks whose checks run on the simulation's trace,
 * optional per-student parameters and time limit, and a reference solution. parseLab validates one and
 * throws a LabError whose issues name the path of each bad field (`scenario.elements[2].kind`,
 * `tasks[0].checks[1].status`), including the limits on size, elements, checks, time and steps.
 */
import { z } from 'zod';
import { formatPath } from '../scenario';
import { checkSchema } from './check-schema';
import { SUBMISSION_NOT_LAB, looksLikeSubmission } from './document-kind';
import { LabError, type LabIssue } from './lab-error';
import { placeIssues, sentencesFromZod } from './lab-issues';
import { validateLab } from './lab-validation';
import {
  MAX_CHECKS,
  MAX_ACTIONS,
  MAX_ELEMENTS,
  MAX_LAB_BYTES,
  MAX_TASKS,
  kilobytes,
  utf8Length,
} from './limits';
import { parameterSchema } from './parameters';
import { studentActionSchema } from './student-action';

const name = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, 'the name of an element of the scenario');

/** A user action the student may put on the timeline: any user agent, or only the ones listed. */
export const unlockedActionSchema = z.union([
  z.string().regex(/^[a-z-]+$/, 'a timeline action such as "register" or "invite"'),
  z
    .object({
      action: z.string().regex(/^[a-z-]+$/, 'a timeline action such as "register" or "invite"'),
      actors: z.array(name).min(1).max(40),
    })
    .strict(),
]);

export const unlockSchema = z
  .object({
    /** For each element, the settings the student may change (recordRoute, kind, forking, password ...). */
    elements: z
      .record(name, z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'a setting name')).max(20))
      .optional(),
    /** The user actions offered (register, invite, bye, cancel, message, subscribe ...). */
    actions: z.array(unlockedActionSchema).max(20).optional(),
    /** The student may add fault rules (drop chosen datagrams). */
    faults: z.boolean().optional(),
    /** The student may set a link's latency and loss. */
    links: z.boolean().optional(),
  })
  .strict();

export const taskSchema = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'an id of letters, digits, ".", "-" or "_"'),
    title: z.string().min(1).max(200),
    /** What to do, in Markdown. */
    description: z.string().max(4000).optional(),
    /** Shown beside a check of this task that did not pass. */
    hint: z.string().max(2000).optional(),
    checks: z.array(checkSchema).min(1).max(MAX_CHECKS),
  })
  .strict();

export const labSchema = z
  .object({
    /** Version 2 adds sealed answers (answerSalt, answerHashes); a version 1 document reads as it is. */
    version: z.literal([1, 2]).transform((): 2 => 2),
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,63}$/,
        'an id of lower-case letters, digits and "-" (at most 64), such as my-lab',
      ),
    title: z.string().min(1).max(120),
    summary: z.string().max(400),
    author: z.string().max(120),
    /** Markdown, rendered without raw HTML. May use {{parameters}}. */
    instructions: z.string().max(20000),
    /**
     * The starting network: a scenario of sim/scenario (its own schema validates it, with the
     * parameters drawn for a sample student, in parseLab).
     */
    scenario: z.record(z.string(), z.unknown()),
    unlock: unlockSchema,
    tasks: z.array(taskSchema).min(1).max(MAX_TASKS),
    timeLimitMinutes: z.number().int().min(1).max(600).optional(),
    parameters: z.array(parameterSchema).max(20).optional(),
    solution: z.object({ actions: z.array(studentActionSchema).max(MAX_ACTIONS) }).strict(),
    /** The salt of the sealed answers (answer-key.ts); without it, one is made from the id. */
    answerSalt: z
      .string()
      .regex(/^[0-9a-f]{16,64}$/, 'a salt of 16 to 64 hexadecimal digits')
      .optional(),
  })
  .strict();

export type Lab = z.output<typeof labSchema>;
export type LabInput = z.input<typeof labSchema>;
export type LabTask = z.output<typeof taskSchema>;
export type LabUnlock = z.output<typeof unlockSchema>;

/** The size limit, before anything else: a hostile document is refused before it is walked. */
function sizeIssues(input: unknown): LabIssue[] {
  let text: string | undefined;
  try {
    text = JSON.stringify(input);
  } catch {
    return [
      { path: '', message: 'a lab is a JSON document, and this value cannot be written as JSON' },
    ];
  }
  if (text === undefined) return [{ path: '', message: 'a lab is a JSON object' }];
  const bytes = utf8Length(text);
  return bytes > MAX_LAB_BYTES
    ? [
        {
          path: '',
          message: `the lab is ${kilobytes(bytes)} written as JSON; a lab may be at most ${kilobytes(MAX_LAB_BYTES)}`,
        },
      ]
    : [];
}

/** The limits on the number of elements and checks, with their own messages. */
function countIssues(input: unknown): LabIssue[] {
  const issues: LabIssue[] = [];
  if (input === null || typeof input !== 'object') return issues;
  const doc = input as Record<string, unknown>;
  const scenario = doc['scenario'];
  if (scenario !== null && typeof scenario === 'object') {
    const elements = (scenario as Record<string, unknown>)['elements'];
    if (Array.isArray(elements) && elements.length > MAX_ELEMENTS)
      issues.push({
        path: 'scenario.elements',
        message: `a lab's network has at most ${MAX_ELEMENTS} elements; this one has ${elements.length}`,
      });
  }
  const tasks = doc['tasks'];
  if (Array.isArray(tasks)) {
    let n = 0;
    for (const t of tasks) {
      const checks =
        t !== null && typeof t === 'object' ? (t as Record<string, unknown>)['checks'] : [];
      if (Array.isArray(checks)) n += checks.length;
    }
    if (n > MAX_CHECKS)
      issues.push({
        path: 'tasks',
        message: `a lab has at most ${MAX_CHECKS} checks over all its tasks; this one has ${n}`,
      });
  }
  return issues;
}

/**
 * Validates a lab (parsed JSON). Throws LabError with one issue per problem, each with the path of the
 * bad field. Nothing in the document is ever executed: it is data.
 */
export function parseLab(input: unknown): Lab {
  const size = sizeIssues(input);
  if (size.length > 0) throw new LabError(placeIssues(size, input));
  if (looksLikeSubmission(input)) throw new LabError([{ path: '', message: SUBMISSION_NOT_LAB }]);
  const counts = countIssues(input);
  const r = labSchema.safeParse(input);
  // The count limits have their own words: leave out the schema's "too big" on the same paths.
  const schemaIssues = r.success
    ? []
    : sentencesFromZod(
        r.error.issues.filter(
          (i) => !(i.code === 'too_big' && counts.some((c) => c.path === formatPath(i.path))),
        ),
        input,
      );
  const deeper = validateLab(input, r.success ? r.data : undefined, counts.length > 0);
  const issues = [...placeIssues(counts, input), ...schemaIssues, ...placeIssues(deeper, input)];
  if (issues.length > 0 || !r.success) throw new LabError(dedupe(issues));
  return r.data;
}

/** Reads a lab from JSON text (a file, a decoded link): size first, then JSON, then parseLab. */
export function parseLabText(text: string): Lab {
  const bytes = utf8Length(text);
  if (bytes > MAX_LAB_BYTES)
    throw new LabError([
      {
        path: '',
        message: `The lab is ${kilobytes(bytes)}; a lab may be at most ${kilobytes(MAX_LAB_BYTES)}.`,
      },
    ]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new LabError([
      {
        path: '',
        message: `This is not valid JSON (${e instanceof Error ? e.message : String(e)}): is the file complete?`,
      },
    ]);
  }
  return parseLab(json);
}

function dedupe(issues: LabIssue[]): LabIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.path}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
