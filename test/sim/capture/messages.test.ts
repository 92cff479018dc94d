/** The messages found: SIP recognised by content, errors kept, plain data that survives postMessage. */
import { describe, expect, it } from 'vitest';
import { parsedOf, readCapture } from '@/sim/capture';
import { ascii, ipv4, pcapFile, records, sipMessage, udp } from './capture-builder';

function datagram(payload: Uint8Array, dport = 5060): Uint8Array {
  return ipv4('192.0.2.1', '192.0.2.2', 17, udp(5060, dport, payload));
}
function read(packets: Uint8Array[]) {
  return readCapture(pcapFile(records(packets), { linkType: 101 }));
}

const INVITE = sipMessage('INVITE sip:bob@biloxi.example.com SIP/2.0', {
  callId: 'call-1@atlanta',
});

describe('SIP by content', () => {
  it('finds requests and responses on any port, and nothing in other UDP traffic', () => {
    const rtp = new Uint8Array([0x80, 0x00, 0x12, 0x34, ...Array(160).fill(0xff)]);
    const dns = new Uint8Array([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
    const http = ascii('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const r = read([
      datagram(rtp),
      datagram(ascii(INVITE), 40000),
      datagram(dns, 53),
      datagram(ascii('\r\n\r\n')),
      datagram(http, 5060),
      datagram(ascii(sipMessage('SIP/2.0 486 Busy Here')), 5999),
    ]);
    expect(r.messages.map((m) => [m.firstLine, m.destination])).toEqual([
      ['INVITE sip:bob@biloxi.example.com SIP/2.0', '192.0.2.2:40000'],
      ['SIP/2.0 486 Busy Here', '192.0.2.2:5999'],
    ]);
    expect(r.problems).toEqual([]);
  });

  it('keeps a message the codec rejects, with the codec error, line and column', () => {
    const bad = INVITE.replace('CSeq: 1 INVITE', 'CSeq 1 INVITE');
    const r = read([datagram(ascii(bad))]);
    expect(r.messages).toHaveLength(1);
    const m = r.messages[0]!;
    expect(m.raw).toBe(bad);
    expect(m.error).toEqual({
      message: expect.stringMatching(
        /^header "CSeq 1 INVITE" has no colon|header "CSeq" has no colon/,
      ),
      line: 5,
      column: expect.any(Number),
    });
    expect(m.callId).toBeUndefined();
    expect(parsedOf(m)).toBeUndefined();
  });

  it('keeps bytes above 0x7f as they were (one character per byte)', () => {
    const latin = new Uint8Array([...ascii(INVITE.replace('<sip:alice', '"\u00e9" <sip:alice'))]);
    latin[latin.indexOf(0xe9)] = 0xe9;
    const utf8 = sipMessage('MESSAGE sip:bob@biloxi.example.com SIP/2.0', {
      body: 'h\u00c3\u00a9llo',
    });
    const r = read([datagram(latin), datagram(ascii(utf8))]);
    expect(r.messages[0]!.raw.includes('\u00e9')).toBe(true);
    expect(r.messages[1]!.raw.endsWith('h\u00c3\u00a9llo')).toBe(true);
  });

  it('gives each message its Call-ID and start line', () => {
    const r = read([datagram(ascii(INVITE))]);
    expect(r.messages[0]).toMatchObject({
      index: 0,
      callId: 'call-1@atlanta',
      firstLine: 'INVITE sip:bob@biloxi.example.com SIP/2.0',
      transport: 'UDP',
      packet: 1,
    });
  });
});

describe('a result for postMessage', () => {
  it('is plain data: structuredClone and JSON give it back equal, and parsedOf parses on the other side', () => {
    const r = read([
      datagram(ascii(INVITE)),
      datagram(ascii(sipMessage('SIP/2.0 200 OK', { callId: 'call-1@atlanta' }))),
    ]);
    const cloned = structuredClone(r);
    expect(cloned).toEqual(r);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    const parsed = parsedOf(cloned.messages[1]!);
    expect(parsed?.kind).toBe('response');
    expect(parsed?.callId()).toBe('call-1@atlanta');
    expect(parsedOf(cloned.messages[1]!)).toBe(parsed);
  });
});
