/**
 * Retransmission intervals (RFC 3261 §17.1.1.2 Timer A, §17.1.2.2 Timer E, §17.2.1 Timer G,
 * §13.3.1.4 for 2xx): T1 doubling, uncapped for an INVITE request, capped at T2 otherwise.
 */
import type { Msg } from '../model';
import type { Settings } from '../model/settings';

/** The interval before retransmission number i (from 1). */
export function interval(i: number, s: Settings, capped: boolean): number {
  const v = s.T1 * 2 ** Math.min(i - 1, 30);
  return capped ? Math.min(v, s.T2) : v;
}

export function near(actual: number, expected: number, s: Settings): boolean {
  return Math.abs(actual - expected) <= s.tolerance;
}

/**
 * Response copies sent on a timer, without those that answered a retransmitted request (a server
 * resends its last response when the request comes again, §17.2.1, §17.2.2): each request copy that
 * arrived explains the first response copy sent at that instant (within the tolerance).
 */
export function timerCopies(copies: readonly Msg[], requests: readonly Msg[], s: Settings): Msg[] {
  const answered = new Set<Msg>();
  for (const q of requests) {
    const hit = copies.find(
      (c) =>
        !answered.has(c) &&
        c !== copies[0] &&
        c.time >= q.arrival - s.tolerance &&
        c.time <= q.arrival + s.tolerance,
    );
    if (hit) answered.add(hit);
  }
  return copies.filter((c) => !answered.has(c));
}
