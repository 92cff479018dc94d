/** Every link type the reader decodes, down to the same SIP message. */
import { describe, expect, it } from 'vitest';
import { readCapture } from '@/sim/capture';
import {
  ascii,
  ethernet,
  ipv4,
  ipv6,
  loopback,
  pcapFile,
  records,
  sipMessage,
  sll,
  sll2,
  udp,
} from './capture-builder';

const MESSAGE = sipMessage('REGISTER sip:registrar.example.com SIP/2.0');
const V4 = ipv4('198.51.100.7', '203.0.113.9', 17, udp(5070, 5060, ascii(MESSAGE)));
const V6 = ipv6('2001:db8::7', '2001:db8:0:0:1::9', 17, udp(5070, 5060, ascii(MESSAGE)));

const CASES: [string, number, Uint8Array, 4 | 6][] = [
  ['Ethernet', 1, ethernet(V4), 4],
  ['Ethernet with an 802.1Q VLAN tag', 1, ethernet(V4, [[0x8100, 100]]), 4],
  [
    'Ethernet with QinQ (802.1ad outer, 802.1Q inner)',
    1,
    ethernet(V6, [
      [0x88a8, 10],
      [0x8100, 20],
    ]),
    6,
  ],
  ['Linux cooked capture (SLL)', 113, sll(V4), 4],
  ['Linux cooked capture v2 (SLL2)', 276, sll2(V6), 6],
  ['raw IP (101), IPv4', 101, V4, 4],
  ['raw IP (101), IPv6', 101, V6, 6],
  ['raw IPv4 (228)', 228, V4, 4],
  ['raw IPv6 (229)', 229, V6, 6],
  ['BSD loopback (0), little-endian AF_INET', 0, loopback(V4, 2, true), 4],
  ['BSD loopback (0), big-endian AF_INET', 0, loopback(V4, 2, false), 4],
  ['BSD loopback (0), little-endian AF_INET6 (macOS 30)', 0, loopback(V6, 30, true), 6],
  ['BSD loopback (0), big-endian AF_INET6 (OpenBSD 24)', 0, loopback(V6, 24, false), 6],
  ['OpenBSD LOOP (108), AF_INET6 (FreeBSD 28)', 108, loopback(V6, 28, false), 6],
];

describe('link types', () => {
  for (const [name, linkType, frame, version] of CASES) {
    it(`${name}: finds the message with its addresses`, () => {
      const r = readCapture(pcapFile(records([frame]), { linkType }));
      expect(r.problems).toEqual([]);
      expect(r.messages).toHaveLength(1);
      const m = r.messages[0]!;
      expect([m.source, m.destination]).toEqual(
        version === 4
          ? ['198.51.100.7:5070', '203.0.113.9:5060']
          : ['[2001:db8::7]:5070', '[2001:db8::1:0:0:9]:5060'],
      );
      expect(m.raw).toBe(MESSAGE);
    });
  }

  it('writes IPv6 addresses as RFC 5952 says (longest zero run as "::", IPv4-mapped as a dotted quad)', () => {
    const cases: [string, string][] = [
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
      ['0:0:0:0:0:0:0:0', '::'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      ['::ffff:192.0.2.33', '::ffff:192.0.2.33'],
    ];
    for (const [written, expected] of cases) {
      const packet = ipv6(written, '::1', 17, udp(5060, 5060, ascii(MESSAGE)));
      const r = readCapture(pcapFile(records([packet]), { linkType: 101 }));
      expect(r.messages[0]!.source).toBe(`[${expected}]:5060`);
    }
  });

  it('skips frames that carry no IP (ARP) without a problem', () => {
    const arp = new Uint8Array([...Array(12).fill(0), 0x08, 0x06, ...Array(28).fill(0)]);
    const r = readCapture(pcapFile(records([arp, ethernet(V4)]), { linkType: 1 }));
    expect(r.problems).toEqual([]);
    expect(r.messages).toHaveLength(1);
  });

  it('counts packets of a link type it does not decode, in a notice', () => {
    const r = readCapture(pcapFile(records([V4, V4]), { linkType: 105 }));
    expect(r.messages).toEqual([]);
    expect(r.linkTypes).toEqual([{ id: 105, name: 'IEEE 802.11', supported: false }]);
    expect(r.notices).toEqual([
      '2 packets with IEEE 802.11 (link type 105) skipped: that link type is not decoded here',
    ]);
  });

  it('reports a frame shorter than its link header', () => {
    const r = readCapture(pcapFile(records([new Uint8Array(10)]), { linkType: 276 }));
    expect(r.problems).toEqual([
      {
        offset: 40,
        packet: 1,
        why: 'Linux cooked v2 (SLL2) frame of 10 bytes, shorter than its 20-byte header',
      },
    ]);
  });
});
