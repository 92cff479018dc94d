/**
 * What the four transaction state machines of RFC 3261 §17 (Figures 5–8, with the Accepted state of
 * RFC 6026) share: their inputs and events, the guards on responses, and one set of bookkeeping
 * actions — entering a state, starting, firing and stopping timers — written once for all four.
 *
 * The machines are lean on purpose (a stateful proxy runs thousands of them): every action is a named
 * function or one of XState's static built-ins (`raise` with a delay, `cancel`), so an event creates
 * no closures; timers are XState delayed events on the simulation clock; and the trace records of
 * state changes and timers are built only when someone keeps a trace (`env.record` is set).
 */
import type { SipRequest, SipResponse } from '../codec';
import type { Destination, TransactionEnv } from './env';
import type { TimerName } from './timers';

/** The state names of Figures 5–8 (and RFC 6026's Accepted), spelled as the RFCs spell them. */
export type TransactionState =
  'Calling' | 'Trying' | 'Proceeding' | 'Completed' | 'Confirmed' | 'Accepted' | 'Terminated';

/**
 * A transaction that only waits out a timer keeps no parsed request (see `letGoOfRequest`): the object
 * the TU sees lets go of it too, once the TU has heard of the message that led there.
 */
export interface RequestHolder {
  letGoOfRequest?(): void;
}

/** How a client transaction tells its transaction user (TU) what happened (§17.1). */
export interface ClientTransactionUser extends RequestHolder {
  passResponse(response: SipResponse): void;
  /** Timer B or F fired: no final response came. */
  timeout(timer: TimerName): void;
  transportError(): void;
}

/** How a server transaction tells its TU what happened (§17.2); requests reach the TU from the layer. */
export interface ServerTransactionUser extends RequestHolder {
  /** Timer H fired: the ACK for a non-2xx final response never came (§17.2.1). */
  timeout(timer: TimerName): void;
  transportError(): void;
}

export interface ClientTransactionInput {
  id: string;
  env: TransactionEnv;
  /** The request as the TU built it, with its top Via and branch. */
  request: SipRequest;
  destination: Destination;
  tu: ClientTransactionUser;
}

export interface ServerTransactionInput {
  id: string;
  env: TransactionEnv;
  /** The request that created the transaction. */
  request: SipRequest;
  /** Where responses go (§18.2.2, see response-destination.ts). */
  destination: Destination;
  tu: ServerTransactionUser;
  /** INVITE only: send 100 (Trying) at once, because the TU may not answer within 200 ms (§17.2.1). */
  sendTrying?: boolean;
}

// ---- events ------------------------------------------------------------------------------------------

export type TimerEvent<T extends TimerName> = { type: `timer.${T}` };
/** A response from the network that matched this client transaction (§17.1.3). */
export type ResponseEvent = { type: 'response'; response: SipResponse };
/** A response the TU passes to this server transaction. */
export type RespondEvent = { type: 'respond'; response: SipResponse };
/** A retransmission of the request that created this server transaction (§17.2.3). */
export type RequestEvent = { type: 'request'; request: SipRequest };
/** An ACK that matched this INVITE server transaction (§17.2.3). */
export type AckEvent = { type: 'ack'; request: SipRequest };
export type TransportErrorEvent = { type: 'transportError' };
/**
 * The TU gives up on an INVITE that got a provisional response but never a final one: 64·T1 after its
 * CANCEL (§9.1), or after a proxy's Timer C and CANCEL (§16.8). The transaction is destroyed.
 */
export type AbandonEvent = { type: 'abandon' };

// ---- the book: what the UI shows of a transaction, kept beside XState's own state --------------------

export interface TimerRun {
  startedAt: number;
  durationMs: number;
}

/** The timers running now, with when they started: XState does not expose its delayed events. */
export type RunningTimers = Readonly<Partial<Record<TimerName, TimerRun>>>;

/**
 * Observation data for the state panel (the state last entered, the timers running). It is not the
 * machine's state — XState holds that — so it is updated in place by the bookkeeping actions below,
 * and an event costs no copy of the context.
 */
export interface Book {
  state: TransactionState | '';
  timers: Partial<Record<TimerName, TimerRun>>;
}

export function newBook(): Book {
  return { state: '', timers: {} };
}

export interface TransactionContextBase {
  id: string;
  env: TransactionEnv;
  /** The request that created the transaction; null once it is let go of (`letGoOfRequest`). */
  request: SipRequest | null;
  book: Book;
}

export function runningTimers(running: RunningTimers): TimerName[] {
  return (Object.keys(running) as TimerName[]).filter((t) => running[t] !== undefined).sort();
}

/** The timer a `timer.X` event names. */
export function timerOf(event: { type: string }): TimerName {
  return event.type.slice('timer.'.length) as TimerName;
}

