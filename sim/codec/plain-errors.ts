/**
 * Parse errors in plain words (RFC 3261 §7, §25): from a SipParseError to a sentence that names the
 * header (or line) and says what is missing or wrong, with the grammar rule kept as the detail. Used
 * by the message lab and the message inspector; the codec's own messages stay as they are.
 */
import type { SipParseError } from './errors';
import { longName } from './header-names';
import { expectedInWords } from './plain-expected';
import { wireToText } from './wire';

export interface PlainError {
  /** What is wrong and where, for a person: one or two sentences, the header named first. */
  sentence: string;
  /** The grammar rule the codec checked (the error's `expected`), for those who want the detail. */
  rule: string;
  /** The header the problem is in, as RFC 3261 writes its name ("Via", "CSeq"), when it is in one. */
  header?: string;
}

/** What the sentence builders know about the error. */
interface Context {
  /** "the Via header", "the Request-URI", "the request line", "the message". */
  where: string;
  /** The URI's place: "the URI in the Contact header", or "the Request-URI". */
  uriWhere: string;
  /** The text of the value (or line) before the problem, shortened: "10.0.0.10:5060". */
  before: string;
  /** True when nothing but the line end follows the problem's position. */
  atEnd: boolean;
  /** What belongs at the problem's position, in words (plain-expected.ts). */
  expected: string | undefined;
}

type Say = (m: RegExpExecArray, c: Context) => string;

const EXAMPLE_VIA = '“SIP/2.0/UDP 10.0.0.1:5060”';
const EXAMPLE_CSEQ = '“CSeq: 1 INVITE”';

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function after(c: Context): string {
  return c.before === '' ? '' : ` after “${c.before}”`;
}

/** A character named so a person can see it: “:”, or “the byte 0x07” for one that does not show. */
function shown(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && (code < 0x21 || code > 0x7e)) {
    return code === 0x20 ? 'a space' : `the byte 0x${code.toString(16).padStart(2, '0')}`;
  }
  return `“${wireToText(ch)}”`;
}

/** Problems the message framing (parse.ts) reports: each has its own sentence. */
const FRAMING: readonly [RegExp, Say][] = [
  [
    /^empty message$/,
    () =>
      'The message is empty: it needs a start line, the header fields and an empty line after them.',
  ],
  [
    /^message ends after the start line$/,
    () =>
      'The message ends after its first line: the header fields, and the empty line that closes them, are missing.',
  ],
  [
    /^start line has no space-separated parts$/,
    () =>
      'The first line has no spaces in it. A request line is a method, a URI and the version separated by single spaces (“INVITE sip:bob@biloxi.example.com SIP/2.0”); a status line is the version, the code and the reason (“SIP/2.0 200 OK”).',
  ],
  [
    /^status code "(.*)" is not three digits$/,
    (m) =>
      `The status code “${m[1]}” is not three digits: a status code is a number from 100 to 699, such as 200.`,
  ],
  [
    /^status code (\d+) is below 100$/,
    (m) => `The status code ${m[1]} is below 100: codes run from 100 to 699.`,
  ],
  [
    /^control character 0x([0-9a-f]+) in the reason phrase$/,
    (m) => `The reason phrase holds a control character (the byte 0x${m[1]}), which it may not.`,
  ],
  [
    /^"(.+)" is not allowed in a method name$/,
    (m) =>
      `The method name has ${shown(m[1]!)} in it: a method is one word, such as INVITE, REGISTER or BYE.`,
  ],
  [
    /^request line has no SIP version$/,
    () =>
      'The request line does not end with the SIP version: after the method and the Request-URI comes “SIP/2.0”.',
  ],
  [
    /^"(.*)" is not a SIP version$/,
    (m) =>
      `The request line ends with “${wireToText(m[1]!)}”, which is not a SIP version: it should be SIP/2.0.`,
  ],
  [
    /^empty Request-URI$/,
    () => 'The request line has no Request-URI between the method and the version.',
  ],
  [
    /^whitespace inside the Request-URI$/,
    () =>
      'The request line has more than two spaces: it is the method, the Request-URI and the version separated by single spaces, and a URI holds no spaces.',
  ],
  [
    /^line ends with LF alone$/,
    () => 'A line ends with LF alone: on the wire every line of a SIP message ends with CR LF.',
  ],
  [
    /^message ends before the empty line that closes the headers$/,
    () =>
      'The message ends without the empty line that closes the header fields: add an empty line after the last header.',
  ],
  [/^CR without LF$/, () => 'A line ends with CR alone, where CR LF belongs.'],
  [
    /^line starts with whitespace but does not continue a header$/,
    () =>
      'The first header line starts with a space. A line that starts with a space continues the header above it, and there is none: a header line starts with its name, such as Via or To.',
  ],
  [
    /^"(.+)" cannot start a header name$/,
    (m) =>
      `A header line starts with ${shown(m[1]!)}: a header line starts with its name, such as Via or To, then a colon.`,
  ],
  [
    /^header "(.+)" has no colon$/,
    (m) => {
      const name = wireToText(m[1]!);
      return `The ${name} header has no colon after its name: write “${name}: ” and then the value.`;
    },
  ],
  [
    /^two Content-Length headers disagree \((\d+) and (\d+)\)$/,
    (m) =>
      `Two Content-Length headers disagree (${m[1]} and ${m[2]}): a message has one Content-Length.`,
  ],
  [/^Content-Length appears twice$/, () => 'Content-Length appears twice: a message has one.'],
  [
    /^Content-Length (\d+) is larger than the (\d+) bytes of body received$/,
    (m) =>
      `Content-Length says the body has ${m[1]} bytes, but only ${m[2]} bytes follow the empty line: the message is cut short, so it is incomplete.`,
  ],
  [
    /^empty Content-Length$/,
    () =>
      'The Content-Length header is empty: it holds the number of bytes in the body (0 when there is none).',
  ],
  [
    /^Content-Length (.*) is not a reasonable byte count$/,
    (m) => `Content-Length ${m[1]} is far too large to be the size of a body.`,
  ],
  [
    /^negative Content-Length$/,
    () =>
      'Content-Length is negative: it holds the number of bytes in the body (0 when there is none).',
  ],
  [
    /^"(.+)" in Content-Length$/,
    (m) =>
      `Content-Length has ${shown(m[1]!)} in it: it holds only digits, the number of bytes in the body.`,
  ],
];

