/**
 * A user agent's registration (RFC 3261 §10.2), as a state machine: Unregistered until the user
 * registers; Registering while a REGISTER waits for its final response; Challenged when a 401/407 was
 * answered with credentials (§22.2); Registered with a refresh timer (§10.2.4, §10.2.1.1); Refreshing
 * while the refresh REGISTER is out; Expired when a UA that does not refresh (refresh: false) reaches
 * the end of the time the registrar granted (§10.2.1: the binding is gone, requests to the AOR no
 * longer reach this UA); Failed after a refusal or Timer F. The final response is judged
 * once (registration-actions.ts) and the "Answer?" choice sends the machine where it leads. Removing
 * the binding (Expires: 0, §10.2.2) goes through Registering too and ends in Unregistered.
 */
import { setup } from 'xstate';
import {
  bind,
  holdNext,
  judgeResponse,
  expire,
  noteRefresh,
  registrationGuards,
  startRegistration,
  refresh,
  timedOut,
  unbind,
  type RegistrationContext,
  type RegistrationEvent,
} from './registration-actions';

/** The state names, and what the UA's activity list has always called them. */
export const REGISTRATION_ACTIVITY = {
  Unregistered: 'unregistered',
  Registering: 'registering',
  Challenged: 'registering',
  'Answer?': 'registering',
  Registered: 'registered',
  Refreshing: 'registering',
  Expired: 'expired',
  Failed: 'failed',
} as const;

/** The user registers or unregisters: at once when nothing is out (§10.2). */
const registerNow = {
  description: 'user registers or unregisters / REGISTER sent (§10.2)',
  target: 'Registering',
  actions: 'startRegistration',
} as const;

/** While a REGISTER is out, the user's new registration waits for its final response (§10.2). */
const register = [
  {
    description: 'user registers while a REGISTER is out / it waits (§10.2)',
    guard: 'inFlight',
    actions: 'holdNext',
  },
  registerNow,
] as const;

const finalResponse = {
  description: 'final response / -',
  target: 'Answer?',
  actions: 'judgeResponse',
} as const;

const timeout = {
  description: 'Timer F fires / - (no answer from the registrar)',
  target: 'Failed',
  actions: 'timedOut',
} as const;

export const registrationMachine = setup({
  types: {
    context: {} as RegistrationContext,
    events: {} as RegistrationEvent,
    input: {} as RegistrationContext,
  },
  guards: registrationGuards,
  actions: {
    bind,
    expire,
    holdNext,
    judgeResponse,
    noteRefresh,
    refresh,
    startRegistration,
    timedOut,
    unbind,
  },
}).createMachine({
  id: 'registration',
  meta: {
    title: 'Registration (UA)',
    source: 'RFC 3261 §10.2 (with §22.2 challenges, §10.2.8 423, §10.2.4 refresh)',
    created: 'first register / -',
  },
  context: ({ input }) => input,
  initial: 'Unregistered',
  states: {
    Unregistered: {
      description: 'No binding of this UA at the registrar',
      on: { register: registerNow },
    },
    Registering: {
      description: 'REGISTER sent: waiting for its final response',
      on: { register, response: finalResponse, timeout },
    },
    Challenged: {
      description: 'The registrar asked for credentials: REGISTER sent again with them (§22.2)',
      on: { register, response: finalResponse, timeout },
    },
    'Answer?': {
      // A choice, not a state the registration rests in: drawn as a dot.
      meta: { pseudo: true },
      always: [
        {
          description: '401/407 / REGISTER with credentials sent (§22.2)',
          guard: 'challengeAnswered',
          target: 'Challenged',
        },
        {
          description: '423 / REGISTER with Min-Expires sent (§10.2.8)',
          guard: 'retriedLonger',
          target: 'Registering',
        },
        { description: '300-699 / -', guard: 'refused', target: 'Failed' },
        {
          description: '2xx to Expires: 0 / - (binding removed)',
          guard: 'removed',
          target: 'Unregistered',
          actions: 'unbind',
        },
        {
          description: '2xx / refresh timer started (§10.2.4)',
          target: 'Registered',
          actions: 'bind',
        },
      ],
    },
    Registered: {
      description: 'Bound until the granted expiry; refreshed before it (§10.2.4)',
      on: {
        register: registerNow,
        // Nothing is out here: every REGISTER's final response (or Timer F) has come.
        'timer.refresh': {
          description: 'refresh timer fires / REGISTER sent (§10.2.1.1)',
          target: 'Refreshing',
          actions: ['noteRefresh', 'refresh'],
        },
        // Armed instead of the refresh when the UA does not refresh (§10.2.1).
        'timer.expires': {
          description: 'granted time runs out, no refresh / - (binding gone, §10.2.1)',
          target: 'Expired',
          actions: 'expire',
        },
      },
    },
    Refreshing: {
      description: 'The refresh REGISTER is out: the binding holds meanwhile',
      on: { register, response: finalResponse, timeout },
    },
    Expired: {
      description: 'The granted time ran out without a refresh: no binding at the registrar',
      on: { register: registerNow },
    },
    Failed: {
      description: 'Refused, or the registrar never answered',
      on: { register: registerNow },
    },
  },
});
