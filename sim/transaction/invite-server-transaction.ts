/**
 * INVITE server transaction (RFC 3261 §17.2.1, Figure 7): Proceeding → Completed → Confirmed →
 * Terminated. Provisional responses are sent once (and resent when the INVITE is retransmitted); a
 * 2xx ends the transaction, since the TU retransmits it (§13.3.1.4); a 300–699 response is
 * retransmitted on Timer G until the ACK arrives, or until Timer H gives up.
 */
import { enqueueActions, setup, assign } from 'xstate';
import { responseTo, type SipResponse } from '../codec';
import { backoff, timerT4, transactionTimeout, type TimerName } from './timers';
import {
  isNonSuccessFinal,
  isProvisional,
  isSuccess,
  recordState,
  recordTimerFire,
  recordTimerStart,
  recordTimerStop,
  runningTimers,
  timerOf,
  withTimer,
  withoutTimer,
  type AckEvent,
  type RequestEvent,
  type RespondEvent,
  type ServerTransactionInput,
  type TimerEvent,
  type TransactionContextBase,
  type TransactionState,
  type TransportErrorEvent,
} from './transaction-machine';

type Timer = Extract<TimerName, 'G' | 'H' | 'I'>;

type Event =
  | RequestEvent
  | AckEvent
  | RespondEvent
  | TransportErrorEvent
  | TimerEvent<'G'>
  | TimerEvent<'H'>
  | TimerEvent<'I'>;

interface Context extends TransactionContextBase, ServerTransactionInput {
  /** The most recent response sent: resent on a request retransmission and on Timer G. */
  lastResponse: SipResponse | null;
  /** The value Timer G is set to when it starts next. */
  intervalG: number;
}

const DURATION: Readonly<Record<Timer, (c: Context) => number>> = {
  G: (c) => c.intervalG,
  H: (c) => transactionTimeout(c.env.timers),
  I: (c) => timerT4(c.env.timers, c.env.reliable),
};

export const inviteServerTransaction = setup({
  types: {
    context: {} as Context,
    events: {} as Event,
    input: {} as ServerTransactionInput,
  },
  delays: {
    G: ({ context }) => DURATION.G(context),
    H: ({ context }) => DURATION.H(context),
    I: ({ context }) => DURATION.I(context),
  },
  guards: {
    provisional: ({ event }) => event.type === 'respond' && isProvisional(event.response),
    success: ({ event }) => event.type === 'respond' && isSuccess(event.response),
    nonSuccessFinal: ({ event }) => event.type === 'respond' && isNonSuccessFinal(event.response),
  },
  actions: {
    enter: enqueueActions(({ context, event, enqueue }, { state }: { state: TransactionState }) => {
      enqueue(() => recordState(context, state, event, `${context.request.method} received`));
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
    /**
     * The 100 (Trying) that quenches INVITE retransmissions (§17.2.1), built per §8.2.6 but without
     * a To tag. Sent when the layer cannot count on the TU answering within 200 ms.
     */
    sendTrying: enqueueActions(({ context, enqueue }) => {
      if (!context.sendTrying) return;
      const trying = responseTo(context.request, 100);
      enqueue.assign({ lastResponse: trying });
      enqueue(() =>
        context.env.send(trying, context.destination, {
          transactionId: context.id,
          retransmission: false,
        }),
      );
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
    backOffTimerG: assign({
      intervalG: ({ context }) => backoff(context.intervalG, context.env.timers),
    }),
    informTUOfTimeout: ({ context, event }) => context.tu.timeout(timerOf(event)),
    informTUOfTransportError: ({ context }) => context.tu.transportError(),
  },
}).createMachine({
  id: 'INVITE server transaction',
  context: ({ input }) => ({
    ...input,
    state: '',
    running: {},
    lastResponse: null,
    intervalG: input.env.timers.T1,
  }),
  initial: 'Proceeding',
  states: {
    Proceeding: {
      entry: [{ type: 'enter', params: { state: 'Proceeding' } }, 'sendTrying'],
      on: {
        // The most recent provisional response, if there is one yet.
        request: { actions: 'resendResponse' },
        respond: [
          { guard: 'provisional', actions: 'sendResponse' },
          { guard: 'success', target: 'Terminated', actions: 'sendResponse' },
          { guard: 'nonSuccessFinal', target: 'Completed', actions: 'sendResponse' },
        ],
        transportError: { target: 'Terminated', actions: 'informTUOfTransportError' },
      },
    },
    Completed: {
      entry: [
        { type: 'enter', params: { state: 'Completed' } },
        { type: 'startTimer', params: { timer: 'G', udpOnly: true } },
        { type: 'startTimer', params: { timer: 'H' } },
      ],
      on: {
        request: { actions: 'resendResponse' },
        ack: { target: 'Confirmed' },
        'timer.G': {
          actions: [
            'timerFired',
            'resendResponse',
            'backOffTimerG',
            { type: 'startTimer', params: { timer: 'G' } },
          ],
        },
        // The ACK never came (§17.2.1).
        'timer.H': { target: 'Terminated', actions: ['timerFired', 'informTUOfTimeout'] },
        transportError: { target: 'Terminated', actions: 'informTUOfTransportError' },
      },
    },
    Confirmed: {
      // Absorbs the ACKs that retransmissions of the final response still trigger; G and H stop.
      entry: [
        { type: 'enter', params: { state: 'Confirmed' } },
        'stopTimers',
        { type: 'startTimer', params: { timer: 'I' } },
      ],
      on: {
        'timer.I': { target: 'Terminated', actions: 'timerFired' },
      },
    },
    Terminated: {
      type: 'final',
      entry: [{ type: 'enter', params: { state: 'Terminated' } }, 'stopTimers'],
    },
  },
});
