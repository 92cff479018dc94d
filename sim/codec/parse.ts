/**
 * parseMessage: from the bytes of one datagram (or a pasted text) to a SipMessage (RFC 3261 §7).
 * It frames the message (start line, header fields, unfolding, body by Content-Length, §7.5, §18.3)
 * and leaves typed header values to be parsed on first use (message.ts); `validateMessage` forces them.
 */
import { CLASS, CR, DIGIT, LF, TOKEN, is } from './chars';
import { SipParseError, positionOf } from './errors';
import {
  NAME_CODES,
  NAME_KEYS,
  NAME_STARTS,
  NAME_SLOTS,
  NAME_SLOT_MASK,
  NAME_SPELLINGS,
  headerKey,
  nameHashStep,
} from './header-names';
import { SipRequest, SipResponse, type HeaderField, type SipMessage } from './message';
import { sourceCodes, wireOfBytes, wireOfText } from './codes';
import { METHODS } from './header-values';
import { wordAt, wordTable } from './words';

export interface ParseOptions {
  /**
   * Accept lines that end in LF alone (people paste messages from documents). RFC 3261 §7 requires
   * CRLF, so this is off by default; the message keeps its bytes either way.
   */
  allowBareLf?: boolean;
  /**
   * A string input is a wire string (one character per byte, as serializeMessage returns and the trace
   * stores), not text typed by a person: it is used as it is instead of being encoded as UTF-8.
   */
  wire?: boolean;
}

/** Methods and the version, the words a start line begins or ends with. */
const START_WORDS = wordTable([...METHODS.words, 'SIP/2.0']);

const START_LINE =
  'Request-Line = Method SP Request-URI SP SIP-Version CRLF, or Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF (RFC 3261 §7.1, §7.2)';
const VERSION = 'SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT (RFC 3261 §25.1)';

function err(
  src: string,
  offset: number,
  problem: string,
  expected: string,
  status?: number,
): SipParseError {
  return new SipParseError(
    problem,
    positionOf(src, offset),
    expected,
    status === undefined ? {} : { status },
  );
}

/** "SIP/" in any case (ABNF strings are case-insensitive), as toUpperCase sees it. */
function isSipSlash(s: string): boolean {
  const c0 = s.charCodeAt(0);
  const c1 = s.charCodeAt(1);
  const c2 = s.charCodeAt(2);
  // Above 0xff (never in a wire string) some characters upper-case to S or I ("ſ", "ı").
  if (c0 > 0xff || c1 > 0xff || c2 > 0xff) return s.slice(0, 4).toUpperCase() === 'SIP/';
  return (
    (c0 | 0x20) === 115 && (c1 | 0x20) === 105 && (c2 | 0x20) === 112 && s.charCodeAt(3) === 47
  );
}

function isVersion(s: string): boolean {
  if (s === 'SIP/2.0') return true; // nearly always, and a shared constant (START_WORDS)
  // "SIP" is case-insensitive in ABNF; then "/" 1*DIGIT "." 1*DIGIT
  if (s.length < 7 || !isSipSlash(s)) return false;
  const dot = s.indexOf('.', 4);
  if (dot <= 4 || dot === s.length - 1) return false;
  for (let i = 4; i < s.length; i++) if (i !== dot && !is(s.charCodeAt(i), DIGIT)) return false;
  return true;
}

/** Whether a code minus 48 is the value of a DIGIT. */
function isDigitValue(d: number): boolean {
  return d >= 0 && d <= 9;
}

/** Set by lineEnd: where the line after the one just found starts. */
let nextLine = 0;

/** Finds the end of the line starting at `from` (the index of its CR, or of a bare LF) and sets nextLine. */
function lineEnd(src: string, b: Uint8Array, from: number, allowBareLf: boolean): number {
  const lf = src.indexOf('\n', from);
  if (lf < 0) {
    nextLine = src.length;
    return src.length;
  }
  nextLine = lf + 1;
  if (lf > from && b[lf - 1] === CR) return lf - 1;
  if (!allowBareLf) {
    throw err(src, lf, 'line ends with LF alone', 'CRLF at the end of every line (RFC 3261 §7)');
  }
  return lf;
}

