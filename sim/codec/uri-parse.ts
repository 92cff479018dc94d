/**
 * Parsing URIs (RFC 3261 §19.1.1, grammar §25.1; tel, RFC 3966): SIP and SIPS URIs into their parts,
 * tel URIs into number and parameters, any other absolute URI kept opaque. One pass over the
 * characters, in place: a URI inside a header value is read where it stands.
 */
import {
  ALPHA,
  CLASS,
  DIGIT,
  HNV_UNRESERVED,
  HOST,
  PARAM_UNRESERVED,
  PASSWORD,
  TEL,
  UNRESERVED,
  URIC,
  USER_UNRESERVED,
  isHex,
} from './chars';
import { ValueParseError } from './errors';
import { NO_PARAMS, paramName } from './params';
import type { SipUri, TelUri, Uri } from './uri';
import { codesOf } from './codes';

const SIP_URI =
  'a SIP URI: "sip:" [ userinfo "@" ] hostport uri-parameters [ headers ] (RFC 3261 §19.1.1)';

/**
 * Where the URI being parsed is, for error messages: the string, and where its value starts (error
 * indexes count from there). Set at the start of parseUriIn; the parse never re-enters itself. The
 * loops get the character codes as a parameter.
 */
let str = '';
let base = 0;

function fail(problem: string, index: number, expected: string): never {
  throw new ValueParseError(problem, index - base, expected);
}

/** Checks a run of characters of one class, allowing %HH escapes; returns the index after it. */
function scanEscaped(b: Uint8Array, i: number, end: number, bits: number): number {
  const table = CLASS;
  while (i < end) {
    const c = b[i]!;
    if (c === 37 /* % */) {
      if (i + 2 >= end)
        fail('incomplete escape', i, 'escaped = "%" HEXDIG HEXDIG (RFC 3261 §25.1)');
      if (!isHex(b[i + 1]!) || !isHex(b[i + 2]!)) {
        fail('bad escape', i, 'escaped = "%" HEXDIG HEXDIG (RFC 3261 §25.1)');
      }
      i += 3;
      continue;
    }
    if ((table[c]! & bits) === 0) return i;
    i++;
  }
  return i;
}

/** What is wrong at index i of a URI that ends at `end` (quoting the string, not the codes). */
function describe(i: number, end: number): string {
  if (i >= end) return 'URI ends too early';
  const c = str.charCodeAt(i);
  if (c === 32 || c === 9) return 'whitespace inside a URI';
  if (c < 32 || c > 126) return `byte 0x${c.toString(16).padStart(2, '0')} inside a URI`;
  return `unexpected "${str[i]}" in URI`;
}

/** Parses a URI. Throws ValueParseError with the index of the problem. */
export function parseUri(s: string): Uri {
  return parseUriIn(s, codesOf(s), 0, s.length, 0);
}

/**
 * Parses the URI that fills s[start, end) where it stands (a header value holds it between "<" and
 * ">"): b holds the character codes of s, and error indexes count from `valueStart`.
 */
export function parseUriIn(
  s: string,
  b: Uint8Array,
  start: number,
  end: number,
  valueStart: number,
): Uri {
  str = s;
  base = valueStart;
  const table = CLASS;
  let i = start;
  if (i >= end || (table[b[i]!]! & ALPHA) === 0)
    fail(
      describe(i, end),
      i,
      'a URI scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" (RFC 3261 §25.1)',
    );
  while (i < end) {
    const c = b[i]!;
    if ((table[c]! & (ALPHA | DIGIT)) !== 0 || c === 43 || c === 45 || c === 46) i++;
    else break;
  }
  if (i >= end || b[i] !== 58 /* : */)
    fail(describe(i, end), i, 'a ":" after the URI scheme (RFC 3261 §25.1)');
  // sip, sips and tel in any case. Scheme characters are ALPHA / DIGIT / "+" / "-" / "."; of these,
  // only the two cases of a letter give that letter's lower-case code with the 0x20 bit set.
  const n = i - start;
  if (n === 3 || n === 4) {
    const c0 = b[start]! | 0x20;
    const c1 = b[start + 1]! | 0x20;
    const c2 = b[start + 2]! | 0x20;
    if (c0 === 115 && c1 === 105 && c2 === 112 /* sip */) {
      if (n === 3) return parseSipUri(b, i + 1, end, 'sip');
      if ((b[start + 3]! | 0x20) === 115 /* s */) return parseSipUri(b, i + 1, end, 'sips');
    } else if (n === 3 && c0 === 116 && c1 === 101 && c2 === 108 /* tel */) {
      return parseTelUri(b, i + 1, end);
    }
  }
  const scheme = s.slice(start, i).toLowerCase();
  const opaqueStart = i + 1;
  const opaqueEnd = scanEscaped(b, opaqueStart, end, URIC);
  if (opaqueEnd !== end || opaqueEnd === opaqueStart)
    fail(
      describe(opaqueEnd, end),
      opaqueEnd,
      'an absoluteURI: scheme ":" ( hier-part / opaque-part ) (RFC 3261 §25.1)',
    );
  return { scheme, opaque: s.slice(opaqueStart, end) };
}

