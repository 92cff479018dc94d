/**
 * Transport addresses ("10.0.0.1:5060", "[2001:db8::1]:5060") and where a URI or a Via points
 * (RFC 3261 §18.2.2 for responses, RFC 3263 §4–§5 as far as the wire shows: an IP literal is itself,
 * a host name is looked up in the caller's `hosts`, a missing port is 5060 — or 5061 for sips — only
 * when the host is an IP literal, since a name's port may come from SRV).
 */
import { isSipUri, paramValue, viaParam, type Uri, type Via } from '../../codec';
import type { Settings } from './settings';

export interface Address {
  /** Lower-case IP (IPv6 in brackets) or, when unresolved, the host name. */
  host: string;
  /** undefined when the wire does not fix it (a host name without a port). */
  port: number | undefined;
  /** False when the host is a name the caller's `hosts` does not know. */
  resolved: boolean;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function isIpLiteral(host: string): boolean {
  return IPV4.test(host) || (host.startsWith('[') && host.endsWith(']'));
}

/** "host:port" (IPv6 "[...]:port") to its parts; the port is undefined when absent or malformed. */
export function splitAddress(address: string): { host: string; port: number | undefined } {
  const a = address.trim();
  if (a.startsWith('[')) {
    const close = a.indexOf(']');
    if (close < 0) return { host: a.toLowerCase(), port: undefined };
    const host = a.slice(0, close + 1).toLowerCase();
    const rest = a.slice(close + 1);
    const port = rest.startsWith(':') ? Number(rest.slice(1)) : NaN;
    return { host, port: Number.isInteger(port) ? port : undefined };
  }
  const colon = a.lastIndexOf(':');
  if (colon < 0 || a.indexOf(':') !== colon) {
    // No port, or a bare IPv6 address without brackets.
    const host = colon < 0 ? a : `[${a}]`;
    return { host: host.toLowerCase(), port: undefined };
  }
  const port = Number(a.slice(colon + 1));
  return {
    host: a.slice(0, colon).toLowerCase(),
    port: Number.isInteger(port) && a.slice(colon + 1) !== '' ? port : undefined,
  };
}

export function formatAddress(a: { host: string; port: number | undefined }): string {
  return a.port === undefined ? a.host : `${a.host}:${a.port}`;
}

/** A host (and optional explicit port) to an address, through `hosts` for names. */
export function resolve(
  host: string,
  port: number | null | undefined,
  defaultPort: number,
  settings: Settings,
): Address {
  let h = host.toLowerCase();
  if (h.includes(':') && !h.startsWith('[')) h = `[${h}]`;
  if (isIpLiteral(h)) return { host: h, port: port ?? defaultPort, resolved: true };
  const mapped = settings.hosts.get(h) ?? settings.hosts.get(h.replace(/\.$/, ''));
  if (mapped === undefined) return { host: h, port: port ?? undefined, resolved: false };
  const m = splitAddress(mapped);
  return { host: m.host, port: port ?? m.port, resolved: true };
}

/** Where a SIP or SIPS URI sends a request (its maddr, else its host; RFC 3261 §19.1.1, RFC 3263 §4). */
export function uriAddress(uri: Uri, settings: Settings): Address | undefined {
  if (!isSipUri(uri)) return undefined;
  const maddr = paramValue(uri.params, 'maddr');
  const host = typeof maddr === 'string' && maddr !== '' ? maddr : uri.host;
  return resolve(host, uri.port, uri.scheme === 'sips' ? 5061 : 5060, settings);
}

/**
 * Where a response to a request with this top Via goes over an unreliable transport (RFC 3261
 * §18.2.2, with rport of RFC 3581 §4): maddr, else received, else sent-by; the port of rport when
 * it has a value, else of sent-by, else 5060.
 */
export function responseAddress(via: Via, settings: Settings): Address {
  const maddr = viaParam(via, 'maddr');
  const received = viaParam(via, 'received');
  const rport = viaParam(via, 'rport');
  const rportNumber = typeof rport === 'string' && /^\d{1,5}$/.test(rport) ? Number(rport) : null;
  const port = rportNumber ?? via.port;
  if (typeof maddr === 'string' && maddr !== '') return resolve(maddr, via.port, 5060, settings);
  if (typeof received === 'string' && received !== '')
    return resolve(received, port, 5060, settings);
  return resolve(via.host, port, 5060, settings);
}

/** The Via's own sent-by (host and port as the sender wrote them, 5060 by default). */
export function sentByAddress(via: Via, settings: Settings): Address {
  return resolve(via.host, via.port, 5060, settings);
}

/** True when `actual` ("ip:port" as seen on the wire) is where `expected` points, as far as it is known. */
export function sameAddress(actual: string, expected: Address): boolean {
  const a = splitAddress(actual);
  if (a.host !== expected.host) return false;
  return expected.port === undefined || a.port === expected.port;
}
