/**
 * Where a server sends a response (RFC 3261 §18.2.2), read from the top Via of the request, with the
 * rport extension of RFC 3581 §4. Over a reliable transport a response goes back on the connection the
 * request came in on; the transaction layer handles that case itself.
 */
import { viaParam, type Via } from '../codec';
import type { Destination } from './env';

/** The default port for a Via's transport: 5061 for TLS, 5060 otherwise (§18.2.2, §19.1.2). */
export function defaultViaPort(via: Via): number {
  return via.transport.toUpperCase() === 'TLS' ? 5061 : 5060;
}

/** "[2001:db8::1]" → "2001:db8::1": a Destination holds a bare address. */
function bare(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** The rport value as a port number, when the server filled it in (RFC 3581 §4). */
function rport(via: Via): number | undefined {
  const value = viaParam(via, 'rport');
  if (value === undefined || value === null || !/^\d{1,5}$/.test(value)) return undefined;
  const port = Number(value);
  return port > 0 && port <= 65535 ? port : undefined;
}

/**
 * For unreliable unicast transports:
 * 1. a `maddr` parameter: to that address, at the sent-by port (or the default port);
 * 2. else a `received` parameter: to that address, at the rport value if there is one (RFC 3581),
 *    else at the sent-by port (or the default port);
 * 3. else to the sent-by address and port (an rport value, if somehow present, wins for the port).
 */
export function responseDestination(via: Via): Destination {
  const sentByPort = via.port ?? defaultViaPort(via);
  const maddr = viaParam(via, 'maddr');
  if (maddr) return { address: bare(maddr), port: sentByPort };
  const received = viaParam(via, 'received');
  if (received) return { address: bare(received), port: rport(via) ?? sentByPort };
  return { address: bare(via.host), port: rport(via) ?? sentByPort };
}
