/**
 * INVITE client transaction (RFC 3261 §17.1.1, Figure 5): Calling → Proceeding → Completed →
 * Terminated, Timer A retransmitting the INVITE over UDP, Timer B giving up, Timer D absorbing
 * retransmitted final responses, and the ACK for 300–699 responses (§17.1.1.3).
 */
import { enqueueActions, setup, assign } from 'xstate';
import type { SipRequest } from '../codec';
import { ackForNonSuccess } from './ack';
import { timerD, transactionTimeout, type TimerName } from './timers';
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
  type ClientTransactionInput,
  type ResponseEvent,
  type TimerEvent,
  type TransactionContextBase,
  type TransactionState,
  type TransportErrorEvent,
} from './transaction-machine';

type Timer = Extract<TimerName, 'A' | 'B' | 'D'>;

type Event =
  ResponseEvent | TransportErrorEvent | TimerEvent<'A'> | TimerEvent<'B'> | TimerEvent<'D'>;

interface Context extends TransactionContextBase, ClientTransactionInput {
  /** The value Timer A is set to when it starts next: T1, then doubled at every firing. */
  intervalA: number;
  /** The ACK of the 300–699 response, kept to resend on each retransmission of that response. */
  ack: SipRequest | null;
}

const DURATION: Readonly<Record<Timer, (c: Context) => number>> = {
  A: (c) => c.intervalA,
  B: (c) => transactionTimeout(c.env.timers),
  D: (c) => timerD(c.env.timers, c.env.reliable),
};

export const inviteClientTransaction = setup({
  types: {
    context: {} as Context,
    events: {} as Event,
    input: {} as ClientTransactionInput,
  },
  delays: {
    A: ({ context }) => DURATION.A(context),
    B: ({ context }) => DURATION.B(context),
    D: ({ context }) => DURATION.D(context),
  },
  guards: {
    provisional: ({ event }) => event.type === 'response' && isProvisional(event.response),
    success: ({ event }) => event.type === 'response' && isSuccess(event.response),
    nonSuccessFinal: ({ event }) => event.type === 'response' && isNonSuccessFinal(event.response),
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
    doubleTimerA: assign({ intervalA: ({ context }) => 2 * context.intervalA }),
    buildAck: assign({
      ack: ({ context, event }) =>
        event.type === 'response' ? ackForNonSuccess(context.request, event.response) : context.ack,
    }),
    // The ACK goes where the INVITE went, even over a reliable transport (§17.1.1.2).
    sendAck: ({ context }) => {
      if (context.ack)
        context.env.send(context.ack, context.destination, {
          transactionId: context.id,
          retransmission: false,
        });
    },
    resendAck: ({ context }) => {
      if (context.ack)
        context.env.send(context.ack, context.destination, {
          transactionId: context.id,
          retransmission: true,
        });
    },
    passResponseToTU: ({ context, event }) => {
      if (event.type === 'response') context.tu.passResponse(event.response);
    },
    informTUOfTimeout: ({ context, event }) => context.tu.timeout(timerOf(event)),
    informTUOfTransportError: ({ context }) => context.tu.transportError(),
  },
}).createMachine({
  id: 'INVITE client transaction',
  context: ({ input }) => ({
    ...input,
    state: '',
    running: {},
    intervalA: input.env.timers.T1,
    ack: null,
  }),
  initial: 'Calling',
  states: {
    Calling: {
      entry: [
        { type: 'enter', params: { state: 'Calling' } },
        'sendRequest',
        { type: 'startTimer', params: { timer: 'A', udpOnly: true } },
        { type: 'startTimer', params: { timer: 'B' } },
      ],
      on: {
        'timer.A': {
          actions: [
            'timerFired',
            'retransmitRequest',
            'doubleTimerA',
            { type: 'startTimer', params: { timer: 'A' } },
          ],
        },
        'timer.B': { target: 'Terminated', actions: ['timerFired', 'informTUOfTimeout'] },
        response: [
          { guard: 'provisional', target: 'Proceeding', actions: 'passResponseToTU' },
          { guard: 'success', target: 'Terminated', actions: 'passResponseToTU' },
          {
            guard: 'nonSuccessFinal',
            target: 'Completed',
            actions: ['buildAck', 'sendAck', 'passResponseToTU'],
          },
        ],
        transportError: { target: 'Terminated', actions: 'informTUOfTransportError' },
      },
    },
    Proceeding: {
      // Retransmissions cease, and Timer B only matters in Calling (§17.1.1.2): the TU (a UAC that
      // may CANCEL, or a proxy with Timer C, §16.6) decides how long to wait for a final response.
      entry: [{ type: 'enter', params: { state: 'Proceeding' } }, 'stopTimers'],
      on: {
        response: [
          { guard: 'provisional', actions: 'passResponseToTU' },
          { guard: 'success', target: 'Terminated', actions: 'passResponseToTU' },
          {
            guard: 'nonSuccessFinal',
            target: 'Completed',
            actions: ['buildAck', 'sendAck', 'passResponseToTU'],
          },
        ],
      },
    },
    Completed: {
      entry: [
        { type: 'enter', params: { state: 'Completed' } },
        'stopTimers',
        { type: 'startTimer', params: { timer: 'D' } },
      ],
      on: {
        // A retransmission of the final response: ACK it again, but do not pass it up.
        response: { guard: 'nonSuccessFinal', actions: 'resendAck' },
        'timer.D': { target: 'Terminated', actions: 'timerFired' },
        transportError: { target: 'Terminated', actions: 'informTUOfTransportError' },
      },
    },
    Terminated: {
      type: 'final',
      entry: [{ type: 'enter', params: { state: 'Terminated' } }, 'stopTimers'],
    },
  },
});
