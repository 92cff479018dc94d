/**
 * An outgoing call, the UAC side of INVITE (RFC 3261 §13.2), as a state machine: Calling until a
 * provisional response, Proceeding or Ringing, In call once a 2xx is ACKed; Cancel pending while a
 * CANCEL waits for a provisional response and Cancelling after it (§9.1); a redirection or a challenge
 * sends the INVITE again from "Try again?" (§8.1.3.4, §22.2); Ending while the BYE waits for its answer
 * (§15.1.1); Ended or Failed. Ended and Failed still ACK a late 2xx and end it with BYE (§13.2.2.4).
 * What each transition does is in outgoing-call-actions.ts.
 */
import { setup } from 'xstate';
import {
  absorb2xx,
  acknowledge2xx,
  byeSecondAnswer,
  connect,
  createEarlyDialog,
  fail,
  failureReceived,
  giveUp,
  guards,
  hangUp,
  hangUpAnswerAfterCancel,
  hangUpLateAnswer,
  holdCancel,
  hungUpByPeer,
  noteExpired,
  retryAfterFailure,
  retryAfterTimeout,
  sendCancel,
  startExpires,
  stopWaiting,
  timedOut,
  type OutgoingCallContext,
  type OutgoingCallEvent,
} from './outgoing-call-actions';

/** The state names, and what the UA's activity list has always called them. */
export const OUTGOING_CALL_ACTIVITY = {
  Calling: 'calling',
  'Cancel pending': 'calling',
  Proceeding: 'proceeding',
  Ringing: 'ringing',
  Cancelling: 'cancelling',
  'Try again?': 'calling',
  'In call': 'confirmed',
  Ending: 'terminated',
  Ended: 'terminated',
  Failed: 'failed',
} as const;

// ---- transitions several states share (plain data: no closure per event) ------------------------------

const again2xx = {
  description: '2xx again / ACK sent again (§13.2.2.4)',
  guard: 'nothingNewIn2xx',
  actions: ['stopWaiting', 'absorb2xx'],
} as const;

/** While no 2xx has come: the first one connects the call. */
const first2xx = [
  again2xx,
  {
    description: '2xx / ACK sent (§13.2.2.4)',
    target: 'In call',
    actions: ['stopWaiting', 'acknowledge2xx', 'connect'],
  },
] as const;

/** Once answered: another fork's 2xx is ACKed and ended with BYE. */
const other2xx = [
  again2xx,
  {
    description: "another fork's 2xx / ACK, BYE (§13.2.2.4)",
    guard: 'answeredBefore',
    actions: ['stopWaiting', 'acknowledge2xx', 'byeSecondAnswer'],
  },
] as const;

/** After a CANCEL or a failure: a 2xx that comes anyway is ACKed, then the call is hung up. */
function late2xx(description: string, hangUp: 'hangUpAnswerAfterCancel' | 'hangUpLateAnswer') {
  return [
    again2xx,
    {
      description,
      target: 'Ending',
      actions: ['stopWaiting', 'acknowledge2xx', hangUp],
    },
  ] as const;
}

const failure = {
  description: '300-699 / (ACKed by the transaction)',
  target: 'Try again?',
  actions: ['failureReceived', 'retryAfterFailure'],
} as const;

/** A provisional response with a To tag makes (or updates) an early dialog (§12.1.2). */
const earlyDialog = {
  description: '1xx / early dialog if tagged',
  actions: 'createEarlyDialog',
} as const;

/** While the INVITE is answered only provisionally, the user may cancel it (§9.1). */
const cancel = {
  description: 'user cancels / CANCEL sent (§9.1)',
  target: 'Cancelling',
  actions: 'sendCancel',
} as const;

/** The INVITE's Expires runs out before a final response: the caller cancels it (§13.2.1). */
const expires = {
  description: 'Expires runs out / CANCEL sent (§13.2.1)',
  target: 'Cancelling',
  actions: ['noteExpired', 'sendCancel'],
} as const;

const timeout = {
  description: 'Timer B fires / -',
  target: 'Try again?',
  actions: 'retryAfterTimeout',
} as const;

const byeReceived = {
  description: 'BYE / 200 OK (§15.1.2)',
  target: 'Ended',
  actions: 'hungUpByPeer',
} as const;

