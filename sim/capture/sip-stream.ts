/**
 * Cutting SIP messages out of a byte stream (RFC 3261 §18.3): on a stream transport the headers end
 * at the empty line and the body is Content-Length bytes (long form or compact "l"). Keep-alive CRLFs
 * between messages (RFC 5626 §4.4.1) are skipped; bytes that are no SIP message are skipped to the
 * next start line and reported.
 */
import { nextSipLine, skipLineEnds, startsWithSipLine } from './sip-detect';

export const NO_CONTENT_LENGTH_NOTE =
  'no Content-Length: over TCP the message is taken to end at the empty line after its headers (RFC 3261 §18.3 requires Content-Length on stream transports)';

/** Longest header section looked for before the stream is declared not SIP at that place. */
const MAX_HEADERS = 65536;
/** Longest body believed (a Content-Length above this is damage). */
const MAX_BODY = 16 * 1024 * 1024;
const CONTENT_LENGTH = /(?:^|\n)(?:content-length|l)[ \t]*:[ \t]*([^\r\n]*)/i;

export interface FramerOutput {
  message(raw: string, note?: string): void;
  problem(why: string): void;
}

export class SipStreamFramer {
  private buf = '';
  /** Bytes skipped since the last message because they were no SIP message. */
  private skipped = 0;

  constructor(
    private readonly out: FramerOutput,
    /** "a → b", for messages. */
    private readonly name: string,
  ) {}

  /** More bytes of the stream, in order (a wire string). */
  push(wire: string): void {
    this.buf = this.buf.length === 0 ? wire : this.buf + wire;
    this.extract();
  }

  /** Bytes are missing from the stream here: what was buffered is handed on as it is. */
  gap(missing: number): void {
    this.flush(`${missing} bytes of the stream were not captured after this point`);
  }

  /** The capture ends. */
  end(): void {
    this.flush('the capture ends inside this message');
  }

  private flush(why: string): void {
    this.reportSkipped();
    const at = skipLineEnds(this.buf);
    if (at < this.buf.length) {
      const rest = this.buf.slice(at);
      if (startsWithSipLine(rest)) this.out.message(rest, `incomplete: ${why}`);
      else
        this.out.problem(
          `${rest.length} bytes in TCP ${this.name} are not a SIP message: skipped (${why})`,
        );
    }
    this.buf = '';
  }

  private reportSkipped(): void {
    if (this.skipped === 0) return;
    this.out.problem(
      `${this.skipped} bytes in TCP ${this.name} are not a SIP message: skipped to the next start line`,
    );
    this.skipped = 0;
  }

  private extract(): void {
    for (;;) {
      const at = skipLineEnds(this.buf);
      if (at > 0) this.buf = this.buf.slice(at);
      if (this.buf.length === 0) return;
      if (!startsWithSipLine(this.buf)) {
        if (this.buf.indexOf('\n') < 0 && this.buf.length < 4096) return; // the first line is not all here yet
        const k = nextSipLine(this.buf, 0);
        if (k < 0) {
          // Keep the last, maybe unfinished, line: the next segment may complete a start line.
          const lf = this.buf.lastIndexOf('\n');
          const drop = lf < 0 ? this.buf.length : lf + 1;
          this.skipped += drop;
          this.buf = this.buf.slice(drop);
          return;
        }
        this.skipped += k;
        this.buf = this.buf.slice(k);
        continue;
      }
      this.reportSkipped();
      const crlf = this.buf.indexOf('\r\n\r\n');
      const lf = this.buf.indexOf('\n\n');
      const headerEnd = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : -1;
      if (headerEnd < 0) {
        if (this.buf.length > MAX_HEADERS) {
          this.out.problem(
            `TCP ${this.name}: no empty line after ${MAX_HEADERS} bytes of headers: skipped to the next start line`,
          );
          this.skipped += 1;
          this.buf = this.buf.slice(1);
          continue;
        }
        return;
      }
      const m = CONTENT_LENGTH.exec(this.buf.slice(0, headerEnd));
      let length = headerEnd;
      let note: string | undefined;
      if (m === null) note = NO_CONTENT_LENGTH_NOTE;
      else {
        const value = m[1]!.trim();
        const n = /^\d{1,9}$/.test(value) ? Number(value) : -1;
        if (n < 0 || n > MAX_BODY)
          note = `Content-Length "${value.slice(0, 20)}" cannot be used: the message is taken to end at the empty line after its headers`;
        else length += n;
      }
      if (this.buf.length < length) return;
      this.out.message(this.buf.slice(0, length), note);
      this.buf = this.buf.slice(length);
    }
  }
}
