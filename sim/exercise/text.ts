/**
 * A written message as the codec reads it (RFC 3261 §7): text typed in an editor or read from a file
 * becomes a wire string — UTF-8 bytes, every line ending in CRLF (an editor gives LF alone), the empty
 * line after the header fields put back when the writer left it out, and a body of blank lines alone
 * taken as no body. Then it is parsed; a parse error comes back as data with its place.
 */
import { SipParseError, parseMessage, textToWire, type SipMessage } from '../codec';

/** Typed text to the wire string a message written that way would be. */
export function writtenToWire(text: string): string {
  let wire = textToWire(text).replace(/\r?\n/g, '\r\n');
  // Leading empty lines are ignored by the parser (§7.5); the end is where a writer is careless.
  const split = wire.indexOf('\r\n\r\n');
  if (split < 0) {
    wire = wire.replace(/(\r\n)*$/, '') + '\r\n\r\n';
  } else if (/^(\r\n|[ \t])*$/.test(wire.slice(split + 4))) {
    wire = wire.slice(0, split + 4);
  }
  return wire;
}

/** Where the codec stopped reading, and why. */
export interface WrittenParseError {
  /** The problem, e.g. 'bad CSeq header: "x" is not a number'. */
  problem: string;
  /** What the grammar expects there, with the RFC rule. */
  expected: string;
  /** In the wire string (after line ends were made CRLF): 1-based line and column, byte offset. */
  line: number;
  column: number;
  offset: number;
  /** The whole message of the codec ("... at line 3, column 7: expected ..."). */
  message: string;
  /** The header field it is in, when it is in one (canonical lower-case name: "cseq"). */
  header?: string;
}

export type WrittenMessage =
  | { ok: true; wire: string; message: SipMessage }
  | { ok: false; wire: string; error: WrittenParseError };

/** Reads a written message with the codec; a parse error is returned, never thrown. */
export function readWritten(text: string): WrittenMessage {
  const wire = writtenToWire(text);
  try {
    const message = parseMessage(wire, { wire: true });
    // Typed values are read on first use: read the ones the comparison needs now, so a malformed
    // value is a parse error here, with its place, and not a surprise later.
    message.vias();
    message.from();
    message.to();
    message.callId();
    message.cseq();
    message.maxForwards();
    message.contacts();
    message.routes();
    message.recordRoutes();
    message.contentType();
    if (message.kind === 'request') message.uri();
    return { ok: true, wire, message };
  } catch (e) {
    if (!(e instanceof SipParseError)) throw e;
    return {
      ok: false,
      wire,
      error: {
        problem: e.problem,
        expected: e.expected,
        line: e.line,
        column: e.column,
        offset: e.offset,
        message: e.message,
        ...(e.header !== undefined ? { header: e.header } : {}),
      },
    };
  }
}