export const outgoingCallMachine = setup({
  types: {
    context: {} as OutgoingCallContext,
    events: {} as OutgoingCallEvent,
    input: {} as OutgoingCallContext,
  },
  guards,
  actions: {
    absorb2xx,
    acknowledge2xx,
    byeSecondAnswer,
    connect,
    createEarlyDialog,
    fail,
    failureReceived,
    giveUp,
    hangUp,
    hangUpAnswerAfterCancel,
    hangUpLateAnswer,
    holdCancel,
    hungUpByPeer,
    noteExpired,
    retryAfterFailure,
    retryAfterTimeout,
    sendCancel,
    startExpires,
    stopWaiting,
    timedOut,
  },
}).createMachine({
  id: 'outgoing call',
  meta: {
    title: 'Outgoing call (UAC)',
    source: 'RFC 3261 §13.2 (with §9.1 CANCEL, §8.1.3.4 redirection, §22.2 challenges, §15 BYE)',
    created: 'user calls / INVITE sent (§13.2.1)',
  },
  context: ({ input }) => input,
  entry: 'startExpires',
  initial: 'Calling',
  states: {
    Calling: {
      description: 'INVITE sent, no response yet (its transaction retransmits it)',
      on: {
        provisional: [
          {
            description: '180 / early dialog (§12.1.2)',
            guard: 'ringing',
            target: 'Ringing',
            actions: 'createEarlyDialog',
          },
          {
            description: '1xx / early dialog if tagged',
            target: 'Proceeding',
            actions: 'createEarlyDialog',
          },
        ],
        '2xx': first2xx,
        failure,
        timeout,
        cancel: {
          description: 'user cancels / CANCEL waits for a 1xx (§9.1)',
          target: 'Cancel pending',
          actions: 'holdCancel',
        },
        'timer.expires': {
          description: 'Expires runs out / CANCEL waits for a 1xx (§13.2.1)',
          target: 'Cancel pending',
          actions: ['noteExpired', 'holdCancel'],
        },
      },
    },
    'Cancel pending': {
      description: 'The user cancelled; a CANCEL may only follow a provisional response (§9.1)',
      on: {
        provisional: {
          description: '1xx / CANCEL sent (§9.1)',
          target: 'Cancelling',
          actions: ['createEarlyDialog', 'sendCancel'],
        },
        '2xx': first2xx,
        failure,
        timeout,
      },
    },
    Proceeding: {
      description: 'A provisional response came: the INVITE is no longer retransmitted',
      on: {
        provisional: [
          {
            description: '180 / early dialog (§12.1.2)',
            guard: 'ringing',
            target: 'Ringing',
            actions: 'createEarlyDialog',
          },
          earlyDialog,
        ],
        '2xx': first2xx,
        failure,
        timeout,
        cancel,
        'timer.expires': expires,
      },
    },
    Ringing: {
      description: 'The callee is being alerted (180 Ringing)',
      on: {
        provisional: earlyDialog,
        '2xx': first2xx,
        failure,
        timeout,
        cancel,
        'timer.expires': expires,
      },
    },
    Cancelling: {
      description: 'CANCEL sent: waiting up to 64·T1 for the INVITE’s final response (§9.1)',
      on: {
        provisional: earlyDialog,
        '2xx': late2xx('2xx crossed the CANCEL / ACK, BYE (§15)', 'hangUpAnswerAfterCancel'),
        failure: {
          description: '487 (or 300-699) / -',
          target: 'Failed',
          actions: ['failureReceived', 'fail'],
        },
        timeout: { description: 'Timer B fires / -', target: 'Failed', actions: 'timedOut' },
        'timer.cancel': {
          description: '64·T1 after CANCEL / INVITE transaction destroyed (§9.1)',
          target: 'Failed',
          actions: 'giveUp',
        },
      },
    },
    'Try again?': {
      // A choice, not a state the call rests in: drawn as a dot.
      meta: { pseudo: true },
      always: [
        {
          description: 'INVITE sent again / - (the CANCEL still waits)',
          guard: 'retriedWhileCancelPending',
          target: 'Cancel pending',
        },
        {
          description:
            'redirection, challenge or next contact / INVITE sent again (§8.1.3.4, §22.2)',
          guard: 'retried',
          target: 'Calling',
        },
        {
          description: 'no route for the new INVITE / -',
          guard: 'retryUnrouted',
          target: 'Failed',
        },
        { description: 'nothing more to try / -', target: 'Failed', actions: 'fail' },
      ],
    },
    'In call': {
      description: 'Answered and ACKed: the session is up',
      on: {
        '2xx': other2xx,
        'hang-up': {
          description: 'user hangs up / BYE sent (§15.1.1)',
          target: 'Ending',
          actions: 'hangUp',
        },
        BYE: byeReceived,
      },
    },
    Ending: {
      description: 'BYE sent: waiting for its final response',
      always: { description: 'no route for the BYE / -', guard: 'byeUnsent', target: 'Ended' },
      on: {
        '2xx': other2xx,
        'bye-answered': { description: 'response to BYE (or Timer F) / -', target: 'Ended' },
        BYE: byeReceived,
      },
    },
    Ended: {
      description: 'The call is over',
      on: {
        '2xx': other2xx,
        BYE: byeReceived,
      },
    },
    Failed: {
      description: 'No call: refused, cancelled, unanswered or unreachable',
      on: { '2xx': late2xx('2xx after all / ACK, BYE (§13.2.2.4)', 'hangUpLateAnswer') },
    },
  },
});
