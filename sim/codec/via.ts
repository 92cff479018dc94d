/**
 * Via (RFC 3261 §20.42, §18.2.1): the path a request took, one via-parm per hop.
 *   via-parm = sent-protocol LWS sent-by *( SEMI via-params )
 *   sent-protocol = protocol-name SLASH protocol-version SLASH transport
 */
import { HOST, TOKEN, isHex } from './chars';
import { isIPv6Address } from './ip';
import { findParam, formatParams, parseGenericParams, type Param } from './params';
import { Scanner } from './scanner';
import { wordAt, wordTable } from './words';

export interface Via {
  protocol: string;
  version: string;
  /** UDP, TCP, TLS, SCTP or any other token (RFC 4475 transports test), as received. */
  transport: string;
  host: string;
  port: number | null;
  params: Param[];
}

/** The magic cookie that marks an RFC 3261 branch (§8.1.1.7). */
export const MAGIC_COOKIE = 'z9hG4bK';

const VIA = 'via-parm = sent-protocol LWS sent-by *( SEMI via-params ) (RFC 3261 §20.42)';

/** Words of sent-protocol as nearly every Via spells them. */
const SENT_PROTOCOL = wordTable(['SIP', '2.0', 'UDP', 'TCP', 'TLS', 'SCTP', 'WS', 'WSS']);

/** A token of sent-protocol, as a shared constant when it is a common one. */
function protocolWord(sc: Scanner, expected: string): string {
  const start = sc.pos;
  const end = sc.over(start, TOKEN);
  if (end === start) sc.token(expected); // throws: no token here
  sc.pos = end;
  return wordAt(SENT_PROTOCOL, sc.s, sc.b, start, end);
}

export function parseViaAt(sc: Scanner): Via {
  sc.skipWs();
  const protocol = protocolWord(sc, 'protocol-name = "SIP" / token (RFC 3261 §25.1)');
  sc.expectSep(47, 'SLASH between protocol name and version (sent-protocol, RFC 3261 §25.1)');
  const version = protocolWord(sc, 'protocol-version = token (RFC 3261 §25.1)');
  sc.expectSep(47, 'SLASH between protocol version and transport (sent-protocol, RFC 3261 §25.1)');
  const transport = protocolWord(
    sc,
    'transport = "UDP" / "TCP" / "TLS" / "SCTP" / other-transport (RFC 3261 §25.1)',
  );
  if (!sc.skipWs()) sc.fail(sc.done ? 'missing sent-by' : `unexpected "${sc.s[sc.pos]}"`, VIA);
  // sent-by = host [ COLON port ], read in place.
  const s = sc.s;
  const b = sc.b;
  const end = sc.end;
  const start = sc.pos;
  if (sc.peek() === 91) {
    let k = sc.pos + 1;
    while (k < end && (isHex(b[k]!) || b[k] === 58 || b[k] === 46)) k++;
    if (k >= end || b[k] !== 93)
      sc.fail(
        'IPv6 reference is not closed',
        'IPv6reference = "[" IPv6address "]" (RFC 3261 §25.1)',
        k,
      );
    sc.pos = k + 1;
  } else {
    sc.pos = sc.over(sc.pos, HOST);
  }
  if (sc.pos === start)
    sc.fail(
      sc.done ? 'missing sent-by host' : `unexpected "${s[sc.pos]}"`,
      'sent-by = host [ COLON port ] (RFC 3261 §20.42)',
    );
  const host = s.slice(start, sc.pos);
  let port: number | null = null;
  if (sc.sep(58)) {
    const ps = sc.pos;
    let k = ps;
    let value = 0;
    while (k < end) {
      const d = b[k]! - 48;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
      k++;
    }
    sc.pos = k;
    if (k === ps || k - ps > 5)
      sc.fail('bad port in sent-by', 'port = 1*DIGIT (RFC 3261 §25.1)', ps);
    if (value > 65535)
      sc.fail(
        `port ${value} is out of range`,
        'a port from 0 to 65535 (port = 1*DIGIT, RFC 3261 §25.1)',
        ps,
      );
    port = value;
  }
  const params = parseGenericParams(sc, viaAddress);
  return { protocol, version, transport, host, port, params };
}

