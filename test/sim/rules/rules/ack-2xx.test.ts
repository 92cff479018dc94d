import { describe, it } from 'vitest';
import { A, B, expectNone, expectOn } from '../helpers';
import { directCall } from '../flows';

describe('ack-2xx-cseq (RFC 3261 §13.2.2.4)', () => {
  it("finds an ACK with another CSeq number than the INVITE's", () => {
    const l = directCall().edit('ack', 'CSeq: 1 ACK', 'CSeq: 2 ACK');
    expectOn(l, l.check(), 'ack-2xx-cseq', 'ack');
  });
  it("accepts the INVITE's number", () => {
    expectNone(directCall().check(), 'ack-2xx-cseq');
  });
});

describe('ack-2xx-credentials (RFC 3261 §13.2.2.4)', () => {
  const creds =
    'Proxy-Authorization: Digest username="alice", realm="b", nonce="n", uri="sip:bob@10.0.0.3", response="0123456789abcdef0123456789abcdef"';
  it('finds an ACK without the Proxy-Authorization of its INVITE', () => {
    const l = directCall().edit('invite', 'CSeq: 1 INVITE', `CSeq: 1 INVITE\r\n${creds}`);
    expectOn(l, l.check(), 'ack-2xx-credentials', 'ack');
  });
  it('accepts an ACK that repeats the credentials', () => {
    const l = directCall()
      .edit('invite', 'CSeq: 1 INVITE', `CSeq: 1 INVITE\r\n${creds}`)
      .edit('ack', 'CSeq: 1 ACK', `CSeq: 1 ACK\r\n${creds}`);
    expectNone(l.check(), 'ack-2xx-credentials');
  });
});

describe('ack-2xx-sent (RFC 3261 §13.2.2.4)', () => {
  it('finds a 200 OK never acknowledged', () => {
    const l = directCall().remove('ack', 'bye', 'byeOk');
    expectOn(l, l.check({ endTime: 60_000 }), 'ack-2xx-sent', 'ok');
  });
  it('finds a retransmitted 200 OK not acknowledged again', () => {
    const l = directCall().set('ack', { delivered: false });
    l.add('ok-again', 1500, B, A, l.text('ok'));
    expectOn(l, l.check(), 'ack-2xx-sent', 'ok-again');
  });
  it('accepts an ACK for each copy', () => {
    const l = directCall().set('ack', { delivered: false });
    l.add('ok-again', 1500, B, A, l.text('ok')).add('ack-again', 1520, A, B, l.text('ack'));
    expectNone(l.check(), 'ack-2xx-sent');
  });
});
