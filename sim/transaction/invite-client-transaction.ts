/**
 * INVITE client transaction (RFC 3261 §17.1.1, Figure 5, as RFC 6026 §8.4 updates it): Calling →
 * Proceeding → Completed or Accepted → Terminated. Timer A retransmits the INVITE over UDP, Timer B
 * gives up, Timer D absorbs retransmitted 300–699 responses (each ACKed again, §17.1.1.3), and Timer M
 * keeps the transaction in Accepted so that 2xx retransmissions and the 2xx of other forks still reach
 * the TU, which ACKs each one (§13.2.2.4).
 */
import { assign, cancel, raise, setup } from 'xstate';
import type { SipRequest } from '../codec';
import { ackForNonSuccess } from './ack';
import { timerD, transactionTimeout, type TimerName } from './timers';
import {
  enterState,
  letGoOfRequest,
  newBook,
  noteTimerStarted,
  responseGuards,
  timerFired,
  timersStopped,
  type AbandonEvent,
  type ClientTransactionInput,
  type ResponseEvent,
  type TimerEvent,
  type TransactionContextBase,
  type TransportErrorEvent,
} from './transaction-machine';

type Timer = Extract<TimerName, 'A' | 'B' | 'D' | 'M'>;

type Event =
  | ResponseEvent
  | TransportErrorEvent
  | AbandonEvent
  | TimerEvent<'A'>
  | TimerEvent<'B'>
  | TimerEvent<'D'>
  | TimerEvent<'M'>;

interface Context extends TransactionContextBase, Omit<ClientTransactionInput, 'request'> {
  /** The value Timer A is set to when it starts next: T1, then doubled at every firing. */
  intervalA: number;
  /** The ACK of the 300–699 response, kept to resend on each retransmission of that response. */
  ack: SipRequest | null;
}

const DURATION: Readonly<Record<Timer, (c: Context) => number>> = {
  A: (c) => c.intervalA,
  B: (c) => transactionTimeout(c.env.timers),
  D: (c) => timerD(c.env.timers, c.env.reliable),
  M: (c) => transactionTimeout(c.env.timers),
};

function timerStarted({ context }: { context: Context }, { timer }: { timer: Timer }): void {
  noteTimerStarted(context, timer, DURATION[timer](context));
}

function sendInvite({ context }: { context: Context }, { again }: { again: boolean }): void {
  if (context.request)
    context.env.send(context.request, context.destination, {
      transactionId: context.id,
      retransmission: again,
    });
}

function sendAck({ context }: { context: Context }, { again }: { again: boolean }): void {
  // The ACK goes where the INVITE went, even over a reliable transport (§17.1.1.2).
  if (context.ack)
    context.env.send(context.ack, context.destination, {
      transactionId: context.id,
      retransmission: again,
    });
}

function passResponseToTU({ context, event }: { context: Context; event: Event }): void {
  if (event.type === 'response') context.tu.passResponse(event.response);
}

/**
 * The machine for one transport: Timer A runs only over an unreliable one (§17.1.1.2), and XState
 * cannot skip a built-in action by a condition without a closure per event, so each transport gets
 * its own (identical but for that) definition.
 */
/** Timers stop when the state that ran them is left (XState's `cancel`, and the book). */
const stopAB = [
  'stopA',
  'stopB',
  { type: 'timersStopped', params: { timers: ['A', 'B'] } },
] as const;

