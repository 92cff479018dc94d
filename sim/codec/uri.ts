/**
 * URIs: SIP and SIPS (RFC 3261 §19.1, grammar §25.1), tel (RFC 3966), and any other absolute URI kept
 * opaque (so a server can answer 416, §8.2.2.1). Escapes are kept as received in the fields; `unescape`
 * gives the decoded form that URI comparison (§19.1.4) uses. Parsing is in uri-parse.ts.
 */
import { findParam, type Param } from './params';

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
 * unescaping (and each present on both sides or on neither), host case-insensitive, port/transport/user/ttl/method/maddr parameters must match when
 * either side has them, other parameters only when both have them, headers must match.
 */
export function uriEquals(a: Uri, b: Uri): boolean {
  if (!isSipUri(a) || !isSipUri(b))
    return formatUri(a).toLowerCase() === formatUri(b).toLowerCase();
  if (a.scheme !== b.scheme) return false;
  if ((a.user === null) !== (b.user === null)) return false;
  if (a.user !== null && unescape(a.user) !== unescape(b.user ?? '')) return false;
  // A URI omitting the password will not match one that includes it, even empty ("sip:a:@h").
  if ((a.password === null) !== (b.password === null)) return false;
  if (a.password !== null && unescape(a.password) !== unescape(b.password ?? '')) return false;
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
