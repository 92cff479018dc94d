/**
 * Fault injection: rules that drop chosen datagrams ("drop the next INVITE on this link", "drop message
 * #7", "drop every 200 OK for 3 s"), so students can watch retransmissions and timeouts happen.
 */

export interface FaultRule {
  /** A name to show in the trace ("lost INVITE"). */
  name?: string;
  /** Only datagrams sent by this element. */
  from?: string;
  /** Only datagrams addressed to this element. */
  to?: string;
  /** Only requests of this method. */
  method?: string;
  /** Only responses with this status (a number) or class ("2xx"). */
  status?: number | string;
  /** Only the datagram with this number in the run (1-based, as the trace numbers them). */
  datagram?: number;
  /** Only first transmissions (false) or only retransmissions (true). */
  retransmission?: boolean;
  /** Active from this virtual time (ms). */
  after?: number;
  /** Active until this virtual time (ms, exclusive). */
  until?: number;
  /** Drop at most this many matching datagrams ("the next INVITE" is count 1). Default: all. */
  count?: number;
}

export interface DatagramFacts {
  from: string;
  to: string | undefined;
  method: string | undefined;
  status: number | undefined;
  datagram: number;
  retransmission: boolean;
  time: number;
}

export function faultMatches(rule: FaultRule, d: DatagramFacts): boolean {
  if (rule.from !== undefined && rule.from !== d.from) return false;
  if (rule.to !== undefined && rule.to !== d.to) return false;
  if (rule.method !== undefined && rule.method !== d.method) return false;
  if (rule.status !== undefined) {
    if (d.status === undefined) return false;
    if (typeof rule.status === 'number') {
      if (rule.status !== d.status) return false;
    } else if (String(Math.floor(d.status / 100)) + 'xx' !== rule.status.toLowerCase())
      return false;
  }
  if (rule.datagram !== undefined && rule.datagram !== d.datagram) return false;
  if (rule.retransmission !== undefined && rule.retransmission !== d.retransmission) return false;
  if (rule.after !== undefined && d.time < rule.after) return false;
  if (rule.until !== undefined && d.time >= rule.until) return false;
  return true;
}

export function describeFault(rule: FaultRule): string {
  if (rule.name) return rule.name;
  const what =
    rule.datagram !== undefined
      ? `message #${rule.datagram}`
      : (rule.method ?? (rule.status !== undefined ? String(rule.status) : 'datagrams'));
  const path = `${rule.from ? ` from ${rule.from}` : ''}${rule.to ? ` to ${rule.to}` : ''}`;
  return `fault rule: drop ${rule.count === 1 ? 'the next ' : ''}${what}${path}`;
}
