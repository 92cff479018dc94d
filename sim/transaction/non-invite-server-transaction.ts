/**
 * Non-INVITE server transaction (RFC 3261 §17.2.2, Figure 8): Trying → Proceeding → Completed →
 * Terminated. Responses are sent once and resent only when the request is retransmitted; Timer J
 * keeps the transaction in Completed long enough to answer every retransmission over UDP.
 */
import { cancel, raise, setup } from 'xstate';
import {
  keepResponseBytes,
  newLastResponse,
  responseToResend,
  type LastResponse,
} from './last-response';
import { timerJ, type TimerName } from './timers';
import {
  enterState,
  letGoOfRequest,
  newBook,
  noteTimerStarted,
  responseGuards,
  timerFired,
  timersStopped,
  type RequestEvent,
  type RespondEvent,
  type ServerTransactionInput,
  type TimerEvent,
  type TransactionContextBase,
  type TransportErrorEvent,
} from './transaction-machine';

type Timer = Extract<TimerName, 'J'>;

type Event = RequestEvent | RespondEvent | TransportErrorEvent | TimerEvent<'J'>;

interface Context extends TransactionContextBase, Omit<ServerTransactionInput, 'request'> {
  /** The most recent response sent: resent on a request retransmission. */
  sent: LastResponse;
}

const DURATION: Readonly<Record<Timer, (c: Context) => number>> = {
  J: (c) => timerJ(c.env.timers, c.env.reliable),
};

function timerStarted({ context }: { context: Context }, { timer }: { timer: Timer }): void {
  noteTimerStarted(context, timer, DURATION[timer](context));
}

function sendResponse({ context, event }: { context: Context; event: Event }): void {
  if (event.type !== 'respond') return;
  context.sent.last = event.response;
  context.env.send(event.response, context.destination, {
    transactionId: context.id,
    retransmission: false,
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

function build() {
  return setup({
    types: {
      context: {} as Context,
      events: {} as Event,
      input: {} as ServerTransactionInput,
    },
    delays: {
      J: ({ context }) => DURATION.J(context),
    },
    guards: responseGuards<Event>(),
    actions: {
      enterState,
      letGoOfRequest,
      keepResponseBytes,
      timerStarted,
      timerFired,
      timersStopped,
      startJ: raise({ type: 'timer.J' }, { id: 'J', delay: 'J' }),
      stopJ: cancel('J'),
      sendResponse,
      resendResponse,
      informTUOfTransportError: ({ context }) => context.tu.transportError(),
    },
  }).createMachine({
    id: 'non-INVITE server transaction',
    meta: {
      title: 'non-INVITE server transaction',
      source: 'RFC 3261 §17.2.2, Figure 8',
      created: 'Request received / pass to TU',
    },
    context: ({ input }) => ({ ...input, book: newBook(), sent: newLastResponse() }),
    initial: 'Trying',
    states: {
      Trying: {
        // A retransmission before any response is absorbed (§17.2.2).
        entry: { type: 'enterState', params: { state: 'Trying', created: 'received' } },
        on: {
          respond: [
            {
              description: '1xx from TU / send response',
              guard: 'provisional',
              target: 'Proceeding',
              actions: 'sendResponse',
            },
            {
              description: '200-699 from TU / send response',
              guard: 'final',
              target: 'Completed',
              actions: 'sendResponse',
            },
          ],
        },
      },
      Proceeding: {
        entry: { type: 'enterState', params: { state: 'Proceeding', created: '' } },
        on: {
          request: { description: 'Request / send response', actions: 'resendResponse' },
          respond: [
            {
              description: '1xx from TU / send response',
              guard: 'provisional',
              actions: 'sendResponse',
            },
            {
              description: '200-699 from TU / send response',
              guard: 'final',
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
          // §17.2.2: a retransmitted request gets the last response again; the request is not needed.
          'letGoOfRequest',
          'keepResponseBytes',
          'startJ',
          { type: 'timerStarted', params: { timer: 'J' } },
        ],
        on: {
          request: { description: 'Request / send response', actions: 'resendResponse' },
          'timer.J': {
            description: 'Timer J fires / -',
            target: 'Terminated',
            actions: 'timerFired',
          },
          transportError: {
            description: 'Transport Err. / Inform TU',
            target: 'Terminated',
            actions: 'informTUOfTransportError',
          },
        },
      },
      Terminated: {
        type: 'final',
        entry: [
          { type: 'enterState', params: { state: 'Terminated', created: '' } },
          'stopJ',
          { type: 'timersStopped', params: { timers: ['J'] } },
        ],
      },
    },
  });
}

/** Timer J is 0 over a reliable transport: one definition serves both (the delay reads the transport). */
export const nonInviteServerTransaction = build();
