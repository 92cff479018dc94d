/**
 * Exercises where the student is the called phone, a user agent server (RFC 3261 §8.2.6, §12.1.1,
 * §13.3.1): the 180 Ringing and the 200 OK with an SDP answer to an INVITE that came through a proxy.
 */
import type { ExerciseDefinition } from '../definition';
import type { World } from '../world';
import { callScenario, hostPort } from './network';

const phone = (w: World): string =>
  `You are ${w.callee.display}'s phone (${hostPort(w.callee.address, w.callee.port)})`;

const facts = (w: World) => [
  { label: "This phone's address", value: hostPort(w.callee.address, w.callee.port) },
  { label: "This phone's user name", value: w.callee.user },
];

export const uasRinging: ExerciseDefinition = {
  id: 'uas-ringing',
  title: 'Ring: 180 Ringing',
  group: 'user agent (server)',
  summary:
    'A provisional response that creates an early dialog: copied headers, a To tag, a Contact.',
  lesson: 'invitation',
  sections: ['8.2.6.2', '12.1.1', '13.3.1.1'],
  prefill: 'received',
  build: (w) => ({
    scenario: callScenario(w, 'exercise-uas-ringing', { recordRoute: true }),
    target: { element: w.callee.user, status: 180, nth: 1 },
    prompt: `${phone(w)}. An INVITE from ${w.caller.display} has arrived and the phone starts ringing: tell the caller so.`,
    facts: facts(w),
  }),
};

export const uasOk: ExerciseDefinition = {
  id: 'uas-ok',
  title: 'Answer: 200 OK with an SDP answer',
  group: 'user agent (server)',
  summary:
    'The 2xx to an INVITE: the same To tag as the 180, a Contact, and an SDP answer to the offer.',
  lesson: 'invitation',
  sections: ['13.3.1.4', '12.1.1', '8.2.6.2'],
  prefill: 'received',
  build: (w) => ({
    scenario: callScenario(w, 'exercise-uas-ok', { recordRoute: true }),
    target: { element: w.callee.user, status: 200, nth: 1 },
    prompt: `${phone(w)}. It has been ringing and ${w.callee.display} picks up: accept the call, with an SDP answer to the caller's offer.`,
    facts: [...facts(w), { label: 'Audio port for the answer', value: 'any free port' }],
  }),
};
