/**
 * Regression tests for engine false positives the random conformance runs found (test/sim/conformance):
 * each case is a wire sequence that conforms to the RFCs but that an earlier engine judged wrongly,
 * named after the rule that misfired. Each also keeps the rule's power: a nearby sequence that does
 * break the rule is still found.
 */
import { describe, it } from 'vitest';
import { A, B, P, expectNone, expectOn, reply } from './helpers';
import { cancelledCall, invite, proxyCall, rejectedCall } from './flows';

describe('proxy-no-100-forward: a stateful proxy answering a retransmitted INVITE with its own 100 again', () => {
  it('is not forwarding the 100 it got from downstream, although both read the same', () => {
    const l = proxyCall();
    const inv2 = l.text('invite2');
    l.add('trying2', 15, B, P, reply(inv2, '100 Trying'))
      .add('invite-again', 500, A, P, l.text('invite'))
      .add('trying-again', 510, P, A, l.text('trying'));
    expectNone(l.check(), 'proxy-no-100-forward');
  });
  it('still finds a 100 forwarded right after it arrived', () => {
    const l = proxyCall();
    const inv2 = l.text('invite2');
    l.add('trying2', 15, B, P, reply(inv2, '100 Trying')).add(
      'forwarded',
      26,
      P,
      A,
      reply(l.text('invite'), '100 Trying'),
    );
    expectOn(l, l.check(), 'proxy-no-100-forward', 'forwarded');
  });
});

describe('ack-non2xx-sent: a final response after the client transaction was given up', () => {
  it('is not judged after Timer B (no response within 64·T1)', () => {
    const l = rejectedCall().remove('ack').set('final', { time: 40_000 });
    expectNone(l.check({ endTime: 200_000 }), 'ack-non2xx-sent');
  });
  it('is not judged 64·T1 after the CANCEL with no final response (§9.1)', () => {
    const l = cancelledCall().remove('terminated', 'ack');
    l.add('late', 40_000, B, A, reply(invite(), '487 Request Terminated', { tag: 'b1' }));
    expectNone(l.check({ endTime: 200_000 }), 'ack-non2xx-sent');
  });
  it('is still judged while the transaction lives', () => {
    const l = rejectedCall().remove('ack').set('final', { time: 20_000 });
    expectOn(l, l.check({ endTime: 200_000 }), 'ack-non2xx-sent', 'final');
  });
});

describe('uas-cancel-487: a final response of the same instant as the CANCEL', () => {
  it('is not judged when it left before the UAS answered the CANCEL (it may have come first)', () => {
    const l = cancelledCall().remove('terminated', 'ack', 'cancelOk');
    const cancelArrives = l.step('cancel').time + 10;
    l.add(
      'ok',
      cancelArrives,
      B,
      A,
      reply(invite(), '200 OK', { tag: 'b1', extra: ['Contact: <sip:bob@10.0.0.3>'] }),
    );
    l.add('cancelOk', cancelArrives, B, A, reply(l.text('cancel'), '200 OK', { tag: 'b1' }));
    expectNone(l.check({ endTime: 1_000 }), 'uas-cancel-487');
  });
  it('is judged when it left after the CANCEL arrived', () => {
    const l = cancelledCall().remove('terminated', 'ack');
    l.add(
      'ok',
      l.step('cancel').time + 200,
      B,
      A,
      reply(invite(), '200 OK', { tag: 'b1', extra: ['Contact: <sip:bob@10.0.0.3>'] }),
    );
    expectOn(l, l.check({ endTime: 1_000 }), 'uas-cancel-487', 'ok');
  });
});
