import { describe, it } from 'vitest';
import { A, B, P, expectNone, expectOn, reply } from '../helpers';
import { directCall, messageExchange, proxyCall } from '../flows';

describe('response-copies-request (RFC 3261 §8.2.6.2)', () => {
  it('finds a response with another Call-ID', () => {
    const l = directCall().edit('byeOk', 'Call-ID: call1@10.0.0.1', 'Call-ID: other');
    expectOn(l, l.check(), 'response-copies-request', 'byeOk');
  });
  it('finds a response that drops a Via', () => {
    const l = proxyCall().edit(
      'ringing2',
      /Via: SIP\/2.0\/UDP 10.0.0.1:5060;branch=z9hG4bKinv1\r\n/,
      '',
    );
    expectOn(l, l.check(), 'response-copies-request', 'ringing2');
  });
  it('finds a response to an in-dialog request with another To tag', () => {
    const l = directCall().edit('byeOk', 'tag=b1', 'tag=zz');
    expectOn(l, l.check(), 'response-copies-request', 'byeOk');
  });
  it('accepts faithful copies', () => {
    expectNone(directCall().check(), 'response-copies-request');
    expectNone(proxyCall(true).check(), 'response-copies-request');
  });
});

describe('response-to-tag (RFC 3261 §8.2.6.2)', () => {
  it('finds a 180 without a To tag', () => {
    const l = directCall().edit('ringing', ';tag=b1', '');
    expectOn(l, l.check(), 'response-to-tag', 'ringing');
  });
  it('accepts a 100 without tag and tagged other responses', () => {
    expectNone(proxyCall().check(), 'response-to-tag');
  });
});

describe('response-to-tag-stable (RFC 3261 §8.2.6.2)', () => {
  it('finds a 200 whose tag differs from the 180 of the same UAS', () => {
    const l = directCall().edit('ok', 'tag=b1', 'tag=b2');
    expectOn(l, l.check(), 'response-to-tag-stable', 'ok');
  });
  it('accepts one tag throughout', () => {
    expectNone(directCall().check(), 'response-to-tag-stable');
  });
});

describe('trying-no-to-tag (RFC 3261 §17.2.1)', () => {
  it('finds a tagged 100 (Trying)', () => {
    const l = proxyCall().edit(
      'trying',
      'To: Bob <sip:bob@b.example.com>',
      'To: Bob <sip:bob@b.example.com>;tag=p9',
    );
    expectOn(l, l.check(), 'trying-no-to-tag', 'trying');
  });
  it('accepts an untagged 100', () => {
    expectNone(proxyCall().check(), 'trying-no-to-tag');
  });
});

describe('uas-non-invite-provisional (RFC 3261 §8.2.6.1)', () => {
  it('finds a UAS answering 180 to a MESSAGE', () => {
    const l = messageExchange();
    l.add('ringing', 10, B, A, reply(l.text('message'), '180 Ringing', { tag: 'b9' }));
    expectOn(l, l.check(), 'uas-non-invite-provisional', 'ringing');
  });
  it('accepts a final answer only', () => {
    expectNone(messageExchange().check(), 'uas-non-invite-provisional');
  });
});

describe('proxy-non-invite-100 (RFC 3261 §16.2)', () => {
  const viaProxy = (trying: boolean) => {
    const l = proxyCall(true);
    if (trying) l.add('byeTrying', 5005, P, A, reply(l.text('bye'), '100 Trying'));
    return l;
  };
  it('finds a proxy answering 100 to a BYE it forwards', () => {
    const l = viaProxy(true);
    expectOn(l, l.check(), 'proxy-non-invite-100', 'byeTrying');
  });
  it('accepts a proxy that does not', () => {
    expectNone(viaProxy(false).check(), 'proxy-non-invite-100');
  });
});
