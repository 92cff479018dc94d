/**
 * Authentication headers (RFC 3261 §20.7, §20.27, §20.28, §20.44, §22; RFC 2617 §3.2):
 * WWW-Authenticate / Proxy-Authenticate carry a challenge, Authorization / Proxy-Authorization carry
 * credentials. Both are an auth scheme followed by comma-separated auth-params; the Digest ones are
 * read into named fields, any other scheme is kept as its parameters.
 */
import { Scanner } from './scanner';
import { quote } from './params';

export interface AuthParams {
  /** "Digest", or another scheme as received. */
  scheme: string;
  /** auth-param name (lower case) -> value (unquoted), in order. */
  params: Map<string, string>;
}

const AUTH_RULE =
  'auth-scheme LWS auth-param *( COMMA auth-param ), auth-param = token EQUAL ( token / quoted-string ) (RFC 3261 §25.1)';

export function parseAuth(value: string): AuthParams {
  return authIn(Scanner.of(value));
}

export function authIn(sc: Scanner): AuthParams {
  sc.skipWs();
  const scheme = sc.token(`an auth scheme such as "Digest" (${AUTH_RULE})`);
  const params = new Map<string, string>();
  if (!sc.skipWs()) {
    sc.expectEnd(AUTH_RULE);
    return { scheme, params };
  }
  for (;;) {
    const name = sc.token(AUTH_RULE).toLowerCase();
    sc.expectSep(61, `"=" after "${name}" (${AUTH_RULE})`);
    const v = sc.peek() === 34 ? sc.quotedString() : sc.token(AUTH_RULE);
    params.set(name, v);
    if (!sc.sep(44)) break;
  }
  sc.expectEnd(AUTH_RULE);
  return { scheme, params };
}

/** Parameters written unquoted in Digest (RFC 2617 §3.2.1 and §3.2.2: algorithm, stale, qop in credentials, nc). */
const UNQUOTED = new Set(['algorithm', 'stale', 'nc']);

export function formatAuth(a: AuthParams, options: { qopQuoted?: boolean } = {}): string {
  const parts: string[] = [];
  for (const [k, v] of a.params) {
    const unquoted = UNQUOTED.has(k) || (k === 'qop' && options.qopQuoted === false);
    parts.push(`${k}=${unquoted ? v : quote(v)}`);
  }
  return parts.length === 0 ? a.scheme : `${a.scheme} ${parts.join(', ')}`;
}
