/**
 * Authentication headers (RFC 3261 §20.7, §20.27, §20.28, §20.44, §22; RFC 2617 §3.2):
 * WWW-Authenticate / Proxy-Authenticate carry a challenge, Authorization / Proxy-Authorization carry
 * credentials. Both are an auth scheme followed by comma-separated auth-params; the Digest ones are
 * read into named fields, any other scheme is kept as its parameters.
 */
import { TOKEN } from './chars';
import { Scanner } from './scanner';
import { wordIndex, wordTable } from './words';
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

const AUTH_SCHEME = `an auth scheme such as "Digest" (${AUTH_RULE})`;

/** The auth-param names of RFC 2617 §3.2.1 and §3.2.2 as written (lower case), as shared constants. */
const DIGEST_NAMES = wordTable([
  'realm',
  'domain',
  'nonce',
  'opaque',
  'stale',
  'algorithm',
  'qop',
  'username',
  'uri',
  'response',
  'cnonce',
  'nc',
]);

export function authIn(sc: Scanner): AuthParams {
  sc.skipWs();
  const scheme = sc.token(AUTH_SCHEME);
  const params = new Map<string, string>();
  if (!sc.skipWs()) {
    sc.expectEnd(AUTH_RULE);
    return { scheme, params };
  }
  for (;;) {
    const start = sc.pos;
    const end = sc.over(start, TOKEN);
    if (end === start) sc.token(AUTH_RULE); // throws: no token here
    sc.pos = end;
    // auth-param names compare case-insensitively; the usual lower-case ones cost no call.
    const index = wordIndex(DIGEST_NAMES, sc.b, start, end);
    const name = index >= 0 ? DIGEST_NAMES.words[index]! : sc.s.slice(start, end).toLowerCase();
    if (!sc.sep(61)) sc.expectSep(61, `"=" after "${name}" (${AUTH_RULE})`);
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
