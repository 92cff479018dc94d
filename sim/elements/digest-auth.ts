/**
 * Digest authentication for the elements (RFC 3261 §22, RFC 2617): a server side that challenges
 * (401 WWW-Authenticate from a registrar or UAS, 407 Proxy-Authenticate from a proxy) and checks
 * credentials, and a client side that answers a challenge.
 */
import {
  digestResponse,
  formatAuth,
  formatNonceCount,
  type AuthParams,
  type SipRequest,
  type SipResponse,
} from '../codec';
import type { DigestUser } from './config';

export type AuthKind = 'www' | 'proxy';

export const CHALLENGE_HEADER: Record<AuthKind, 'www-authenticate' | 'proxy-authenticate'> = {
  www: 'www-authenticate',
  proxy: 'proxy-authenticate',
};
export const CREDENTIALS_HEADER: Record<AuthKind, 'authorization' | 'proxy-authorization'> = {
  www: 'authorization',
  proxy: 'proxy-authorization',
};

/** The server side: issues nonces and checks credentials against configured users. */
export class DigestServer {
  private readonly nonces = new Set<string>();

  constructor(
    readonly realm: string,
    private readonly users: readonly DigestUser[],
    private readonly newNonce: () => string,
  ) {}

  /** The value of a WWW-Authenticate / Proxy-Authenticate header (§22.1). */
  challenge(): string {
    const nonce = this.newNonce();
    this.nonces.add(nonce);
    const params = new Map([
      ['realm', this.realm],
      ['nonce', nonce],
      ['algorithm', 'MD5'],
      ['qop', 'auth'],
    ]);
    return formatAuth({ scheme: 'Digest', params });
  }

  /**
   * Checks the request's credentials for this realm. Returns the user name when they are right, or why
   * they are not (missing, unknown user, stale nonce, wrong response).
   */
  verify(
    req: SipRequest,
    kind: AuthKind,
  ): { ok: true; username: string } | { ok: false; why: string } {
    const creds = req
      .auth(CREDENTIALS_HEADER[kind])
      .find((c) => c.scheme.toLowerCase() === 'digest' && c.params.get('realm') === this.realm);
    if (!creds) return { ok: false, why: 'no credentials for this realm' };
    const p = creds.params;
    const username = p.get('username') ?? '';
    const user = this.users.find((u) => u.username === username);
    if (!user) return { ok: false, why: `unknown user "${username}"` };
    const nonce = p.get('nonce') ?? '';
    if (!this.nonces.has(nonce)) return { ok: false, why: 'the nonce was not issued here' };
    const qop = p.get('qop');
    const expected = digestResponse({
      username,
      realm: this.realm,
      password: user.password,
      method: req.method,
      uri: p.get('uri') ?? '',
      nonce,
      ...(qop === 'auth'
        ? { qop: 'auth' as const, nc: p.get('nc') ?? '', cnonce: p.get('cnonce') ?? '' }
        : {}),
    });
    if (expected !== p.get('response'))
      return { ok: false, why: 'the digest response does not match (wrong password?)' };
    return { ok: true, username };
  }
}

/** The client side (§22.2, §22.3): credentials answering the challenge in a 401 or 407. */
export function answerChallenge(
  response: SipResponse,
  request: SipRequest,
  creds: { username: string; password: string },
  cnonce: string,
  nonceCount: number,
): { header: 'authorization' | 'proxy-authorization'; value: string; realm: string } | undefined {
  const kind: AuthKind = response.status === 407 ? 'proxy' : 'www';
  const challenge: AuthParams | undefined = response
    .auth(CHALLENGE_HEADER[kind])
    .find((c) => c.scheme.toLowerCase() === 'digest');
  if (!challenge) return undefined;
  const realm = challenge.params.get('realm') ?? '';
  const nonce = challenge.params.get('nonce') ?? '';
  const qopOffered = (challenge.params.get('qop') ?? '').split(',').map((s) => s.trim());
  const useQop = qopOffered.includes('auth');
  const nc = formatNonceCount(nonceCount);
  const uri = request.requestUri;
  const digest = digestResponse({
    username: creds.username,
    realm,
    password: creds.password,
    method: request.method,
    uri,
    nonce,
    ...(useQop ? { qop: 'auth' as const, nc, cnonce } : {}),
  });
  const params = new Map<string, string>([
    ['username', creds.username],
    ['realm', realm],
    ['nonce', nonce],
    ['uri', uri],
    ['response', digest],
    ['algorithm', 'MD5'],
  ]);
  if (useQop) {
    params.set('qop', 'auth');
    params.set('nc', nc);
    params.set('cnonce', cnonce);
  }
  const opaque = challenge.params.get('opaque');
  if (opaque !== undefined) params.set('opaque', opaque);
  return {
    header: CREDENTIALS_HEADER[kind],
    value: formatAuth({ scheme: 'Digest', params }, { qopQuoted: false }),
    realm,
  };
}