function build(reliable: boolean) {
  const startA = reliable
    ? []
    : ['startA' as const, { type: 'timerStarted', params: { timer: 'A' } } as const];
  return setup({
    types: {
      context: {} as Context,
      events: {} as Event,
      input: {} as ClientTransactionInput,
    },
    delays: {
      A: ({ context }) => DURATION.A(context),
      B: ({ context }) => DURATION.B(context),
      D: ({ context }) => DURATION.D(context),
      M: ({ context }) => DURATION.M(context),
    },
    guards: responseGuards<Event>(),
    actions: {
      enterState,
      letGoOfRequest,
      timerStarted,
      timerFired,
      timersStopped,
      startA: raise({ type: 'timer.A' }, { id: 'A', delay: 'A' }),
      stopA: cancel('A'),
      startB: raise({ type: 'timer.B' }, { id: 'B', delay: 'B' }),
      stopB: cancel('B'),
      startD: raise({ type: 'timer.D' }, { id: 'D', delay: 'D' }),
      stopD: cancel('D'),
      startM: raise({ type: 'timer.M' }, { id: 'M', delay: 'M' }),
      stopM: cancel('M'),
      sendInvite,
      doubleTimerA: assign({ intervalA: ({ context }) => 2 * context.intervalA }),
      buildAck: assign({
        ack: ({ context, event }) =>
          event.type === 'response' && context.request
            ? ackForNonSuccess(context.request, event.response)
            : null,
      }),
      sendAck,
      passResponseToTU,
      informTUOfTimeout: ({ context }) => context.tu.timeout('B'),
      informTUOfTransportError: ({ context }) => context.tu.transportError(),
    },
  }).createMachine({
    id: reliable ? 'INVITE client transaction (reliable)' : 'INVITE client transaction',
    meta: {
      title: 'INVITE client transaction',
      source: 'RFC 3261 §17.1.1, Figure 5, with the Accepted state of RFC 6026 §8.4',
      created: 'INVITE from TU / INVITE sent',
    },
    context: ({ input }) => ({
      ...input,
      book: newBook(),
      intervalA: input.env.timers.T1,
      ack: null,
    }),
    initial: 'Calling',
    states: {
      Calling: {
        entry: [
          { type: 'enterState', params: { state: 'Calling', created: 'from TU' } },
          { type: 'sendInvite', params: { again: false } },
          ...startA,
          'startB',
          { type: 'timerStarted', params: { timer: 'B' } },
        ],
        on: {
          'timer.A': {
            description: 'Timer A fires / Reset A, INVITE sent',
            actions: [
              'timerFired',
              { type: 'sendInvite', params: { again: true } },
              'doubleTimerA',
              'startA',
              { type: 'timerStarted', params: { timer: 'A' } },
            ],
          },
          'timer.B': {
            description: 'Timer B fires / inform TU',
            target: 'Terminated',
            actions: ['timerFired', 'informTUOfTimeout'],
          },
          response: [
            {
              description: '1xx / 1xx to TU',
              guard: 'provisional',
              target: 'Proceeding',
              actions: 'passResponseToTU',
            },
            {
              description: '2xx / 2xx to TU',
              guard: 'success',
              target: 'Accepted',
              actions: 'passResponseToTU',
            },
            {
              description: '300-699 / ACK sent, resp. to TU',
              guard: 'nonSuccessFinal',
              target: 'Completed',
              actions: [
                'buildAck',
                { type: 'sendAck', params: { again: false } },
                'passResponseToTU',
              ],
            },
          ],
          transportError: {
            description: 'Transport Err. / inform TU',
            target: 'Terminated',
            actions: 'informTUOfTransportError',
          },
        },
      },
      Proceeding: {
        // Retransmissions cease, and Timer B only runs in Calling (§17.1.1.2): the TU (a UAC that may
        // CANCEL, or a proxy with Timer C, §16.6) decides how long to wait for a final response.
        entry: [{ type: 'enterState', params: { state: 'Proceeding', created: '' } }, ...stopAB],
        on: {
          response: [
            { description: '1xx / 1xx to TU', guard: 'provisional', actions: 'passResponseToTU' },
            {
              description: '2xx / 2xx to TU',
              guard: 'success',
              target: 'Accepted',
              actions: 'passResponseToTU',
            },
            {
              description: '300-699 / ACK sent, resp. to TU',
              guard: 'nonSuccessFinal',
              target: 'Completed',
              actions: [
                'buildAck',
                { type: 'sendAck', params: { again: false } },
                'passResponseToTU',
              ],
            },
          ],
          abandon: {
            description: 'no final response 64·T1 after CANCEL (§9.1) / -',
            target: 'Terminated',
          },
        },
      },
      Completed: {
        entry: [
          { type: 'enterState', params: { state: 'Completed', created: '' } },
          // §17.1.1.2: a retransmitted 300–699 response is answered with the ACK built on the way in.
          'letGoOfRequest',
          ...stopAB,
          'startD',
          { type: 'timerStarted', params: { timer: 'D' } },
        ],
        on: {
          // A retransmission of the final response: ACK it again, but do not pass it up.
          response: {
            description: '300-699 / ACK sent',
            guard: 'nonSuccessFinal',
            actions: { type: 'sendAck', params: { again: true } },
          },
          'timer.D': {
            description: 'Timer D fires / -',
            target: 'Terminated',
            actions: 'timerFired',
          },
          transportError: {
            description: 'Transport Err. / inform TU',
            target: 'Terminated',
            actions: 'informTUOfTransportError',
          },
        },
      },
      Accepted: {
        // RFC 6026 §8.4: every further 2xx (a retransmission, or another fork's answer) goes to the TU.
        entry: [
          { type: 'enterState', params: { state: 'Accepted', created: '' } },
          // RFC 6026 §8.4: 2xx responses only go up to the TU; the INVITE is never sent again.
          'letGoOfRequest',
          ...stopAB,
          'startM',
          { type: 'timerStarted', params: { timer: 'M' } },
        ],
        on: {
          response: {
            description: '2xx / 2xx to TU',
            guard: 'success',
            actions: 'passResponseToTU',
          },
          'timer.M': {
            description: 'Timer M fires / -',
            target: 'Terminated',
            actions: 'timerFired',
          },
        },
      },
      Terminated: {
        type: 'final',
        entry: [
          { type: 'enterState', params: { state: 'Terminated', created: '' } },
          'stopA',
          'stopB',
          'stopD',
          'stopM',
          { type: 'timersStopped', params: { timers: ['A', 'B', 'D', 'M'] } },
        ],
      },
    },
  });
}

/** Over UDP (the simulated network's transport). */
export const inviteClientTransaction = build(false);
/** Over TCP or SCTP: no Timer A, Timer D zero. */
export const reliableInviteClientTransaction = build(true);
