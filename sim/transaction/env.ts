/**
 * What the transaction layer (RFC 3261 §17) needs from the world around it: the simulation clock, the
 * timer values of Table 4, a way to hand a message to the transport (§18), and a trace to record into.
 * The network layer implements these; a test can implement them in a few lines.
 */
import type { SipMessage } from '../codec';
import type { MachineTrace } from './machine-view';
import type { TimerName } from './timers';

/** The simulation clock (structurally the same as sim/network's `Clock`, and usable as XState's clock). */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(handle: number): void;
}

/** T1, T2 and T4 of RFC 3261 Table 4, in milliseconds (defaults 500, 4000, 5000: see timers.ts). */
export interface TimerConfig {
  T1: number;
  T2: number;
  T4: number;
}

export interface Destination {
  address: string;
  port: number;
}

export interface SendInfo {
  transactionId: string;
  /** True when the transaction passes a message it sent before to the transport once more (§17.1.1.2). */
  retransmission: boolean;
}

export interface TransactionEnv {
  clock: Clock;
  timers: TimerConfig;
  /** False for UDP: timers A, E and G run, and D, I, J, K take their UDP values (Table 4). */
  reliable: boolean;
  send(message: SipMessage, destination: Destination, info: SendInfo): void;
  /**
   * For the trace the UI shows; absent when no trace is kept (the load benchmark), and then no record
   * is even built.
   */
  record?: (event: TransactionEvent) => void;
  /**
   * Present with `record`: what the machines' drawings link each transition to (the trace event being
   * handled, the id of the next one).
   */
  trace?: MachineTrace;
}

export type TransactionEvent =
  | { type: 'timer-start'; transactionId: string; timer: TimerName; durationMs: number }
  | { type: 'timer-fire'; transactionId: string; timer: TimerName }
  | { type: 'timer-stop'; transactionId: string; timer: TimerName }
  /** A state change; `from` is '' when the transaction is created. `detail` says what caused it. */
  | { type: 'state'; transactionId: string; from: string; to: string; detail: string };
