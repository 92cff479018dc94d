import { describe, expect, it } from 'vitest';
import {
  SipRequest,
  keepBytes,
  keptMessage,
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

describe('keepBytes (a request kept only to be sent again)', () => {
  it('keeps the bytes, and gives back a new request with the same bytes each time', () => {
    const ack = parseMessage(ACK) as SipRequest;
    const kept = keepBytes(ack);
    expect(kept).toEqual({ wire: serializeMessage(ack), kind: 'request' });
    const again = keptMessage(kept);
    expect(again).not.toBe(ack);
    expect(again.method).toBe('ACK');
    expect(serializeMessage(again)).toBe(serializeMessage(ack));
    expect(keptMessage(kept)).not.toBe(again);
  });

  it('keeps the request itself when its bytes do not parse back', () => {
    const broken = new SipRequest('ACK', 'not a uri', 'SIP/2.0', [], '');
    const kept = keepBytes(broken);
    expect(kept).toEqual({ message: broken });
    expect(keptMessage(kept)).toBe(broken);
  });
});