const VIA_RECEIVED =
  'via-received = "received" EQUAL (IPv4address / IPv6address), an IPv6 address with or without its brackets (RFC 3261 §20.42, §25.1; RFC 5118 §4.5)';
const IPV6_REFERENCE = 'IPv6reference = "[" IPv6address "]" (RFC 3261 §25.1; RFC 4291 §2.2)';

/**
 * The address of received (IPv4address / IPv6address) and maddr (host) in a Via. An IPv6 address holds
 * colons, which no token can, so it is read here: bracketed as an IPv6reference for both (as
 * implementations write received, RFC 5118 §4.5), bare for received as its grammar has it. Other values
 * (an IPv4 address, a host name) are read as gen-values, as before.
 */
function viaAddress(sc: Scanner, name: string): string | null {
  // Names compare case-insensitively (§7.3.1); the first letter and the length rule out the others
  // before any toLowerCase.
  const first = name.charCodeAt(0) | 0x20;
  const isReceived =
    first === 114 /* r */ &&
    name.length === 8 &&
    (name === 'received' || name.toLowerCase() === 'received');
  const isMaddr =
    first === 109 /* m */ &&
    name.length === 5 &&
    (name === 'maddr' || name.toLowerCase() === 'maddr');
  if (!isReceived && !isMaddr) return null;
  const s = sc.s;
  const b = sc.b;
  const end = sc.end;
  const start = sc.pos;
  if (start < end && b[start] === 91 /* [ */) {
    let close = start + 1;
    while (close < end && b[close] !== 93 /* ] */) close++;
    if (close >= end)
      sc.fail('IPv6 reference is not closed', 'a "]" (IPv6reference, RFC 3261 §25.1)');
    if (!isIPv6Address(b, start + 1, close))
      sc.fail(
        `${name} ${s.slice(start, close + 1)} is not an IPv6 reference`,
        IPV6_REFERENCE,
        start,
      );
    sc.pos = close + 1;
    return s.slice(start, close + 1);
  }
  if (!isReceived) return null;
  // A bare IPv6address: hex digits, ":" and "." (its IPv4 tail), up to the next separator.
  let k = start;
  let colon = false;
  while (k < end && (isHex(b[k]!) || b[k] === 58 || b[k] === 46)) {
    if (b[k] === 58) colon = true;
    k++;
  }
  if (!colon) return null;
  const stop = sc.over(k, TOKEN | HOST); // the rest of what was meant as the address, for the message
  if (stop !== k || !isIPv6Address(b, start, k))
    sc.fail(
      `received ${s.slice(start, Math.max(stop, k))} is not an IPv4 or IPv6 address`,
      VIA_RECEIVED,
      start,
    );
  sc.pos = k;
  return s.slice(start, k);
}

export function parseViaList(value: string): Via[] {
  return viaListIn(Scanner.of(value));
}

export function viaListIn(sc: Scanner): Via[] {
  // One Via per line is usual: an array of exactly one then (one grown by push has room for sixteen).
  const out: Via[] = [parseViaAt(sc)];
  while (sc.sep(44)) out.push(parseViaAt(sc));
  sc.expectEnd('",", ";" and a via-param, or the end of the value (RFC 3261 §20.42)');
  return out;
}

export function viaParam(via: Via, name: string): string | null | undefined {
  const p = findParam(via.params, name);
  return p === undefined ? undefined : p.value;
}

export function viaBranch(via: Via): string | undefined {
  return viaParam(via, 'branch') ?? undefined;
}

export function formatVia(via: Via): string {
  return (
    `${via.protocol}/${via.version}/${via.transport} ${via.host}` +
    (via.port !== null ? ':' + via.port : '') +
    formatParams(via.params)
  );
}
