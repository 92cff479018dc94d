import { describe, it } from 'vitest';
import { A, R, expectNone, expectOn, reply } from '../helpers';
import { register, registration } from '../flows';

describe('registrar-200-bindings (RFC 3261 §10.3)', () => {
  it('finds a 200 whose Contact has no expires', () => {
    const l = registration().edit('ok', ';expires=3600', '');
    expectOn(l, l.check(), 'registrar-200-bindings', 'ok');
  });
  it('finds a 200 that does not list the binding just added', () => {
    const l = registration().edit('ok', /Contact: [^\r]*\r\n/, '');
    expectOn(l, l.check(), 'registrar-200-bindings', 'ok');
  });
  it('finds a 200 that forgets an earlier, still valid binding', () => {
    const reg2 = register(['Contact: <sip:alice@10.0.0.9>', 'Expires: 3600'], 2, 'z9hG4bKreg2');
    const l = registration()
      .add('register2', 1000, A, R, reg2)
      .add(
        'ok2',
        1010,
        R,
        A,
        reply(reg2, '200 OK', { tag: 'x2', extra: ['Contact: <sip:alice@10.0.0.9>;expires=3600'] }),
      );
    expectOn(l, l.check(), 'registrar-200-bindings', 'ok2');
    l.edit('ok2', 'expires=3600', 'expires=3600, <sip:alice@10.0.0.1>;expires=3599');
    expectNone(l.check(), 'registrar-200-bindings');
  });
  it('accepts a 200 that lists the bindings with expires', () => {
    expectNone(registration().check(), 'registrar-200-bindings');
  });
});

describe('registrar-no-record-route (RFC 3261 §10.3)', () => {
  it('finds Record-Route in a response to REGISTER', () => {
    const l = registration().edit(
      'ok',
      'CSeq: 1 REGISTER',
      'CSeq: 1 REGISTER\r\nRecord-Route: <sip:10.0.0.4;lr>',
    );
    expectOn(l, l.check(), 'registrar-no-record-route', 'ok');
  });
  it('accepts a response without', () => {
    expectNone(registration().check(), 'registrar-no-record-route');
  });
});

describe('registrar-no-6xx (RFC 3261 §10.3)', () => {
  it('finds a 603 to REGISTER', () => {
    const l = registration()
      .edit('ok', 'SIP/2.0 200 OK', 'SIP/2.0 603 Decline')
      .edit('ok', /Contact: [^\r]*\r\n/, '');
    expectOn(l, l.check(), 'registrar-no-6xx', 'ok');
  });
  it('accepts a 200', () => {
    expectNone(registration().check(), 'registrar-no-6xx');
  });
});

describe('registrar-star-rejected (RFC 3261 §10.3)', () => {
  const star = (status: string) => {
    const reg = register(['Contact: *', 'Expires: 60']);
    return registration()
      .set('register', { text: reg })
      .set('ok', { text: reply(reg, status, { tag: 'x1' }) });
  };
  it('finds a registrar that accepts "Contact: *" with Expires 60', () => {
    const l = star('200 OK');
    expectOn(l, l.check(), 'registrar-star-rejected', 'ok');
  });
  it('accepts a 400', () => {
    expectNone(star('400 Invalid Request').check(), 'registrar-star-rejected');
  });
});
