import { describe, it } from 'vitest';
import { expectNone, expectOn } from '../helpers';
import { directCall, proxyCall } from '../flows';

describe('response-sent-to-via (RFC 3261 §18.2.2)', () => {
  it('finds a response sent elsewhere than the top Via says', () => {
    const l = directCall().set('ringing', { to: '10.0.0.1:5070' });
    expectOn(l, l.check(), 'response-sent-to-via', 'ringing');
  });
  it('follows received and rport', () => {
    const l = directCall()
      .edit(
        'invite',
        'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1',
        'Via: SIP/2.0/UDP 192.168.1.9:5060;branch=z9hG4bKinv1;rport',
      )
      .edit(
        'ringing',
        'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1',
        'Via: SIP/2.0/UDP 192.168.1.9:5060;branch=z9hG4bKinv1;received=10.0.0.1;rport=5060',
      );
    expectNone(l.check(), 'response-sent-to-via');
    l.edit('ringing', 'rport=5060', 'rport=5099');
    expectOn(l, l.check(), 'response-sent-to-via', 'ringing');
  });
  it('accepts responses that retrace the Vias', () => {
    expectNone(proxyCall(true).check(), 'response-sent-to-via');
  });
});

describe('via-received (RFC 3261 §18.2.1)', () => {
  const natted = (received: boolean) =>
    directCall()
      .edit(
        'invite',
        'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1',
        'Via: SIP/2.0/UDP alice.a.example.com;branch=z9hG4bKinv1',
      )
      .edit(
        'ringing',
        'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1',
        `Via: SIP/2.0/UDP alice.a.example.com;branch=z9hG4bKinv1${received ? ';received=10.0.0.1' : ''}`,
      );
  it('finds a server that did not note the source address', () => {
    const l = natted(false);
    expectOn(
      l,
      l.check({ hosts: { 'alice.a.example.com': '10.0.0.1' } }),
      'via-received',
      'ringing',
    );
  });
  it('accepts received= when the sent-by is a name, and nothing when it is the source', () => {
    expectNone(natted(true).check(), 'via-received');
    expectNone(directCall().check(), 'via-received');
  });
});
