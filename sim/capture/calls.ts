/**
 * The calls of a capture, as sngrep lists them: messages grouped by Call-ID (RFC 3261 §8.1.1.4), each
 * with its From and To, the method of its first request, and the final status of that request (the
 * first final response with the same CSeq, §8.1.3.3).
 */
import { formatUri, isRequest, isResponse } from '../codec';
import { parsedOf, safe } from './captured-message';
import type { CapturedMessage } from './types';

export interface CaptureCall {
  callId: string;
  /** The From URI of the call's first message ("sip:alice@atlanta.com"), or "" when unreadable. */
  from: string;
  to: string;
  /** Method of the first request of the call (a response can come first in a capture cut short). */
  method: string | undefined;
  /** Final status (200–699) of that first request, or undefined when none was captured. */
  status: number | undefined;
  /** Seconds since the first packet, of the call's first message. */
  start: number;
  /** Seconds from the first to the last message of the call. */
  duration: number;
  /** Number of messages. */
  messages: number;
}

interface Building {
  call: CaptureCall;
  firstRequest: { seq: number; method: string } | undefined;
  last: number;
}

export function callsOf(messages: readonly CapturedMessage[]): CaptureCall[] {
  const calls = new Map<string, Building>();
  for (const m of messages) {
    const msg = parsedOf(m);
    const callId = m.callId;
    if (msg === undefined || callId === undefined) continue;
    let b = calls.get(callId);
    if (b === undefined) {
      const from = safe(() => msg.from());
      const to = safe(() => msg.to());
      b = {
        call: {
          callId,
          from:
            from === undefined ? '' : uriText(() => formatUri(from.uri), msg.headerValue('from')),
          to: to === undefined ? '' : uriText(() => formatUri(to.uri), msg.headerValue('to')),
          method: undefined,
          status: undefined,
          start: m.time,
          duration: 0,
          messages: 0,
        },
        firstRequest: undefined,
        last: m.time,
      };
      calls.set(callId, b);
    }
    b.call.messages++;
    b.last = Math.max(b.last, m.time);
    const cseq = safe(() => msg.cseq());
    if (isRequest(msg) && b.firstRequest === undefined) {
      b.call.method = msg.method;
      if (cseq !== undefined) b.firstRequest = { seq: cseq.seq, method: cseq.method };
    } else if (
      isResponse(msg) &&
      b.call.status === undefined &&
      msg.status >= 200 &&
      b.firstRequest !== undefined &&
      cseq !== undefined &&
      cseq.seq === b.firstRequest.seq &&
      cseq.method === b.firstRequest.method
    ) {
      b.call.status = msg.status;
    }
  }
  return [...calls.values()].map((b) => ({
    ...b.call,
    duration: Math.round((b.last - b.call.start) * 1e6) / 1e6,
  }));
}

function uriText(format: () => string, fallback: string | undefined): string {
  return safe(format) ?? fallback ?? '';
}
