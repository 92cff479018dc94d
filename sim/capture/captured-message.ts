/**
 * A SIP message found in a capture, as plain data: the codec parses it once when it is found (to keep
 * its error, its start line and its Call-ID); `parsedOf` gives the SipMessage to whoever needs it,
 * parsing again on the far side of a postMessage and remembering the result.
 */
import { SipParseError, parseMessage, type SipMessage } from '../codec';
import type { CapturedMessage } from './types';

const parsed = new WeakMap<CapturedMessage, SipMessage | null>();

/** The start line of a wire string (after any leading CRLFs), without its line end. */
export function firstLineOf(raw: string): string {
  let i = 0;
  while (i < raw.length && (raw.charCodeAt(i) === 13 || raw.charCodeAt(i) === 10)) i++;
  let end = raw.indexOf('\n', i);
  if (end < 0) end = raw.length;
  if (end > i && raw.charCodeAt(end - 1) === 13) end--;
  return raw.slice(i, Math.min(end, i + 1000));
}

export interface MessageFacts {
  raw: string;
  time: number;
  absoluteTime: number;
  source: string;
  destination: string;
  transport: 'UDP' | 'TCP';
  packet: number;
  note?: string;
}

/** Parses the message and returns it as plain data, its error kept when the codec rejects it. */
export function capturedMessage(index: number, facts: MessageFacts): CapturedMessage {
  const m: CapturedMessage = {
    index,
    time: facts.time,
    absoluteTime: facts.absoluteTime,
    source: facts.source,
    destination: facts.destination,
    transport: facts.transport,
    raw: facts.raw,
    firstLine: firstLineOf(facts.raw),
    packet: facts.packet,
  };
  if (facts.note !== undefined) m.note = facts.note;
  try {
    // Not kept: a 50 MB capture's parsed messages would fill the heap; parsedOf parses again on demand.
    const msg = parseMessage(facts.raw, { wire: true });
    const callId = safe(() => msg.callId());
    if (callId !== undefined) m.callId = callId;
  } catch (e) {
    m.error =
      e instanceof SipParseError
        ? { message: e.message, line: e.line, column: e.column }
        : { message: e instanceof Error ? e.message : String(e), line: 1, column: 1 };
  }
  return m;
}

/**
 * The parsed SipMessage of a captured message, or undefined when the codec rejects it. Works on
 * messages that came through postMessage or JSON too (it parses `raw` the first time).
 */
export function parsedOf(m: CapturedMessage): SipMessage | undefined {
  let p = parsed.get(m);
  if (p === undefined) {
    try {
      p = parseMessage(m.raw, { wire: true });
    } catch {
      p = null;
    }
    parsed.set(m, p);
  }
  return p ?? undefined;
}

/** A header value read without throwing (a malformed header reads as undefined). */
export function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
