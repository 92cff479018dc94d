/**
 * INVITE server transaction (RFC 3261 §17.2.1, Figure 7, as RFC 6026 §8.5–§8.7 updates it):
 * Proceeding → Completed → Confirmed → Terminated for 300–699, Proceeding → Accepted → Terminated for a
 * 2xx. Provisional responses are sent once (and resent when the INVITE is retransmitted); a 300–699
 * response is retransmitted on Timer G until the ACK arrives or Timer H gives up; after a 2xx the
 * transaction stays in Accepted for Timer L, absorbing retransmitted INVITEs and passing the TU's 2xx
 * retransmissions (§13.3.1.4) — and a proxy's 2xx from other forks — to the transport.
 */
import { assign, cancel, raise, setup } from 'xstate';
import { responseTo } from '../codec';
import {
  holdResponseWeakly,
  isLastSent,
  letGoOfResponse,
  newLastResponse,
  responseToResend,
  type LastResponse,
} from './last-response';
import { backoff, timerT4, transactionTimeout, type TimerName } from './timers';
import {
  enterState,
  letGoOfRequest,
  newBook,
  noteTimerStarted,
  responseGuards,
  timerFired,
  timersStopped,
  type AckEvent,
  type RequestEvent,
  type RespondEvent,
  type ServerTransactionInput,
  type TimerEvent,
  type TransactionContextBase,
  type TransportErrorEvent,
} from './transaction-machine';

type Timer = Extract<TimerName, 'G' | 'H' | 'I' | 'L'>;

type Event =
  | RequestEvent
  | AckEvent
  | RespondEvent
  | TransportErrorEvent
  | TimerEvent<'G'>
  | TimerEvent<'H'>
  | TimerEvent<'I'>
  | TimerEvent<'L'>;

interface Context extends TransactionContextBase, Omit<ServerTransactionInput, 'request'> {
  /** The most recent response sent: resent on a request retransmission and on Timer G. */
  sent: LastResponse;
  /** The value Timer G is set to when it starts next. */
  intervalG: number;
}

const DURATION: Readonly<Record<Timer, (c: Context) => number>> = {
  G: (c) => c.intervalG,
  H: (c) => transactionTimeout(c.env.timers),
  I: (c) => timerT4(c.env.timers, c.env.reliable),
  L: (c) => transactionTimeout(c.env.timers),
};

function timerStarted({ context }: { context: Context }, { timer }: { timer: Timer }): void {
  noteTimerStarted(context, timer, DURATION[timer](context));
}

/**
 * The 100 (Trying) that quenches INVITE retransmissions (§17.2.1), built per §8.2.6 without a To tag.
 * Sent when the layer cannot count on the TU answering within 200 ms.
 */
function sendTrying({ context }: { context: Context }): void {
  if (!context.sendTrying || !context.request) return;
  const trying = responseTo(context.request, 100);
  context.sent.last = trying;
  context.env.send(trying, context.destination, {
    transactionId: context.id,
    retransmission: false,
  });
}

/**
 * A response from the TU goes to the transport. In Accepted it is a 2xx retransmission of the UAS core,
 * or another fork's 2xx that a proxy forwards: the same response as the last one sent is a retransmission.
 */
function sendResponse({ context, event }: { context: Context; event: Event }): void {
  if (event.type !== 'respond') return;
  const again = isLastSent(context.sent, event.response);
  context.sent.last = event.response;
  context.env.send(event.response, context.destination, {
    transactionId: context.id,
    retransmission: again,
  });
}

function resendResponse({ context }: { context: Context }): void {
  const last = responseToResend(context.sent);
  if (last)
    context.env.send(last, context.destination, {
      transactionId: context.id,
      retransmission: true,
    });
}

