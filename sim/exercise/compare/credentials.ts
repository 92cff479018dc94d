/**
 * Digest credentials (RFC 3261 §22.2, §22.4; RFC 2617 §3.2.2): the Authorization (or
 * Proxy-Authorization) of a request sent again after a 401 (407). The user name, realm, nonce and
 * digest-uri must be those of the challenge and the request; the response is judged by computing it
 * again from what was written (its cnonce, nc, qop) and the password the element knows — so any
 * cnonce will do, and only a right computation passes.
 */
import {
  SipParseError,
  digestResponse,
  parseUri,
  type AuthParams,
  type DigestAlgorithm,
  type SipMessage,
} from '../../codec';
import type { CompareContext } from '../context';
import { finding, judged, rfc3261, type Finding, type PartRule } from './finding';
import { uriMatches } from './uris';

type Key = 'authorization' | 'proxy-authorization';

function first(m: SipMessage, key: Key): AuthParams | undefined | 'bad' {
  try {
    return m.auth(key)[0];
  } catch (e) {
    if (e instanceof SipParseError) return 'bad';
    throw e;
  }
}

function sameUri(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return uriMatches(parseUri(a), parseUri(b));
  } catch {
    return false;
  }
}

export function compareCredentials(got: SipMessage, ctx: CompareContext): Finding[] {
  const out: Finding[] = [];
  for (const key of ['authorization', 'proxy-authorization'] as const) {
    const name = key === 'authorization' ? 'Authorization' : 'Proxy-Authorization';
    const exp = first(ctx.expected, key);
    const mine = first(got, key);
    const r: PartRule = {
      rule: `A UAC answers a ${key === 'authorization' ? '401 with Authorization' : '407 with Proxy-Authorization'} credentials: the username, the realm and nonce of the challenge, the digest-uri (the Request-URI), and response = KD(H(A1), nonce:nc:cnonce:qop:H(A2)) with A1 = username:realm:password and A2 = method:digest-uri.`,
      section: `${rfc3261('22.2')}, ${rfc3261('22.4')}, RFC 2617 §3.2.2`,
      hint: 'Take realm and nonce from the challenge; compute HA1 from the user name, realm and password, HA2 from the method and the digest-uri, then the response from both with the nonce, nc, cnonce and qop you chose.',
    };
    if (exp === undefined || exp === 'bad') {
      if (mine !== undefined)
        out.push(
          finding(name, 'extra', 'no credentials', got.headerValue(key) ?? '', {
            ...r,
            hint: 'Has anyone asked this element for credentials?',
          }),
        );
      continue;
    }
    if (mine === undefined) {
      out.push(
        finding(
          name,
          'missing',
          `Digest credentials for realm "${exp.params.get('realm') ?? ''}"`,
          '',
          r,
        ),
      );
      continue;
    }
    if (mine === 'bad' || mine.scheme.toLowerCase() !== 'digest') {
      out.push(finding(name, 'wrong', 'Digest credentials', got.headerValue(key) ?? '', r));
      continue;
    }
    const p = (a: AuthParams, k: string) => a.params.get(k);
    for (const k of ['username', 'realm', 'nonce'] as const) {
      const ev = p(exp, k) ?? '';
      const gv = p(mine, k);
      out.push(
        judged(`${name} ${k}`, gv === ev, ev, gv ?? '', r, gv === undefined ? 'missing' : 'wrong'),
      );
    }
    const euri = p(exp, 'uri') ?? '';
    const guri = p(mine, 'uri');
    out.push(
      judged(
        `${name} uri`,
        guri !== undefined && sameUri(guri, euri),
        euri,
        guri ?? '',
        {
          ...r,
          hint: 'The digest-uri is the Request-URI of this very request.',
        },
        guri === undefined ? 'missing' : 'wrong',
      ),
    );
    const expQop = p(exp, 'qop');
    const qop = p(mine, 'qop');
    if (expQop !== undefined)
      out.push(
        judged(
          `${name} qop`,
          qop?.toLowerCase() === 'auth',
          'auth (with nc and cnonce)',
          qop ?? '',
          {
            ...r,
            hint: 'The challenge offered qop="auth": then the credentials say qop=auth and carry a cnonce of your choice and nc=00000001.',
          },
          qop === undefined ? 'missing' : 'wrong',
        ),
      );
    out.push(judgeResponse(name, got, mine, ctx, r));
  }
  return out;
}

function judgeResponse(
  name: string,
  got: SipMessage,
  mine: AuthParams,
  ctx: CompareContext,
  r: PartRule,
): Finding {
  const part = `${name} response`;
  const given = mine.params.get('response');
  if (given === undefined) return finding(part, 'missing', 'the digest response', '', r);
  const username = mine.params.get('username') ?? '';
  const realm = mine.params.get('realm') ?? '';
  const password = ctx.credentials.find(
    (c) => c.username === username && (c.realm === undefined || c.realm === realm),
  )?.password;
  const method = got.kind === 'request' ? got.method : '';
  const algorithm = (mine.params.get('algorithm') ?? 'MD5').toUpperCase();
  const qop = mine.params.get('qop')?.toLowerCase();
  const nc = mine.params.get('nc');
  const cnonce = mine.params.get('cnonce');
  if (password === undefined)
    return finding(part, 'wrong', 'a response computed with the password of a known user', given, {
      ...r,
      hint: 'The user name and realm must be those of a user the server knows.',
    });
  if ((algorithm !== 'MD5' && algorithm !== 'SHA-256') || (qop !== undefined && qop !== 'auth'))
    return finding(part, 'wrong', 'a response with algorithm MD5 and qop auth', given, r);
  if (qop === 'auth' && (nc === undefined || cnonce === undefined))
    return finding(part, 'wrong', 'nc and cnonce beside qop=auth', given, r);
  const right = digestResponse({
    username,
    realm,
    password,
    method,
    uri: mine.params.get('uri') ?? '',
    nonce: mine.params.get('nonce') ?? '',
    algorithm: algorithm as DigestAlgorithm,
    ...(qop === 'auth' ? { qop: 'auth' as const, nc: nc!, cnonce: cnonce! } : {}),
  });
  return judged(
    part,
    given.toLowerCase() === right,
    'the digest of these credentials and the password',
    given,
    r,
  );
}
