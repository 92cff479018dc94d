/**
 * What a student does in a lab, as data: a user action on the timeline at a virtual time, a setting of
 * an element, a fault rule, a link's latency or loss, or an answer to a question. A submission is a list
 * of these in the order the student took them; replaying the list gives the same run every time.
 */
import { z } from 'zod';
import { checkId } from './check-schema';
import { MAX_SIMULATED_MS } from './limits';
import { faultRuleSchema } from './scenario-parts';

const elementName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, 'the name of an element of the scenario');

export const studentActionSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('timeline'),
        /** Virtual time of the action, in ms from the start. */
        at: z
          .number()
          .min(0)
          .max(MAX_SIMULATED_MS, 'a lab runs at most one hour of simulated time (3,600,000 ms)'),
        /** A timeline action of the scenario format without its time: { actor, action, ...arguments }. */
        action: z.record(z.string(), z.json()),
      })
      .strict(),
    z
      .object({
        kind: z.literal('setting'),
        element: elementName,
        /** New values of settings of the element (null puts a setting back to its default). */
        settings: z.record(z.string(), z.json()),
      })
      .strict(),
    z.object({ kind: z.literal('fault'), rule: faultRuleSchema }).strict(),
    z
      .object({
        kind: z.literal('link'),
        a: elementName,
        b: elementName,
        latencyMs: z.number().min(0).max(60000).optional(),
        loss: z.number().min(0).max(1).optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('answer'),
        /** The id of the question (an `answer` check). */
        question: checkId,
        /** The choice's index or text, the text typed, or the selected trace event's index. */
        choice: z.union([z.string().max(1000), z.number().int().min(0)]),
      })
      .strict(),
    z
      .object({
        kind: z.literal('write'),
        /** The id of the "write the message" check. */
        check: checkId,
        /** The message as the student wrote it (text; lines may end in LF). */
        text: z.string().max(20000),
      })
      .strict(),
  ],
  { error: 'an action kind: "timeline", "setting", "fault", "link", "answer" or "write"' },
);

export type StudentAction = z.output<typeof studentActionSchema>;
export type StudentActionInput = z.input<typeof studentActionSchema>;
