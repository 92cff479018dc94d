/**
 * IP fragment reassembly (RFC 791 §3.2 for IPv4, RFC 8200 §4.5 for IPv6): pieces are kept by
 * (source, destination, protocol, identification) until pieces from offset 0 to the last one (More
 * Fragments = 0) cover the datagram, in any order; overlapping bytes are taken from the later piece.
 */
import type { IpPacket } from './ip';

/** IPv4's 16-bit total length bounds a datagram; larger offsets are damage. */
const MAX_DATAGRAM = 65535;
/** A 64 KiB datagram in 8-byte pieces is 8192 of them; more is a flood, not a datagram. */
const MAX_PIECES = 8192;

interface Pending {
  version: 4 | 6;
  source: string;
  destination: string;
  protocol: number;
  pieces: { offset: number; data: Uint8Array }[];
  /** Known once the last piece (More Fragments = 0) has come. */
  total: number | undefined;
  firstPacket: number;
  offset: number;
}

export interface Reassembled {
  protocol: number;
  payload: Uint8Array;
}

export class FragmentReassembler {
  private readonly pending = new Map<string, Pending>();

  /**
   * Adds a fragment; returns the whole datagram's payload once every piece is there, a string when the
   * piece is damaged, or undefined while pieces are missing.
   */
  add(ip: IpPacket, packet: number, offset: number): Reassembled | string | undefined {
    const f = ip.fragment!;
    const key = `${ip.version}|${ip.source}|${ip.destination}|${ip.version === 4 ? ip.protocol : ''}|${f.id}`;
    if (f.offset + ip.payload.length > MAX_DATAGRAM)
      return `fragment at offset ${f.offset} of datagram ${f.id} ends past ${MAX_DATAGRAM} bytes`;
    let p = this.pending.get(key);
    if (p === undefined) {
      p = {
        version: ip.version,
        source: ip.source,
        destination: ip.destination,
        protocol: ip.protocol,
        pieces: [],
        total: undefined,
        firstPacket: packet,
        offset,
      };
      this.pending.set(key, p);
    }
    // The first piece (offset 0) carries the protocol of the whole datagram for IPv6.
    if (f.offset === 0) p.protocol = ip.protocol;
    if (p.pieces.length >= MAX_PIECES) {
      this.pending.delete(key);
      return `datagram ${f.id} from ${ip.source} came in more than ${MAX_PIECES} fragments: dropped`;
    }
    p.pieces.push({ offset: f.offset, data: ip.payload });
    if (!f.more) p.total = f.offset + ip.payload.length;
    if (p.total === undefined) return undefined;
    const sorted = [...p.pieces].sort((a, b) => a.offset - b.offset);
    let covered = 0;
    for (const piece of sorted) {
      if (piece.offset > covered) return undefined;
      covered = Math.max(covered, piece.offset + piece.data.length);
    }
    if (covered < p.total) return undefined;
    const whole = new Uint8Array(p.total);
    // In arrival order, so a later piece wins where pieces overlap.
    for (const piece of p.pieces)
      whole.set(piece.data.subarray(0, Math.max(0, p.total - piece.offset)), piece.offset);
    this.pending.delete(key);
    return { protocol: p.protocol, payload: whole };
  }

  /** Datagrams still missing pieces at the end of the capture. */
  *unfinished(): Generator<{ text: string; packet: number; offset: number }> {
    for (const p of this.pending.values()) {
      const have = p.pieces.reduce((n, x) => n + x.data.length, 0);
      yield {
        text: `IPv${p.version} fragments from ${p.source} to ${p.destination} never made a whole datagram (${have} bytes${p.total === undefined ? ', the last piece never came' : ` of ${p.total}`})`,
        packet: p.firstPacket,
        offset: p.offset,
      };
    }
  }
}
