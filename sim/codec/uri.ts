/**
 * URIs: SIP and SIPS (RFC 3261 §19.1, grammar §25.1), tel (RFC 3966), and any other absolute URI kept
 * opaque (so a server can answer 416, §8.2.2.1). Escapes are kept as received in the fields; `unescape`
 * gives the decoded form that URI comparison (§19.1.4) uses.
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
  is,
  isHex,
} from './chars';
import { ValueParseError } from './errors';
import { NO_PARAMS, findParam, type Param } from './params';

export interface SipUri {
  scheme: 'sip' | 'sips';
  /** The user part as received (escapes kept), or null when the URI has no userinfo. */
  user: string | null;
  password: string | null;
  /** Host as received: a domain name, an IPv4 address, or an IPv6 reference with its brackets. */
  host: string;
  port: number | null;
  /** uri-parameters, in order (transport, user, method, ttl, maddr, lr, and any other). */
  params: Param[];
  /** URI headers after "?", in order (hname=hvalue, escapes kept). */
  headers: Param[];
}

export interface TelUri {
  scheme: 'tel';
  /** The telephone-subscriber number, e.g. "+1-201-555-0123" or "7042". */
  number: string;
  params: Param[];
}

/** Any other absolute URI (RFC 3261 §25.1 absoluteURI), kept opaque. */
export interface OtherUri {
  scheme: string;
  opaque: string;
}

export type Uri = SipUri | TelUri | OtherUri;

export function isSipUri(uri: Uri): uri is SipUri {
  return uri.scheme === 'sip' || uri.scheme === 'sips';
}

export function isTelUri(uri: Uri): uri is TelUri {
  return uri.scheme === 'tel';
}

const SIP_URI =
  'a SIP URI: "sip:" [ userinfo "@" ] hostport uri-parameters [ headers ] (RFC 3261 §19.1.1)';

function fail(problem: string, index: number, expected: string): never {
  throw new ValueParseError(problem, index, expected);
}

/** Checks a run of characters of one class, allowing %HH escapes; returns the index after it. */
function scanEscaped(s: string, i: number, end: number, bits: number): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c === 37 /* % */) {
      if (i + 2 >= end)
        fail('incomplete escape', i, 'escaped = "%" HEXDIG HEXDIG (RFC 3261 §25.1)');
      if (!isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) {
        fail('bad escape', i, 'escaped = "%" HEXDIG HEXDIG (RFC 3261 §25.1)');
      }
      i += 3;
      continue;
    }
    if (!is(c, bits)) return i;
    i++;
  }
  return i;
}

/** What is wrong at index i of a URI that ends at `end`. */
function describe(s: string, i: number, end: number): string {
  if (i >= end) return 'URI ends too early';
  const c = s.charCodeAt(i);
  if (c === 32 || c === 9) return 'whitespace inside a URI';
  if (c < 32 || c > 126) return `byte 0x${c.toString(16).padStart(2, '0')} inside a URI`;
  return `unexpected "${s[i]}" in URI`;
}

