/**
 * libpcap files of a simulated run: each datagram sent becomes a UDP-over-IPv4 packet with the
 * topology's addresses and ports, time-stamped with the virtual clock (from a fixed epoch), so
 * Wireshark and tshark decode the run as SIP. Link type 101 (LINKTYPE_RAW: the packet is an IP header).
 */
import { wireToBytes } from '../sim/codec';
import type { TraceEvent } from '../sim/network';

const EPOCH_SECONDS = Date.UTC(2026, 0, 1) / 1000;

function ipBytes(address: string): number[] {
  return address.split('.').map((x) => Number(x) & 0xff);
}

function splitEndpoint(ep: string): { address: string; port: number } {
  const i = ep.lastIndexOf(':');
  return { address: ep.slice(0, i), port: Number(ep.slice(i + 1)) };
}

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function packet(
  src: { address: string; port: number },
  dst: { address: string; port: number },
  payload: Uint8Array,
  id: number,
): Uint8Array {
  const udpLength = 8 + payload.length;
  const total = 20 + udpLength;
  const p = new Uint8Array(total);
  const v = new DataView(p.buffer);
  v.setUint8(0, 0x45);
  v.setUint16(2, total);
  v.setUint16(4, id & 0xffff);
  v.setUint8(8, 64);
  v.setUint8(9, 17);
  p.set(ipBytes(src.address), 12);
  p.set(ipBytes(dst.address), 16);
  v.setUint16(10, checksum(p.subarray(0, 20)));
  v.setUint16(20, src.port);
  v.setUint16(22, dst.port);
  v.setUint16(24, udpLength);
  p.set(payload, 28);
  // UDP checksum over the pseudo-header, header and payload (RFC 768).
  const pseudo = new Uint8Array(12 + udpLength + (udpLength % 2));
  pseudo.set(p.subarray(12, 20), 0);
  pseudo[9] = 17;
  new DataView(pseudo.buffer).setUint16(10, udpLength);
  pseudo.set(p.subarray(20), 12);
  const sum = checksum(pseudo);
  v.setUint16(26, sum === 0 ? 0xffff : sum);
  return p;
}

/** The pcap file of every datagram sent in the trace (IPv4 only). */
export function tracePcap(events: readonly TraceEvent[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const header = new Uint8Array(24);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, 0xa1b2c3d4, true);
  hv.setUint16(4, 2, true);
  hv.setUint16(6, 4, true);
  hv.setUint32(16, 65535, true);
  hv.setUint32(20, 101, true);
  chunks.push(header);
  for (const e of events) {
    if (e.type !== 'send' || e.raw === undefined || !e.source || !e.destination) continue;
    const src = splitEndpoint(e.source);
    const dst = splitEndpoint(e.destination);
    if (src.address.includes(':') || dst.address.includes(':')) continue;
    const pkt = packet(src, dst, wireToBytes(e.raw), e.datagram ?? 0);
    const rec = new Uint8Array(16);
    const rv = new DataView(rec.buffer);
    const micros = Math.round(e.time * 1000);
    rv.setUint32(0, EPOCH_SECONDS + Math.floor(micros / 1_000_000), true);
    rv.setUint32(4, micros % 1_000_000, true);
    rv.setUint32(8, pkt.length, true);
    rv.setUint32(12, pkt.length, true);
    chunks.push(rec, pkt);
  }
  const size = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