function build(reliable: boolean) {
  const startG = reliable
    ? []
    : ['startG' as const, { type: 'timerStarted', params: { timer: 'G' } } as const];
  return setup({
    types: {
      context: {} as Context,
      events: {} as Event,
      input: {} as ServerTransactionInput,
    },
    delays: {
      G: ({ context }) => DURATION.G(context),
      H: ({ context }) => DURATION.H(context),
      I: ({ context }) => DURATION.I(context),
      L: ({ context }) => DURATION.L(context),
    },
    guards: responseGuards<Event>(),
    actions: {
      enterState,
      letGoOfRequest,
      letGoOfResponse,
      holdResponseWeakly,
      timerStarted,
      timerFired,
      timersStopped,
      startG: raise({ type: 'timer.G' }, { id: 'G', delay: 'G' }),
      stopG: cancel('G'),
      startH: raise({ type: 'timer.H' }, { id: 'H', delay: 'H' }),
      stopH: cancel('H'),
      startI: raise({ type: 'timer.I' }, { id: 'I', delay: 'I' }),
      stopI: cancel('I'),
      startL: raise({ type: 'timer.L' }, { id: 'L', delay: 'L' }),
      stopL: cancel('L'),
      sendTrying,
      sendResponse,
      resendResponse,
      backOffTimerG: assign({
        intervalG: ({ context }) => backoff(context.intervalG, context.env.timers),
      }),
      informTUOfTimeout: ({ context }) => context.tu.timeout('H'),
      informTUOfTransportError: ({ context }) => context.tu.transportError(),
    },
  }).createMachine({
    id: reliable ? 'INVITE server transaction (reliable)' : 'INVITE server transaction',
    meta: {
      title: 'INVITE server transaction',
      source: 'RFC 3261 §17.2.1, Figure 7, with the Accepted state of RFC 6026 §8.7',
      created: "INVITE / pass INV to TU, send 100 if TU won't in 200ms",
    },
    context: ({ input }) => ({
      ...input,
      book: newBook(),
      sent: newLastResponse(),
      intervalG: input.env.timers.T1,
    }),
    initial: 'Proceeding',
    states: {
      Proceeding: {
        entry: [
          { type: 'enterState', params: { state: 'Proceeding', created: 'received' } },
          'sendTrying',
        ],
        on: {
          // The most recent provisional response, if there is one yet.
          request: { description: 'INVITE / send response', actions: 'resendResponse' },
          respond: [
            {
              description: '101-199 from TU / send response',
              guard: 'provisional',
              actions: 'sendResponse',
            },
            {
              description: '2xx from TU / send response',
              guard: 'success',
              target: 'Accepted',
              actions: 'sendResponse',
            },
            {
              description: '300-699 from TU / send response',
              guard: 'nonSuccessFinal',
              target: 'Completed',
              actions: 'sendResponse',
            },
          ],
          transportError: {
            description: 'Transport Err. / Inform TU',
            target: 'Terminated',
            actions: 'informTUOfTransportError',
          },
        },
      },
      Completed: {
        entry: [
          { type: 'enterState', params: { state: 'Completed', created: '' } },
          // §17.2.1: Timer G and a retransmitted INVITE resend the response, not anything of the request.
          'letGoOfRequest',
          ...startG,
          'startH',
          { type: 'timerStarted', params: { timer: 'H' } },
        ],
        on: {
          request: { description: 'INVITE / send response', actions: 'resendResponse' },
          ack: { description: 'ACK / -', target: 'Confirmed' },
          'timer.G': {
            description: 'Timer G fires / send response',
            actions: [
              'timerFired',
              'resendResponse',
              'backOffTimerG',
              'startG',
              { type: 'timerStarted', params: { timer: 'G' } },
            ],
          },
          // The ACK never came (§17.2.1).
          'timer.H': {
            description: 'Timer H fires / Inform TU',
            target: 'Terminated',
            actions: ['timerFired', 'informTUOfTimeout'],
          },
          transportError: {
            description: 'Transport Err. / Inform TU',
            target: 'Terminated',
            actions: 'informTUOfTransportError',
          },
        },
      },
      Confirmed: {
        // Absorbs the ACKs that retransmissions of the final response still trigger.
        entry: [
          { type: 'enterState', params: { state: 'Confirmed', created: '' } },
          'letGoOfRequest',
          'letGoOfResponse',
          'stopG',
          'stopH',
          { type: 'timersStopped', params: { timers: ['G', 'H'] } },
          'startI',
          { type: 'timerStarted', params: { timer: 'I' } },
        ],
        on: {
          'timer.I': {
            description: 'Timer I fires / -',
            target: 'Terminated',
            actions: 'timerFired',
          },
        },
      },
      Accepted: {
        // RFC 6026 §8.6: retransmitted INVITEs are absorbed (the TU retransmits its 2xx on its own
        // schedule), every 2xx from the TU is sent; an ACK matching this transaction goes to the TU
        // (the layer passes it on).
        entry: [
          { type: 'enterState', params: { state: 'Accepted', created: '' } },
          // RFC 6026 §8.6: retransmitted INVITEs are absorbed by the layer's key alone.
          'letGoOfRequest',
          'holdResponseWeakly',
          'startL',
          { type: 'timerStarted', params: { timer: 'L' } },
        ],
        on: {
          respond: {
            description: '2xx from TU / send response',
            guard: 'success',
            actions: ['sendResponse', 'holdResponseWeakly'],
          },
          'timer.L': {
            description: 'Timer L fires / -',
            target: 'Terminated',
            actions: 'timerFired',
          },
          transportError: {
            description: 'Transport Err. / Inform TU',
            actions: 'informTUOfTransportError',
          },
        },
      },
      Terminated: {
        type: 'final',
        entry: [
          { type: 'enterState', params: { state: 'Terminated', created: '' } },
          'stopG',
          'stopH',
          'stopI',
          'stopL',
          { type: 'timersStopped', params: { timers: ['G', 'H', 'I', 'L'] } },
        ],
      },
    },
  });
}

/** Over UDP (the simulated network's transport). */
export const inviteServerTransaction = build(false);
/** Over TCP or SCTP: no Timer G, Timer I zero. */
export const reliableInviteServerTransaction = build(true);
