/**
 * Writing libpcap files (link type 101, LINKTYPE_RAW: each packet is an IPv4 or IPv6 header): each
 * datagram becomes a UDP packet (RFC 768) over IPv4 (RFC 791) or IPv6 (RFC 8200, with the checksum
 * IPv6 makes mandatory) with its addresses and ports, so Wireshark and tshark decode it as SIP. Pure:
 * the page saves a run's pcap with it, the CLI writes `sip run --pcap`.
 */
import { wireToBytes } from '../codec';

/** 2026-01-01T00:00:00Z: a simulated run's virtual time 0 in the files (a fixed epoch keeps files reproducible). */
export const SIMULATION_EPOCH_SECONDS = 1767225600;
const LINKTYPE_RAW = 101;
const PROTO_UDP = 17;
/** The most a UDP datagram can carry over IPv4 (65535 − 20 − 8). */
const MAX_UDP_PAYLOAD = 65507;

export interface PcapDatagram {
  /** Microseconds since 1970 (an integer). */
  timeMicros: number;
  /** "address:port"; IPv6 in brackets: "[2001:db8::1]:5060". */
  source: string;
  destination: string;
  payload: Uint8Array;
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
    if (d.payload.length > MAX_UDP_PAYLOAD) {
      skipped.push({ index, why: `${d.payload.length} bytes do not fit in one UDP datagram` });
      return;
    }
    const pkt =
      src.address.length === 4
        ? udpOverIpv4(src, dst, d.payload, d.id ?? index + 1)
        : udpOverIpv6(src, dst, d.payload);
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

function udpHeader(
  p: Uint8Array,
  at: number,
  src: Endpoint,
  dst: Endpoint,
  payload: Uint8Array,
): void {
  const v = new DataView(p.buffer, p.byteOffset);
  v.setUint16(at, src.port);
  v.setUint16(at + 2, dst.port);
  v.setUint16(at + 4, 8 + payload.length);
  p.set(payload, at + 8);
}

/** The UDP checksum over a pseudo-header (addresses, protocol, length), header and payload. */
function udpChecksum(src: Endpoint, dst: Endpoint, udp: Uint8Array): number {
  const n = src.address.length;
  const pseudo = new Uint8Array(2 * n + 8 + udp.length + (udp.length % 2));
  pseudo.set(src.address, 0);
  pseudo.set(dst.address, n);
  const v = new DataView(pseudo.buffer);
  if (n === 4) {
    pseudo[9] = PROTO_UDP;
    v.setUint16(10, udp.length);
    pseudo.set(udp, 12);
  } else {
    v.setUint32(32, udp.length);
    pseudo[39] = PROTO_UDP;
    pseudo.set(udp, 40);
  }
  const sum = checksum(
    pseudo.subarray(0, n === 4 ? 12 + udp.length + (udp.length % 2) : pseudo.length),
  );
  return sum === 0 ? 0xffff : sum;
}

function udpOverIpv4(src: Endpoint, dst: Endpoint, payload: Uint8Array, id: number): Uint8Array {
  const total = 20 + 8 + payload.length;
  const p = new Uint8Array(total);
  const v = new DataView(p.buffer);
  v.setUint8(0, 0x45);
  v.setUint16(2, total);
  v.setUint16(4, id & 0xffff);
  v.setUint8(8, 64);
  v.setUint8(9, PROTO_UDP);
  p.set(src.address, 12);
  p.set(dst.address, 16);
  v.setUint16(10, checksum(p.subarray(0, 20)));
  udpHeader(p, 20, src, dst, payload);
  v.setUint16(26, udpChecksum(src, dst, p.subarray(20)));
  return p;
}

function udpOverIpv6(src: Endpoint, dst: Endpoint, payload: Uint8Array): Uint8Array {
  const p = new Uint8Array(40 + 8 + payload.length);
  const v = new DataView(p.buffer);
  v.setUint32(0, 0x60000000);
  v.setUint16(4, 8 + payload.length);
  v.setUint8(6, PROTO_UDP);
  v.setUint8(7, 64);
  p.set(src.address, 8);
  p.set(dst.address, 24);
  udpHeader(p, 40, src, dst, payload);
  v.setUint16(46, udpChecksum(src, dst, p.subarray(40)));
  return p;
}
