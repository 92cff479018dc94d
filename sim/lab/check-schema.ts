/**
 * The checks of a lab, as data (never code): what must be true of a run's trace and of its elements at
 * the end, what the student must answer, and which setting the student must have changed. Each is
 * evaluated by checks.ts; this file only says what a well-formed check is.
 */
import { z } from 'zod';

const elementName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, 'the name of an element of the scenario');
export const checkId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/,
    'an id of letters, digits, ".", "-" or "_" (at most 64)',
  );
const token = z
  .string()
  .regex(/^[A-Za-z0-9.!%*_+`'~-]+$/, 'a SIP method name such as INVITE (RFC 3261 §25.1 token)');

/** A condition on one header of the message, read from the message as it went on the wire. */
export const headerConditionSchema = z
  .object({
    /** Header name, long or compact form (Record-Route, Max-Forwards, v, ...). */
    name: z.string().regex(/^[A-Za-z0-9.!%*_+`'~-]+$/, 'a header name such as Record-Route'),
    /** The header is there (true) or absent (false). Alone, `{ name }` means present. */
    present: z.boolean().optional(),
    /** One of its values is exactly this (after trimming). */
    equals: z.string().max(1000).optional(),
    /** One of its values contains this, ignoring case. */
    contains: z.string().min(1).max(1000).optional(),
    /** Its (first) value is a number below / above this (Max-Forwards below 5). */
    below: z.number().optional(),
    above: z.number().optional(),
  })
  .strict()
  .superRefine((h, ctx) => {
    const valued =
      h.equals !== undefined ||
      h.contains !== undefined ||
      h.below !== undefined ||
      h.above !== undefined;
    if (h.present === false && valued)
      ctx.addIssue({
        code: 'custom',
        path: ['present'],
        message: 'a header that must be absent cannot also have a value: choose one condition',
      });
  });

/** Which datagrams a check is about: the fields of a trace event and the headers of its message. */
export const matcherShape = {
  /** send (default for `message` checks), receive (at the element `to`), or drop (lost on the way). */
  type: z.enum(['send', 'receive', 'drop']).optional(),
  /** Sender element. */
  from: elementName.optional(),
  /** Receiver element. */
  to: elementName.optional(),
  /** A request of this method... */
  method: token.optional(),
  /** ...or a response with this status (486) or class ("4xx"). */
  status: z
    .union([
      z.number().int().min(100).max(699),
      z.string().regex(/^[1-6]xx$/, 'a status class such as "4xx"'),
    ])
    .optional(),
  /** Only retransmissions (true) or only first transmissions (false). */
  retransmission: z.boolean().optional(),
  /**
   * For a received message: the element passed it on (true: it sent the same request or response on),
   * or absorbed it (false), as a stateful proxy absorbs a retransmitted INVITE (RFC 3261 §16.11).
   */
  forwarded: z.boolean().optional(),
  headers: z.array(headerConditionSchema).max(10).optional(),
};

function refineMatcher(
  m: {
    method?: string | undefined;
    status?: unknown;
    forwarded?: boolean | undefined;
    type?: string;
  },
  ctx: z.RefinementCtx,
): void {
  if (m.method !== undefined && m.status !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['status'],
      message:
        'a message is a request (a method) or a response (a status), not both: keep one of them',
    });
  if (m.forwarded !== undefined && m.type !== undefined && m.type !== 'receive')
    ctx.addIssue({
      code: 'custom',
      path: ['forwarded'],
      message:
        '"then the receiver passes it on" is about a received message: set the event to "received"',
    });
}

export const messageMatcherSchema = z.object(matcherShape).strict().superRefine(refineMatcher);
export type MessageMatcher = z.output<typeof messageMatcherSchema>;
export type HeaderCondition = z.output<typeof headerConditionSchema>;

const common = {
  id: checkId,
  /** Points for passing (default 1). */
  points: z.number().int().min(0).max(100).optional(),
  /** What it checks, in words, for the student ("the BYE passes the proxy"). */
  label: z.string().max(200).optional(),
};

