/**
 * SDP offer/answer basics (RFC 4566, RFC 3264): makeOffer / makeAnswer.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CODECS, makeAnswer, makeOffer, parseSdp, writeSdp } from '@/sim/codec';

const alice = { user: 'alice', address: '192.0.2.101', port: 49170, sessionId: 2890844526 };
const bob = { user: 'bob', address: '192.0.2.201', port: 3456, sessionId: 2808844564 };

describe('makeOffer', () => {
  it('offers one audio stream with the given codecs, in CRLF lines', () => {
    const text = makeOffer(alice);
    expect(text.split('\r\n').slice(0, 5)).toEqual([
      'v=0',
      'o=alice 2890844526 2890844526 IN IP4 192.0.2.101',
      's=-',
      'c=IN IP4 192.0.2.101',
      't=0 0',
    ]);
    expect(text).toContain('m=audio 49170 RTP/AVP 0 8\r\n');
    expect(text).toContain('a=rtpmap:0 PCMU/8000\r\n');
    expect(text).toContain('a=rtpmap:8 PCMA/8000\r\n');
    expect(text).toContain('a=sendrecv\r\n');
    expect(text.includes('\n') && !/[^\r]\n/.test(text)).toBe(true);
  });

  it('parses back to what was offered', () => {
    const sdp = parseSdp(makeOffer(alice));
    expect(sdp.origin).toMatchObject({
      username: 'alice',
      sessionId: 2890844526,
      address: '192.0.2.101',
    });
    expect(sdp.connection?.ip).toBe('192.0.2.101');
    expect(sdp.media).toHaveLength(1);
    const m = sdp.media[0]!;
    expect(m).toMatchObject({
      type: 'audio',
      port: 49170,
      protocol: 'RTP/AVP',
      direction: 'sendrecv',
    });
    expect(m.rtp.map((r) => [r.payload, r.codec, r.rate])).toEqual(
      DEFAULT_CODECS.map((c) => [c.payload, c.name, c.rate]),
    );
    expect(writeSdp(sdp)).toBe(makeOffer(alice));
  });
});

describe('makeAnswer', () => {
  it('answers with the same media lines and the answerer address (round trip)', () => {
    const answer = parseSdp(makeAnswer(makeOffer(alice), bob));
    expect(answer.origin).toMatchObject({ username: 'bob', address: '192.0.2.201' });
    expect(answer.connection?.ip).toBe('192.0.2.201');
    expect(answer.media).toHaveLength(1);
    expect(answer.media[0]).toMatchObject({ type: 'audio', port: 3456, protocol: 'RTP/AVP' });
    expect(answer.media[0]!.rtp.map((r) => r.codec)).toEqual(['PCMU', 'PCMA']);
  });

  it('keeps only the codecs both sides have, with the offer payload numbers', () => {
    const offer = makeOffer({
      ...alice,
      codecs: [
        { payload: 0, name: 'PCMU', rate: 8000 },
        { payload: 9, name: 'G722', rate: 8000 },
        { payload: 8, name: 'PCMA', rate: 8000 },
      ],
    });
    const answer = parseSdp(
      makeAnswer(offer, {
        ...bob,
        codecs: [
          { payload: 8, name: 'pcma', rate: 8000 },
          { payload: 18, name: 'G729', rate: 8000 },
          { payload: 9, name: 'G722', rate: 8000 },
        ],
      }),
    );
    const m = answer.media[0]!;
    expect(m.port).toBe(3456);
    expect(m.rtp.map((r) => [r.payload, r.codec])).toEqual([
      [9, 'G722'],
      [8, 'PCMA'],
    ]);
    expect(String(m.payloads)).toBe('9 8');
  });

  it('refuses a media line with no codec in common: port 0 (RFC 3264 §6)', () => {
    const answer = parseSdp(
      makeAnswer(makeOffer(alice), { ...bob, codecs: [{ payload: 18, name: 'G729', rate: 8000 }] }),
    );
    const m = answer.media[0]!;
    expect(m.port).toBe(0);
    expect(m.rtp).toEqual([]);
    expect(String(m.payloads)).toBe('0');
  });

  it('answers each media line of a multi-stream offer, refusing only what it cannot take', () => {
    const offer = writeSdp({
      ...parseSdp(makeOffer(alice)),
      media: [
        ...parseSdp(makeOffer(alice)).media,
        {
          type: 'video',
          port: 51372,
          protocol: 'RTP/AVP',
          payloads: '31',
          rtp: [{ payload: 31, codec: 'H261', rate: 90000 }],
          fmtp: [],
        },
      ],
    });
    const answer = parseSdp(makeAnswer(offer, bob));
    expect(answer.media.map((m) => [m.type, m.port])).toEqual([
      ['audio', 3456],
      ['video', 0],
    ]);
  });
});
