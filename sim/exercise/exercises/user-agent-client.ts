/**
 * Exercises where the student is a user agent client (RFC 3261 §8.1): a REGISTER, the same REGISTER
 * with digest credentials after a 401, the ACK of a 2xx and of a 486, a CANCEL, and a BYE over a
 * route set learnt from Record-Route.
 */
import type { ScenarioInput } from '../../scenario';
import type { ExerciseDefinition } from '../definition';
import type { World } from '../world';
import { aor, caller, callScenario, hostPort, proxyHost, srv } from './network';

function registrationScenario(w: World, name: string, authenticate: boolean): ScenarioInput {
  const registrarHost = `registrar.${w.caller.domain}`;
  return {
    name,
    title: `${w.caller.display} registers`,
    seed: w.scenarioSeed,
    elements: [
      caller(w, {
        registrar: `sip:${w.caller.domain}`,
        registerExpires: w.registerExpires,
        ...(authenticate ? { password: w.password } : {}),
      }),
      {
        kind: 'registrar',
        name: 'registrar',
        label: `Registrar of ${w.caller.domain}`,
        address: w.callerRegistrar,
        host: registrarHost,
        domain: w.caller.domain,
        ...(authenticate
          ? {
              authenticate: true,
              realm: w.caller.domain,
              users: [{ username: w.caller.user, password: w.password }],
            }
          : {}),
      },
    ],
    links: [{ a: w.caller.user, b: 'registrar', latencyMs: 20, loss: 0 }],
    dns: srv(w.caller.domain, registrarHost),
    timeline: [{ at: 0, actor: w.caller.user, action: 'register' }],
    endAt: 10000,
  };
}

const phone = (w: World): string =>
  `You are ${w.caller.display}'s phone (${hostPort(w.caller.address, w.caller.port)})`;

export const register: ExerciseDefinition = {
  id: 'register',
  title: 'Register a phone',
  group: 'user agent (client)',
  summary: 'A REGISTER that binds an address of record to this phone for a chosen time.',
  lesson: 'registration',
  sections: ['10.2', '8.1.1'],
  prefill: 'empty',
  build: (w) => ({
    scenario: registrationScenario(w, 'exercise-register', false),
    target: { element: w.caller.user, method: 'REGISTER', nth: 1 },
    prompt: `${phone(w)}. Register ${aor(w.caller)} with the registrar of ${w.caller.domain} for ${w.registerExpires} seconds, giving this phone as the contact.`,
    facts: [
      { label: 'Address of record', value: aor(w.caller) },
      { label: 'Display name', value: w.caller.display },
      { label: "This phone's address", value: hostPort(w.caller.address, w.caller.port) },
      { label: 'Registrar', value: `the registrar of ${w.caller.domain} (found by DNS)` },
      { label: 'Registration time', value: `${w.registerExpires} s` },
    ],
  }),
};

export const registerDigest: ExerciseDefinition = {
  id: 'register-digest',
  title: 'Register again with credentials',
  group: 'user agent (client)',
  summary:
    'The REGISTER after a 401: same Call-ID, next CSeq, and a digest response computed right.',
  lesson: 'registration',
  sections: ['22.2', '22.4', '10.2', '8.1.3.5'],
  prefill: 'sent',
  build: (w) => ({
    scenario: registrationScenario(w, 'exercise-register-digest', true),
    target: { element: w.caller.user, method: 'REGISTER', nth: 2 },
    prompt: `${phone(w)}. The registrar answered your REGISTER with 401 Unauthorized: send it again with an Authorization header that proves you know ${w.caller.display}'s password.`,
    facts: [
      { label: 'User name', value: w.caller.user },
      { label: 'Password', value: w.password },
      { label: 'Registration time', value: `${w.registerExpires} s` },
    ],
  }),
};

export const ack2xx: ExerciseDefinition = {
  id: 'ack-2xx',
  title: 'Acknowledge a 200 OK',
  group: 'user agent (client)',
  summary: 'The ACK of a 2xx: a new transaction, sent along the route set of the dialog.',
  lesson: 'invitation',
  sections: ['13.2.2.4', '12.2.1.1', '17.1.1.3'],
  prefill: 'empty',
  build: (w) => ({
    scenario: callScenario(w, 'exercise-ack-2xx', { recordRoute: true }),
    target: { element: w.caller.user, method: 'ACK', nth: 1 },
    prompt: `${phone(w)}. ${w.callee.display} answered your call: acknowledge the 200 OK.`,
    facts: [{ label: "This phone's address", value: hostPort(w.caller.address, w.caller.port) }],
  }),
};

export const ackBusy: ExerciseDefinition = {
  id: 'ack-486',
  title: 'Acknowledge a 486 Busy Here',
  group: 'user agent (client)',
  summary:
    'The ACK of a final response other than 2xx: part of the INVITE transaction, hop by hop.',
  lesson: 'invitation',
  sections: ['17.1.1.3', '17.1.1.2'],
  prefill: 'empty',
  build: (w) => ({
    scenario: callScenario(w, 'exercise-ack-486', {
      answer: { mode: 'busy', ringMs: 500 },
    }),
    target: { element: w.caller.user, method: 'ACK', nth: 1 },
    prompt: `${phone(w)}. ${w.callee.display} is busy: acknowledge the 486 Busy Here.`,
    facts: [{ label: "This phone's address", value: hostPort(w.caller.address, w.caller.port) }],
  }),
};

export const cancel: ExerciseDefinition = {
  id: 'cancel',
  title: 'Cancel a ringing call',
  group: 'user agent (client)',
  summary: 'A CANCEL: the same branch, Request-URI, Call-ID and CSeq number as the INVITE.',
  lesson: 'termination',
  sections: ['9.1'],
  prefill: 'empty',
  build: (w) => ({
    scenario: callScenario(w, 'exercise-cancel', {
      answer: { mode: 'manual' },
      then: [{ at: 3000, actor: w.caller.user, action: 'cancel' }],
    }),
    target: { element: w.caller.user, method: 'CANCEL', nth: 1 },
    prompt: `${phone(w)}. ${w.callee.display}'s phone is still ringing and ${w.caller.display} gives up: cancel the call.`,
    facts: [{ label: "This phone's address", value: hostPort(w.caller.address, w.caller.port) }],
  }),
};

export const byeRoute: ExerciseDefinition = {
  id: 'bye-route',
  title: 'Hang up over a route set',
  group: 'user agent (client)',
  summary: 'A BYE inside a dialog whose route set came from Record-Route.',
  lesson: 'record-routing',
  sections: ['15.1.1', '12.2.1.1', '16.12.1.1'],
  prefill: 'empty',
  build: (w) => ({
    scenario: callScenario(w, 'exercise-bye-route', {
      recordRoute: true,
      then: [{ at: 6000, actor: w.caller.user, action: 'bye' }],
    }),
    target: { element: w.caller.user, method: 'BYE', nth: 1 },
    prompt: `${phone(w)}, in a call with ${w.callee.display} set up through ${proxyHost(w)}, which record-routed. ${w.caller.display} hangs up: end the call.`,
    facts: [{ label: "This phone's address", value: hostPort(w.caller.address, w.caller.port) }],
  }),
};