/** Problems inside a header value or a URI, after "Bad Via header: " or "Bad Request-URI: ". */
const VALUE: readonly [RegExp, Say][] = [
  [
    /^missing sent-by$/,
    (_m, c) =>
      `The Via has no host after “${c.before || 'SIP/2.0/UDP'}”: after the transport comes a space and the host (and port) that responses go to, as in ${EXAMPLE_VIA}.`,
  ],
  [
    /^missing host$/,
    (_m, c) =>
      `${cap(c.uriWhere)} has no host${after(c)}: a host name or an IP address should come there.`,
  ],
  [
    /^port (\d+) is out of range$/,
    (m, c) => `${cap(c.where)} names port ${m[1]}, but ports run from 0 to 65535.`,
  ],
  [
    /^CSeq does not start with a sequence number$/,
    () =>
      `The CSeq header does not start with a number: it holds a number, a space and the method, as in ${EXAMPLE_CSEQ}.`,
  ],
  [
    /^missing whitespace between CSeq number and method$/,
    (_m, c) =>
      c.atEnd
        ? `The CSeq header has no method after its number: it holds a number, a space and the method, as in ${EXAMPLE_CSEQ}.`
        : `The CSeq header has no space between its number and the method, as in ${EXAMPLE_CSEQ}.`,
  ],
  [
    /^CSeq sequence number (\S+) is too large$/,
    (m) => `The CSeq number ${m[1]} is too large: it must be below 2147483648 (2³¹).`,
  ],
  [
    /^empty Call-ID$/,
    () =>
      'The Call-ID is empty (or ends with “@”): it is one word without spaces, optionally followed by “@” and a host.',
  ],
  [
    /^whitespace inside Call-ID$/,
    () =>
      'The Call-ID has a space in it: a Call-ID is one word without spaces, optionally followed by “@” and a host.',
  ],
  [
    /^Max-Forwards (\d+) is above 255$/,
    (m) => `Max-Forwards is ${m[1]}, but it can be at most 255.`,
  ],
  [
    /^negative number$/,
    (_m, c) =>
      `${cap(c.where)} holds a negative number, where ${c.expected ?? 'a whole number'} belongs.`,
  ],
  [
    /^"<" is not closed by ">"$/,
    (_m, c) => `${cap(c.where)} opens “<” before the address but never closes it with “>”.`,
  ],
  [
    /^quoted string is not closed$/,
    (_m, c) => `${cap(c.where)} opens a quoted text with " but never closes it with another ".`,
  ],
  [
    /^IPv6 reference is not closed$/,
    (_m, c) => `${cap(c.where)} opens an IPv6 address with “[” but never closes it with “]”.`,
  ],
  [
    /^empty IPv6 reference$/,
    (_m, c) => `${cap(c.uriWhere)} has empty brackets “[]” where an IPv6 address belongs.`,
  ],
  [
    /^empty user part before "@"$/,
    (_m, c) => `${cap(c.uriWhere)} has an “@” with no user name before it.`,
  ],
  [
    /^(incomplete|bad) escape$/,
    (_m, c) =>
      `${cap(c.uriWhere)} has a “%” that is not followed by two hex digits (an escape is %HH, such as %20).`,
  ],
  [
    /^empty label in host name$/,
    (_m, c) =>
      `${cap(c.uriWhere)} has a host name with an empty part: two dots in a row, or a dot at the start.`,
  ],
  [
    /^host name label starts or ends with "-"$/,
    (_m, c) => `${cap(c.uriWhere)} has a host name part that starts or ends with “-”.`,
  ],
  [
    /^malformed IPv4 address$/,
    (_m, c) =>
      `${cap(c.uriWhere)} has a host that looks like an IPv4 address but is not four numbers from 0 to 255 separated by dots.`,
  ],
  [
    /^missing port number$/,
    (_m, c) => `${cap(c.uriWhere)} has a “:” after the host but no port number after it.`,
  ],
  [
    /^port number too long$/,
    (_m, c) =>
      `${cap(c.uriWhere)} has a port number with more than five digits; ports run from 0 to 65535.`,
  ],
  [
    /^empty parameter value$/,
    (_m, c) => `${cap(c.uriWhere)} has a parameter with “=” but no value after it.`,
  ],
  [
    /^comment is not closed$/,
    (_m, c) => `${cap(c.where)} opens a comment with “(” but never closes it with “)”.`,
  ],
  [
    /^whitespace inside a URI$/,
    (_m, c) => `${cap(c.uriWhere)} has a space in it${after(c)}: a URI holds no spaces.`,
  ],
  [
    /^byte 0x([0-9a-f]{2}) inside a URI$/,
    (m, c) =>
      `${cap(c.uriWhere)} holds the byte 0x${m[1]}, which a URI may not hold as it is (write it as %${m[1]!.toUpperCase()}).`,
  ],
  [
    /^unexpected "(.+)"(?: in URI)?$/,
    (m, c) =>
      c.expected === undefined
        ? `${cap(c.where)} has ${shown(m[1]!)}${after(c)}, which the grammar does not allow there.`
        : `${cap(c.where)} has ${shown(m[1]!)}${after(c)}, where SIP expects ${c.expected}.`,
  ],
  [
    /^(?:missing .+|value ends too early|URI ends too early|empty value|missing address)$/,
    (m, c) => {
      const mark = /^missing "(.+)"$/.exec(m[0])?.[1];
      const what = c.expected ?? (mark === undefined ? undefined : `“${mark}”`);
      if (c.before === '')
        return what === undefined
          ? `${cap(c.where)} has no value.`
          : `${cap(c.where)} has no value, where SIP expects ${what}.`;
      return what === undefined
        ? `${cap(c.where)} ends too early${after(c)}.`
        : `${cap(c.where)} ends${after(c)}, where SIP expects ${what}.`;
    },
  ],
];

