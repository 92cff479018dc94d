/**
 * URIs compared as RFC 3261 §19.1.4 does, with two allowances for people writing by hand: a port left
 * out equals the default port 5060 when the host is an IP address (where no SRV look-up could give
 * another), and an element's own address may be written as its host name or its IP address (a name
 * the network resolves to it). Everything else — user, host, the parameters that count, lr — must be
 * the same.
 */
import { findParam, formatUri, isSipUri, unescape, uriEquals, type Uri } from '../../codec';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function isIp(host: string): boolean {
  return IPV4.test(host) || host.startsWith('[');
}

export interface UriMatchOptions {
  /** Names the network resolves ("proxy.b.example.com" → "10.1.0.2:5060"), for an element's own address. */
  hosts?: Readonly<Record<string, string>>;
}

/** "address:port" a host (and port) stands for, through the resolvable names given. */
export function endpointOf(
  host: string,
  port: number | null,
  hosts: Readonly<Record<string, string>> = {},
): string {
  const h = host.toLowerCase();
  if (isIp(h)) return `${h}:${port ?? 5060}`;
  const resolved = hosts[h] ?? Object.entries(hosts).find(([k]) => k.toLowerCase() === h)?.[1];
  if (resolved === undefined) return `${h}:${port ?? ''}`;
  const [address] = resolved.split(':');
  return port === null ? resolved : `${address}:${port}`;
}

function portsMatch(a: Uri, b: Uri): boolean {
  if (!isSipUri(a) || !isSipUri(b)) return false;
  if (a.port === b.port) return true;
  return isIp(a.host) && isIp(b.host) && (a.port ?? 5060) === (b.port ?? 5060);
}

/** §19.1.4 equality, with the two allowances above. */
export function uriMatches(a: Uri, b: Uri, options: UriMatchOptions = {}): boolean {
  if (uriEquals(a, b)) return lrMatches(a, b);
  if (!isSipUri(a) || !isSipUri(b)) return false;
  if (a.scheme !== b.scheme) return false;
  if ((a.user === null) !== (b.user === null)) return false;
  if (a.user !== null && unescape(a.user) !== unescape(b.user ?? '')) return false;
  const hostsMatch =
    a.host.toLowerCase() === b.host.toLowerCase()
      ? portsMatch(a, b)
      : options.hosts !== undefined &&
        endpointOf(a.host, a.port, options.hosts) === endpointOf(b.host, b.port, options.hosts) &&
        !endpointOf(a.host, a.port, options.hosts).endsWith(':');
  if (!hostsMatch) return false;
  // Compare the rest with the hosts and ports made the same.
  return uriEquals({ ...a, host: b.host, port: b.port }, b) && lrMatches(a, b);
}

function lrMatches(a: Uri, b: Uri): boolean {
  if (!isSipUri(a) || !isSipUri(b)) return true;
  return (findParam(a.params, 'lr') === undefined) === (findParam(b.params, 'lr') === undefined);
}

/** A URI as people read it. */
export function uriText(uri: Uri): string {
  return formatUri(uri);
}
