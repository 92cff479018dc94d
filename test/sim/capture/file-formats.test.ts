/** pcap and pcapng as files: byte orders, time stamp units, sections and interfaces, damage, non-captures. */
import { describe, expect, it } from 'vitest';
import { CaptureFormatError, readCapture } from '@/sim/capture';
import {
  ascii,
  concat,
  ipv4,
  pcapFile,
  pcapngFile,
  records,
  sipMessage,
  udp,
  ethernet,
} from './capture-builder';

const INVITE = sipMessage('INVITE sip:bob@biloxi.example.com SIP/2.0');
const OK = sipMessage('SIP/2.0 200 OK');

function datagram(text: string, src = '192.0.2.1', dst = '192.0.2.2'): Uint8Array {
  return ipv4(src, dst, 17, udp(5060, 5060, ascii(text)));
}

describe('pcap files', () => {
  for (const littleEndian of [true, false]) {
    it(`reads a ${littleEndian ? 'little' : 'big'}-endian file with microsecond time stamps`, () => {
      const file = pcapFile(
        [
          { seconds: 1_700_000_000, fraction: 250_000, data: datagram(INVITE) },
          { seconds: 1_700_000_001, fraction: 5, data: datagram(OK, '192.0.2.2', '192.0.2.1') },
        ],
        { linkType: 101, littleEndian },
      );
      const r = readCapture(file);
      expect(r.format).toBe('pcap');
      expect(r.packets).toBe(2);
      expect(r.problems).toEqual([]);
      expect(
        r.messages.map((m) => [m.time, m.absoluteTime, m.firstLine, m.source, m.packet]),
      ).toEqual([
        [0, 1_700_000_000.25, 'INVITE sip:bob@biloxi.example.com SIP/2.0', '192.0.2.1:5060', 1],
        [0.750005, 1_700_000_001.000005, 'SIP/2.0 200 OK', '192.0.2.2:5060', 2],
      ]);
    });
  }

  it('reads nanosecond time stamps (magic a1b23c4d), rounding times to the microsecond', () => {
    const file = pcapFile(
      [
        { seconds: 10, fraction: 123_456_789, data: datagram(INVITE) },
        { seconds: 11, fraction: 999_999_999, data: datagram(OK) },
      ],
      { linkType: 101, nanos: true, littleEndian: false },
    );
    const r = readCapture(file);
    expect(r.messages.map((m) => m.time)).toEqual([0, 1.876543]);
    expect(r.messages[1]!.absoluteTime).toBe(12);
  });

  it('reports a file cut inside a record and keeps the packets before it', () => {
    const whole = pcapFile(records([datagram(INVITE), datagram(OK)]), { linkType: 101 });
    const r = readCapture(whole.subarray(0, whole.length - 10));
    expect(r.messages).toHaveLength(2);
    expect(r.messages[1]!.error?.message).toMatch(/has no colon at line 8/);
    expect(r.problems).toEqual([
      expect.objectContaining({
        packet: 2,
        why: expect.stringMatching(
          /claims 294 bytes but the file ends after 284: it was cut short/,
        ),
      }),
      expect.objectContaining({
        packet: 2,
        why: 'UDP datagram cut by the capture (256 of 266 bytes of payload)',
      }),
    ]);
  });

  it('skips a damaged record header to the next record that looks whole', () => {
    const file = pcapFile(records([datagram(INVITE), datagram(OK), datagram(INVITE)]), {
      linkType: 101,
    });
    const second = 24 + 16 + datagram(INVITE).length;
    const damaged = file.slice();
    new DataView(damaged.buffer).setUint32(second + 8, 0x7fffffff, true);
    const r = readCapture(damaged);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.offset).toBe(second);
    expect(r.problems[0]!.why).toMatch(/damaged record header .* skipped \d+ bytes/);
    expect(r.messages.map((m) => m.firstLine)).toEqual([
      'INVITE sip:bob@biloxi.example.com SIP/2.0',
      'INVITE sip:bob@biloxi.example.com SIP/2.0',
    ]);
  });

  it('reports a header cut short without throwing', () => {
    const file = pcapFile([], { linkType: 1 }).subarray(0, 10);
    const r = readCapture(file);
    expect(r.packets).toBe(0);
    expect(r.problems[0]!.why).toMatch(/header is cut short: 10 of its 24 bytes/);
  });
});

