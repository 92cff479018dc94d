/**
 * Writing libpcap files (link type 101, LINKTYPE_RAW: each packet is an IPv4 or IPv6 header): each
 * message becomes a UDP datagram (RFC 768) — or, when it travelled over TCP, a TCP segment (RFC 9293)
 * in its connection's byte stream, sequence numbers counting on per direction — over IPv4 (RFC 791)
 * or IPv6 (RFC 8200, with the checksums IPv6 makes mandatory) with its addresses and ports, so
 * Wireshark and tshark decode it as SIP. Pure: the page saves a run's or a capture's pcap with it,
 * the CLI writes `sip run --pcap`.
 */
import { wireToBytes } from '../codec';

/** 2026-01-01T00:00:00Z: a simulated run's virtual time 0 in the files (a fixed epoch keeps files reproducible). */
export const SIMULATION_EPOCH_SECONDS = 1767225600;
const LINKTYPE_RAW = 101;
const PROTO_TCP = 6;
const PROTO_UDP = 17;
/** The most one packet can carry over IPv4: 65535 − 20 (IP) − 8 (UDP) or − 20 (TCP). */
const MAX_PAYLOAD = { UDP: 65507, TCP: 65495 } as const;
/** Where the first byte of each direction of a TCP connection is numbered (any start is valid). */
const TCP_FIRST_SEQ = 1;
/** TCP flags of a segment that carries data: PSH and ACK. */
const TCP_PSH_ACK = 0x18;

export interface PcapDatagram {
  /** Microseconds since 1970 (an integer). */
  timeMicros: number;
  /** "address:port"; IPv6 in brackets: "[2001:db8::1]:5060". */
  source: string;
  destination: string;
  payload: Uint8Array;
  /** How the message travelled: UDP (the default) or TCP. */
  transport?: 'UDP' | 'TCP';
  /** IPv4 identification; defaults to the datagram's position. */
  id?: number;
}

export interface PcapWriteResult {
  bytes: Uint8Array;
  /** Datagrams not written, and why (an address that is not an IP literal, a payload too large). */
  skipped: { index: number; why: string }[];
}

export function writePcap(datagrams: readonly PcapDatagram[]): PcapWriteResult {
  const chunks: Uint8Array[] = [];
  const skipped: { index: number; why: string }[] = [];
  const header = new Uint8Array(24);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, 0xa1b2c3d4, true);
  hv.setUint16(4, 2, true);
  hv.setUint16(6, 4, true);
  hv.setUint32(16, 262144, true);
  hv.setUint32(20, LINKTYPE_RAW, true);
  chunks.push(header);
  // Each TCP direction's next sequence number, by "source>destination".
  const streams = new Map<string, number>();
  datagrams.forEach((d, index) => {
    const src = parseEndpoint(d.source);
    const dst = parseEndpoint(d.destination);
    if (typeof src === 'string' || typeof dst === 'string') {
      skipped.push({ index, why: typeof src === 'string' ? src : (dst as string) });
      return;
    }
    if (src.address.length !== dst.address.length) {
      skipped.push({
        index,
        why: `${d.source} and ${d.destination} are not of the same IP version`,
      });
      return;
    }
    const transport = d.transport ?? 'UDP';
    if (d.payload.length > MAX_PAYLOAD[transport]) {
      skipped.push({
        index,
        why: `${d.payload.length} bytes do not fit in one ${transport === 'UDP' ? 'UDP datagram' : 'TCP segment'}`,
      });
      return;
    }
    const segment =
      transport === 'UDP'
        ? udpSegment(src, dst, d.payload)
        : tcpSegment(src, dst, d.payload, streams, d.source, d.destination);
    const pkt = overIp(
      src,
      dst,
      transport === 'UDP' ? PROTO_UDP : PROTO_TCP,
      segment,
      d.id ?? index + 1,
    );
    const rec = new Uint8Array(16);
    const rv = new DataView(rec.buffer);
    const micros = Math.max(0, Math.round(d.timeMicros));
    rv.setUint32(0, Math.floor(micros / 1_000_000), true);
    rv.setUint32(4, micros % 1_000_000, true);
    rv.setUint32(8, pkt.length, true);
    rv.setUint32(12, pkt.length, true);
    chunks.push(rec, pkt);
  });
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { bytes: out, skipped };
}

/** The parts of a simulation trace event the writer reads (sim/network's TraceEvent has them). */
export interface TraceDatagram {
  type: string;
  /** Virtual time in milliseconds. */
  time: number;
  source?: string;
  destination?: string;
  raw?: string;
  datagram?: number;
}

/** The datagrams of a trace's "send" events (every datagram sent, lost ones too), at the simulation epoch. */
export function traceDatagrams(events: readonly TraceDatagram[]): PcapDatagram[] {
  const out: PcapDatagram[] = [];
  for (const e of events) {
    if (e.type !== 'send' || e.raw === undefined || !e.source || !e.destination) continue;
    out.push({
      timeMicros: SIMULATION_EPOCH_SECONDS * 1_000_000 + Math.round(e.time * 1000),
      source: e.source,
      destination: e.destination,
      payload: wireToBytes(e.raw),
      id: e.datagram ?? out.length + 1,
    });
  }
  return out;
}

/** The pcap file of every datagram sent in a trace. */
export function tracePcap(events: readonly TraceDatagram[]): Uint8Array {
  return writePcap(traceDatagrams(events)).bytes;
}

interface Endpoint {
  address: Uint8Array;
  port: number;
}

