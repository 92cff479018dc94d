/** Authentication (RFC 3261 §22.2, §22.4; RFC 2617 §3.2.2). */
import { describe, expect, it } from 'vitest';
import { digestResponse } from '@/sim/codec';
import { A, Ladder, R, expectNone, expectOn, reply } from '../helpers';
import { register } from '../flows';

interface Answer {
  cseq?: number;
  nonce?: string;
  uri?: string;
  qop?: boolean;
  password?: string;
}

/** Alice registers, is challenged with 401, and registers again with the credentials `a` describes. */
function challenged(a: Answer = {}): Ladder {
  const reg1 = register();
  const challenge =
    'WWW-Authenticate: Digest realm="b.example.com", nonce="n0nce", qop="auth", algorithm=MD5';
  const nonce = a.nonce ?? 'n0nce';
  const uri = a.uri ?? 'sip:b.example.com';
  const qop = a.qop ?? true;
  const response = digestResponse({
    username: 'alice',
    realm: 'b.example.com',
    password: a.password ?? 'secret',
    method: 'REGISTER',
    uri,
    nonce,
    ...(qop ? { qop: 'auth' as const, nc: '00000001', cnonce: 'c0ffee' } : {}),
  });
  const creds = `Authorization: Digest username="alice", realm="b.example.com", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5${qop ? ', qop=auth, nc=00000001, cnonce="c0ffee"' : ''}`;
  const reg2 = register(
    ['Contact: <sip:alice@10.0.0.1>', 'Expires: 3600', creds],
    a.cseq ?? 2,
    'z9hG4bKreg2',
  );
  return new Ladder([
    ['register', 0, A, R, reg1],
    ['challenge', 10, R, A, reply(reg1, '401 Unauthorized', { tag: 'x1', extra: [challenge] })],
    ['register2', 30, A, R, reg2],
    [
      'ok',
      40,
      R,
      A,
      reply(reg2, '200 OK', { tag: 'x2', extra: ['Contact: <sip:alice@10.0.0.1>;expires=3600'] }),
    ],
  ]);
}

const known = { credentials: [{ username: 'alice', password: 'secret' }] };

it('the challenged registration breaks no rule', () => {
  expect(challenged().check(known)).toEqual([]);
});

describe('auth-resubmit-cseq (RFC 3261 §22.2)', () => {
  it('finds a resubmitted REGISTER with the same CSeq', () => {
    const l = challenged({ cseq: 1 });
    expectOn(l, l.check(), 'auth-resubmit-cseq', 'register2');
  });
  it('accepts CSeq + 1', () => {
    expectNone(challenged().check(), 'auth-resubmit-cseq');
  });
});

describe('digest-credentials-echo (RFC 2617 §3.2.2)', () => {
  it('finds credentials with a nonce the server never gave', () => {
    const l = challenged({ nonce: 'made-up' });
    expectOn(l, l.check(), 'digest-credentials-echo', 'register2');
  });
  it("accepts the challenge's nonce", () => {
    expectNone(challenged().check(), 'digest-credentials-echo');
  });
});

describe('digest-qop (RFC 3261 §22.4)', () => {
  it('finds credentials without qop when the challenge offered it', () => {
    const l = challenged({ qop: false });
    expectOn(l, l.check(), 'digest-qop', 'register2');
  });
  it('accepts qop=auth with nc and cnonce', () => {
    expectNone(challenged().check(), 'digest-qop');
  });
});

describe('digest-uri (RFC 2617 §3.2.2)', () => {
  it('finds a digest-uri that is not the Request-URI', () => {
    const l = challenged({ uri: 'sip:alice@b.example.com' });
    expectOn(l, l.check(), 'digest-uri', 'register2');
  });
  it('accepts the Request-URI', () => {
    expectNone(challenged().check(), 'digest-uri');
  });
});

describe('digest-response (RFC 2617 §3.2.2.1)', () => {
  it('finds a response computed with another password', () => {
    const l = challenged({ password: 'guess' });
    expectOn(l, l.check(known), 'digest-response', 'register2');
  });
  it('accepts the right digest, and judges nothing without known credentials', () => {
    expectNone(challenged().check(known), 'digest-response');
    expectNone(challenged({ password: 'guess' }).check(), 'digest-response');
  });
});
