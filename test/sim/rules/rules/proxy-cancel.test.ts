/** A stateful proxy and CANCEL, Timer C (RFC 3261 §16.6 step 11, §16.7 step 10, §16.8, §16.10). */
import { describe, it } from 'vitest';
import { A, B, Ladder, P, back, expectNone, expectOn, reply, sip } from '../helpers';
import { forkedCall, invite, proxyCall, proxyOwn } from '../flows';

describe('proxy-cancels-after-final (RFC 3261 §16.7)', () => {
  it('finds a ringing branch left alone after the 200 was forwarded', () => {
    const l = forkedCall().remove('cancelC', 'cancelOkC', 'terminatedC', 'ackC');
    expectOn(l, l.check({ endTime: 5000 }), 'proxy-cancels-after-final', 'ok');
  });
  it('accepts the CANCEL', () => {
    expectNone(forkedCall().check(), 'proxy-cancels-after-final');
  });
});

describe('proxy-cancels-on-6xx (RFC 3261 §16.7)', () => {
  const declined = (cancel: boolean) => {
    const l = forkedCall().remove(
      'okB',
      'ok',
      'ack',
      'cancelC',
      'cancelOkC',
      'terminatedC',
      'ackC',
    );
    const decline = reply(l.text('inviteB'), '603 Decline', { tag: 'b1' });
    l.add('declineB', 500, B, P, decline).add(
      'ackB',
      510,
      P,
      B,
      proxyOwn('ACK', 'sip:bob@10.0.0.3', 'z9hG4bKp1', 'b1'),
    );
    if (cancel) {
      const c = proxyOwn('CANCEL', 'sip:bob@10.0.0.5', 'z9hG4bKp2');
      l.add('cancelC', 510, P, '10.0.0.5:5060', c)
        .add('cancelOkC', 520, '10.0.0.5:5060', P, reply(c, '200 OK', { tag: 'c1' }))
        .add(
          'terminatedC',
          520,
          '10.0.0.5:5060',
          P,
          reply(l.text('inviteC'), '487 Request Terminated', { tag: 'c1' }),
        )
        .add(
          'ackC',
          530,
          P,
          '10.0.0.5:5060',
          proxyOwn('ACK', 'sip:bob@10.0.0.5', 'z9hG4bKp2', 'c1'),
        );
    }
    return l;
  };
  it('finds a branch still ringing after another declined', () => {
    const l = declined(false);
    expectOn(l, l.check({ endTime: 5000 }), 'proxy-cancels-on-6xx', 'declineB');
  });
  it('accepts the other branch cancelled', () => {
    expectNone(declined(true).check({ endTime: 5000 }), 'proxy-cancels-on-6xx');
  });
});

/** Alice cancels through the proxy: CANCEL, 200, the proxy's CANCEL to Bob, 200, 487 back, ACKs. */
function cancelledThroughProxy(): Ladder {
  const l = proxyCall().remove('ok2', 'ok', 'ack', 'bye', 'byeOk');
  const cancel = sip(`
    CANCEL sip:bob@b.example.com SIP/2.0
    Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1
    Max-Forwards: 70
    From: Alice <sip:alice@a.example.com>;tag=a1
    To: Bob <sip:bob@b.example.com>
    Call-ID: call1@10.0.0.1
    CSeq: 1 CANCEL
  `);
  const cancel2 = proxyOwn('CANCEL', 'sip:bob@10.0.0.3', 'z9hG4bKp1');
  const term2 = reply(l.text('invite2'), '487 Request Terminated', { tag: 'b1' });
  return l
    .add('cancel', 100, A, P, cancel)
    .add('cancelOk', 110, P, A, reply(cancel, '200 OK', { tag: 'p9' }))
    .add('cancel2', 110, P, B, cancel2)
    .add('cancelOk2', 120, B, P, reply(cancel2, '200 OK', { tag: 'b1' }))
    .add('terminated2', 120, B, P, term2)
    .add('ack2', 130, P, B, proxyOwn('ACK', 'sip:bob@10.0.0.3', 'z9hG4bKp1', 'b1'))
    .add('terminated', 130, P, A, back(term2))
    .add(
      'ack',
      140,
      A,
      P,
      sip(`
        ACK sip:bob@b.example.com SIP/2.0
        Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1
        Max-Forwards: 70
        From: Alice <sip:alice@a.example.com>;tag=a1
        To: Bob <sip:bob@b.example.com>;tag=b1
        Call-ID: call1@10.0.0.1
        CSeq: 1 ACK
      `),
    );
}

describe('proxy-cancel-200 (RFC 3261 §16.10)', () => {
  it('finds a 481 to a CANCEL of a request the proxy still handles', () => {
    const l = cancelledThroughProxy().edit(
      'cancelOk',
      '200 OK',
      '481 Call/Transaction Does Not Exist',
    );
    expectOn(l, l.check(), 'proxy-cancel-200', 'cancelOk');
  });
  it('finds a CANCEL left unanswered', () => {
    const l = cancelledThroughProxy().remove('cancelOk');
    expectOn(l, l.check({ endTime: 5000 }), 'proxy-cancel-200', 'cancel');
  });
  it('accepts an immediate 200', () => {
    expectNone(cancelledThroughProxy().check({ endTime: 5000 }), 'proxy-cancel-200');
  });
});

describe('proxy-cancel-forwarded (RFC 3261 §16.10)', () => {
  it('finds a pending branch not cancelled', () => {
    const l = cancelledThroughProxy().remove(
      'cancel2',
      'cancelOk2',
      'terminated2',
      'ack2',
      'terminated',
      'ack',
    );
    expectOn(l, l.check({ endTime: 5000 }), 'proxy-cancel-forwarded', 'cancel');
  });
  it('accepts the branch cancelled', () => {
    expectNone(cancelledThroughProxy().check(), 'proxy-cancel-forwarded');
  });
});

describe('timer-c (RFC 3261 §16.6)', () => {
  /** The proxy gives up on Bob's ringing branch at `at` (the 180 reached it at 30 ms). */
  const givesUp = (at: number) => {
    const l = proxyCall().remove('ok2', 'ok', 'ack', 'bye', 'byeOk');
    const c = proxyOwn('CANCEL', 'sip:bob@10.0.0.3', 'z9hG4bKp1');
    const term2 = reply(l.text('invite2'), '487 Request Terminated', { tag: 'b1' });
    return l
      .add('cancel2', at, P, B, c)
      .add('cancelOk2', at + 10, B, P, reply(c, '200 OK', { tag: 'b1' }))
      .add('terminated2', at + 10, B, P, term2)
      .add('ack2', at + 20, P, B, proxyOwn('ACK', 'sip:bob@10.0.0.3', 'z9hG4bKp1', 'b1'))
      .add('terminated', at + 20, P, A, back(term2));
  };
  it('finds a branch cancelled exactly 3 minutes after its last provisional response', () => {
    const l = givesUp(180_030);
    expectOn(l, l.check(), 'timer-c', 'cancel2');
  });
  it('finds a 408 sent upstream while the branch rang less than 3 minutes ago', () => {
    const l = proxyCall().remove('ok2', 'ok', 'ack', 'bye', 'byeOk');
    l.add(
      'timeout',
      100_000,
      P,
      A,
      reply(invite('sip:bob@b.example.com'), '408 Request Timeout', { tag: 'p9' }),
    );
    expectOn(l, l.check(), 'timer-c', 'timeout');
  });
  it('accepts a Timer C longer than 3 minutes', () => {
    expectNone(givesUp(181_030).check(), 'timer-c');
  });
});
