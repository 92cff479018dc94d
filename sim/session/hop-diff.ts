/**
 * What an element changed in a message it forwarded (RFC 3261 §16.6: Via added, Max-Forwards
 * decremented, Record-Route added, Request-URI rewritten, Route consumed; §16.7: Via removed from a
 * response), found by comparing the message it sent with the one it received that caused it.
 */
import { SipParseError, longName, parseMessage, wireToText, type SipMessage } from '../codec';
import type { TraceEvent } from '../network';

export interface HeaderChange {
  kind: 'added' | 'removed' | 'changed';
  /** Long header name, e.g. "Max-Forwards". */
  header: string;
  before?: string;
  after?: string;
}

export interface HopDiff {
  /** The "receive" event of the message this one was made from. */
  from: TraceEvent;
  startLine?: { before: string; after: string };
  changes: HeaderChange[];
}

function parse(raw: string): SipMessage | undefined {
  try {
    return parseMessage(raw, { wire: true });
  } catch (e) {
    if (e instanceof SipParseError) return undefined;
    throw e;
  }
}

function startLine(m: SipMessage): string {
  return m.kind === 'request'
    ? `${m.method} ${m.requestUri} ${m.version}`
    : `${m.version} ${m.status} ${wireToText(m.reason)}`;
}

/** The chain of causes of an event, oldest first, ending with the event itself. */
export function causeChain(trace: readonly TraceEvent[], id: number): TraceEvent[] {
  const chain: TraceEvent[] = [];
  let e: TraceEvent | undefined = trace[id];
  const seen = new Set<number>();
  while (e && !seen.has(e.id)) {
    seen.add(e.id);
    chain.unshift(e);
    e = e.causedBy !== undefined ? trace[e.causedBy] : undefined;
  }
  return chain;
}

/**
 * For a "send" event whose message was forwarded from one the element received (same Call-ID and
 * CSeq, same kind), the differences header by header. Undefined when the message was made fresh.
 */
export function hopDiff(trace: readonly TraceEvent[], id: number): HopDiff | undefined {
  const sent = trace[id];
  if (!sent || (sent.type !== 'send' && sent.type !== 'drop') || sent.raw === undefined)
    return undefined;
  const chain = causeChain(trace, id);
  const origin = [...chain]
    .reverse()
    .find(
      (e) =>
        e.type === 'receive' &&
        e.element === sent.element &&
        e.callId === sent.callId &&
        e.cseq === sent.cseq &&
        (e.method !== undefined) === (sent.method !== undefined) &&
        e.raw !== undefined,
    );
  if (!origin || origin.raw === undefined) return undefined;
  const before = parse(origin.raw);
  const after = parse(sent.raw);
  if (!before || !after) return undefined;
  const changes: HeaderChange[] = [];
  const keys: string[] = [];
  for (const h of [...before.headers, ...after.headers])
    if (!keys.includes(h.key)) keys.push(h.key);
  for (const key of keys) {
    if (key === 'content-length') continue;
    const b = before.headersOf(key).map((h) => h.value);
    const a = after.headersOf(key).map((h) => h.value);
    const name = longName(key);
    // Values added at the top (Via, Record-Route) or removed from the top (Via on responses, Route).
    const bJoined = b.join(', ');
    const aJoined = a.join(', ');
    if (bJoined === aJoined) continue;
    if (b.length === 0) {
      for (const v of a) changes.push({ kind: 'added', header: name, after: v });
    } else if (a.length === 0) {
      for (const v of b) changes.push({ kind: 'removed', header: name, before: v });
    } else if (aJoined.endsWith(bJoined)) {
      changes.push({
        kind: 'added',
        header: name,
        after: aJoined.slice(0, aJoined.length - bJoined.length).replace(/,\s*$/, ''),
      });
    } else if (bJoined.endsWith(aJoined)) {
      changes.push({
        kind: 'removed',
        header: name,
        before: bJoined.slice(0, bJoined.length - aJoined.length).replace(/,\s*$/, ''),
      });
    } else {
      changes.push({ kind: 'changed', header: name, before: bJoined, after: aJoined });
    }
  }
  const sb = startLine(before);
  const sa = startLine(after);
  return { from: origin, ...(sb !== sa ? { startLine: { before: sb, after: sa } } : {}), changes };
}
