/**
 * estimateT1: RFC 3261's T1 (§17.1.1.1) as a capture shows it — the gap between the first send of a
 * request and its first retransmission (Timer A and Timer E both start at T1), else between a final
 * response and its first retransmission (Timer G, and the 2xx's own timer, start at T1).
 */
import { readMessage, type Msg } from './model/message';
import type { WireMessage } from './types';

export function estimateT1(messages: readonly WireMessage[]): number | undefined {
  const parsed: Msg[] = [];
  (Array.isArray(messages) ? messages : []).forEach((w, i) => {
    if (w === null || typeof w !== 'object') return;
    const r = readMessage(w, i);
    if (r.ok && r.msg.transport === 'UDP') parsed.push(r.msg);
  });
  parsed.sort((a, b) => a.time - b.time || a.order - b.order);
  const first = new Map<string, number>();
  let best: { at: number; gap: number } | undefined;
  let fallback: { at: number; gap: number } | undefined;
  for (const m of parsed) {
    if (m.method === 'ACK') continue;
    const isRequest = m.request !== undefined;
    if (!isRequest && m.status < 200) continue;
    const key = `${m.source}\u0000${m.destination}\u0000${m.raw}`;
    const t0 = first.get(key);
    if (t0 === undefined) {
      first.set(key, m.time);
      continue;
    }
    const gap = m.time - t0;
    if (gap <= 0) continue;
    first.set(key, Infinity);
    if (isRequest) {
      if (!best || m.time < best.at) best = { at: m.time, gap };
    } else if (!fallback || m.time < fallback.at) fallback = { at: m.time, gap };
  }
  return (best ?? fallback)?.gap;
}