describe('pcapng files', () => {
  it('reads several sections, each with its byte order, interfaces, link types and time resolutions', () => {
    const e1 = ethernet(datagram(INVITE));
    const file = pcapngFile([
      {
        blocks: [
          { kind: 'interface', linkType: 1 },
          { kind: 'interface', linkType: 101, tsresol: 9 },
          { kind: 'other', type: 0x0bad, body: ascii('custom block, skipped') },
          { kind: 'enhanced', interfaceId: 0, timestamp: 1_700_000_000_000_000n, data: e1 },
          {
            kind: 'enhanced',
            interfaceId: 1,
            timestamp: 1_700_000_000_500_000_001n,
            data: datagram(OK),
          },
        ],
      },
      {
        littleEndian: false,
        blocks: [
          // 2^-10 seconds per unit, and an offset of 100 s added to every time stamp.
          { kind: 'interface', linkType: 101, tsresol: 0x80 | 10, tsoffset: 100 },
          {
            kind: 'enhanced',
            interfaceId: 0,
            timestamp: BigInt(1_699_999_901 * 1024 + 512),
            data: datagram(INVITE),
          },
          {
            kind: 'obsolete',
            interfaceId: 0,
            timestamp: BigInt(1_699_999_902 * 1024),
            data: datagram(OK),
          },
        ],
      },
    ]);
    const r = readCapture(file);
    expect(r.format).toBe('pcapng');
    expect(r.problems).toEqual([]);
    expect(r.linkTypes).toEqual([
      { id: 1, name: 'Ethernet', supported: true },
      { id: 101, name: 'raw IP', supported: true },
    ]);
    expect(r.packets).toBe(4);
    expect(r.messages.map((m) => [m.packet, m.time])).toEqual([
      [1, 0],
      [2, 0.5],
      [3, 1.5],
      [4, 2],
    ]);
  });

  it('reads Simple Packet Blocks (no time stamp: the time of the packet before) and says so', () => {
    const file = pcapngFile([
      {
        blocks: [
          { kind: 'interface', linkType: 101 },
          { kind: 'enhanced', interfaceId: 0, timestamp: 5_000_000n, data: datagram(INVITE) },
          { kind: 'simple', data: datagram(OK) },
        ],
      },
    ]);
    const r = readCapture(file);
    expect(r.messages.map((m) => [m.firstLine, m.time])).toEqual([
      ['INVITE sip:bob@biloxi.example.com SIP/2.0', 0],
      ['SIP/2.0 200 OK', 0],
    ]);
    expect(r.notices).toEqual([
      '1 packet in Simple Packet Blocks carry no time stamp: shown at the time of the packet before',
    ]);
  });

  it('reports a damaged block and goes on at the next block that looks whole', () => {
    const file = pcapngFile([
      {
        blocks: [
          { kind: 'interface', linkType: 101 },
          { kind: 'enhanced', interfaceId: 0, timestamp: 1n, data: datagram(INVITE) },
          { kind: 'enhanced', interfaceId: 0, timestamp: 2n, data: datagram(OK) },
        ],
      },
    ]);
    const damaged = file.slice();
    const firstPacket = 28 + 20; // the SHB (28 bytes) and the IDB (20 bytes)
    new DataView(damaged.buffer).setUint32(firstPacket + 4, 13, true);
    const r = readCapture(damaged);
    expect(r.problems).toEqual([
      {
        offset: firstPacket,
        why: expect.stringMatching(/damaged block of type 6: a block length of 13/),
      },
    ]);
    expect(r.messages.map((m) => m.firstLine)).toEqual(['SIP/2.0 200 OK']);
  });

  it('reports a packet whose interface is not described', () => {
    const file = pcapngFile([
      { blocks: [{ kind: 'enhanced', interfaceId: 3, timestamp: 1n, data: datagram(INVITE) }] },
    ]);
    const r = readCapture(file);
    expect(r.messages).toEqual([]);
    expect(r.problems[0]!.why).toMatch(/names interface 3, but the section describes 0/);
  });
});

describe('files that are not captures', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['an empty file', new Uint8Array(0), /found an empty file/],
    ['two bytes', new Uint8Array([0xa1, 0xb2]), /found only 2 bytes \(a1 b2\)/],
    ['a SIP message', ascii(INVITE), /found 49 4e 56 49 \(text: "INVITE sip:bob@biloxi.ex"…\)/],
    ['a gzip file', new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2]), /gzip file: decompress it first/],
  ];
  for (const [name, bytes, found] of cases) {
    it(`throws CaptureFormatError for ${name}, saying what was expected at byte 0`, () => {
      let error: unknown;
      try {
        readCapture(bytes);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CaptureFormatError);
      const e = error as CaptureFormatError;
      expect(e.offset).toBe(0);
      expect(e.message).toMatch(
        /^expected a pcap magic number \(a1b2c3d4 .*\) or a pcapng Section Header Block \(0a0d0d0a\) at byte 0, found /,
      );
      expect(e.message).toMatch(found);
    });
  }
});

describe('progress', () => {
  it('reports fractions up to 1 on a file of several megabytes', () => {
    const packet = datagram(
      sipMessage('OPTIONS sip:x@example.com SIP/2.0', { body: 'x'.repeat(1400) }),
    );
    const file = pcapFile(records(Array.from({ length: 3000 }, () => packet)), { linkType: 101 });
    const seen: number[] = [];
    readCapture(file, { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
    expect(concat(file).length).toBeGreaterThan(4_000_000);
  });
});
