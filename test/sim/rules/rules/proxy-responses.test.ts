/** Responses through a stateful proxy (RFC 3261 §16.7 steps 5 and 6; RFC 6026 §7.1). */
import { describe, it } from 'vitest';
import { A, B, P, expectNone, expectOn, forward, reply } from '../helpers';
import { forkedRejected, proxyCall } from '../flows';

describe('proxy-no-100-forward (RFC 3261 §16.7)', () => {
  it('finds a stateful proxy forwarding a 100', () => {
    const l = proxyCall();
    const trying2 = reply(l.text('invite2'), '100 Trying');
    l.add('trying2', 15, B, P, trying2).add(
      'tryingFwd',
      25,
      P,
      A,
      reply(l.text('invite'), '100 Trying'),
    );
    expectOn(l, l.check(), 'proxy-no-100-forward', 'tryingFwd');
  });
  it('accepts a proxy that keeps it', () => {
    const l = proxyCall();
    l.add('trying2', 15, B, P, reply(l.text('invite2'), '100 Trying'));
    expectNone(l.check(), 'proxy-no-100-forward');
  });
});

describe('proxy-forwards-2xx (RFC 3261 §16.7)', () => {
  it('finds a 200 the proxy kept', () => {
    const l = proxyCall().remove('ok', 'ack', 'bye', 'byeOk');
    expectOn(l, l.check({ endTime: 10_000 }), 'proxy-forwards-2xx', 'ok2');
  });
  it('finds a retransmitted 200 the proxy did not forward', () => {
    const l = proxyCall();
    l.add('ok2-again', 1500, B, P, l.text('ok2'));
    expectOn(l, l.check(), 'proxy-forwards-2xx', 'ok2-again');
  });
  it('accepts every copy forwarded at once', () => {
    const l = proxyCall();
    l.add('ok2-again', 1500, B, P, l.text('ok2'))
      .add('ok-again', 1510, P, A, l.text('ok'))
      .add('ack-again', 1530, A, B, l.text('ack'));
    expectNone(l.check(), 'proxy-forwards-2xx');
  });
});

describe('proxy-forwards-provisional (RFC 3261 §16.7)', () => {
  it('finds a 180 the proxy kept', () => {
    const l = proxyCall().remove('ringing');
    expectOn(l, l.check(), 'proxy-forwards-provisional', 'ringing2');
  });
  it('accepts it forwarded', () => {
    expectNone(proxyCall().check(), 'proxy-forwards-provisional');
  });
});

describe('proxy-best-response-6xx (RFC 3261 §16.7)', () => {
  it('finds a 486 sent although a branch declined with 603', () => {
    const l = forkedRejected('486 Busy Here', '603 Decline', '486 Busy Here');
    expectOn(l, l.check(), 'proxy-best-response-6xx', 'final');
  });
  it('accepts the 6xx', () => {
    expectNone(
      forkedRejected('486 Busy Here', '603 Decline', '603 Decline').check(),
      'proxy-best-response-6xx',
    );
  });
});

describe('proxy-best-response-class (RFC 3261 §16.7)', () => {
  it('finds a 4xx chosen over a 3xx', () => {
    const l = forkedRejected('486 Busy Here', '302 Moved Temporarily', '486 Busy Here');
    expectOn(l, l.check(), 'proxy-best-response-class', 'final');
  });
  it('accepts the lowest class', () => {
    expectNone(
      forkedRejected('486 Busy Here', '302 Moved Temporarily', '302 Moved Temporarily').check(),
      'proxy-best-response-class',
    );
  });
});

describe('proxy-503-not-forwarded (RFC 3261 §16.7)', () => {
  it('finds a 503 passed upstream', () => {
    const l = forkedRejected('503 Service Unavailable', '503 Service Unavailable', '', true);
    expectOn(l, l.check(), 'proxy-503-not-forwarded', 'final');
  });
  it('accepts a 500 instead', () => {
    expectNone(
      forkedRejected(
        '503 Service Unavailable',
        '503 Service Unavailable',
        '500 Server Internal Error',
      ).check(),
      'proxy-503-not-forwarded',
    );
  });
});

describe('proxy-to-tag-unchanged (RFC 3261 §16.7)', () => {
  it('finds a forwarded 180 with another To tag', () => {
    const l = proxyCall().edit('ringing', 'tag=b1', 'tag=zz');
    expectOn(l, l.check(), 'proxy-to-tag-unchanged', 'ringing');
  });
  it('accepts the tag as received', () => {
    expectNone(proxyCall().check(), 'proxy-to-tag-unchanged');
  });
});

describe('proxy-absorbs-invite-retransmission (RFC 6026 §7.1)', () => {
  it('finds an INVITE retransmission forwarded after the 200', () => {
    const l = proxyCall();
    l.add('invite-again', 1100, A, P, l.text('invite')).add(
      'invite2-again',
      1110,
      P,
      B,
      forward(l.text('invite'), 'SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKp9', {
        uri: 'sip:bob@10.0.0.3',
      }),
    );
    expectOn(l, l.check(), 'proxy-absorbs-invite-retransmission', 'invite2-again');
  });
  it('accepts a retransmission absorbed', () => {
    const l = proxyCall();
    l.add('invite-again', 1100, A, P, l.text('invite'));
    expectNone(l.check(), 'proxy-absorbs-invite-retransmission');
  });
});
