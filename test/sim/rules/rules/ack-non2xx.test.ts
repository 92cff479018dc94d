import { describe, it } from 'vitest';
import { A, B, C, expectNone, expectOn } from '../helpers';
import { rejectedCall } from '../flows';

describe('ack-non2xx-matches-invite (RFC 3261 §17.1.1.3)', () => {
  it('finds an ACK with another CSeq number', () => {
    const l = rejectedCall().edit('ack', 'CSeq: 1 ACK', 'CSeq: 2 ACK');
    expectOn(l, l.check(), 'ack-non2xx-matches-invite', 'ack');
  });
  it("finds an ACK without the response's To tag", () => {
    const l = rejectedCall().edit('ack', ';tag=b1', '');
    expectOn(l, l.check(), 'ack-non2xx-matches-invite', 'ack');
  });
  it("finds an ACK without the INVITE's Route", () => {
    const l = rejectedCall().edit(
      'invite',
      'CSeq: 1 INVITE',
      'CSeq: 1 INVITE\r\nRoute: <sip:10.0.0.3;lr>',
    );
    expectOn(l, l.check(), 'ack-non2xx-matches-invite', 'ack');
  });
  it('accepts an ACK built from the INVITE and the response', () => {
    expectNone(rejectedCall().check(), 'ack-non2xx-matches-invite');
  });
});

describe('ack-non2xx-same-destination (RFC 3261 §17.1.1.2)', () => {
  it('finds an ACK sent elsewhere than the INVITE', () => {
    const l = rejectedCall().set('ack', { to: C });
    expectOn(l, l.check(), 'ack-non2xx-same-destination', 'ack');
  });
  it('accepts an ACK to the same place', () => {
    expectNone(rejectedCall().check(), 'ack-non2xx-same-destination');
  });
});

describe('ack-non2xx-sent (RFC 3261 §17.1.1.2)', () => {
  it('finds a 486 never acknowledged', () => {
    const l = rejectedCall().remove('ack');
    expectOn(l, l.check({ endTime: 60_000 }), 'ack-non2xx-sent', 'final');
  });
  it('finds a retransmitted 486 not acknowledged again', () => {
    const l = rejectedCall().set('ack', { delivered: false });
    l.add('final-again', 520, B, A, l.text('final'));
    expectOn(l, l.check({ endTime: 60_000 }), 'ack-non2xx-sent', 'final-again');
  });
  it('accepts an ACK for each copy of the final response', () => {
    const l = rejectedCall().set('ack', { delivered: false });
    l.add('final-again', 520, B, A, l.text('final')).add('ack-again', 530, A, B, l.text('ack'));
    expectNone(l.check({ endTime: 60_000 }), 'ack-non2xx-sent');
  });
  it('does not judge a final response that arrived just before the observation ended', () => {
    const l = rejectedCall().remove('ack');
    expectNone(l.check({ endTime: 35 }), 'ack-non2xx-sent');
  });
});
