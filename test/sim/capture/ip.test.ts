/** IPv6 extension headers, IP fragments (in and out of order), and IP in IP. */
import { describe, expect, it } from 'vitest';
import { readCapture } from '@/sim/capture';
import {
  ascii,
  ipv4,
  ipv4Fragments,
  ipv6,
  ipv6Fragments,
  pcapFile,
  records,
  sipMessage,
  udp,
} from './capture-builder';

/** An INVITE with a body large enough to be sent in several fragments. */
const BIG = sipMessage('INVITE sip:bob@biloxi.example.com SIP/2.0', {
  body: `v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.1\r\n${'a=x-filler:0123456789abcdef\r\n'.repeat(120)}`,
});
const SMALL = sipMessage('BYE sip:bob@biloxi.example.com SIP/2.0');

function read(packets: Uint8Array[]) {
  return readCapture(pcapFile(records(packets), { linkType: 101 }));
}

describe('IPv6 extension headers', () => {
  it('walks hop-by-hop, routing, destination options and AH to the UDP header', () => {
    const packet = ipv6('2001:db8::1', '2001:db8::2', 17, udp(5060, 5060, ascii(SMALL)), [
      { type: 0, size: 6 },
      { type: 43, size: 22 },
      { type: 60, size: 14 },
      { type: 51, size: 12 },
    ]);
    const r = read([packet]);
    expect(r.problems).toEqual([]);
    expect(r.messages.map((m) => m.raw)).toEqual([SMALL]);
  });

  it('reports an extension header that runs past the packet', () => {
    const packet = ipv6('2001:db8::1', '2001:db8::2', 17, new Uint8Array(0), [
      { type: 60, size: 6 },
    ]);
    packet[41] = 9; // Hdr Ext Len 9: 80 bytes, in a packet with 8 after the fixed header
    const r = read([packet]);
    expect(r.problems.map((p) => p.why)).toEqual([
      'IPv6 extension header 60 (80 bytes) runs past the packet',
    ]);
  });
});

describe('IP fragments', () => {
  const udpDatagram = udp(5060, 5062, ascii(BIG));

  it('reassembles IPv4 fragments in order; the message belongs to the last fragment', () => {
    const pieces = ipv4Fragments('192.0.2.1', '192.0.2.2', 17, udpDatagram, 1480);
    expect(pieces.length).toBe(3);
    const r = read(pieces);
    expect(r.problems).toEqual([]);
    expect(r.messages.map((m) => [m.raw, m.packet, m.source])).toEqual([
      [BIG, 3, '192.0.2.1:5060'],
    ]);
  });

  it('reassembles IPv4 fragments out of order, with a duplicate, among other traffic', () => {
    const pieces = ipv4Fragments('192.0.2.1', '192.0.2.2', 17, udpDatagram, 1024);
    const other = ipv4('192.0.2.3', '192.0.2.2', 17, udp(5060, 5060, ascii(SMALL)));
    const r = read([pieces[3]!, pieces[1]!, other, pieces[1]!, pieces[0]!, pieces[2]!]);
    expect(r.problems).toEqual([]);
    expect(r.messages.map((m) => [m.firstLine, m.packet])).toEqual([
      ['BYE sip:bob@biloxi.example.com SIP/2.0', 3],
      ['INVITE sip:bob@biloxi.example.com SIP/2.0', 6],
    ]);
    expect(r.messages[1]!.raw).toBe(BIG);
  });

  it('reassembles IPv6 fragments out of order', () => {
    const pieces = ipv6Fragments('2001:db8::a', '2001:db8::b', 17, udpDatagram, 1232);
    expect(pieces.length).toBe(4);
    const r = read([pieces[3]!, pieces[0]!, pieces[2]!, pieces[1]!]);
    expect(r.problems).toEqual([]);
    expect(r.messages.map((m) => [m.raw, m.source, m.destination])).toEqual([
      [BIG, '[2001:db8::a]:5060', '[2001:db8::b]:5062'],
    ]);
  });

  it('keeps datagrams apart by identification', () => {
    const a = ipv4Fragments('192.0.2.1', '192.0.2.2', 17, udp(1, 5060, ascii(BIG)), 2048, 1);
    const b = ipv4Fragments(
      '192.0.2.1',
      '192.0.2.2',
      17,
      udp(2, 5060, ascii(BIG.replace('INVITE sip', 'OPTIONS sip'))),
      2048,
      2,
    );
    const r = read([a[0]!, b[0]!, b[1]!, a[1]!]);
    expect(r.messages.map((m) => m.firstLine.split(' ')[0])).toEqual(['OPTIONS', 'INVITE']);
  });

  it('reports fragments that never make a whole datagram', () => {
    const pieces = ipv4Fragments('192.0.2.1', '192.0.2.2', 17, udpDatagram, 1480);
    const r = read([pieces[0]!, pieces[2]!]);
    expect(r.messages).toEqual([]);
    expect(r.problems).toEqual([
      {
        offset: 40,
        packet: 1,
        why: `IPv4 fragments from 192.0.2.1 to 192.0.2.2 never made a whole datagram (${1480 + (udpDatagram.length - 2960)} bytes of ${udpDatagram.length})`,
      },
    ]);
  });
});

describe('IP in IP', () => {
  const inner4 = ipv4('10.0.0.1', '10.0.0.2', 17, udp(5060, 5060, ascii(SMALL)));
  const inner6 = ipv6('fd00::1', 'fd00::2', 17, udp(5060, 5060, ascii(SMALL)));
  const cases: [string, Uint8Array, string][] = [
    ['4in4', ipv4('192.0.2.1', '192.0.2.2', 4, inner4), '10.0.0.1:5060'],
    ['6in4', ipv4('192.0.2.1', '192.0.2.2', 41, inner6), '[fd00::1]:5060'],
    ['4in6', ipv6('2001:db8::1', '2001:db8::2', 4, inner4), '10.0.0.1:5060'],
    ['6in6', ipv6('2001:db8::1', '2001:db8::2', 41, inner6), '[fd00::1]:5060'],
  ];
  for (const [name, packet, source] of cases) {
    it(`${name}: reads the inner packet's addresses`, () => {
      const r = read([packet]);
      expect(r.problems).toEqual([]);
      expect(r.messages.map((m) => m.source)).toEqual([source]);
    });
  }

  it('reports an inner header of the wrong version', () => {
    const r = read([ipv4('192.0.2.1', '192.0.2.2', 41, inner4)]);
    expect(r.problems.map((p) => p.why)).toEqual([
      'IP in IP: protocol 41 announces IPv6 inside, but the inner header is not one',
    ]);
  });

  it('stops at tunnels nested too deep', () => {
    let p = inner4;
    for (let i = 0; i < 6; i++) p = ipv4('192.0.2.1', '192.0.2.2', 4, p);
    const r = read([p]);
    expect(r.messages).toEqual([]);
    expect(r.problems.map((x) => x.why)).toEqual(['IP in IP nested more than 4 deep: not read']);
  });
});
