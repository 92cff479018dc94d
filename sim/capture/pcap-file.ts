/**
 * libpcap files (tcpdump.org "libpcap File Format", draft-ietf-opsawg-pcap): a 24-byte header whose
 * magic number gives the byte order and the time stamp unit (a1b2c3d4: microseconds, a1b23c4d:
 * nanoseconds), then records of 16-byte header and packet data. A damaged record header is reported
 * and the reader looks for the next plausible record instead of stopping.
 */
import { Reader, type FrameSink } from './frames';

export const PCAP_MAGIC_MICROS = 0xa1b2c3d4;
export const PCAP_MAGIC_NANOS = 0xa1b23c4d;

/** Larger than any real packet (Wireshark's limit is 256 KiB for most link types). */
const MAX_RECORD = 0x40000;
const RECORD_HEADER = 16;

interface Header {
  littleEndian: boolean;
  nanos: boolean;
  linkType: number;
  snaplen: number;
}

/** The pcap file header, or undefined when bytes 0–3 are no pcap magic number. */
export function pcapHeader(bytes: Uint8Array): Header | undefined {
  if (bytes.length < 4) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const be = view.getUint32(0, false);
  const le = view.getUint32(0, true);
  let littleEndian: boolean;
  let magic: number;
  if (le === PCAP_MAGIC_MICROS || le === PCAP_MAGIC_NANOS) {
    littleEndian = true;
    magic = le;
  } else if (be === PCAP_MAGIC_MICROS || be === PCAP_MAGIC_NANOS) {
    littleEndian = false;
    magic = be;
  } else return undefined;
  const r = new Reader(bytes, littleEndian);
  return {
    littleEndian,
    nanos: magic === PCAP_MAGIC_NANOS,
    // The upper bits of the link type field carry FCS information (LINKTYPE_ values fit in 16 bits).
    linkType: bytes.length >= 24 ? r.u32(20) & 0xffff : -1,
    snaplen: bytes.length >= 24 ? r.u32(16) : 0,
  };
}

/** Reads every record into the sink; returns the number of packet records met. */
export function readPcap(bytes: Uint8Array, sink: FrameSink): number {
  const header = pcapHeader(bytes)!;
  if (bytes.length < 24) {
    sink.problem(0, `the pcap file header is cut short: ${bytes.length} of its 24 bytes`);
    return 0;
  }
  const r = new Reader(bytes, header.littleEndian);
  const fracLimit = header.nanos ? 1e9 : 1e6;
  const maxRecord = Math.max(MAX_RECORD, Math.min(header.snaplen, 0x4000000));
  const plausible = (at: number, lastSeconds: number | undefined): boolean => {
    if (at + RECORD_HEADER > bytes.length) return false;
    const incl = r.u32(at + 8);
    if (r.u32(at + 4) >= fracLimit || incl > maxRecord) return false;
    if (lastSeconds !== undefined && Math.abs(r.u32(at) - lastSeconds) > 86400 * 30) return false;
    return at + RECORD_HEADER + incl <= bytes.length;
  };
  let off = 24;
  let packet = 0;
  let lastSeconds: number | undefined;
  while (off < bytes.length) {
    sink.progress(off);
    const left = bytes.length - off;
    if (left < RECORD_HEADER) {
      sink.problem(
        off,
        `the file ends with ${left} bytes, too few for a record header (16 bytes): it was cut short`,
      );
      break;
    }
    const seconds = r.u32(off);
    const frac = r.u32(off + 4);
    const incl = r.u32(off + 8);
    const orig = r.u32(off + 12);
    if (frac >= fracLimit || incl > maxRecord) {
      const why =
        frac >= fracLimit
          ? `the time stamp's fraction ${frac} is not below ${fracLimit}`
          : `the record claims ${incl} bytes of packet data, more than ${maxRecord}`;
      const next = resync(off + 1, bytes.length, (at) => plausible(at, lastSeconds) && chained(at));
      sink.problem(
        off,
        `damaged record header (${why}): ${next < 0 ? 'the rest of the file is skipped' : `skipped ${next - off} bytes to the next record that looks whole`}`,
      );
      if (next < 0) break;
      off = next;
      continue;
    }
    packet++;
    const start = off + RECORD_HEADER;
    if (start + incl > bytes.length) {
      sink.problem(
        off,
        `packet ${packet} claims ${incl} bytes but the file ends after ${bytes.length - start}: it was cut short`,
        packet,
      );
      sink.frame({
        packet,
        linkType: header.linkType,
        seconds,
        nanos: header.nanos ? frac : frac * 1000,
        data: bytes.subarray(start),
        originalLength: orig,
        offset: start,
      });
      break;
    }
    lastSeconds = seconds;
    sink.frame({
      packet,
      linkType: header.linkType,
      seconds,
      nanos: header.nanos ? frac : frac * 1000,
      data: bytes.subarray(start, start + incl),
      originalLength: orig,
      offset: start,
    });
    off = start + incl;
  }
  return packet;

  /** A record that looks whole and is followed by another one (or by the end of the file). */
  function chained(at: number): boolean {
    const next = at + RECORD_HEADER + r.u32(at + 8);
    return next === bytes.length || plausible(next, undefined);
  }
}

/** The first offset in [from, end) where `ok` holds, or -1 (a linear scan: damaged files only). */
export function resync(from: number, end: number, ok: (at: number) => boolean, step = 1): number {
  for (let at = from; at < end; at += step) if (ok(at)) return at;
  return -1;
}
