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
  it('seen behind a NAT (translatedAddresses), accepts the sent-by the translation restores', () => {
    // The capture sits on Alice's side of a NAT: the server answered the public address of its
    // "received", and the capture sees the answer translated back to Alice's own address.
    const l = directCall().edit(
      'ringing',
      'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1',
      'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1;received=203.0.113.7;rport=5060',
    );
    expectOn(l, l.check(), 'response-sent-to-via', 'ringing');
    expectNone(l.check({ translatedAddresses: true }), 'response-sent-to-via');
    // A response to an address neither the Via nor the request explains is still found.
    l.set('ringing', { to: '10.0.0.9:5060' });
    expectOn(l, l.check({ translatedAddresses: true }), 'response-sent-to-via', 'ringing');
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
