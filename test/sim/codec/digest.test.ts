/**
 * Digest authentication (RFC 2617 §3.2.2 as used by RFC 3261 §22.4; SHA-256 per RFC 7616 / RFC 8760).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestResponse, formatAuth, formatNonceCount, parseAuth, parseMessage } from '@/sim/codec';

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');
const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

describe('digestResponse', () => {
  it('gives the response of the worked example of RFC 2617 §3.5 (qop=auth)', () => {
    expect(
      digestResponse({
        username: 'Mufasa',
        password: 'Circle Of Life',
        realm: 'testrealm@host.com',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        uri: '/dir/index.html',
        method: 'GET',
        qop: 'auth',
        nc: '00000001',
        cnonce: '0a4f113b',
      }),
    ).toBe('6629fae49393a05397450978507c4ef1');
  });

  it('without qop is KD(H(A1), nonce ":" H(A2)) (RFC 2617 §3.2.2.1, RFC 2069)', () => {
    const input = {
      username: 'bob',
      password: 'zanzibar',
      realm: 'biloxi.com',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      uri: 'sip:bob@biloxi.com',
      method: 'REGISTER',
    };
    const ha1 = md5('bob:biloxi.com:zanzibar');
    const ha2 = md5('REGISTER:sip:bob@biloxi.com');
    const expected = md5(`${ha1}:dcd98b7102dd2f0e8b11d0f600bfb0c093:${ha2}`);
    expect(digestResponse(input)).toBe(expected);
    expect(digestResponse({ ...input, algorithm: 'MD5' })).toBe(expected);
  });

  it('with SHA-256 hashes every step with SHA-256 (RFC 7616 §3.9.1 example)', () => {
    const input = {
      username: 'Mufasa',
      password: 'Circle of Life',
      realm: 'http-auth@example.org',
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      uri: '/dir/index.html',
      method: 'GET',
      qop: 'auth' as const,
      nc: '00000001',
      cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
      algorithm: 'SHA-256' as const,
    };
    const ha1 = sha256('Mufasa:http-auth@example.org:Circle of Life');
    const ha2 = sha256('GET:/dir/index.html');
    const expected = sha256(`${ha1}:${input.nonce}:00000001:${input.cnonce}:auth:${ha2}`);
    expect(digestResponse(input)).toBe(expected);
    expect(expected).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  });

  it('hashes the UTF-8 bytes of a user name as they are sent (wire strings)', () => {
    const msg = parseMessage(
      'SIP/2.0 401 Unauthorized\r\nWWW-Authenticate: Digest realm="b\u00fcro.example", nonce="n1"\r\nContent-Length: 0\r\n\r\n',
    );
    const realm = msg.auth('www-authenticate')[0]?.params.get('realm') ?? '';
    const r = digestResponse({
      username: 'u',
      password: 'p',
      realm,
      nonce: 'n1',
      uri: 'sip:x',
      method: 'REGISTER',
    });
    expect(r).toBe(md5(`${md5('u:b\u00fcro.example:p')}:n1:${md5('REGISTER:sip:x')}`));
  });

  it('needs nc and cnonce with qop=auth', () => {
    expect(() =>
      digestResponse({
        username: 'a',
        password: 'b',
        realm: 'r',
        nonce: 'n',
        uri: 'u',
        method: 'GET',
        qop: 'auth',
      }),
    ).toThrow(/nc and cnonce/);
  });
});

describe('formatNonceCount', () => {
  it('writes 8 lower-case hex digits', () => {
    expect(formatNonceCount(1)).toBe('00000001');
    expect(formatNonceCount(255)).toBe('000000ff');
  });
});

describe('parseAuth / formatAuth', () => {
  it('read a challenge and write credentials back in the usual quoting', () => {
    const c = parseAuth(
      'Digest realm="atlanta.com", domain="sip:ss1.carrier.com", qop="auth", nonce="f84f1cec41e6cbe5aea9c8e88d359", opaque="", stale=FALSE, algorithm=MD5',
    );
    expect(c.scheme).toBe('Digest');
    expect(Object.fromEntries(c.params)).toEqual({
      realm: 'atlanta.com',
      domain: 'sip:ss1.carrier.com',
      qop: 'auth',
      nonce: 'f84f1cec41e6cbe5aea9c8e88d359',
      opaque: '',
      stale: 'FALSE',
      algorithm: 'MD5',
    });
    const creds = {
      scheme: 'Digest',
      params: new Map([
        ['username', 'alice'],
        ['realm', 'atlanta.com'],
        ['uri', 'sip:bob@biloxi.com'],
        ['qop', 'auth'],
        ['nc', '00000001'],
        ['algorithm', 'MD5'],
      ]),
    };
    expect(formatAuth(creds, { qopQuoted: false })).toBe(
      'Digest username="alice", realm="atlanta.com", uri="sip:bob@biloxi.com", qop=auth, nc=00000001, algorithm=MD5',
    );
    expect(parseAuth(formatAuth(creds))).toEqual(creds);
  });
});
