/**
 * SDP lines explained like headers (sim/codec/sdp-docs.ts, RFC 4566 §5, §6): every line type with
 * its section, the values of the line read back in words, and explainMessage using them for an
 * application/sdp body.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SDP_DOCS, explainMessage, explainSdp, explainSdpLine, parseMessage } from '@/sim/codec';

/** RFC 4566's table of contents: the section of each line type (§5.1 to §5.14). */
const SECTIONS: Record<string, string> = {
  v: '5.1',
  o: '5.2',
  s: '5.3',
  i: '5.4',
  u: '5.5',
  e: '5.6',
  p: '5.6',
  c: '5.7',
  b: '5.8',
  t: '5.9',
  r: '5.10',
  z: '5.11',
  k: '5.12',
  a: '5.13',
  m: '5.14',
};

const OFFER = [
  'v=0',
  'o=alice 2890844526 2890844526 IN IP4 10.0.0.10',
  's=-',
  'c=IN IP4 10.0.0.10',
  't=0 0',
  'm=audio 49170 RTP/AVP 0 8 101',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-15',
  'a=ptime:20',
  'a=sendrecv',
  '',
].join('\r\n');

describe('SDP_DOCS', () => {
  it('has every line type of RFC 4566 §5, each citing its own section', () => {
    expect(Object.keys(SDP_DOCS).sort()).toEqual(Object.keys(SECTIONS).sort());
    for (const [type, section] of Object.entries(SECTIONS))
      expect(SDP_DOCS[type]?.rfc, type).toBe(`RFC 4566 §${section}`);
  });
});

describe('explainSdpLine', () => {
  it('reads the m= line: the media, the port it is received on, the protocol and the formats', () => {
    const m = explainSdpLine('m=audio 49170 RTP/AVP 0 8 101', true);
    expect(m.rfc).toBe('RFC 4566 §5.14');
    expect(m.meaning).toMatch(/^Media description: one media stream/);
    expect(m.meaning).toContain(
      'Here: audio, which the sender of this description receives on port 49170 (at the c= address), over RTP/AVP, in formats 0, 8, 101.',
    );
    expect(explainSdpLine('m=video 0 RTP/AVP 31', true).meaning).toContain(
      'Port 0 turns the stream off',
    );
  });

  it('reads the origin, the connection address and the timing', () => {
    expect(
      explainSdpLine('o=bob 2808844564 2808844565 IN IP4 192.0.2.20', false).meaning,
    ).toContain(
      'Here: user bob, session 2808844564, version 2808844565, made at 192.0.2.20 (IN IP4).',
    );
    expect(explainSdpLine('c=IN IP4 192.0.2.20', false).meaning).toContain(
      'Here: the media goes to 192.0.2.20 (IN IP4).',
    );
    expect(explainSdpLine('c=IN IP4 192.0.2.21', true).meaning).toContain(
      "Here: this stream's media goes to 192.0.2.21",
    );
    expect(explainSdpLine('t=0 0', false).meaning).toContain('the session lasts until it is ended');
    expect(explainSdpLine('b=AS:64', true).meaning).toContain('Here: 64 kbit/s (AS).');
  });

  it('explains the attributes of RFC 4566 §6, and says when one is not from it', () => {
    const rtpmap = explainSdpLine('a=rtpmap:101 telephone-event/8000', true);
    expect(rtpmap).toEqual({
      meaning:
        'Attribute rtpmap: names an RTP payload type with its encoding, its clock rate and perhaps its channels. Here: payload type 101 is telephone-event at 8000 Hz.',
      rfc: 'RFC 4566 §6',
    });
    expect(explainSdpLine('a=rtpmap:98 L16/16000/2', true).meaning).toContain(
      'payload type 98 is L16 at 16000 Hz, 2 channels.',
    );
    expect(explainSdpLine('a=sendonly', true).meaning).toMatch(/only sends/);
    expect(explainSdpLine('a=ptime:20', true).meaning).toContain('Here: 20 ms.');
    const ice = explainSdpLine('a=ice-ufrag:8hhY', true);
    expect(ice.rfc).toBe('RFC 4566 §5.13');
    expect(ice.meaning).toMatch(/^Attribute ice-ufrag: one RFC 4566 does not define/);
  });

  it('marks a line that is not SDP, and names a line type RFC 4566 does not define', () => {
    const bad = explainSdpLine('m = audio 49170 RTP/AVP 0', true);
    expect(bad.problem).toBeDefined();
    expect(bad.rfc).toBe('RFC 4566 §5');
    const x = explainSdpLine('x=something', false);
    expect(x.problem).toBeUndefined();
    expect(x.meaning).toMatch(/not one RFC 4566 defines/);
  });

  it('never throws, whatever the line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const { explained } of explainSdp(text)) {
          expect(explained.meaning.length).toBeGreaterThan(0);
          expect(explained.rfc).toMatch(/^RFC 4566 §/);
        }
      }),
      { seed: 4566, numRuns: 300 },
    );
  });
});

describe('explainMessage with an SDP body', () => {
  it('explains each line of the offer with its RFC 4566 section', () => {
    const invite = [
      'INVITE sip:bob@biloxi.example.com SIP/2.0',
      'Via: SIP/2.0/UDP 10.0.0.10:5060;branch=z9hG4bK776asdhds',
      'Max-Forwards: 70',
      'To: <sip:bob@biloxi.example.com>',
      'From: <sip:alice@atlanta.example.com>;tag=1928301774',
      'Call-ID: a84b4c76e66710@pc33.atlanta.example.com',
      'CSeq: 314159 INVITE',
      'Content-Type: application/sdp',
      `Content-Length: ${OFFER.length}`,
      '',
      OFFER,
    ].join('\r\n');
    const body = explainMessage(parseMessage(invite)).filter((l) => l.part === 'body');
    expect(body.map((l) => [l.text, l.rfc])).toEqual([
      ['v=0', 'RFC 4566 §5.1'],
      ['o=alice 2890844526 2890844526 IN IP4 10.0.0.10', 'RFC 4566 §5.2'],
      ['s=-', 'RFC 4566 §5.3'],
      ['c=IN IP4 10.0.0.10', 'RFC 4566 §5.7'],
      ['t=0 0', 'RFC 4566 §5.9'],
      ['m=audio 49170 RTP/AVP 0 8 101', 'RFC 4566 §5.14'],
      ['a=rtpmap:0 PCMU/8000', 'RFC 4566 §6'],
      ['a=rtpmap:101 telephone-event/8000', 'RFC 4566 §6'],
      ['a=fmtp:101 0-15', 'RFC 4566 §6'],
      ['a=ptime:20', 'RFC 4566 §6'],
      ['a=sendrecv', 'RFC 4566 §6'],
    ]);
  });

  it('leaves a body of another type as it was', () => {
    const message = [
      'MESSAGE sip:bob@biloxi.example.com SIP/2.0',
      'Via: SIP/2.0/UDP 10.0.0.10:5060;branch=z9hG4bK776asdhds',
      'To: <sip:bob@biloxi.example.com>',
      'From: <sip:alice@atlanta.example.com>;tag=1928301774',
      'Call-ID: a84b4c76e66710',
      'CSeq: 1 MESSAGE',
      'Content-Type: text/plain',
      'Content-Length: 7',
      '',
      'm=hello',
    ].join('\r\n');
    const body = explainMessage(parseMessage(message)).filter((l) => l.part === 'body');
    expect(body).toEqual([{ text: 'm=hello', part: 'body', meaning: 'Body (text/plain).' }]);
  });
});
