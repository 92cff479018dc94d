/**
 * Non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6): Trying → Proceeding → Completed →
 * Terminated, Timer E retransmitting the request over UDP (T1 doubling to T2, then T2 once a
 * provisional response came), Timer F giving up, Timer K absorbing retransmitted final responses.
 */
import { assign, cancel, raise, setup } from 'xstate';
import { backoff, timerT4, transactionTimeout, type TimerName } from './timers';
import {
  enterState,
  letGoOfRequest,
  newBook,
  noteTimerStarted,
  responseGuards,
  timerFired,
  timersStopped,
  type ClientTransactionInput,
  type ResponseEvent,
  type TimerEvent,
  type TransactionContextBase,
  type TransportErrorEvent,
} from './transaction-machine';

type Timer = Extract<TimerName, 'E' | 'F' | 'K'>;

type Event =
  ResponseEvent | TransportErrorEvent | TimerEvent<'E'> | TimerEvent<'F'> | TimerEvent<'K'>;

interface Context extends TransactionContextBase, Omit<ClientTransactionInput, 'request'> {
  /** The value Timer E is set to when it starts next. */
  intervalE: number;
}

const DURATION: Readonly<Record<Timer, (c: Context) => number>> = {
  E: (c) => c.intervalE,
  F: (c) => transactionTimeout(c.env.timers),
  K: (c) => timerT4(c.env.timers, c.env.reliable),
};

function timerStarted({ context }: { context: Context }, { timer }: { timer: Timer }): void {
  noteTimerStarted(context, timer, DURATION[timer](context));
}

function sendRequest({ context }: { context: Context }, { again }: { again: boolean }): void {
  if (context.request)
    context.env.send(context.request, context.destination, {
      transactionId: context.id,
      retransmission: again,
    });
}

function passResponseToTU({ context, event }: { context: Context; event: Event }): void {
  if (event.type === 'response') context.tu.passResponse(event.response);
}

/** Timer E fired: retransmit, set E anew (the interval is updated before by the state's rule). */
const retransmit = ['timerFired', { type: 'sendRequest', params: { again: true } }] as const;

function build(reliable: boolean) {
  const startE = reliable
    ? []
    : ['startE' as const, { type: 'timerStarted', params: { timer: 'E' } } as const];
  return setup({
    types: {
      context: {} as Context,
      events: {} as Event,
      input: {} as ClientTransactionInput,
    },
    delays: {
      E: ({ context }) => DURATION.E(context),
      F: ({ context }) => DURATION.F(context),
      K: ({ context }) => DURATION.K(context),
    },
    guards: responseGuards<Event>(),
    actions: {
      enterState,
      letGoOfRequest,
      timerStarted,
      timerFired,
      timersStopped,
      startE: raise({ type: 'timer.E' }, { id: 'E', delay: 'E' }),
      stopE: cancel('E'),
      startF: raise({ type: 'timer.F' }, { id: 'F', delay: 'F' }),
      stopF: cancel('F'),
      startK: raise({ type: 'timer.K' }, { id: 'K', delay: 'K' }),
      stopK: cancel('K'),
      sendRequest,
      /** In Trying: MIN(2 * previous, T2). */
      backOffTimerE: assign({
        intervalE: ({ context }) => backoff(context.intervalE, context.env.timers),
      }),
      /** In Proceeding: T2. */
      setTimerEToT2: assign({ intervalE: ({ context }) => context.env.timers.T2 }),
      passResponseToTU,
      informTUOfTimeout: ({ context }) => context.tu.timeout('F'),
      informTUOfTransportError: ({ context }) => context.tu.transportError(),
    },
  }).createMachine({
    id: reliable ? 'non-INVITE client transaction (reliable)' : 'non-INVITE client transaction',
    meta: {
      title: 'non-INVITE client transaction',
      source: 'RFC 3261 §17.1.2, Figure 6',
      created: 'Request from TU / send request',
    },
    context: ({ input }) => ({ ...input, book: newBook(), intervalE: input.env.timers.T1 }),
    initial: 'Trying',
    states: {
      Trying: {
        entry: [
          { type: 'enterState', params: { state: 'Trying', created: 'from TU' } },
          { type: 'sendRequest', params: { again: false } },
          'startF',
          { type: 'timerStarted', params: { timer: 'F' } },
          ...startE,
        ],
        on: {
          'timer.E': {
            description: 'Timer E / send request',
            actions: [
              ...retransmit,
              'backOffTimerE',
              'startE',
              { type: 'timerStarted', params: { timer: 'E' } },
            ],
          },
          'timer.F': {
            description: 'Timer F / inform TU',
            target: 'Terminated',
            actions: ['timerFired', 'informTUOfTimeout'],
          },
          response: [
            {
              description: '1xx / resp. to TU',
              guard: 'provisional',
              target: 'Proceeding',
              actions: 'passResponseToTU',
            },
            {
              description: '200-699 / resp. to TU',
              guard: 'final',
              target: 'Completed',
              actions: 'passResponseToTU',
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
        // Timers E and F keep running: retransmissions continue so the final response is delivered
        // reliably (§17.1.2.1); when E fires next it is reset to T2.
        entry: { type: 'enterState', params: { state: 'Proceeding', created: '' } },
        on: {
          'timer.E': {
            description: 'Timer E / send request',
            actions: [
              ...retransmit,
              'setTimerEToT2',
              'startE',
              { type: 'timerStarted', params: { timer: 'E' } },
            ],
          },
          'timer.F': {
            description: 'Timer F / inform TU',
            target: 'Terminated',
            actions: ['timerFired', 'informTUOfTimeout'],
          },
          response: [
            { description: '1xx / resp. to TU', guard: 'provisional', actions: 'passResponseToTU' },
            {
              description: '200-699 / resp. to TU',
              guard: 'final',
              target: 'Completed',
              actions: 'passResponseToTU',
            },
          ],
          transportError: {
            description: 'Transport Err. / inform TU',
            target: 'Terminated',
            actions: 'informTUOfTransportError',
          },
        },
      },
      Completed: {
        // Retransmitted final responses are absorbed here until Timer K fires.
        entry: [
          { type: 'enterState', params: { state: 'Completed', created: '' } },
          // §17.1.2.2: retransmitted final responses are absorbed by the layer's key alone.
          'letGoOfRequest',
          'stopE',
          'stopF',
          { type: 'timersStopped', params: { timers: ['E', 'F'] } },
          'startK',
          { type: 'timerStarted', params: { timer: 'K' } },
        ],
        on: {
          'timer.K': { description: 'Timer K / -', target: 'Terminated', actions: 'timerFired' },
        },
      },
      Terminated: {
        type: 'final',
        entry: [
          { type: 'enterState', params: { state: 'Terminated', created: '' } },
          'stopE',
          'stopF',
          'stopK',
          { type: 'timersStopped', params: { timers: ['E', 'F', 'K'] } },
        ],
      },
    },
  });
}

/** Over UDP (the simulated network's transport). */
export const nonInviteClientTransaction = build(false);
/** Over TCP or SCTP: no Timer E, Timer K zero. */
export const reliableNonInviteClientTransaction = build(true);
