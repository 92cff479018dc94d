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
 * resends its last response when the request comes again, §17.2.1, §17.2.2 — or, in RFC 6026's
 * Accepted state, absorbs it). A copy that falls where the timer schedule (T1 doubling, capped at T2)
 * puts the next retransmission is a timer copy, even when a request copy arrived at that instant too;
 * any other copy that a request copy's arrival explains is an answer to it; the rest are timer copies
 * sent off schedule, for the rule to judge.
 */
export function timerCopies(copies: readonly Msg[], requests: readonly Msg[], s: Settings): Msg[] {
  if (copies.length === 0) return [];
  const out: Msg[] = [copies[0]!];
  const used = new Set<Msg>();
  for (const c of copies.slice(1)) {
    const due = out[out.length - 1]!.time + interval(out.length, s, true);
    if (near(c.time, due, s)) {
      out.push(c);
      continue;
    }
    const q = requests.find(
      (r) => !used.has(r) && c.time >= r.arrival - s.tolerance && c.time <= r.arrival + s.tolerance,
    );
    if (q) {
      used.add(q);
      continue;
    }
    out.push(c);
  }
  return out;
}