/** The options of a call that passes none: one shared object rather than a new `{}` per call. */
const NO_PARSE_OPTIONS: ParseOptions = Object.freeze({});

export function parseMessage(
  input: string | Uint8Array,
  options: ParseOptions = NO_PARSE_OPTIONS,
): SipMessage {
  // The message as a wire string (what its parts are cut from), and its codes in the shared message
  // buffer (what the loops read: a typed array is read faster than a string).
  const src =
    typeof input !== 'string'
      ? wireOfBytes(input)
      : options.wire === true
        ? input
        : wireOfText(input);
  const bytes = sourceCodes(src);
  // The framing proper is its own function: it then sees only strings, and the conversions above
  // (inlined here) do not use up the optimizing compiler's inlining budget for the header loop.
  return frameMessage(src, bytes, options.allowBareLf === true);
}

function frameMessage(src: string, b: Uint8Array, allowBareLf: boolean): SipMessage {
  // Tables as locals: the header loop then loads each once, not once per character.
  const table = CLASS;
  const nameCodes = NAME_CODES;
  const n = src.length;
  let pos = 0;
  // §7.5: CRLFs before the start line are ignored.
  while (pos < n && (b[pos] === CR || b[pos] === LF)) pos++;
  if (pos >= src.length) throw err(src, pos, 'empty message', START_LINE);

  const slEnd = lineEnd(src, b, pos, allowBareLf);
  const afterSl = nextLine;
  if (afterSl >= src.length && slEnd === src.length) {
    throw err(
      src,
      slEnd,
      'message ends after the start line',
      'CRLF after the start line, then header fields (RFC 3261 §7)',
    );
  }
  const startLine = src.slice(pos, slEnd);
  const startOffset = pos;
  const sp1 = startLine.indexOf(' ');
  if (sp1 <= 0)
    throw err(
      src,
      startOffset + (sp1 < 0 ? startLine.length : 0),
      'start line has no space-separated parts',
      START_LINE,
    );

  let msg: SipMessage;
  const headers: HeaderField[] = [];
  // The method, or the version of a status line: a shared constant when it is a common one (the
  // comparisons validation makes with them are then comparisons of references).
  const first = wordAt(START_WORDS, src, b, startOffset, startOffset + sp1);
  if (startLine.charCodeAt(0) === 83 /* S */ && isVersion(first)) {
    // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
    const version = first;
    const sp2 = startLine.indexOf(' ', sp1 + 1);
    // Status-Code = 3DIGIT, read on the byte view: no substring, no Number().
    const codeStart = startOffset + sp1 + 1;
    const codeLength = (sp2 < 0 ? startLine.length : sp2) - sp1 - 1;
    const d0 = b[codeStart]! - 48;
    const d1 = b[codeStart + 1]! - 48;
    const d2 = b[codeStart + 2]! - 48;
    if (codeLength !== 3 || !isDigitValue(d0) || !isDigitValue(d1) || !isDigitValue(d2)) {
      const codeText = sp2 < 0 ? startLine.slice(sp1 + 1) : startLine.slice(sp1 + 1, sp2);
      throw err(
        src,
        codeStart,
        `status code "${codeText.length > 20 ? codeText.slice(0, 20) + '…' : codeText}" is not three digits`,
        'Status-Code = 3DIGIT (RFC 3261 §7.2, §25.1)',
      );
    }
    const status = d0 * 100 + d1 * 10 + d2;
    if (status < 100)
      throw err(
        src,
        startOffset + sp1 + 1,
        `status code ${status} is below 100`,
        'a status code from 100 to 699 (RFC 3261 §7.2, §21)',
      );
    if (sp2 < 0) {
      // Strictly the SP before an empty Reason-Phrase is required; its absence is tolerated.
    }
    const reason = sp2 < 0 ? '' : startLine.slice(sp2 + 1);
    const reasonStart = startOffset + sp2 + 1;
    for (let i = reasonStart; i < reasonStart + reason.length; i++) {
      const c = b[i]!;
      if ((c < 32 && c !== 9) || c === 127)
        throw err(
          src,
          i,
          `control character 0x${c.toString(16)} in the reason phrase`,
          'Reason-Phrase = *(reserved / unreserved / escaped / UTF8-NONASCII / UTF8-CONT / SP / HTAB) (RFC 3261 §25.1)',
        );
    }
    msg = new SipResponse(status, reason, version, headers, '');
  } else {
    // Request-Line = Method SP Request-URI SP SIP-Version
    const method = first;
    for (let i = startOffset; i < startOffset + sp1; i++) {
      if ((table[b[i]!]! & TOKEN) === 0)
        throw err(
          src,
          i,
          `"${src[i]}" is not allowed in a method name`,
          'Method = token (RFC 3261 §25.1)',
        );
    }
    // Trailing whitespace after the version is tolerated (RFC 4475 §3.1.2.7 allows either answer).
    let end = startLine.length;
    while (end > 0 && (b[startOffset + end - 1] === 32 || b[startOffset + end - 1] === 9)) end--;
    // The last SP before that (startLine.lastIndexOf(' ', end - 1), on the bytes).
    let lastSp = end - 1;
    while (lastSp >= 0 && b[startOffset + lastSp] !== 32) lastSp--;
    if (lastSp <= sp1)
      throw err(src, startOffset + end, 'request line has no SIP version', START_LINE);
    const version = wordAt(START_WORDS, src, b, startOffset + lastSp + 1, startOffset + end);
    if (!isVersion(version))
      throw err(src, startOffset + lastSp + 1, `"${version}" is not a SIP version`, VERSION);
    const requestUri = startLine.slice(sp1 + 1, lastSp);
    if (requestUri.length === 0)
      throw err(src, startOffset + sp1 + 1, 'empty Request-URI', START_LINE);
    const uriStart = startOffset + sp1 + 1;
    for (let i = uriStart; i < uriStart + requestUri.length; i++) {
      const c = b[i];
      if (c === 32 || c === 9)
        throw err(
          src,
          i,
          'whitespace inside the Request-URI',
          'exactly one SP between Method, Request-URI and SIP-Version, and no whitespace in the URI (RFC 3261 §7.1)',
        );
    }
    msg = new SipRequest(method, requestUri, version, headers, '');
    msg.requestUriOffset = startOffset + sp1 + 1;
  }
  msg.source = src;
  msg.startLineRaw = startLine;

  // Header fields (§7.3), each possibly folded over several lines (§7.3.1), pushed onto msg.headers.
  let p = afterSl;
  let contentLength = -1;
  let contentLengthHeader: HeaderField | null = null;
  for (;;) {
    if (p >= src.length)
      throw err(
        src,
        p,
        'message ends before the empty line that closes the headers',
        'an empty line (CRLF) after the header fields (RFC 3261 §7)',
      );
    const c0 = b[p]!;
    if (c0 === CR || c0 === LF) {
      // The empty line is CRLF (or LF alone when allowed): a CR followed by anything else is not one.
      if (lineEnd(src, b, p, allowBareLf) !== p)
        throw err(src, p, 'CR without LF', 'CRLF (RFC 3261 §7)');
      p = nextLine;
      break;
    }
    if (c0 === 32 || c0 === 9)
      throw err(
        src,
        p,
        'line starts with whitespace but does not continue a header',
        'a header field name (message-header, RFC 3261 §7.3)',
      );
    const start = p;
    let i = p;
    // field-name = token, hashed as it is scanned to find its spelling in NAME_SLOTS.
    let hash = 0;
    while (i < n) {
      const c = b[i]!;
      if ((table[c]! & TOKEN) === 0) break;
      hash = nameHashStep(hash, c);
      i++;
    }
    const nameEnd = i;
    if (nameEnd === start)
      throw err(
        src,
        start,
        `"${src[start]}" cannot start a header name`,
        'field-name = token (RFC 3261 §7.3)',
      );
    while (i < n && (b[i] === 32 || b[i] === 9)) i++;
    if (i >= n || b[i] !== 58 /* : */) {
      throw err(
        src,
        i,
        `header "${src.slice(start, nameEnd)}" has no colon`,
        'HCOLON after the header name: field-name *( SP / HTAB ) ":" (RFC 3261 §7.3.1)',
      );
    }
    const colon = i;
    let end = lineEnd(src, b, colon, allowBareLf);
    let folded = false;
    while (nextLine < n && (b[nextLine] === 32 || b[nextLine] === 9)) {
      folded = true;
      end = lineEnd(src, b, nextLine, allowBareLf);
    }
    const next = nextLine;
    let vs = colon + 1;
    let value: string;
    let valueOffset = -1;
    if (!folded) {
      while (vs < end && (b[vs] === 32 || b[vs] === 9)) vs++;
      let ve = end;
      while (ve > vs && (b[ve - 1] === 32 || b[ve - 1] === 9)) ve--;
      value = src.slice(vs, ve);
      valueOffset = vs;
    } else {
      value = src
        .slice(vs, end)
        .replace(/\r?\n[ \t]+/g, ' ')
        .replace(/^[ \t]+|[ \t]+$/g, '');
    }
    let name: string | undefined;
    let key: string | undefined;
    const nameLength = nameEnd - start;
    for (let slot = hash & NAME_SLOT_MASK; ; slot = (slot + 1) & NAME_SLOT_MASK) {
      const entry = NAME_SLOTS[slot]!;
      if (entry === 0) break;
      const spelling = NAME_SPELLINGS[entry - 1]!;
      if (spelling.length !== nameLength) continue;
      // Compared byte for byte in place: no substring.
      const at = NAME_STARTS[entry - 1]! - start;
      let k = start;
      while (k < nameEnd && nameCodes[at + k] === b[k]) k++;
      if (k === nameEnd) {
        name = spelling;
        key = NAME_KEYS[entry - 1]!;
        break;
      }
    }
    if (name === undefined || key === undefined) {
      name = src.slice(start, nameEnd);
      key = headerKey(name);
    }
    const field: HeaderField = {
      name,
      key,
      value,
      raw: src.slice(start, end),
      offset: start,
      parsed: undefined,
      valueOffset,
    };
    headers.push(field);
    if (key === 'content-length') {
      const n = parseContentLength(src, field, msg);
      if (contentLength >= 0 && n !== contentLength) {
        throw err(
          src,
          start,
          `two Content-Length headers disagree (${contentLength} and ${n})`,
          'one Content-Length header (RFC 3261 §7.3.1, §20.14)',
        );
      }
      if (contentLengthHeader !== null)
        throw err(
          src,
          start,
          'Content-Length appears twice',
          'one Content-Length header (RFC 3261 §20.14)',
        );
      contentLength = n;
      contentLengthHeader = field;
    }
    p = next;
  }

  // Body (§7.4, §18.3): Content-Length bytes; over UDP, without Content-Length, the rest of the datagram.
  const available = src.length - p;
  if (contentLength < 0) {
    msg.body = src.slice(p);
  } else {
    if (contentLength > available) {
      throw err(
        src,
        contentLengthHeader!.offset,
        `Content-Length ${contentLength} is larger than the ${available} bytes of body received`,
        'a Content-Length equal to the body size in bytes (RFC 3261 §18.3, §20.14)',
      );
    }
    // Bytes after Content-Length are not part of this message (§18.3 for datagrams).
    msg.body = src.slice(p, p + contentLength);
  }
  return msg;
}

function parseContentLength(src: string, h: HeaderField, msg: SipMessage): number {
  const v = h.value;
  let n = 0;
  if (v.length === 0 || v.length > 9) {
    throw new SipParseError(
      v.length === 0
        ? 'empty Content-Length'
        : `Content-Length ${v.slice(0, 20)} is not a reasonable byte count`,
      msg.positionInHeader(h, 0),
      'Content-Length = 1*DIGIT (RFC 3261 §20.14)',
      { header: 'content-length' },
    );
  }
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) {
      throw new SipParseError(
        c === 45 ? 'negative Content-Length' : `"${v[i]}" in Content-Length`,
        msg.positionInHeader(h, i),
        'Content-Length = 1*DIGIT (RFC 3261 §20.14)',
        { header: 'content-length' },
      );
    }
    n = n * 10 + (c - 48);
  }
  void src;
  return n;
}
