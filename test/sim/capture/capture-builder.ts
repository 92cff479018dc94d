/**
 * Writes synthetic captures for the reader's tests: protocol headers (Ethernet with VLAN tags, Linux
 * cooked v1/v2, loopback, IPv4, IPv6 with extension headers, fragments, UDP, TCP) and pcap / pcapng
 * files around them, byte by byte as the specifications lay them out. Checksums are left zero (the
 * reader does not check them).
 */
import { ipv6Bytes } from '@/sim/capture';

export function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return concatAll(parts);
}

/** concat for long lists (no spread: a capture may have a million parts). */
export function concatAll(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function be16(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}
function be32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

export function addressBytes(text: string): Uint8Array {
  if (text.includes(':')) return ipv6Bytes(text)!;
  return new Uint8Array(text.split('.').map(Number));
}

/** A SIP message with CRLF line ends and a Content-Length matching its body. */
export function sipMessage(
  startLine: string,
  options: {
    callId?: string;
    body?: string;
    headers?: string[];
    contentLength?: 'long' | 'compact' | 'none';
  } = {},
): string {
  const body = options.body ?? '';
  const cl = options.contentLength ?? 'long';
  const headers = options.headers ?? [
    'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds',
    'From: <sip:alice@atlanta.example.com>;tag=1928301774',
    'To: <sip:bob@biloxi.example.com>',
    'CSeq: 1 INVITE',
    'Max-Forwards: 70',
  ];
  const lines = [
    startLine,
    ...headers,
    `Call-ID: ${options.callId ?? 'a84b4c76e66710@pc33.atlanta.example.com'}`,
  ];
  if (cl === 'long') lines.push(`Content-Length: ${body.length}`);
  if (cl === 'compact') lines.push(`l: ${body.length}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

// ---- network and transport layers ------------------------------------------------------------

export function udp(sourcePort: number, destinationPort: number, payload: Uint8Array): Uint8Array {
  return concat(
    new Uint8Array([
      ...be16(sourcePort),
      ...be16(destinationPort),
      ...be16(8 + payload.length),
      0,
      0,
    ]),
    payload,
  );
}

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_PSH_ACK = 0x18;
export const TCP_ACK = 0x10;

export function tcp(
  sourcePort: number,
  destinationPort: number,
  seq: number,
  flags: number,
  payload: Uint8Array,
): Uint8Array {
  return concat(
    new Uint8Array([
      ...be16(sourcePort),
      ...be16(destinationPort),
      ...be32(seq >>> 0),
      ...be32(0),
      0x50,
      flags,
      ...be16(65535),
      0,
      0,
      0,
      0,
    ]),
    payload,
  );
}

export interface Ipv4Options {
  id?: number;
  /** Fragment offset in bytes (a multiple of 8). */
  fragmentOffset?: number;
  moreFragments?: boolean;
  /** Total length field, when it should differ from the real length. */
  totalLength?: number;
}

export function ipv4(
  source: string,
  destination: string,
  protocol: number,
  payload: Uint8Array,
  o: Ipv4Options = {},
): Uint8Array {
  const flags = ((o.moreFragments ? 0x2000 : 0) | ((o.fragmentOffset ?? 0) >> 3)) & 0xffff;
  return concat(
    new Uint8Array([
      0x45,
      0,
      ...be16(o.totalLength ?? 20 + payload.length),
      ...be16(o.id ?? 1),
      ...be16(flags),
      64,
      protocol,
      0,
      0,
    ]),
    addressBytes(source),
    addressBytes(destination),
    payload,
  );
}

export interface Ipv6Extension {
  /** 0 hop-by-hop, 43 routing, 60 destination options, 51 AH. */
  type: number;
  /** Body length after the two-byte next-header/length prefix. */
  size?: number;
}

export function ipv6(
  source: string,
  destination: string,
  protocol: number,
  payload: Uint8Array,
  extensions: Ipv6Extension[] = [],
): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < extensions.length; i++) {
    const e = extensions[i]!;
    const next = i + 1 < extensions.length ? extensions[i + 1]!.type : protocol;
    if (e.type === 51) {
      // AH: length in 4-byte units, minus 2.
      const total = 12 + (e.size ?? 4);
      const h = new Uint8Array(total);
      h[0] = next;
      h[1] = total / 4 - 2;
      parts.push(h);
    } else {
      const total = 8 * Math.ceil((2 + (e.size ?? 6)) / 8);
      const h = new Uint8Array(total);
      h[0] = next;
      h[1] = total / 8 - 1;
      parts.push(h);
    }
  }
  const body = concat(...parts, payload);
  return concat(
    new Uint8Array([0x60, 0, 0, 0, ...be16(body.length), extensions[0]?.type ?? protocol, 64]),
    addressBytes(source),
    addressBytes(destination),
    body,
  );
}

/** An IPv4 datagram cut into fragments of `size` bytes of payload (a multiple of 8). */
export function ipv4Fragments(
  source: string,
  destination: string,
  protocol: number,
  payload: Uint8Array,
  size: number,
  id = 7,
): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < payload.length; at += size) {
    const piece = payload.subarray(at, Math.min(payload.length, at + size));
    out.push(
      ipv4(source, destination, protocol, piece, {
        id,
        fragmentOffset: at,
        moreFragments: at + size < payload.length,
      }),
    );
  }
  return out;
}

/** An IPv6 datagram cut into fragments (fragment header 44 after the fixed header). */
export function ipv6Fragments(
  source: string,
  destination: string,
  protocol: number,
  payload: Uint8Array,
  size: number,
  id = 0x1234567,
): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < payload.length; at += size) {
    const piece = payload.subarray(at, Math.min(payload.length, at + size));
    const more = at + size < payload.length ? 1 : 0;
    const fragmentHeader = new Uint8Array([protocol, 0, ...be16(at | more), ...be32(id)]);
    const body = concat(fragmentHeader, piece);
    out.push(
      concat(
        new Uint8Array([0x60, 0, 0, 0, ...be16(body.length), 44, 64]),
        addressBytes(source),
        addressBytes(destination),
        body,
      ),
    );
  }
  return out;
}

// ---- link layers ------------------------------------------------------------------------------

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;

export function etherType(ip: Uint8Array): number {
  return ip[0]! >> 4 === 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
}

/** Ethernet II, with 802.1Q / 802.1ad tags given as [TPID, TCI] pairs, outermost first. */
export function ethernet(ip: Uint8Array, tags: [number, number][] = []): Uint8Array {
  const header = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  for (const [tpid, tci] of tags) header.push(...be16(tpid), ...be16(tci));
  header.push(...be16(etherType(ip)));
  return concat(new Uint8Array(header), ip);
}

export function sll(ip: Uint8Array): Uint8Array {
  return concat(
    new Uint8Array([0, 0, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, ...be16(etherType(ip))]),
    ip,
  );
}

export function sll2(ip: Uint8Array): Uint8Array {
  return concat(
    new Uint8Array([...be16(etherType(ip)), 0, 0, ...be32(2), 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0]),
    ip,
  );
}

/** BSD loopback header: the address family as a 32-bit number in the given byte order. */
export function loopback(ip: Uint8Array, family: number, littleEndian: boolean): Uint8Array {
  const f = be32(family);
  return concat(new Uint8Array(littleEndian ? f.reverse() : f), ip);
}

// ---- files ------------------------------------------------------------------------------------

export interface PcapRecord {
  seconds: number;
  /** Microseconds, or nanoseconds in a nanosecond file. */
  fraction: number;
  data: Uint8Array;
  originalLength?: number;
}

export function pcapFile(
  records: PcapRecord[],
  options: { linkType: number; littleEndian?: boolean; nanos?: boolean },
): Uint8Array {
  const le = options.littleEndian ?? true;
  const header = new Uint8Array(24);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, options.nanos ? 0xa1b23c4d : 0xa1b2c3d4, le);
  hv.setUint16(4, 2, le);
  hv.setUint16(6, 4, le);
  hv.setUint32(16, 262144, le);
  hv.setUint32(20, options.linkType, le);
  const parts: Uint8Array[] = [header];
  for (const r of records) {
    const h = new Uint8Array(16);
    const v = new DataView(h.buffer);
    v.setUint32(0, r.seconds, le);
    v.setUint32(4, r.fraction, le);
    v.setUint32(8, r.data.length, le);
    v.setUint32(12, r.originalLength ?? r.data.length, le);
    parts.push(h, r.data);
  }
  return concatAll(parts);
}

/** Packets one per second from t = 1 700 000 000 s, a microsecond pcap record each. */
export function records(packets: Uint8Array[], start = 1_700_000_000): PcapRecord[] {
  return packets.map((data, i) => ({ seconds: start + i, fraction: 0, data }));
}

export type PcapngBlock =
  | { kind: 'interface'; linkType: number; tsresol?: number; tsoffset?: number }
  | { kind: 'enhanced'; interfaceId: number; timestamp: bigint; data: Uint8Array }
  | { kind: 'obsolete'; interfaceId: number; timestamp: bigint; data: Uint8Array }
  | { kind: 'simple'; data: Uint8Array }
  | { kind: 'other'; type: number; body: Uint8Array };

export interface PcapngSection {
  littleEndian?: boolean;
  blocks: PcapngBlock[];
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

function block(type: number, body: Uint8Array, le: boolean): Uint8Array {
  const total = 12 + pad4(body.length);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint32(0, type, le);
  v.setUint32(4, total, le);
  out.set(body, 8);
  v.setUint32(total - 4, total, le);
  return out;
}

export function pcapngFile(sections: PcapngSection[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const s of sections) {
    const le = s.littleEndian ?? true;
    const shb = new Uint8Array(16);
    const sv = new DataView(shb.buffer);
    sv.setUint32(0, 0x1a2b3c4d, le);
    sv.setUint16(4, 1, le);
    sv.setUint16(6, 0, le);
    sv.setInt32(8, -1, le);
    sv.setInt32(12, -1, le);
    parts.push(block(0x0a0d0d0a, shb, le));
    for (const b of s.blocks) {
      if (b.kind === 'interface') {
        const options: number[] = [];
        const opt = (code: number, value: number[]) => {
          const o = new Uint8Array(4 + pad4(value.length));
          const ov = new DataView(o.buffer);
          ov.setUint16(0, code, le);
          ov.setUint16(2, value.length, le);
          o.set(value, 4);
          options.push(...o);
        };
        if (b.tsresol !== undefined) opt(9, [b.tsresol]);
        if (b.tsoffset !== undefined) {
          const x = new Uint8Array(8);
          new DataView(x.buffer).setBigInt64(0, BigInt(b.tsoffset), le);
          opt(14, [...x]);
        }
        if (options.length > 0) options.push(0, 0, 0, 0);
        const body = new Uint8Array(8 + options.length);
        const bv = new DataView(body.buffer);
        bv.setUint16(0, b.linkType, le);
        bv.setUint32(4, 262144, le);
        body.set(options, 8);
        parts.push(block(1, body, le));
      } else if (b.kind === 'enhanced' || b.kind === 'obsolete') {
        const body = new Uint8Array(20 + pad4(b.data.length));
        const bv = new DataView(body.buffer);
        if (b.kind === 'enhanced') bv.setUint32(0, b.interfaceId, le);
        else bv.setUint16(0, b.interfaceId, le);
        bv.setUint32(4, Number(b.timestamp >> 32n), le);
        bv.setUint32(8, Number(b.timestamp & 0xffffffffn), le);
        bv.setUint32(12, b.data.length, le);
        bv.setUint32(16, b.data.length, le);
        body.set(b.data, 20);
        parts.push(block(b.kind === 'enhanced' ? 6 : 2, body, le));
      } else if (b.kind === 'simple') {
        const body = new Uint8Array(4 + pad4(b.data.length));
        new DataView(body.buffer).setUint32(0, b.data.length, le);
        body.set(b.data, 4);
        parts.push(block(3, body, le));
      } else parts.push(block(b.type, b.body, le));
    }
  }
  return concatAll(parts);
}
