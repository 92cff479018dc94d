/** What a proxy does to what it forwards (RFC 3261 §16.3 step 3, §16.6 steps 1, 3, 4, 8, §16.7 steps 3, 9). */
import { describe, it } from 'vitest';
import { A, P, expectNone, expectOn, reply } from '../helpers';
import { invite, proxyCall } from '../flows';

describe('proxy-adds-via (RFC 3261 §16.6)', () => {
  it("finds an INVITE forwarded without the proxy's Via", () => {
    const l = proxyCall().edit(
      'invite2',
      'Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKp1\r\n',
      '',
    );
    expectOn(l, l.check(), 'proxy-adds-via', 'invite2');
  });
  it('accepts a Via on top', () => {
    expectNone(proxyCall().check(), 'proxy-adds-via');
  });
});

describe('proxy-removes-via (RFC 3261 §16.7)', () => {
  it("finds a 180 passed back with the proxy's Via still on top", () => {
    const l = proxyCall();
    l.set('ringing', { text: l.text('ringing2') });
    expectOn(l, l.check(), 'proxy-removes-via', 'ringing');
  });
  it('accepts responses stripped of it', () => {
    expectNone(proxyCall().check(), 'proxy-removes-via');
  });
});

describe('max-forwards-decremented (RFC 3261 §16.6)', () => {
  it('finds Max-Forwards not decremented', () => {
    const l = proxyCall().edit('invite2', 'Max-Forwards: 69', 'Max-Forwards: 70');
    expectOn(l, l.check(), 'max-forwards-decremented', 'invite2');
  });
  it('accepts 70 then 69', () => {
    expectNone(proxyCall().check(), 'max-forwards-decremented');
  });
});

describe('max-forwards-zero (RFC 3261 §16.3)', () => {
  it('finds a request forwarded although it arrived with Max-Forwards 0', () => {
    const l = proxyCall()
      .edit('invite', 'Max-Forwards: 70', 'Max-Forwards: 0')
      .edit('invite2', 'Max-Forwards: 69', 'Max-Forwards: 0');
    expectOn(l, l.check(), 'max-forwards-zero', 'invite2');
  });
  const hop0 = (status: string) => {
    const inv = invite('sip:carol@b.example.com')
      .replace('Max-Forwards: 70', 'Max-Forwards: 0')
      .replace(/call1@/g, 'call2@')
      .replace('z9hG4bKinv1', 'z9hG4bKinv9');
    return proxyCall()
      .add('invite0', 6000, A, P, inv)
      .add('answer0', 6010, P, A, reply(inv, status, { tag: 'p0' }));
  };
  it('finds a proxy that answers such a request with something else than 483', () => {
    const l = hop0('404 Not Found');
    expectOn(l, l.check(), 'max-forwards-zero', 'answer0');
  });
  it('accepts 483 (Too Many Hops)', () => {
    expectNone(hop0('483 Too Many Hops').check(), 'max-forwards-zero');
  });
});

describe('proxy-request-body-unchanged (RFC 3261 §16.6)', () => {
  it('finds a forwarded INVITE with another body', () => {
    const l = proxyCall().edit('invite2', 'm=audio 49170', 'm=audio 40000');
    expectOn(l, l.check(), 'proxy-request-body-unchanged', 'invite2');
  });
  it('accepts the body as received', () => {
    expectNone(proxyCall().check(), 'proxy-request-body-unchanged');
  });
});

describe('proxy-response-body-unchanged (RFC 3261 §16.7)', () => {
  it('finds a forwarded 200 with another body', () => {
    const l = proxyCall().edit('ok', /v=0\r\n$/, 'v=1\r\n');
    expectOn(l, l.check(), 'proxy-response-body-unchanged', 'ok');
  });
  it('accepts the body as received', () => {
    expectNone(proxyCall().check(), 'proxy-response-body-unchanged');
  });
});

describe('record-route-lr (RFC 3261 §16.6)', () => {
  it('finds a Record-Route without lr', () => {
    const l = proxyCall(true).edit(
      'invite2',
      'Record-Route: <sip:10.0.0.2;lr>',
      'Record-Route: <sip:10.0.0.2>',
    );
    expectOn(l, l.check(), 'record-route-lr', 'invite2');
  });
  it('accepts a loose-routing Record-Route', () => {
    expectNone(proxyCall(true).check(), 'record-route-lr');
  });
});

describe('record-route-names-proxy (RFC 3261 §16.6)', () => {
  it('finds a Record-Route that points elsewhere', () => {
    const l = proxyCall(true).edit(
      'invite2',
      'Record-Route: <sip:10.0.0.2;lr>',
      'Record-Route: <sip:10.0.0.9;lr>',
    );
    expectOn(l, l.check(), 'record-route-names-proxy', 'invite2');
  });
  it("accepts the proxy's own address, or a name that resolves to it", () => {
    expectNone(proxyCall(true).check(), 'record-route-names-proxy');
    const l = proxyCall(true).edit(
      'invite2',
      'Record-Route: <sip:10.0.0.2;lr>',
      'Record-Route: <sip:proxy.b.example.com;lr>',
    );
    expectNone(
      l.check({ hosts: { 'proxy.b.example.com': '10.0.0.2' } }),
      'record-route-names-proxy',
    );
  });
});
