/**
 * Properties of the reader (fast-check, fixed seeds): no input but a non-capture makes it throw, and
 * however a TCP stream is cut, reordered and repeated, the same messages come out in order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureFormatError, readCapture } from '@/sim/capture';
import {
  ascii,
  concat,
  ethernet,
  ipv4,
  ipv6,
  ipv6Fragments,
  pcapFile,
  pcapngFile,
  records,
  sipMessage,
  tcp,
  TCP_PSH_ACK,
  udp,
} from './capture-builder';

const MESSAGES = [
  sipMessage('INVITE sip:bob@biloxi.example.com SIP/2.0', { body: 'v=0\r\ns=-\r\n' }),
  sipMessage('SIP/2.0 100 Trying'),
  sipMessage('SIP/2.0 180 Ringing', { contentLength: 'compact' }),
  sipMessage('SIP/2.0 200 OK', { body: 'v=0\r\no=bob 1 1 IN IP4 192.0.2.2\r\n' }),
  '\r\n\r\n',
];

const VALID_PCAP = pcapFile(
  records([
    ethernet(ipv4('192.0.2.1', '192.0.2.2', 17, udp(5060, 5060, ascii(MESSAGES[0]!)))),
    ethernet(
      ipv4(
        '192.0.2.1',
        '192.0.2.2',
        6,
        tcp(1, 5060, 77, TCP_PSH_ACK, ascii(MESSAGES[1]! + MESSAGES[2]!)),
      ),
    ),
    ...ipv6Fragments(
      '2001:db8::1',
      '2001:db8::2',
      17,
      udp(5060, 5060, ascii(MESSAGES[3]!.repeat(3))),
      64,
    ).map((p) => ethernet(p)),
  ]),
  { linkType: 1 },
);
const VALID_PCAPNG = pcapngFile([
  {
    blocks: [
      { kind: 'interface', linkType: 101, tsresol: 9 },
      {
        kind: 'enhanced',
        interfaceId: 0,
        timestamp: 1n,
        data: ipv6('2001:db8::1', '2001:db8::2', 17, udp(5060, 5060, ascii(MESSAGES[0]!))),
      },
      {
        kind: 'simple',
        data: ipv4('192.0.2.1', '192.0.2.2', 17, udp(5060, 5060, ascii(MESSAGES[3]!))),
      },
    ],
  },
]);

function wellFormed(r: ReturnType<typeof readCapture>): void {
  for (const m of r.messages) {
    expect(typeof m.raw).toBe('string');
    expect(Number.isFinite(m.time)).toBe(true);
    expect(m.packet).toBeGreaterThanOrEqual(1);
    expect(m.packet).toBeLessThanOrEqual(r.packets);
  }
  for (const p of r.problems) expect(p.why.length).toBeGreaterThan(0);
}

describe('no input crashes the reader', () => {
  it('random bytes: a result, or CaptureFormatError when byte 0 holds no magic number', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        try {
          wellFormed(readCapture(bytes));
        } catch (e) {
          expect(e).toBeInstanceOf(CaptureFormatError);
        }
      }),
      { seed: 3261, numRuns: 300 },
    );
  });

  it('random records after a valid pcap header, and a pcapng section header', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 800 }),
        fc.constantFrom(1, 101, 113, 276, 0, 108),
        fc.boolean(),
        (tail, linkType, ng) => {
          const head = ng ? VALID_PCAPNG.subarray(0, 28) : pcapFile([], { linkType });
          wellFormed(readCapture(concat(head, tail)));
        },
      ),
      { seed: 5060, numRuns: 300 },
    );
  });

  it('a valid capture with bytes changed at random', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 12,
        }),
        (ng, changes) => {
          const file = (ng ? VALID_PCAPNG : VALID_PCAP).slice();
          for (const [at, value] of changes) file[4 + (at % (file.length - 4))] = value;
          wellFormed(readCapture(file));
        },
      ),
      { seed: 2617, numRuns: 400 },
    );
  });
});

describe('TCP streams, cut and shuffled', () => {
  it('give back the same messages in order', () => {
    const stream = fc.array(fc.constantFrom(...MESSAGES), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(
        stream,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (parts, cutSeeds, shuffleSeed, repeats, isn) => {
          const bytes = ascii(parts.join(''));
          const cuts = [
            ...new Set(cutSeeds.map((c) => 1 + (c % Math.max(1, bytes.length - 1)))),
          ].sort((a, b) => a - b);
          const points = [0, ...cuts.filter((c) => c < bytes.length), bytes.length];
          const segs = points
            .slice(0, -1)
            .map((p, i) => ({ seq: (isn + p) >>> 0, data: bytes.subarray(p, points[i + 1]) }));
          // A random order (all segments but the first may come early), plus a few retransmissions.
          const order = segs.slice(1);
          for (let i = order.length - 1; i > 0; i--) {
            const j = (shuffleSeed + i * 7919) % (i + 1);
            [order[i], order[j]] = [order[j]!, order[i]!];
          }
          const sent = [segs[0]!, ...order, ...repeats.map((r) => segs[r % segs.length]!)];
          const r = readCapture(
            pcapFile(
              records(
                sent.map((s) =>
                  ipv4('192.0.2.1', '192.0.2.2', 6, tcp(40000, 5060, s.seq, TCP_PSH_ACK, s.data)),
                ),
              ),
              { linkType: 101 },
            ),
          );
          expect(r.messages.map((m) => m.raw)).toEqual(parts.filter((p) => p !== '\r\n\r\n'));
          expect(r.problems).toEqual([]);
        },
      ),
      { seed: 1918, numRuns: 300 },
    );
  });
});
