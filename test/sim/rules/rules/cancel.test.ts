import { describe, it } from 'vitest';
import { A, B, C, expectNone, expectOn, sip } from '../helpers';
import { cancelledCall, messageExchange, rejectedCall } from '../flows';

describe('cancel-matches-request (RFC 3261 §9.1)', () => {
  it('finds a CANCEL with another Request-URI', () => {
    const l = cancelledCall().edit(
      'cancel',
      'CANCEL sip:bob@10.0.0.3',
      'CANCEL sip:bob@b.example.com',
    );
    expectOn(l, l.check(), 'cancel-matches-request', 'cancel');
  });
  it('finds a CANCEL with a Via the INVITE did not have on top', () => {
    const l = cancelledCall().edit(
      'cancel',
      'Max-Forwards',
      'Via: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bKx\r\nMax-Forwards',
    );
    expectOn(l, l.check(), 'cancel-matches-request', 'cancel');
  });
  it('finds a CANCEL without the Route of its INVITE', () => {
    const l = cancelledCall().edit(
      'invite',
      'CSeq: 1 INVITE',
      'CSeq: 1 INVITE\r\nRoute: <sip:10.0.0.3;lr>',
    );
    expectOn(l, l.check(), 'cancel-matches-request', 'cancel');
  });
  it('accepts a CANCEL built from its INVITE', () => {
    expectNone(cancelledCall().check(), 'cancel-matches-request');
  });
});

describe('cancel-after-provisional (RFC 3261 §9.1)', () => {
  it('finds a CANCEL sent before any response arrived', () => {
    const l = cancelledCall().set('cancel', { time: 5 });
    expectOn(l, l.check(), 'cancel-after-provisional', 'cancel');
  });
  it('accepts a CANCEL after the 180', () => {
    expectNone(cancelledCall().check(), 'cancel-after-provisional');
  });
});

describe('cancel-same-destination (RFC 3261 §9.1)', () => {
  it('finds a CANCEL sent elsewhere than its INVITE', () => {
    const l = cancelledCall().set('cancel', { to: C });
    expectOn(l, l.check(), 'cancel-same-destination', 'cancel');
  });
  it('accepts a CANCEL that follows its INVITE', () => {
    expectNone(cancelledCall().check(), 'cancel-same-destination');
  });
});

describe('cancel-only-invite (RFC 3261 §9.1)', () => {
  it('finds a CANCEL of a MESSAGE', () => {
    const l = messageExchange().add(
      'cancel',
      5,
      A,
      B,
      sip(`
        CANCEL sip:bob@10.0.0.3 SIP/2.0
        Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKmsg1
        Max-Forwards: 70
        From: Alice <sip:alice@a.example.com>;tag=m1
        To: Bob <sip:bob@b.example.com>
        Call-ID: msg1@10.0.0.1
        CSeq: 1 CANCEL
      `),
    );
    expectOn(l, l.check(), 'cancel-only-invite', 'cancel');
  });
  it('accepts a CANCEL of an INVITE', () => {
    expectNone(cancelledCall().check(), 'cancel-only-invite');
  });
});

describe('cancel-after-final (RFC 3261 §9.1)', () => {
  it('finds a CANCEL sent after the final response arrived', () => {
    const c = cancelledCall();
    const l = rejectedCall().add('cancel', 100, A, B, c.text('cancel'));
    expectOn(l, l.check(), 'cancel-after-final', 'cancel');
  });
  it('accepts a CANCEL while the INVITE rings', () => {
    expectNone(cancelledCall().check(), 'cancel-after-final');
  });
});

describe('uas-cancel-200 (RFC 3261 §9.2)', () => {
  it('finds a UAS answering 481 to a CANCEL of its ringing INVITE', () => {
    const l = cancelledCall().edit('cancelOk', '200 OK', '481 Call/Transaction Does Not Exist');
    expectOn(l, l.check(), 'uas-cancel-200', 'cancelOk');
  });
  it('accepts 200 (OK)', () => {
    expectNone(cancelledCall().check(), 'uas-cancel-200');
  });
});

describe('uas-cancel-487 (RFC 3261 §9.2)', () => {
  it('finds a UAS that accepts the INVITE after the CANCEL arrived', () => {
    const l = cancelledCall()
      .edit('terminated', '487 Request Terminated', '200 OK')
      .edit('terminated', 'CSeq: 1 INVITE', 'CSeq: 1 INVITE\r\nContact: <sip:bob@10.0.0.3>');
    expectOn(l, l.check(), 'uas-cancel-487', 'terminated');
  });
  it('finds a UAS that never ends the INVITE', () => {
    const l = cancelledCall().remove('terminated', 'ack');
    expectOn(l, l.check({ endTime: 60_000 }), 'uas-cancel-487', 'cancel');
  });
  it('accepts a 487 at once', () => {
    expectNone(cancelledCall().check(), 'uas-cancel-487');
  });
});
