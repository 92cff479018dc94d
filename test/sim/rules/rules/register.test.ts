import { describe, it } from 'vitest';
import { A, R, expectNone, expectOn, reply } from '../helpers';
import { register, registration } from '../flows';

describe('register-request-uri (RFC 3261 §10.2)', () => {
  it('finds a REGISTER addressed to a user', () => {
    const l = registration().edit(
      'register',
      'REGISTER sip:b.example.com',
      'REGISTER sip:alice@b.example.com',
    );
    expectOn(l, l.check(), 'register-request-uri', 'register');
  });
  it('accepts a domain Request-URI', () => {
    expectNone(registration().check(), 'register-request-uri');
  });
});

describe('register-star (RFC 3261 §10.2.2)', () => {
  const star = (expires: string) => {
    const reg = register(['Contact: *', `Expires: ${expires}`]);
    return registration()
      .set('register', { text: reg })
      .set('ok', { text: reply(reg, '200 OK', { tag: 'x1' }) });
  };
  it('finds "Contact: *" with a non-zero Expires', () => {
    const l = star('3600');
    expectOn(l, l.check(), 'register-star', 'register');
  });
  it('accepts "Contact: *" with Expires: 0', () => {
    expectNone(star('0').check(), 'register-star');
  });
});

/** Alice registers, then refreshes at `at` with CSeq `cseq`; the registrar answers each 10 ms later. */
function refreshed(at: number, cseq: number, granted = 3600): ReturnType<typeof registration> {
  const l = registration().edit('ok', 'expires=3600', `expires=${granted}`);
  const reg2 = register(undefined, cseq, 'z9hG4bKreg2');
  return l
    .add('register2', at, A, R, reg2)
    .add(
      'ok2',
      at + 10,
      R,
      A,
      reply(reg2, '200 OK', { tag: 'x2', extra: ['Contact: <sip:alice@10.0.0.1>;expires=3600'] }),
    );
}

describe('register-cseq-increment (RFC 3261 §10.2)', () => {
  it('finds a second REGISTER that skips a number', () => {
    const l = refreshed(60_000, 3);
    expectOn(l, l.check(), 'register-cseq-increment', 'register2');
  });
  it('accepts CSeq up by one', () => {
    expectNone(refreshed(60_000, 2).check(), 'register-cseq-increment');
  });
});

describe('register-one-at-a-time (RFC 3261 §10.2)', () => {
  it('finds a second REGISTER sent before the first was answered', () => {
    const l = refreshed(5, 2);
    expectOn(l, l.check(), 'register-one-at-a-time', 'register2');
  });
  it('accepts one after the answer, or after the first timed out', () => {
    expectNone(refreshed(60_000, 2).check(), 'register-one-at-a-time');
    const l = refreshed(40_000, 2).set('ok', { delivered: false });
    expectNone(l.check(), 'register-one-at-a-time');
  });
});

describe('register-refresh-before-expiry (RFC 3261 §10.2.4)', () => {
  it('finds a refresh sent after the binding expired', () => {
    const l = refreshed(70_000, 2, 60);
    expectOn(l, l.check(), 'register-refresh-before-expiry', 'register2');
  });
  it('accepts a refresh before expiry', () => {
    expectNone(refreshed(50_000, 2, 60).check(), 'register-refresh-before-expiry');
  });
});
