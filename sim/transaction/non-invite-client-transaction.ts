/**
 * Non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6): Trying → Proceeding → Completed →
 * Terminated, Timer E retransmitting the request over UDP (T1 doubling to T2, then T2 once a
 * provisional response came), Timer F giving up, Timer K absorbing retransmitted final responses.
 */
import { enqueueActions, setup, assign } from 'xstate';
import { backoff, timerT4, transactionTimeout, type TimerName } from './timers';
import {
  isFinal,
  isProvisional,
  recordState,
  recordTimerFire,
  recordTimerStart,
  recordTimerStop,
  runningTimers,
  timerOf,
  withTimer,
  withoutTimer,
  type ClientTransactionInput,
  type ResponseEvent,
  type TimerEvent,
  type TransactionContextBase,
  type TransactionState,
  type TransportErrorEvent,
} from './transaction-machine';

type Timer = Extract<TimerName, 'E' | 'F' | 'K'>;

type Event =
  ResponseEvent | TransportErrorEvent | TimerEvent<'E'> | TimerEvent<'F'> | TimerEvent<'K'>;

interface Context extends TransactionContextBase, ClientTransactionInput {
  /** The value Timer E is set to when it starts next. */
  intervalE: number;
}

const DURATION: Readonly<Record<Timer, (c: Context) => number>> = {
  E: (c) => c.intervalE,
  F: (c) => transactionTimeout(c.env.timers),
  K: (c) => timerT4(c.env.timers, c.env.reliable),
};

export const nonInviteClientTransaction = setup({
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
  guards: {
    provisional: ({ event }) => event.type === 'response' && isProvisional(event.response),
    final: ({ event }) => event.type === 'response' && isFinal(event.response),
  },
  actions: {
    enter: enqueueActions(({ context, event, enqueue }, { state }: { state: TransactionState }) => {
      enqueue(() => recordState(context, state, event, `${context.request.method} from TU`));
      enqueue.assign({ state });
    }),
    startTimer: enqueueActions(
      ({ context, enqueue }, { timer, udpOnly }: { timer: Timer; udpOnly?: boolean }) => {
        if (udpOnly && context.env.reliable) return;
        const ms = DURATION[timer](context);
        enqueue.raise({ type: `timer.${timer}` as const }, { id: timer, delay: timer });
        enqueue.assign({ running: withTimer(context.running, timer, ms, context.env.clock.now()) });
        enqueue(() => recordTimerStart(context, timer, ms));
      },
    ),
    stopTimers: enqueueActions(({ context, enqueue }) => {
      for (const timer of runningTimers(context.running)) {
        enqueue.cancel(timer);
        enqueue(() => recordTimerStop(context, timer));
      }
      enqueue.assign({ running: {} });
    }),
    timerFired: enqueueActions(({ context, event, enqueue }) => {
      const timer = timerOf(event);
      enqueue(() => recordTimerFire(context, timer));
      enqueue.assign({ running: withoutTimer(context.running, timer) });
    }),
    sendRequest: ({ context }) =>
      context.env.send(context.request, context.destination, {
        transactionId: context.id,
        retransmission: false,
      }),
    retransmitRequest: ({ context }) =>
      context.env.send(context.request, context.destination, {
        transactionId: context.id,
        retransmission: true,
      }),
    /** In Trying: MIN(2 * previous, T2). */
    backOffTimerE: assign({
      intervalE: ({ context }) => backoff(context.intervalE, context.env.timers),
    }),
    /** In Proceeding: T2. */
    setTimerEToT2: assign({ intervalE: ({ context }) => context.env.timers.T2 }),
    passResponseToTU: ({ context, event }) => {
      if (event.type === 'response') context.tu.passResponse(event.response);
    },
    informTUOfTimeout: ({ context, event }) => context.tu.timeout(timerOf(event)),
    informTUOfTransportError: ({ context }) => context.tu.transportError(),
  },
}).createMachine({
  id: 'non-INVITE client transaction',
  context: ({ input }) => ({ ...input, state: '', running: {}, intervalE: input.env.timers.T1 }),
  initial: 'Trying',
  states: {
    Trying: {
      entry: [
        { type: 'enter', params: { state: 'Trying' } },
        'sendRequest',
        { type: 'startTimer', params: { timer: 'F' } },
        { type: 'startTimer', params: { timer: 'E', udpOnly: true } },
      ],
      on: {
        'timer.E': {
          actions: [
            'timerFired',
            'retransmitRequest',
            'backOffTimerE',
            { type: 'startTimer', params: { timer: 'E' } },
          ],
        },
        'timer.F': { target: 'Terminated', actions: ['timerFired', 'informTUOfTimeout'] },
        response: [
          { guard: 'provisional', target: 'Proceeding', actions: 'passResponseToTU' },
          { guard: 'final', target: 'Completed', actions: 'passResponseToTU' },
        ],
        transportError: { target: 'Terminated', actions: 'informTUOfTransportError' },
      },
    },
    Proceeding: {
      // Timers E and F keep running: retransmissions continue so the final response is delivered
      // reliably (§17.1.2.1); when E fires next it is reset to T2.
      entry: { type: 'enter', params: { state: 'Proceeding' } },
      on: {
        'timer.E': {
          actions: [
            'timerFired',
            'retransmitRequest',
            'setTimerEToT2',
            { type: 'startTimer', params: { timer: 'E' } },
          ],
        },
        'timer.F': { target: 'Terminated', actions: ['timerFired', 'informTUOfTimeout'] },
        response: [
          { guard: 'provisional', actions: 'passResponseToTU' },
          { guard: 'final', target: 'Completed', actions: 'passResponseToTU' },
        ],
        transportError: { target: 'Terminated', actions: 'informTUOfTransportError' },
      },
    },
    Completed: {
      // Retransmitted final responses are absorbed here until Timer K fires.
      entry: [
        { type: 'enter', params: { state: 'Completed' } },
        'stopTimers',
        { type: 'startTimer', params: { timer: 'K' } },
      ],
      on: {
        'timer.K': { target: 'Terminated', actions: 'timerFired' },
      },
    },
    Terminated: {
      type: 'final',
      entry: [{ type: 'enter', params: { state: 'Terminated' } }, 'stopTimers'],
    },
  },
});