function parseSipUri(b: Uint8Array, start: number, end: number, scheme: 'sip' | 'sips'): SipUri {
  const s = str;
  let user: string | null = null;
  let password: string | null = null;
  let i = start;
  // The first "@" of the URI ends the userinfo. Searched within the URI only, so that a list of
  // many URIs without userinfo is not scanned to its end once per URI.
  let at = -1;
  for (let k = start; k < end; k++) {
    if (b[k] === 64 /* @ */) {
      at = k;
      break;
    }
  }
  if (at >= 0) {
    const userEnd = scanEscaped(b, i, at, UNRESERVED | USER_UNRESERVED);
    if (userEnd === i && b[i] !== 58)
      fail(
        'empty user part before "@"',
        i,
        'user = 1*( unreserved / escaped / user-unreserved ) (RFC 3261 §25.1)',
      );
    user = s.slice(i, userEnd);
    i = userEnd;
    if (b[i] === 58 /* : */) {
      const pwEnd = scanEscaped(b, i + 1, at, PASSWORD);
      password = s.slice(i + 1, pwEnd);
      i = pwEnd;
    }
    if (i !== at)
      fail(
        describe(i, end),
        i,
        'userinfo = ( user / telephone-subscriber ) [ ":" password ] "@" (RFC 3261 §25.1)',
      );
    i = at + 1;
  }
  // host = hostname / IPv4address / IPv6reference
  const hostStart = i;
  if (i < end && b[i] === 91 /* [ */) {
    let close = -1;
    for (let k = i + 1; k < end; k++) {
      if (b[k] === 93 /* ] */) {
        close = k;
        break;
      }
    }
    if (close < 0)
      fail(
        'IPv6 reference is not closed',
        i,
        'IPv6reference = "[" IPv6address "]" (RFC 3261 §25.1)',
      );
    for (let k = i + 1; k < close; k++) {
      const c = b[k]!;
      if (!(isHex(c) || c === 58 || c === 46))
        fail(describe(k, end), k, 'IPv6address: hex digits, ":" and "." (RFC 3261 §25.1)');
    }
    if (close === i + 1)
      fail('empty IPv6 reference', i, 'IPv6reference = "[" IPv6address "]" (RFC 3261 §25.1)');
    i = close + 1;
  } else {
    i = scanHostname(b, hostStart, end);
    if (i === hostStart)
      fail(
        i >= end ? 'missing host' : describe(i, end),
        i,
        'a host: hostname / IPv4address / IPv6reference (RFC 3261 §25.1)',
      );
  }
  const host = s.slice(hostStart, i);
  let port: number | null = null;
  if (i < end && b[i] === 58 /* : */) {
    const ps = ++i;
    let value = 0;
    while (i < end) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
      i++;
    }
    if (i === ps || i - ps > 5)
      fail(
        i === ps ? 'missing port number' : 'port number too long',
        ps,
        'port = 1*DIGIT (RFC 3261 §25.1)',
      );
    if (value > 65535)
      fail(
        `port ${value} is out of range`,
        ps,
        'a port from 0 to 65535 (port = 1*DIGIT, RFC 3261 §25.1)',
      );
    port = value;
  }
  let params = NO_PARAMS;
  while (i < end && b[i] === 59 /* ; */) {
    const ns = ++i;
    i = scanEscaped(b, i, end, PARAM_UNRESERVED | UNRESERVED);
    if (i === ns)
      fail(
        describe(i, end),
        i,
        'uri-parameter = pname [ "=" pvalue ], pname = 1*paramchar (RFC 3261 §25.1)',
      );
    const name = paramName(s, b, ns, i);
    let value: string | null = null;
    if (i < end && b[i] === 61 /* = */) {
      const vs = ++i;
      i = scanEscaped(b, i, end, PARAM_UNRESERVED | UNRESERVED);
      if (i === vs) fail('empty parameter value', i, 'pvalue = 1*paramchar (RFC 3261 §25.1)');
      value = s.slice(vs, i);
    }
    // An array of exactly one for the usual single parameter (one grown by push has room for sixteen).
    if (params === NO_PARAMS) params = [{ name, value }];
    else params.push({ name, value });
  }
  let headers = NO_PARAMS;
  if (i < end && b[i] === 63 /* ? */) {
    headers = [];
    do {
      const ns = ++i;
      i = scanEscaped(b, i, end, HNV_UNRESERVED | UNRESERVED);
      if (i === ns) fail(describe(i, end), i, 'header = hname "=" hvalue (RFC 3261 §25.1)');
      const name = s.slice(ns, i);
      if (i >= end || b[i] !== 61)
        fail(describe(i, end), i, 'an "=" after the URI header name (RFC 3261 §25.1)');
      const vs = ++i;
      i = scanEscaped(b, i, end, HNV_UNRESERVED | UNRESERVED);
      headers.push({ name, value: s.slice(vs, i) });
    } while (i < end && b[i] === 38 /* & */);
  }
  if (i !== end) fail(describe(i, end), i, SIP_URI);
  return { scheme, user, password, host, port, params, headers };
}

