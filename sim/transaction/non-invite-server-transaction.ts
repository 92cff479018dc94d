/**
 * Non-INVITE server transaction (RFC 3261 §17.2.2, Figure 8): Trying → Proceeding → Completed →
 * Terminated. Responses are sent once and resent only when the request is retransmitted; Timer J
 * keeps the transaction in Completed long enough to answer every retransmission over UDP.
 */
import { enqueueActions, setup } from 'xstate';
import type { SipResponse } from '../codec';
import { timerJ, type TimerName } from './timers';
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
  type RequestEvent,
  type RespondEvent,
  type ServerTransactionInput,
  type TimerEvent,
  type TransactionContextBase,
  type TransactionState,
  type TransportErrorEvent,
} from './transaction-machine';

type Timer = Extract<TimerName, 'J'>;

type Event = RequestEvent | RespondEvent | TransportErrorEvent | TimerEvent<'J'>;

interface Context extends TransactionContextBase, ServerTransactionInput {
  /** The most recent response sent: resent on a request retransmission. */
  lastResponse: SipResponse | null;
}

const DURATION: Readonly<Record<Timer, (c: Context) => number>> = {
  J: (c) => timerJ(c.env.timers, c.env.reliable),
};

export const nonInviteServerTransaction = setup({
  types: {
    context: {} as Context,
    events: {} as Event,
    input: {} as ServerTransactionInput,
  },
  delays: {
    J: ({ context }) => DURATION.J(context),
  },
  guards: {
    provisional: ({ event }) => event.type === 'respond' && isProvisional(event.response),
    final: ({ event }) => event.type === 'respond' && isFinal(event.response),
  },
  actions: {
    enter: enqueueActions(({ context, event, enqueue }, { state }: { state: TransactionState }) => {
      enqueue(() => recordState(context, state, event, `${context.request.method} received`));
      enqueue.assign({ state });
    }),
    startTimer: enqueueActions(({ context, enqueue }, { timer }: { timer: Timer }) => {
      const ms = DURATION[timer](context);
      enqueue.raise({ type: `timer.${timer}` as const }, { id: timer, delay: timer });
      enqueue.assign({ running: withTimer(context.running, timer, ms, context.env.clock.now()) });
      enqueue(() => recordTimerStart(context, timer, ms));
    }),
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
    sendResponse: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'respond') return;
      enqueue.assign({ lastResponse: event.response });
      enqueue(() =>
        context.env.send(event.response, context.destination, {
          transactionId: context.id,
          retransmission: false,
        }),
      );
    }),
    resendResponse: ({ context }) => {
      if (context.lastResponse)
        context.env.send(context.lastResponse, context.destination, {
          transactionId: context.id,
          retransmission: true,
        });
    },
    informTUOfTransportError: ({ context }) => context.tu.transportError(),
  },
}).createMachine({
  id: 'non-INVITE server transaction',
  context: ({ input }) => ({ ...input, state: '', running: {}, lastResponse: null }),
  initial: 'Trying',
  states: {
    Trying: {
      // Request retransmissions are discarded: there is nothing to resend yet.
      entry: { type: 'enter', params: { state: 'Trying' } },
      on: {
        respond: [
          { guard: 'provisional', target: 'Proceeding', actions: 'sendResponse' },
          { guard: 'final', target: 'Completed', actions: 'sendResponse' },
        ],
      },
    },
    Proceeding: {
      entry: { type: 'enter', params: { state: 'Proceeding' } },
      on: {
        request: { actions: 'resendResponse' },
        respond: [
          { guard: 'provisional', actions: 'sendResponse' },
          { guard: 'final', target: 'Completed', actions: 'sendResponse' },
        ],
        transportError: { target: 'Terminated', actions: 'informTUOfTransportError' },
      },
    },
    Completed: {
      // Other final responses from the TU are discarded here (§17.2.2).
      entry: [
        { type: 'enter', params: { state: 'Completed' } },
        { type: 'startTimer', params: { timer: 'J' } },
      ],
      on: {
        request: { actions: 'resendResponse' },
        'timer.J': { target: 'Terminated', actions: 'timerFired' },
        transportError: { target: 'Terminated', actions: 'informTUOfTransportError' },
      },
    },
    Terminated: {
      type: 'final',
      entry: [{ type: 'enter', params: { state: 'Terminated' } }, 'stopTimers'],
    },
  },
});