/** "1.2.3.4:5060" or "[2001:db8::1]:5060" to bytes and port, or why not. */
export function parseEndpoint(text: string): Endpoint | string {
  const i = text.lastIndexOf(':');
  const port = Number(text.slice(i + 1));
  if (i < 0 || !Number.isInteger(port) || port < 0 || port > 65535 || text.slice(i + 1) === '')
    return `"${text}" has no port`;
  const host = text.slice(0, i);
  const address =
    host.startsWith('[') && host.endsWith(']') ? ipv6Bytes(host.slice(1, -1)) : ipv4Bytes(host);
  return address === undefined ? `"${host}" is not an IPv4 or IPv6 address` : { address, port };
}

function ipv4Bytes(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    if (!/^\d{1,3}$/.test(parts[i]!) || Number(parts[i]) > 255) return undefined;
    out[i] = Number(parts[i]);
  }
  return out;
}

/** RFC 4291 §2.2 text (with "::" and a trailing dotted IPv4 part) to 16 bytes. */
export function ipv6Bytes(text: string): Uint8Array | undefined {
  let groups: string[];
  let tail: Uint8Array | undefined;
  let body = text;
  const lastColon = body.lastIndexOf(':');
  if (body.slice(lastColon + 1).includes('.')) {
    tail = ipv4Bytes(body.slice(lastColon + 1));
    if (tail === undefined) return undefined;
    body = `${body.slice(0, lastColon + 1)}0:0`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const left = halves[0] === '' ? [] : halves[0]!.split(':');
  const right = halves.length === 2 && halves[1] !== '' ? halves[1]!.split(':') : [];
  if (halves.length === 2) {
    const fill = 8 - left.length - right.length;
    if (fill < 1) return undefined;
    groups = [...left, ...Array<string>(fill).fill('0'), ...right];
  } else groups = left;
  if (groups.length !== 8) return undefined;
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(groups[i]!)) return undefined;
    const v = parseInt(groups[i]!, 16);
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  }
  if (tail) out.set(tail, 12);
  return out;
}

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function udpSegment(src: Endpoint, dst: Endpoint, payload: Uint8Array): Uint8Array {
  const seg = new Uint8Array(8 + payload.length);
  const v = new DataView(seg.buffer);
  v.setUint16(0, src.port);
  v.setUint16(2, dst.port);
  v.setUint16(4, seg.length);
  seg.set(payload, 8);
  return seg;
}

/**
 * A TCP segment carrying the whole message, next in its direction's byte stream; it acknowledges
 * what the other direction has sent so far (no handshake is written: readers take a stream from its
 * first segment).
 */
function tcpSegment(
  src: Endpoint,
  dst: Endpoint,
  payload: Uint8Array,
  streams: Map<string, number>,
  from: string,
  to: string,
): Uint8Array {
  const key = `${from}>${to}`;
  const seq = streams.get(key) ?? TCP_FIRST_SEQ;
  streams.set(key, (seq + payload.length) >>> 0);
  const ack = streams.get(`${to}>${from}`) ?? TCP_FIRST_SEQ;
  const seg = new Uint8Array(20 + payload.length);
  const v = new DataView(seg.buffer);
  v.setUint16(0, src.port);
  v.setUint16(2, dst.port);
  v.setUint32(4, seq);
  v.setUint32(8, ack);
  v.setUint8(12, 5 << 4);
  v.setUint8(13, TCP_PSH_ACK);
  v.setUint16(14, 65535);
  seg.set(payload, 20);
  return seg;
}

/** Where the checksum sits in a segment of each protocol. */
const CHECKSUM_AT: Record<number, number> = { [PROTO_UDP]: 6, [PROTO_TCP]: 16 };

/** The UDP or TCP checksum over a pseudo-header (addresses, protocol, length), header and data. */
function transportChecksum(src: Endpoint, dst: Endpoint, proto: number, seg: Uint8Array): number {
  const n = src.address.length;
  const head = n === 4 ? 12 : 40;
  const pseudo = new Uint8Array(head + seg.length + (seg.length % 2));
  pseudo.set(src.address, 0);
  pseudo.set(dst.address, n);
  const v = new DataView(pseudo.buffer);
  if (n === 4) {
    pseudo[9] = proto;
    v.setUint16(10, seg.length);
  } else {
    v.setUint32(32, seg.length);
    pseudo[39] = proto;
  }
  pseudo.set(seg, head);
  const sum = checksum(pseudo);
  // UDP sends an all-zero checksum as all ones (RFC 768); TCP has no such rule.
  return sum === 0 && proto === PROTO_UDP ? 0xffff : sum;
}

/** The segment behind an IPv4 (RFC 791) or IPv6 (RFC 8200) header, its checksum filled in. */
function overIp(
  src: Endpoint,
  dst: Endpoint,
  proto: number,
  seg: Uint8Array,
  id: number,
): Uint8Array {
  const v4 = src.address.length === 4;
  const head = v4 ? 20 : 40;
  const p = new Uint8Array(head + seg.length);
  const v = new DataView(p.buffer);
  if (v4) {
    v.setUint8(0, 0x45);
    v.setUint16(2, p.length);
    v.setUint16(4, id & 0xffff);
    v.setUint8(8, 64);
    v.setUint8(9, proto);
    p.set(src.address, 12);
    p.set(dst.address, 16);
    v.setUint16(10, checksum(p.subarray(0, 20)));
  } else {
    v.setUint32(0, 0x60000000);
    v.setUint16(4, seg.length);
    v.setUint8(6, proto);
    v.setUint8(7, 64);
    p.set(src.address, 8);
    p.set(dst.address, 24);
  }
  p.set(seg, head);
  v.setUint16(head + CHECKSUM_AT[proto]!, transportChecksum(src, dst, proto, seg));
  return p;
}