/** A message was (or, with `absent`, was never) sent, received or lost. */
export const messageCheckSchema = z
  .object({
    ...common,
    kind: z.literal('message'),
    ...matcherShape,
    absent: z.literal(true).optional(),
    /** Exactly this many matching messages. */
    count: z.number().int().min(0).max(10000).optional(),
    /** At least this many (default 1). */
    atLeast: z.number().int().min(1).max(10000).optional(),
    /** Only messages after the first match of this other `message` check count. */
    after: checkId.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    refineMatcher(c, ctx);
    const n = [c.absent, c.count, c.atLeast].filter((x) => x !== undefined).length;
    if (n > 1)
      ctx.addIssue({
        code: 'custom',
        path: [c.count !== undefined ? 'count' : 'atLeast'],
        message: 'say how many times in one way only: never, exactly or at least',
      });
  });

const transactionState = z.string().regex(/^[A-Za-z]+$/, 'a transaction state such as Completed');

/** An element's state at the end of the run. Exactly one of binding, dialog, transaction, activity. */
export const stateCheckSchema = z
  .object({
    ...common,
    kind: z.literal('state'),
    element: elementName,
    /** The registrar has a binding for this AOR (to this contact). */
    binding: z
      .object({ aor: z.string().min(1).max(300), contact: z.string().min(1).max(300).optional() })
      .strict()
      .optional(),
    /** The element has a dialog in this state. */
    dialog: z
      .object({ state: z.enum(['early', 'confirmed', 'terminated']) })
      .strict()
      .optional(),
    /**
     * A transaction (of this method) ended in this state, or is in it now; with `reached`, was in it at
     * some time. Read from the trace too, since finished transactions leave the snapshots.
     */
    transaction: z
      .object({
        method: token.optional(),
        state: transactionState,
        reached: z.boolean().optional(),
      })
      .strict()
      .optional(),
    /** A user agent's call, registration, subscription or message ends in this state ("registered"). */
    activity: z
      .object({
        kind: z.enum(['call', 'registration', 'subscription', 'message']),
        state: z.string().min(1).max(60),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const n = [c.binding, c.dialog, c.transaction, c.activity].filter(
      (x) => x !== undefined,
    ).length;
    if (n !== 1)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          'choose one thing the element has at the end: a binding, a dialog, a transaction or an activity',
      });
  });

/**
 * A question for the student: multiple choice (`choices` and the index of the `correct` one), free
 * text (`accept`: the answers taken as right, compared without case), or "select the message in the
 * ladder that ..." (`select`: the datagram the student picks must match the matcher, or one of them).
 * A lab that travels (a link, a lab page) carries its right answers sealed: `answerHashes` in place of
 * `correct` or `accept`, salted SHA-256 hashes that answer-key.ts checks (a sealed typed answer has
 * `answerHashes` alone).
 */
