/**
 * Typed parse errors: what is wrong, where (line, column, byte offset) and what RFC 3261 expects.
 */

/** Where in the message an error was found. Lines and columns count from 1; offset is in bytes from 0. */
export interface SourcePosition {
  offset: number;
  line: number;
  column: number;
}

export class SipParseError extends Error {
  override readonly name = 'SipParseError';
  /** Byte offset of the problem in the message as received. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  /** What the grammar expects at that place, with the RFC rule, e.g. "CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16)". */
  readonly expected: string;
  /** The status a server answers with (400 for a malformed request unless the RFC names another). */
  readonly status: number;
  /** The header the error is in, when it is in one (canonical lower-case name, e.g. "via"). */
  readonly header: string | undefined;
  /** The problem alone, without the position (the reason phrase a server would send). */
  readonly problem: string;

  constructor(
    problem: string,
    position: SourcePosition,
    expected: string,
    options: { status?: number; header?: string } = {},
  ) {
    super(`${problem} at line ${position.line}, column ${position.column}: expected ${expected}`);
    this.problem = problem;
    this.offset = position.offset;
    this.line = position.line;
    this.column = position.column;
    this.expected = expected;
    this.status = options.status ?? 400;
    this.header = options.header;
  }
}

/**
 * Thrown by the value parsers (URI, Via, name-addr, ...), which see one header value and know nothing
 * of the message: the message layer turns it into a SipParseError with the position in the message.
 */
export class ValueParseError extends Error {
  override readonly name = 'ValueParseError';
  constructor(
    readonly problem: string,
    /** Index in the value string where the problem is. */
    readonly index: number,
    readonly expected: string,
  ) {
    super(`${problem} (at character ${index + 1}; expected ${expected})`);
  }
}

/** Line and column (1-based) of a byte offset in a wire string. */
export function positionOf(src: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, src.length);
  for (let i = 0; i < end; i++) {
    if (src.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}