/** Whether s[at, at + word.length) is `word` (lower case) in any case: a scheme name. */
function isSchemeName(s: string, at: number, length: number, word: string): boolean {
  if (length !== word.length) return false;
  // Scheme characters are ALPHA / DIGIT / "+" / "-" / "."; of these, only the two cases of a letter
  // give that letter's lower-case code with the 0x20 bit set.
  for (let k = 0; k < length; k++)
    if ((s.charCodeAt(at + k) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

/** Parses a URI. Throws ValueParseError with the index of the problem. */
export function parseUri(s: string): Uri {
  return parseUriIn(s, 0, s.length);
}

/**
 * Parses the URI that fills s[start, end) where it stands (a header value holds it between "<" and
 * ">"), without first taking it out as a substring. Error indexes are indexes in s.
 */
export function parseUriIn(s: string, start: number, end: number): Uri {
  let i = start;
  if (i >= end || !is(s.charCodeAt(i), ALPHA))
    fail(
      describe(s, i, end),
      i,
      'a URI scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" (RFC 3261 §25.1)',
    );
  while (i < end) {
    const c = s.charCodeAt(i);
    if (is(c, ALPHA) || is(c, DIGIT) || c === 43 || c === 45 || c === 46) i++;
    else break;
  }
  if (i >= end || s.charCodeAt(i) !== 58 /* : */)
    fail(describe(s, i, end), i, 'a ":" after the URI scheme (RFC 3261 §25.1)');
  const n = i - start;
  if (isSchemeName(s, start, n, 'sip')) return parseSipUri(s, i + 1, end, 'sip');
  if (isSchemeName(s, start, n, 'sips')) return parseSipUri(s, i + 1, end, 'sips');
  if (isSchemeName(s, start, n, 'tel')) return parseTelUri(s, i + 1, end);
  const scheme = s.slice(start, i).toLowerCase();
  const opaqueStart = i + 1;
  const opaqueEnd = scanEscaped(s, opaqueStart, end, URIC);
  if (opaqueEnd !== end || opaqueEnd === opaqueStart)
    fail(
      describe(s, opaqueEnd, end),
      opaqueEnd,
      'an absoluteURI: scheme ":" ( hier-part / opaque-part ) (RFC 3261 §25.1)',
    );
  return { scheme, opaque: s.slice(opaqueStart, end) };
}

function parseSipUri(s: string, start: number, end: number, scheme: 'sip' | 'sips'): SipUri {
  let user: string | null = null;
  let password: string | null = null;
  let i = start;
  // The first "@" of the URI ends the userinfo. Searched within the URI only, so that a list of
  // many URIs without userinfo is not scanned to its end once per URI.
  let at = -1;
  for (let k = start; k < end; k++) {
    if (s.charCodeAt(k) === 64 /* @ */) {
      at = k;
      break;
    }
  }
  if (at >= 0) {
    const userEnd = scanEscaped(s, i, at, UNRESERVED | USER_UNRESERVED);
    if (userEnd === i && s.charCodeAt(i) !== 58)
      fail(
        'empty user part before "@"',
        i,
        'user = 1*( unreserved / escaped / user-unreserved ) (RFC 3261 §25.1)',
      );
    user = s.slice(i, userEnd);
    i = userEnd;
    if (s.charCodeAt(i) === 58 /* : */) {
      const pwEnd = scanEscaped(s, i + 1, at, PASSWORD);
      password = s.slice(i + 1, pwEnd);
      i = pwEnd;
    }
    if (i !== at)
      fail(
        describe(s, i, end),
        i,
        'userinfo = ( user / telephone-subscriber ) [ ":" password ] "@" (RFC 3261 §25.1)',
      );
    i = at + 1;
  }
  // host = hostname / IPv4address / IPv6reference
  const hostStart = i;
  if (i < end && s.charCodeAt(i) === 91 /* [ */) {
    let close = s.indexOf(']', i);
    if (close >= end) close = -1;
    if (close < 0)
      fail(
        'IPv6 reference is not closed',
        i,
        'IPv6reference = "[" IPv6address "]" (RFC 3261 §25.1)',
      );
    for (let k = i + 1; k < close; k++) {
      const c = s.charCodeAt(k);
      if (!(isHex(c) || c === 58 || c === 46))
        fail(describe(s, k, end), k, 'IPv6address: hex digits, ":" and "." (RFC 3261 §25.1)');
    }
    if (close === i + 1)
      fail('empty IPv6 reference', i, 'IPv6reference = "[" IPv6address "]" (RFC 3261 §25.1)');
    i = close + 1;
  } else {
    i = scanHostname(s, hostStart, end);
    if (i === hostStart)
      fail(
        i >= end ? 'missing host' : describe(s, i, end),
        i,
        'a host: hostname / IPv4address / IPv6reference (RFC 3261 §25.1)',
      );
  }
  const host = s.slice(hostStart, i);
  let port: number | null = null;
  if (i < end && s.charCodeAt(i) === 58 /* : */) {
    const ps = ++i;
    let value = 0;
    while (i < end) {
      const d = s.charCodeAt(i) - 48;
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
  while (i < end && s.charCodeAt(i) === 59 /* ; */) {
    const ns = ++i;
    i = scanEscaped(s, i, end, PARAM_UNRESERVED | UNRESERVED);
    if (i === ns)
      fail(
        describe(s, i, end),
        i,
        'uri-parameter = pname [ "=" pvalue ], pname = 1*paramchar (RFC 3261 §25.1)',
      );
    const name = s.slice(ns, i);
    let value: string | null = null;
    if (i < end && s.charCodeAt(i) === 61 /* = */) {
      const vs = ++i;
      i = scanEscaped(s, i, end, PARAM_UNRESERVED | UNRESERVED);
      if (i === vs) fail('empty parameter value', i, 'pvalue = 1*paramchar (RFC 3261 §25.1)');
      value = s.slice(vs, i);
    }
    if (params === NO_PARAMS) params = [];
    params.push({ name, value });
  }
  let headers = NO_PARAMS;
  if (i < end && s.charCodeAt(i) === 63 /* ? */) {
    headers = [];
    do {
      const ns = ++i;
      i = scanEscaped(s, i, end, HNV_UNRESERVED | UNRESERVED);
      if (i === ns) fail(describe(s, i, end), i, 'header = hname "=" hvalue (RFC 3261 §25.1)');
      const name = s.slice(ns, i);
      if (i >= end || s.charCodeAt(i) !== 61)
        fail(describe(s, i, end), i, 'an "=" after the URI header name (RFC 3261 §25.1)');
      const vs = ++i;
      i = scanEscaped(s, i, end, HNV_UNRESERVED | UNRESERVED);
      headers.push({ name, value: s.slice(vs, i) });
    } while (i < end && s.charCodeAt(i) === 38 /* & */);
  }
  if (i !== end) fail(describe(s, i, end), i, SIP_URI);
  return { scheme, user, password, host, port, params, headers };
}

/**
 * Reads a hostname or IPv4address from i and returns the index after it (i itself when there is
 * none): hostname = *( domainlabel "." ) toplabel [ "." ], IPv4address = 1*3DIGIT "." ... (RFC 3261
 * §25.1). Labels are checked as they end, in the same pass: this runs for every URI of every message.
 */
function scanHostname(s: string, start: number, end: number): number {
  const table = CLASS;
  let labelStart = start;
  let labels = 0;
  let numeric = true;
  let octetTooBig = false;
  let k = start;
  for (;;) {
    const c = k < end ? s.charCodeAt(k) : -1;
    if (c === 46 /* . */) {
      if (k === labelStart)
        fail(
          'empty label in host name',
          k,
          'hostname = *( domainlabel "." ) toplabel [ "." ] (RFC 3261 §25.1)',
        );
      if (numeric && isOctetTooBig(s, labelStart, k)) octetTooBig = true;
      checkLabelEnds(s, labelStart, k);
      labels++;
      labelStart = k + 1;
    } else if (c < 0 || c > 255 || (table[c]! & HOST) === 0) {
      break;
    } else if (c < 48 || c > 57) {
      numeric = false;
    }
    k++;
  }
  if (k === start) return k;
  // The end of the host ends its last label; a trailing "." is allowed.
  if (k !== labelStart) {
    checkLabelEnds(s, labelStart, k);
    if (numeric && isOctetTooBig(s, labelStart, k)) octetTooBig = true;
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

function checkLabelEnds(s: string, start: number, end: number): void {
  if (s.charCodeAt(start) === 45 || s.charCodeAt(end - 1) === 45) {
    fail(
      'host name label starts or ends with "-"',
      start,
      'domainlabel = alphanum / alphanum *( alphanum / "-" ) alphanum (RFC 3261 §25.1)',
    );
  }
}

/** An all-digit label that cannot be an IPv4 octet (more than three digits, or above 255). */
function isOctetTooBig(s: string, start: number, end: number): boolean {
  return (
    end - start > 3 ||
    (end - start === 3 &&
      (s.charCodeAt(start) - 48) * 100 +
        (s.charCodeAt(start + 1) - 48) * 10 +
        (s.charCodeAt(start + 2) - 48) >
        255)
  );
}

function parseTelUri(s: string, start: number, end: number): TelUri {
  let i = start;
  while (i < end && s.charCodeAt(i) !== 59 && is(s.charCodeAt(i), TEL)) i++;
  if (i === start)
    fail(
      describe(s, i, end),
      i,
      'telephone-subscriber = global-number / local-number (RFC 3966 §3)',
    );
  const number = s.slice(start, i);
  let params = NO_PARAMS;
  while (i < end && s.charCodeAt(i) === 59) {
    const ns = ++i;
    while (i < end && s.charCodeAt(i) !== 59 && s.charCodeAt(i) !== 61 && is(s.charCodeAt(i), TEL))
      i++;
    if (i === ns) fail(describe(s, i, end), i, 'a tel URI parameter (RFC 3966 §3)');
    const name = s.slice(ns, i);
    let value: string | null = null;
    if (i < end && s.charCodeAt(i) === 61) {
      const vs = ++i;
      while (i < end && s.charCodeAt(i) !== 59 && is(s.charCodeAt(i), TEL)) i++;
      value = s.slice(vs, i);
    }
    if (params === NO_PARAMS) params = [];
    params.push({ name, value });
  }
  if (i !== end)
    fail(describe(s, i, end), i, 'a tel URI: "tel:" telephone-subscriber (RFC 3966 §3)');
  return { scheme: 'tel', number, params };
}

/** Decodes %HH escapes (RFC 3261 §19.1.4 compares URIs unescaped). */
export function unescape(s: string): string {
  if (s.indexOf('%') < 0) return s;
  return s.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function formatUri(uri: Uri): string {
  if (isSipUri(uri)) {
    let out = uri.scheme + ':';
    if (uri.user !== null) {
      out += uri.user;
      if (uri.password !== null) out += ':' + uri.password;
      out += '@';
    }
    out += uri.host;
    if (uri.port !== null) out += ':' + uri.port;
    for (const p of uri.params) out += ';' + p.name + (p.value === null ? '' : '=' + p.value);
    if (uri.headers.length > 0) {
      out += '?' + uri.headers.map((h) => `${h.name}=${h.value ?? ''}`).join('&');
    }
    return out;
  }
  if (isTelUri(uri)) {
    let out = 'tel:' + uri.number;
    for (const p of uri.params) out += ';' + p.name + (p.value === null ? '' : '=' + p.value);
    return out;
  }
  return `${uri.scheme}:${uri.opaque}`;
}

/** A uri-parameter's value (undefined when absent, null when present without "="). */
export function uriParam(uri: Uri, name: string): string | null | undefined {
  if (!isSipUri(uri) && !isTelUri(uri)) return undefined;
  const p = findParam(uri.params, name);
  return p === undefined ? undefined : p.value;
}

/** Default port of a SIP URI's transport (RFC 3261 §19.1.2). */
export function defaultPort(uri: SipUri): number {
  return uri.scheme === 'sips' ? 5061 : 5060;
}

/**
 * URI equality of RFC 3261 §19.1.4 for SIP/SIPS URIs: scheme, user and password case-sensitive after
 * unescaping, host case-insensitive, port/transport/user/ttl/method/maddr parameters must match when
 * either side has them, other parameters only when both have them, headers must match.
 */
export function uriEquals(a: Uri, b: Uri): boolean {
  if (!isSipUri(a) || !isSipUri(b))
    return formatUri(a).toLowerCase() === formatUri(b).toLowerCase();
  if (a.scheme !== b.scheme) return false;
  if ((a.user === null) !== (b.user === null)) return false;
  if (a.user !== null && unescape(a.user) !== unescape(b.user ?? '')) return false;
  if (unescape(a.password ?? '') !== unescape(b.password ?? '')) return false;
  if (a.host.toLowerCase() !== b.host.toLowerCase()) return false;
  if (a.port !== b.port) return false;
  const special = ['transport', 'user', 'ttl', 'method', 'maddr'];
  for (const name of special) {
    const av = findParam(a.params, name);
    const bv = findParam(b.params, name);
    if ((av === undefined) !== (bv === undefined)) return false;
    if (
      av &&
      bv &&
      unescape(av.value ?? '').toLowerCase() !== unescape(bv.value ?? '').toLowerCase()
    )
      return false;
  }
  for (const p of a.params) {
    const q = findParam(b.params, p.name.toLowerCase());
    if (q && unescape(p.value ?? '').toLowerCase() !== unescape(q.value ?? '').toLowerCase())
      return false;
  }
  if (a.headers.length !== b.headers.length) return false;
  for (const h of a.headers) {
    const q = b.headers.find((x) => x.name.toLowerCase() === h.name.toLowerCase());
    if (!q || unescape(q.value ?? '') !== unescape(h.value ?? '')) return false;
  }
  return true;
}
