/**
 * The transaction timers of RFC 3261 §17 (Table 4 in Appendix A), in milliseconds. T1, T2 and T4 are
 * the base values; every timer A–K is computed from them here, and only here.
 */
import type { TimerConfig } from './env';

/**
 * The timers of Table 4 that the transaction layer runs (Timer C belongs to the proxy core, §16.6),
 * and Timers L and M that RFC 6026 adds for the Accepted state of INVITE transactions.
 */
export type TimerName = 'A' | 'B' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M';

export const DEFAULT_TIMERS: Readonly<TimerConfig> = {
  /** T1 500 ms (§17.1.1.1): RTT estimate. */
  T1: 500,
  /** T2 4 s (§17.1.2.2): the maximum retransmit interval for non-INVITE requests and INVITE responses. */
  T2: 4000,
  /** T4 5 s (§17.1.2.2): maximum duration a message will remain in the network. */
  T4: 5000,
};

/** Timer D's floor for unreliable transports: the client cannot know the server's T1 (§17.1.1.2). */
export const TIMER_D_MINIMUM_MS = 32_000;

export interface TimerRow {
  /** Value as Table 4 gives it. */
  value: string;
  section: string;
  meaning: string;
}

/** Table 4: Summary of timers (the rows the transaction layer runs). */
export const TIMER_TABLE: Readonly<Record<TimerName, TimerRow>> = {
  A: {
    value: 'initially T1',
    section: '§17.1.1.2',
    meaning: 'INVITE request retransmit interval, for UDP only',
  },
  B: { value: '64*T1', section: '§17.1.1.2', meaning: 'INVITE transaction timeout timer' },
  D: {
    value: '> 32s for UDP, 0s for TCP/SCTP',
    section: '§17.1.1.2',
    meaning: 'Wait time for response retransmits',
  },
  E: {
    value: 'initially T1',
    section: '§17.1.2.2',
    meaning: 'non-INVITE request retransmit interval, UDP only',
  },
  F: { value: '64*T1', section: '§17.1.2.2', meaning: 'non-INVITE transaction timeout timer' },
  G: { value: 'initially T1', section: '§17.2.1', meaning: 'INVITE response retransmit interval' },
  H: { value: '64*T1', section: '§17.2.1', meaning: 'Wait time for ACK receipt' },
  I: {
    value: 'T4 for UDP, 0s for TCP/SCTP',
    section: '§17.2.1',
    meaning: 'Wait time for ACK retransmits',
  },
  J: {
    value: '64*T1 for UDP, 0s for TCP/SCTP',
    section: '§17.2.2',
    meaning: 'Wait time for non-INVITE request retransmits',
  },
  K: {
    value: 'T4 for UDP, 0s for TCP/SCTP',
    section: '§17.1.2.2',
    meaning: 'Wait time for response retransmits',
  },
  L: {
    value: '64*T1',
    section: 'RFC 6026 §8.7',
    meaning: 'Wait time for accepted INVITE request retransmits',
  },
  M: {
    value: '64*T1',
    section: 'RFC 6026 §8.4',
    meaning:
      'Wait time for retransmission of 2xx to INVITE or additional 2xx from other branches of a forked INVITE',
  },
};

/** 64*T1: Timers B, F and H, the time a client needs to send seven requests over UDP (§17.1.1.2). */
export function transactionTimeout(t: TimerConfig): number {
  return 64 * t.T1;
}

/**
 * The next interval of Timer E (and of Timer G): MIN(2 * previous, T2), so intervals run T1, 2T1, 4T1 …
 * until they reach T2 (§17.1.2.2, §17.2.1). Timer A doubles without a cap (§17.1.1.2).
 */
export function backoff(previous: number, t: TimerConfig): number {
  return Math.min(2 * previous, t.T2);
}

/** Timer D: at least 32 s for unreliable transports (64*T1 when T1 is set larger), 0 for reliable ones. */
export function timerD(t: TimerConfig, reliable: boolean): number {
  return reliable ? 0 : Math.max(TIMER_D_MINIMUM_MS, 64 * t.T1);
}

/** Timers I and K: T4 for unreliable transports, 0 for reliable ones. */
export function timerT4(t: TimerConfig, reliable: boolean): number {
  return reliable ? 0 : t.T4;
}

/** Timer J: 64*T1 for unreliable transports, 0 for reliable ones. */
export function timerJ(t: TimerConfig, reliable: boolean): number {
  return reliable ? 0 : 64 * t.T1;
}