const SENTENCES = [...FRAMING, ...VALUE];

/** The text before the problem on its line: after the header's colon, or from the line's start. */
function textBefore(
  source: string,
  offset: number,
  part: 'header' | 'request-uri' | 'line',
): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  let from = lineStart;
  if (part === 'request-uri') {
    // The Request-URI starts after the method and its space.
    const space = source.indexOf(' ', lineStart);
    if (space >= 0 && space < offset) from = space + 1;
  } else if (part === 'header') {
    // A header's first line: the value starts after the colon. A folded line: after its indent.
    const colon = source.indexOf(':', lineStart);
    const startsWithSpace =
      source.charCodeAt(lineStart) === 32 || source.charCodeAt(lineStart) === 9;
    if (!startsWithSpace && colon >= 0 && colon < offset) from = colon + 1;
  }
  const text = wireToText(source.slice(from, Math.min(offset, source.length))).trim();
  return text.length > 32 ? `…${text.slice(-30).trimStart()}` : text;
}

function isAtEnd(source: string, offset: number): boolean {
  for (let i = offset; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/**
 * A parse error in plain words. `source` is the message as a wire string (one character per byte, as
 * the codec read it), so the sentence can quote the text before the problem; without it the sentence
 * is a little vaguer.
 */
export function plainParseError(error: SipParseError, source?: string | null): PlainError {
  const prefixed = /^Bad (.+?)(?: header)?: (.*)$/s.exec(error.problem);
  const core = prefixed?.[2] ?? error.problem;
  const headerName =
    error.header !== undefined
      ? longName(error.header)
      : prefixed !== null && prefixed[1] !== 'Request-URI'
        ? prefixed[1]
        : undefined;
  const inRequestUri = prefixed?.[1] === 'Request-URI';
  const where = inRequestUri
    ? 'the Request-URI'
    : headerName !== undefined
      ? `the ${headerName} header`
      : 'the message';
  const known = source !== undefined && source !== null && error.offset >= 0;
  const context: Context = {
    where,
    uriWhere: inRequestUri ? 'the Request-URI' : `the URI in ${where}`,
    before: known
      ? textBefore(
          source,
          error.offset,
          inRequestUri ? 'request-uri' : headerName !== undefined ? 'header' : 'line',
        )
      : '',
    atEnd: known ? isAtEnd(source, error.offset) : false,
    expected: expectedInWords(error.expected),
  };
  let sentence: string | undefined;
  for (const [pattern, say] of SENTENCES) {
    const m = pattern.exec(core);
    if (m !== null) {
      sentence = say(m, context);
      break;
    }
  }
  if (sentence === undefined) {
    // A problem this module has no words for yet: the codec's own, with the place and what belongs.
    sentence =
      `${cap(where)}: ${core}.` +
      (context.expected !== undefined ? ` Expected: ${context.expected}.` : '');
  }
  return {
    sentence,
    rule: error.expected,
    ...(headerName !== undefined ? { header: headerName } : {}),
  };
}
