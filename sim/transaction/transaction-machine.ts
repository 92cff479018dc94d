/**
 * What the four transaction state machines of RFC 3261 §17 (Figures 5–8) share: their inputs, events,
 * the book of running timers, and the trace records of state changes and timers.
 */
import type { SipRequest, SipResponse } from '../codec';
import type { Destination, TransactionEnv } from './env';
import type { TimerName } from './timers';

/** The state names of Figures 5–8, spelled as the RFC spells them. */
export type TransactionState =
  'Calling' | 'Trying' | 'Proceeding' | 'Completed' | 'Confirmed' | 'Terminated';

/** How a client transaction tells its transaction user (TU) what happened (§17.1). */
export interface ClientTransactionUser {
  passResponse(response: SipResponse): void;
  /** Timer B or F fired: no final response came. */
  timeout(timer: TimerName): void;
  transportError(): void;
}

/** How a server transaction tells its TU what happened (§17.2); requests reach the TU from the layer. */
export interface ServerTransactionUser {
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

// ---- timers ------------------------------------------------------------------------------------------

export interface TimerRun {
  startedAt: number;
  durationMs: number;
}

/** The timers running now, with when they started: XState does not expose its delayed events. */
export type RunningTimers = Readonly<Partial<Record<TimerName, TimerRun>>>;

export interface TransactionContextBase {
  id: string;
  env: TransactionEnv;
  /** The state the machine is in, for the `from` of the next state record. '' before the first. */
  state: TransactionState | '';
  running: RunningTimers;
}

export function withTimer(
  running: RunningTimers,
  timer: TimerName,
  durationMs: number,
  now: number,
): RunningTimers {
  return { ...running, [timer]: { startedAt: now, durationMs } };
}

export function withoutTimer(running: RunningTimers, timer: TimerName): RunningTimers {
  const next = { ...running };
  delete next[timer];
  return next;
}

export function runningTimers(running: RunningTimers): TimerName[] {
  return (Object.keys(running) as TimerName[]).sort();
}

/** The timer a `timer.X` event names. */
export function timerOf(event: { type: string }): TimerName {
  return event.type.slice('timer.'.length) as TimerName;
}

// ---- trace -------------------------------------------------------------------------------------------

export function recordTimerStart(c: TransactionContextBase, timer: TimerName, ms: number): void {
  c.env.record({ type: 'timer-start', transactionId: c.id, timer, durationMs: ms });
}

export function recordTimerFire(c: TransactionContextBase, timer: TimerName): void {
  c.env.record({ type: 'timer-fire', transactionId: c.id, timer });
}

export function recordTimerStop(c: TransactionContextBase, timer: TimerName): void {
  c.env.record({ type: 'timer-stop', transactionId: c.id, timer });
}

/** Records a state change; `created` describes the creation ("INVITE from TU", "INVITE received"). */
export function recordState(
  c: TransactionContextBase,
  to: TransactionState,
  event: { type: string; response?: SipResponse },
  created: string,
): void {
  const detail = event.type === 'xstate.init' ? created : describe(event);
  c.env.record({ type: 'state', transactionId: c.id, from: c.state, to, detail });
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

/** 300–699: the final responses that an INVITE client transaction acknowledges itself (§17.1.1.2). */
export function isNonSuccessFinal(r: SipResponse): boolean {
  return r.status >= 300 && r.status < 700;
}

export function isFinal(r: SipResponse): boolean {
  return r.status >= 200 && r.status < 700;
}
