/**
 * An incoming call, the UAS side of INVITE (RFC 3261 §13.3), as a state machine: Ringing while the user
 * is alerted (or refused at once when busy), Answered while the 2xx is resent until its ACK (§13.3.1.4),
 * In call once ACKed; Hang-up pending when the user hangs up before the ACK, since the callee may not
 * send BYE before it (§15); Rejected after a non-2xx final response (a refusal, CANCEL §9.2, Expires
 * §13.3.1); Ending while the BYE waits for its answer, then Ended. What each transition does is in
 * incoming-call-actions.ts.
 */
import { setup } from 'xstate';
import {
  answer,
  byeWithoutAck,
  cancelled,
  connect,
  expire,
  guards,
  hangUp,
  hungUpByPeer,
  noteUserChoice,
  refuseAnswer,
  refuseBusy,
  resend2xx,
  ring,
  startExpiry,
  stopTimers,
  type IncomingCallContext,
  type IncomingCallEvent,
} from './incoming-call-actions';

/** The state names, and what the UA's activity list has always called them. */
export const INCOMING_CALL_ACTIVITY = {
  Invited: 'ringing',
  Ringing: 'ringing',
  Answered: 'answered',
  'Hang-up pending': 'answered',
  'In call': 'confirmed',
  Ending: 'terminated',
  Ended: 'terminated',
  Rejected: 'terminated',
} as const;

const byeReceived = {
  description: 'BYE / 200 OK (§15.1.2)',
  target: 'Ended',
  actions: ['stopTimers', 'hungUpByPeer'],
} as const;

/** No ACK yet: the 2xx again, until 64·T1 have passed; then BYE. */
const retransmit = [
  {
    description: '64·T1 without ACK / BYE sent (§13.3.1.4)',
    guard: 'noAckInTime',
    target: 'Ending',
    actions: 'byeWithoutAck',
  },
  { description: 'retransmit timer fires / 2xx sent again (§13.3.1.4)', actions: 'resend2xx' },
] as const;

export const incomingCallMachine = setup({
  types: {
    context: {} as IncomingCallContext,
    events: {} as IncomingCallEvent,
    input: {} as IncomingCallContext,
  },
  guards,
  actions: {
    answer,
    byeWithoutAck,
    cancelled,
    connect,
    expire,
    hangUp,
    hungUpByPeer,
    noteUserChoice,
    refuseAnswer,
    refuseBusy,
    resend2xx,
    ring,
    startExpiry,
    stopTimers,
  },
}).createMachine({
  id: 'incoming call',
  meta: {
    title: 'Incoming call (UAS)',
    source: 'RFC 3261 §13.3 (with §9.2 CANCEL, §15 BYE)',
    created: 'INVITE received / (its server transaction)',
  },
  context: ({ input }) => input,
  initial: 'Invited',
  states: {
    Invited: {
      // A choice, not a state the call rests in: drawn as a dot.
      meta: { pseudo: true },
      entry: 'startExpiry',
      always: [
        {
          description: 'busy / 486 Busy Here',
          guard: 'busy',
          target: 'Rejected',
          actions: 'refuseBusy',
        },
        {
          description: 'alert the user / 180 Ringing (§13.3.1.1)',
          target: 'Ringing',
          actions: 'ring',
        },
      ],
    },
    Ringing: {
      description: 'The user is alerted; the INVITE waits for an answer',
      on: {
        answer: [
          {
            description: 'user answers / 200 OK with SDP (§13.3.1.4)',
            guard: 'answers',
            target: 'Answered',
            actions: ['stopTimers', 'answer'],
          },
          {
            description: 'user declines or is busy / 603, 486',
            target: 'Rejected',
            actions: ['stopTimers', 'refuseAnswer'],
          },
        ],
        'timer.answer': [
          {
            description: 'ring time over, answer / 200 OK with SDP (§13.3.1.4)',
            guard: 'answers',
            target: 'Answered',
            actions: ['noteUserChoice', 'answer'],
          },
          {
            description: 'ring time over, refuse / 603, 480',
            target: 'Rejected',
            actions: ['noteUserChoice', 'refuseAnswer'],
          },
        ],
        'timer.expiry': {
          description: 'Expires runs out / 487 (§13.3.1)',
          target: 'Rejected',
          actions: 'expire',
        },
        CANCEL: {
          description: 'CANCEL / 487 Request Terminated (§9.2)',
          target: 'Rejected',
          actions: 'cancelled',
        },
        BYE: byeReceived,
      },
    },
    Answered: {
      description: '2xx sent: resent until the ACK comes (§13.3.1.4)',
      on: {
        ACK: { description: 'ACK / -', target: 'In call', actions: ['stopTimers', 'connect'] },
        'timer.retransmit': retransmit,
        'hang-up': {
          description: 'user hangs up / BYE waits for the ACK (§15)',
          target: 'Hang-up pending',
        },
        BYE: byeReceived,
      },
    },
    'Hang-up pending': {
      description: 'The user hung up before the ACK: the BYE may only follow it (§15)',
      on: {
        ACK: {
          description: 'ACK / BYE sent (§15)',
          target: 'Ending',
          actions: ['stopTimers', 'connect', 'hangUp'],
        },
        'timer.retransmit': retransmit,
        BYE: byeReceived,
      },
    },
    'In call': {
      description: 'Answered and ACKed: the session is up',
      on: {
        'hang-up': {
          description: 'user hangs up / BYE sent (§15.1.1)',
          target: 'Ending',
          actions: ['stopTimers', 'hangUp'],
        },
        BYE: byeReceived,
      },
    },
    Ending: {
      description: 'BYE sent: waiting for its final response',
      always: { description: 'no route for the BYE / -', guard: 'byeUnsent', target: 'Ended' },
      on: {
        'bye-answered': { description: 'response to BYE (or Timer F) / -', target: 'Ended' },
        BYE: byeReceived,
      },
    },
    Ended: {
      description: 'The call is over',
      on: { BYE: byeReceived },
    },
    Rejected: {
      description: 'Refused with a non-2xx final response: no call',
      on: { BYE: byeReceived },
    },
  },
});
