/**
 * What an element changed in a message it forwarded (RFC 3261 §16.6: Via added, Max-Forwards
 * decremented, Record-Route added, Request-URI rewritten, Route consumed; §16.7: Via removed from a
 * response), found by comparing the message it sent with the one it received that caused it.
 */
import {
  SipParseError,
  messageDiff,
  parseMessage,
  type HeaderChange,
  type MessageDiff,
  type SipMessage,
} from '../codec';
import type { TraceEvent } from '../network';

export type { HeaderChange };

export interface HopDiff extends MessageDiff {
  /** The "receive" event of the message this one was made from. */
  from: TraceEvent;
}

function parse(raw: string): SipMessage | undefined {
  try {
    return parseMessage(raw, { wire: true });
  } catch (e) {
    if (e instanceof SipParseError) return undefined;
    throw e;
  }
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
  return { from: origin, ...messageDiff(before, after) };
}
