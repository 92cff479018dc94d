/**
 * Bytes after the body (RFC 3261 §18.3, §20.14): when Content-Length is smaller than what follows the
 * empty line, the message ends where Content-Length says and the rest of the datagram is discarded.
 * The parser does that silently; this tells where the cut is, so a person can be shown it.
 */
import type { SipMessage } from './message';

export interface BodyCut {
  /** The Content-Length value: the bytes of body the message keeps. */
  contentLength: number;
  /** Bytes that followed the empty line. */
  received: number;
  /** Bytes after the body that are not part of the message (received − contentLength, at least 1). */
  discarded: number;
  /** Byte offset in the message as received (`message.source`) where the body starts. */
  bodyOffset: number;
  /** Byte offset where the message ends and the discarded bytes begin. */
  cutOffset: number;
  /** True when the discarded bytes are only spaces, tabs and line ends. */
  blankOnly: boolean;
}

/** Where the body starts in the source: after the last header's line end and the empty line. */
function bodyOffsetOf(message: SipMessage, source: string): number | undefined {
  let end: number;
  const last = message.headers[message.headers.length - 1];
  if (last !== undefined) {
    if (last.raw === null || last.offset < 0) return undefined;
    end = last.offset + last.raw.length;
  } else {
    if (message.startLineRaw === null) return undefined;
    end = source.indexOf(message.startLineRaw) + message.startLineRaw.length;
  }
  // Two line ends: the one closing the last line, then the empty line. Each is CRLF, or LF alone
  // when the parser allowed it.
  for (let n = 0; n < 2; n++) {
    if (source.charCodeAt(end) === 13) end++;
    if (source.charCodeAt(end) !== 10) return undefined;
    end++;
  }
  return end;
}

/**
 * The cut in a parsed message whose Content-Length is smaller than the bytes after the empty line;
 * undefined when nothing is cut (no Content-Length, an exact one, or a message built by code).
 */
export function bodyCut(message: SipMessage): BodyCut | undefined {
  const source = message.source;
  if (source === null || message.changed) return undefined;
  const header = message.header('content-length');
  if (header === undefined) return undefined;
  const bodyOffset = bodyOffsetOf(message, source);
  if (bodyOffset === undefined || !source.startsWith(message.body, bodyOffset)) return undefined;
  const contentLength = message.body.length;
  const received = source.length - bodyOffset;
  if (received <= contentLength) return undefined;
  const cutOffset = bodyOffset + contentLength;
  return {
    contentLength,
    received,
    discarded: received - contentLength,
    bodyOffset,
    cutOffset,
    blankOnly: /^[\r\n \t]*$/.test(source.slice(cutOffset)),
  };
}