export const answerCheckSchema = z
  .object({
    ...common,
    kind: z.literal('answer'),
    question: z.string().min(1).max(1000),
    choices: z.array(z.string().min(1).max(300)).min(2).max(10).optional(),
    correct: z.number().int().min(0).optional(),
    accept: z.array(z.string().min(1).max(200)).min(1).max(20).optional(),
    select: z.union([messageMatcherSchema, z.array(messageMatcherSchema).min(1).max(5)]).optional(),
    answerHashes: z
      .array(z.string().regex(/^[0-9a-f]{64}$/, 'a sealed answer: 64 hexadecimal digits'))
      .min(1)
      .max(20)
      .optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const typedSealed = c.answerHashes !== undefined && c.choices === undefined;
    const forms = [c.choices, c.accept, c.select, typedSealed ? c.answerHashes : undefined].filter(
      (x) => x !== undefined,
    ).length;
    if (forms === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['choices'],
        message:
          'choose how the question is answered: by choosing one of several answers, by typing one, or by selecting a message',
      });
    else if (forms > 1)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          'a question is answered in one way only: choices (with the right one), typed answers, or a message to select',
      });
    if (c.select !== undefined && c.answerHashes !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['answerHashes'],
        message: 'a "select the message" question has no sealed answer: remove answerHashes',
      });
    if (c.choices !== undefined) {
      if (c.correct === undefined && c.answerHashes === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['correct'],
          message: 'choose the right answer among the choices',
        });
      else if (c.correct !== undefined && c.answerHashes !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['correct'],
          message: 'the right answer is given twice (plain and sealed): keep one',
        });
      else if (c.correct !== undefined && c.correct >= c.choices.length)
        ctx.addIssue({
          code: 'custom',
          path: ['correct'],
          message: `there are ${c.choices.length} choices: choose one of them as the right answer`,
        });
    } else if (c.correct !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['correct'],
        message: '"correct" goes with "choices": give the choices, or remove it',
      });
    if (c.accept !== undefined && c.answerHashes !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['answerHashes'],
        message: 'the right answers are given twice (plain and sealed): keep one',
      });
  });

/** A setting of an element, as the student left it (Record-Route switched on). */
export const settingCheckSchema = z
  .object({
    ...common,
    kind: z.literal('setting'),
    element: elementName,
    setting: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'a setting name such as recordRoute'),
    equals: z.json(),
  })
  .strict();

/**
 * "Write the message": the student writes the message an element sends next — its nth request of a
 * method or response with a status — and it is compared, part by part, with the message the real
 * element sends at that moment of the run (sim/exercise). The expected message is never in the lab:
 * the check works it out again by replay, so a shared lab does not give it away.
 */
export const writeCheckSchema = z
  .object({
    ...common,
    kind: z.literal('write'),
    /** The element whose message the student writes. */
    element: elementName,
    /** Its request of this method... */
    method: token.optional(),
    /** ...or its response with this status. */
    status: z.number().int().min(100).max(699).optional(),
    /** Which one of them (from 1; retransmissions do not count). */
    nth: z.number().int().min(1).max(100).optional(),
    /** What the student is asked, in words (the lab's words; one is made from the fields when absent). */
    prompt: z.string().max(2000).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if ((c.method === undefined) === (c.status === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [c.method !== undefined ? 'status' : 'method'],
        message:
          'name the message to write by a method (a request such as BYE) or a status (a response such as 180), one of them',
      });
  });

export const checkSchema = z.discriminatedUnion(
  'kind',
  [messageCheckSchema, stateCheckSchema, answerCheckSchema, settingCheckSchema, writeCheckSchema],
  { error: 'a check kind: "message", "state", "answer", "setting" or "write"' },
);

export type Check = z.output<typeof checkSchema>;
export type MessageCheck = z.output<typeof messageCheckSchema>;
export type StateCheck = z.output<typeof stateCheckSchema>;
export type AnswerCheck = z.output<typeof answerCheckSchema>;
export type SettingCheck = z.output<typeof settingCheckSchema>;
export type WriteCheck = z.output<typeof writeCheckSchema>;

/** Every check of a lab with its task, in order. */
export function labChecks<T extends { checks: Check[] }>(lab: {
  tasks: readonly T[];
}): { task: T; check: Check }[] {
  return lab.tasks.flatMap((task) => task.checks.map((check) => ({ task, check })));
}

/** The matchers inside a check (a message check is one; a select question has one or several). */
export function checkMatchers(
  check: Check,
): { matcher: MessageMatcher; path: (string | number)[] }[] {
  if (check.kind === 'message') return [{ matcher: check, path: [] }];
  if (check.kind === 'answer' && check.select !== undefined)
    return Array.isArray(check.select)
      ? check.select.map((m, i) => ({ matcher: m, path: ['select', i] }))
      : [{ matcher: check.select, path: ['select'] }];
  return [];
}