/**
 * Reads a hostname or IPv4address from i and returns the index after it (i itself when there is
 * none): hostname = *( domainlabel "." ) toplabel [ "." ], IPv4address = 1*3DIGIT "." ... (RFC 3261
 * §25.1). Labels are checked as they end, in the same pass: this runs for every URI of every message.
 */
function scanHostname(b: Uint8Array, start: number, end: number): number {
  const table = CLASS;
  let labelStart = start;
  let labels = 0;
  let numeric = true;
  let octetTooBig = false;
  let k = start;
  for (; k < end; k++) {
    const c = b[k]!;
    if (c === 46 /* . */) {
      if (k === labelStart)
        fail(
          'empty label in host name',
          k,
          'hostname = *( domainlabel "." ) toplabel [ "." ] (RFC 3261 §25.1)',
        );
      if (numeric && isOctetTooBig(b, labelStart, k)) octetTooBig = true;
      checkLabelEnds(b, labelStart, k);
      labels++;
      labelStart = k + 1;
    } else if ((table[c]! & HOST) === 0) {
      break;
    } else if (c < 48 || c > 57) {
      numeric = false;
    }
  }
  if (k === start) return k;
  // The end of the host ends its last label; a trailing "." is allowed.
  if (k !== labelStart) {
    checkLabelEnds(b, labelStart, k);
    if (numeric && isOctetTooBig(b, labelStart, k)) octetTooBig = true;
    labels++;
  }
  if (numeric && (labels !== 4 || octetTooBig)) {
    fail(
      'malformed IPv4 address',
      start,
      'IPv4address = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT (RFC 3261 §25.1)',
    );
  }
  return k;
}

function checkLabelEnds(b: Uint8Array, start: number, end: number): void {
  if (b[start] === 45 || b[end - 1] === 45) {
    fail(
      'host name label starts or ends with "-"',
      start,
      'domainlabel = alphanum / alphanum *( alphanum / "-" ) alphanum (RFC 3261 §25.1)',
    );
  }
}

/** An all-digit label that cannot be an IPv4 octet (more than three digits, or above 255). */
function isOctetTooBig(b: Uint8Array, start: number, end: number): boolean {
  return (
    end - start > 3 ||
    (end - start === 3 &&
      (b[start]! - 48) * 100 + (b[start + 1]! - 48) * 10 + (b[start + 2]! - 48) > 255)
  );
}

function parseTelUri(b: Uint8Array, start: number, end: number): TelUri {
  const table = CLASS;
  let i = start;
  while (i < end && b[i] !== 59 && (table[b[i]!]! & TEL) !== 0) i++;
  if (i === start)
    fail(describe(i, end), i, 'telephone-subscriber = global-number / local-number (RFC 3966 §3)');
  const number = str.slice(start, i);
  let params = NO_PARAMS;
  while (i < end && b[i] === 59) {
    const ns = ++i;
    while (i < end && b[i] !== 59 && b[i] !== 61 && (table[b[i]!]! & TEL) !== 0) i++;
    if (i === ns) fail(describe(i, end), i, 'a tel URI parameter (RFC 3966 §3)');
    const name = str.slice(ns, i);
    let value: string | null = null;
    if (i < end && b[i] === 61) {
      const vs = ++i;
      while (i < end && b[i] !== 59 && (table[b[i]!]! & TEL) !== 0) i++;
      value = str.slice(vs, i);
    }
    if (params === NO_PARAMS) params = [{ name, value }];
    else params.push({ name, value });
  }
  if (i !== end) fail(describe(i, end), i, 'a tel URI: "tel:" telephone-subscriber (RFC 3966 §3)');
  return { scheme: 'tel', number, params };
}
