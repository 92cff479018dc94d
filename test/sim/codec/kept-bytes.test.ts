import { describe, expect, it } from 'vitest';
import {
  SipRequest,
  keepRequestBytes,
  keptRequest,
  parseMessage,
  serializeMessage,
} from '../../../sim/codec';

const ACK = [
  'ACK sip:bob@192.0.2.4 SIP/2.0',
  'Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8',
  'Max-Forwards: 70',
  'To: Bob <sip:bob@biloxi.com>;tag=a6c85cf',
  'From: Alice <sip:alice@atlanta.com>;tag=1928301774',
  'Call-ID: a84b4c76e66710',
  'CSeq: 314159 ACK',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

describe('keepRequestBytes (a request kept only to be sent again)', () => {
  it('keeps the bytes, and gives back a new request with the same bytes each time', () => {
    const ack = parseMessage(ACK) as SipRequest;
    const kept = keepRequestBytes(ack);
    expect(kept).toEqual({ wire: serializeMessage(ack) });
    const again = keptRequest(kept);
    expect(again).not.toBe(ack);
    expect(again.method).toBe('ACK');
    expect(serializeMessage(again)).toBe(serializeMessage(ack));
    expect(keptRequest(kept)).not.toBe(again);
  });

  it('keeps the request itself when its bytes do not parse back', () => {
    const broken = new SipRequest('ACK', 'not a uri', 'SIP/2.0', [], '');
    const kept = keepRequestBytes(broken);
    expect(kept).toEqual({ request: broken });
    expect(keptRequest(kept)).toBe(broken);
  });
});