// ---- bookkeeping actions, shared by the four machines ------------------------------------------------

type Args = { context: TransactionContextBase; event: { type: string; response?: SipResponse } };

/**
 * Entry action of every state: records the change (what caused it, in the words of the figures'
 * labels) and notes the state in the book. `created` says what created the transaction.
 */
export function enterState(
  { context, event }: Args,
  { state, created }: { state: TransactionState; created: string },
): void {
  const book = context.book;
  const record = context.env.record;
  if (record)
    record({
      type: 'state',
      transactionId: context.id,
      from: book.state,
      to: state,
      detail:
        event.type === 'xstate.init'
          ? `${context.request?.method ?? ''} ${created}`
          : describe(event),
    });
  book.state = state;
}

/**
 * Bookkeeping after each `raise` with a delay (each machine's `timerStarted` action calls it with the
 * duration from its table): the timer is noted as running.
 */
export function noteTimerStarted(
  context: TransactionContextBase,
  timer: TimerName,
  ms: number,
): void {
  context.book.timers[timer] = { startedAt: context.env.clock.now(), durationMs: ms };
  context.env.record?.({ type: 'timer-start', transactionId: context.id, timer, durationMs: ms });
}

/**
 * Entry action of the states that only wait out a timer (Completed, Confirmed, Accepted). RFC 3261 §17:
 * there a retransmission needs only what was sent last (a server's response, the ACK of a 300–699) and
 * the key the layer matches by (branch, sent-by, method; §17.1.3, §17.2.3) — not the parsed request,
 * which a stateful proxy would otherwise keep for up to 64·T1 per transaction. The TU's view of the
 * transaction lets go of it after the TU has been told of the response that led here.
 */
export function letGoOfRequest({
  context,
}: {
  context: TransactionContextBase & { tu: RequestHolder };
}): void {
  if (context.request === null) return;
  context.request = null;
  context.tu.letGoOfRequest?.();
}

/** The first action of every `timer.X` transition. */
export function timerFired({ context, event }: Args): void {
  const timer = timerOf(event);
  // Set to undefined, not deleted: a deletion turns the object into a dictionary (several times larger).
  context.book.timers[timer] = undefined;
  context.env.record?.({ type: 'timer-fire', transactionId: context.id, timer });
}

/** Entry bookkeeping: the listed timers that are still running stop (XState cancels them alongside). */
export function timersStopped(
  { context }: Args,
  { timers }: { timers: readonly TimerName[] },
): void {
  const book = context.book.timers;
  for (const timer of timers) {
    if (book[timer] === undefined) continue;
    book[timer] = undefined;
    context.env.record?.({ type: 'timer-stop', transactionId: context.id, timer });
  }
}

/** What caused a transition, in the words of the figures' labels ("486 Busy Here received"). */
function describe(event: { type: string; response?: SipResponse }): string {
  if (event.type.startsWith('timer.')) return `Timer ${timerOf(event)} fired`;
  const r = event.response;
  switch (event.type) {
    case 'response':
      return r ? `${r.status} ${r.reason} received` : 'response received';
    case 'respond':
      return r ? `${r.status} ${r.reason} from TU` : 'response from TU';
    case 'ack':
      return 'ACK received';
    case 'request':
      return 'request retransmission received';
    case 'transportError':
      return 'transport error';
    case 'abandon':
      return 'given up by the TU (no final response 64·T1 after CANCEL)';
    default:
      return event.type;
  }
}

// ---- responses ---------------------------------------------------------------------------------------

export function isProvisional(r: SipResponse): boolean {
  return r.status >= 100 && r.status < 200;
}

export function isSuccess(r: SipResponse): boolean {
  return r.status >= 200 && r.status < 300;
}

/** 300–699: the final responses that an INVITE client transaction acknowledges itself (§17.1.1.3). */
export function isNonSuccessFinal(r: SipResponse): boolean {
  return r.status >= 300 && r.status < 700;
}

export function isFinal(r: SipResponse): boolean {
  return r.status >= 200 && r.status < 700;
}

/** The response an event carries (`response` from the network, `respond` from the TU), if any. */
export function responseOf(event: {
  type: string;
  response?: SipResponse;
}): SipResponse | undefined {
  return event.type === 'response' || event.type === 'respond' ? event.response : undefined;
}

/** The guards on responses every machine uses, typed for its own events. */
export function responseGuards<E extends { type: string }>() {
  const test =
    (is: (r: SipResponse) => boolean) =>
    ({ event }: { event: E }): boolean => {
      const r = responseOf(event as { type: string; response?: SipResponse });
      return r !== undefined && is(r);
    };
  return {
    provisional: test(isProvisional),
    success: test(isSuccess),
    nonSuccessFinal: test(isNonSuccessFinal),
    final: test(isFinal),
  };
}
