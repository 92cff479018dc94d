/**
 * The message lab's reading of a text: everything comes from the codec (sim/codec); this file only
 * gathers its answers for the page and maps its byte offsets back to string indexes.
 */
import {
  SipParseError,
  checkMessage,
  explainMessage,
  plainVerdict,
  textToWire,
  type ExplainedLine,
  type HeaderField,
  type PlainVerdict,
  type SipMessage,
  type Verdict,
} from '@/sim/codec';

/** Where the codec found the problem, and what it says about it. */
export interface ProblemLocation {
  /** Byte offset in the UTF-8 text, as the codec reports it. */
  offset: number;
  /** The same place as an index into the JavaScript string. */
  index: number;
  line: number;
  column: number;
  problem: string;
  /** What the grammar expects there (known for parse errors). */
  expected?: string;
}

/** Where Content-Length ends the message, as indexes into the text typed (RFC 3261 §18.3). */
export interface CutLocation {
  /** Index of the body's first character. */
  bodyIndex: number;
  /** Index of the first character that is not part of the message. */
  index: number;
  /** 1-based line of that character. */
  line: number;
}

export interface ExplainedRow extends ExplainedLine {
  /** The header field behind a header line (for its name as written, e.g. a compact form). */
  field?: HeaderField;
}

export type Analysis =
  | {
      kind: 'verdict';
      text: string;
      verdict: Verdict;
      message: SipMessage | undefined;
      location: ProblemLocation | undefined;
      /** The verdict in plain words: the problem, what happens next, warnings. */
      plain: PlainVerdict;
      /** Where Content-Length cuts the text, when it is smaller than the body. */
      cut: CutLocation | undefined;
      /** The explained lines, for a message that parses (undefined when explaining failed). */
      rows: ExplainedRow[] | undefined;
      /** Set when the codec failed to explain a message it parsed. */
      explainError?: string;
    }
  | {
      /** The codec threw something other than a parse error: a bug, shown rather than crashing the page. */
      kind: 'internal-error';
      text: string;
      error: string;
    };

export const PARSE_OPTIONS = { allowBareLf: true } as const;

/**
 * Browsers turn CRLF into LF in a textarea, and people paste from documents: lines ending in LF alone
 * are given back their CR before parsing, so Content-Length counts the body as it was on the wire.
 * Returns the normalised text and, for each of its characters, the index in the original.
 */
export function restoreCrlf(text: string): { wire: string; originalIndex: number[] } {
  let wire = '';
  const originalIndex: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n' && (i === 0 || text[i - 1] !== '\r')) {
      wire += '\r';
      originalIndex.push(i);
    }
    wire += c;
    originalIndex.push(i);
  }
  originalIndex.push(text.length);
  return { wire, originalIndex };
}

/** The string index of a byte offset in the UTF-8 encoding of `text` (the index past the end when beyond it). */
export function byteOffsetToIndex(text: string, offset: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length && bytes < offset) {
    const cp = text.codePointAt(i)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

function locate(
  text: string,
  verdict: Verdict,
  originalIndex: readonly number[],
): ProblemLocation | undefined {
  if (verdict.verdict !== 'reject') return undefined;
  const { error, issue } = verdict;
  const toOriginal = (i: number): number =>
    originalIndex[Math.min(i, originalIndex.length - 1)] ?? i;
  if (error !== undefined && error.offset >= 0) {
    return {
      offset: error.offset,
      index: toOriginal(byteOffsetToIndex(text, error.offset)),
      line: error.line,
      column: error.column,
      problem: error.problem,
      expected: error.expected,
    };
  }
  const position = issue?.position;
  if (issue !== undefined && position !== undefined && position.offset >= 0) {
    return {
      offset: position.offset,
      index: toOriginal(byteOffsetToIndex(text, position.offset)),
      line: position.line,
      column: position.column,
      problem: issue.reason,
    };
  }
  return undefined;
}

function cutLocation(
  text: string,
  wire: string,
  plain: PlainVerdict,
  originalIndex: readonly number[],
): CutLocation | undefined {
  const cut = plain.cut;
  if (cut === undefined) return undefined;
  const toOriginal = (i: number): number =>
    originalIndex[Math.min(i, originalIndex.length - 1)] ?? i;
  const index = toOriginal(byteOffsetToIndex(wire, cut.cutOffset));
  return {
    bodyIndex: toOriginal(byteOffsetToIndex(wire, cut.bodyOffset)),
    index,
    line: text.slice(0, index).split('\n').length,
  };
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

function explainRows(message: SipMessage): ExplainedRow[] {
  const lines = explainMessage(message);
  // explainMessage gives one line per header field, in the message's order.
  let h = 0;
  return lines.map((line) =>
    line.part === 'header' ? { ...line, field: message.headers[h++] } : { ...line },
  );
}

export function analyze(text: string): Analysis {
  let verdict: Verdict;
  const { wire, originalIndex } = restoreCrlf(text);
  try {
    verdict = checkMessage(wire, PARSE_OPTIONS);
  } catch (e) {
    return { kind: 'internal-error', text, error: describeError(e) };
  }
  const message = verdict.message;
  let plain: PlainVerdict;
  try {
    plain = plainVerdict(verdict, textToWire(wire));
  } catch (e) {
    return { kind: 'internal-error', text, error: describeError(e) };
  }
  let rows: ExplainedRow[] | undefined;
  let explainError: string | undefined;
  if (message !== undefined) {
    try {
      rows = explainRows(message);
    } catch (e) {
      explainError = describeError(e);
    }
  }
  return {
    kind: 'verdict',
    text,
    verdict,
    message,
    location: locate(wire, verdict, originalIndex),
    plain,
    cut: cutLocation(text, wire, plain, originalIndex),
    rows,
    ...(explainError !== undefined ? { explainError } : {}),
  };
}

/** The outcome of reading one typed field: its value, the codec's parse error, or (a bug) another error. */
export type FieldRead<T> =
  | { ok: true; value: T }
  | { ok: false; error: SipParseError }
  | { ok: false; error: undefined; internal: string };

/** Calls one of the codec's typed accessors, keeping a SipParseError (or any other error) as the result. */
export function readField<T>(read: () => T): FieldRead<T> {
  try {
    return { ok: true, value: read() };
  } catch (e) {
    if (e instanceof SipParseError) return { ok: false, error: e };
    return { ok: false, error: undefined, internal: describeError(e) };
  }
}
