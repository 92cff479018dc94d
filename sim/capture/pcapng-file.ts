/**
 * pcapng files (draft-ietf-opsawg-pcapng): blocks of type, total length, body, total length again.
 * A Section Header Block starts each section and fixes its byte order (0x1a2b3c4d); Interface
 * Description Blocks give each interface its link type, if_tsresol and if_tsoffset; packets come in
 * Enhanced (6), Simple (3, no time stamp) and obsolete (2) Packet Blocks. Other blocks are skipped by
 * their length. A damaged block is reported and the reader looks for the next block that looks whole.
 */
import { Reader, type FrameSink } from './frames';
import { resync } from './pcap-file';
import { splitUnits, unitsPerSecond } from './timestamp';

export const SECTION_HEADER_BLOCK = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const INTERFACE_DESCRIPTION = 1;
const OBSOLETE_PACKET = 2;
const SIMPLE_PACKET = 3;
const ENHANCED_PACKET = 6;
/** Block types a reader may meet (for finding the next block after a damaged one). */
const KNOWN_BLOCKS = new Set([1, 2, 3, 4, 5, 6, 7, 9, 10, 0x80000001, 0x0bad, 0x0bad0b1c]);
const OPT_TSRESOL = 9;
const OPT_TSOFFSET = 14;

interface Interface {
  linkType: number;
  units: number;
  offsetSeconds: number;
}

export function isPcapng(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x0a &&
    bytes[1] === 0x0d &&
    bytes[2] === 0x0d &&
    bytes[3] === 0x0a
  );
}

/** Reads every block into the sink; returns the number of packet blocks met. */
export function readPcapng(bytes: Uint8Array, sink: FrameSink): number {
  const r = new Reader(bytes, true);
  let interfaces: Interface[] = [];
  let packet = 0;
  let simpleBlocks = 0;
  let last: [number, number] = [0, 0];
  let off = 0;
  let inSection = false;

  const wholeBlock = (at: number): boolean => {
    if (at + 12 > bytes.length) return false;
    if (r.u32(at) === SECTION_HEADER_BLOCK) {
      const bom = new DataView(bytes.buffer, bytes.byteOffset + at + 8, 4);
      return (
        bom.getUint32(0, true) === BYTE_ORDER_MAGIC || bom.getUint32(0, false) === BYTE_ORDER_MAGIC
      );
    }
    const total = r.u32(at + 4);
    return (
      KNOWN_BLOCKS.has(r.u32(at)) &&
      total >= 12 &&
      total % 4 === 0 &&
      at + total <= bytes.length &&
      r.u32(at + total - 4) === total
    );
  };

  while (off < bytes.length) {
    sink.progress(off);
    const left = bytes.length - off;
    if (left < 12) {
      sink.problem(
        off,
        `the file ends with ${left} bytes, too few for a block (12 bytes at least): it was cut short`,
      );
      break;
    }
    if (
      bytes[off] === 0x0a &&
      bytes[off + 1] === 0x0d &&
      bytes[off + 2] === 0x0d &&
      bytes[off + 3] === 0x0a
    ) {
      const bom = new DataView(bytes.buffer, bytes.byteOffset + off + 8, 4);
      if (bom.getUint32(0, true) === BYTE_ORDER_MAGIC) r.littleEndian = true;
      else if (bom.getUint32(0, false) === BYTE_ORDER_MAGIC) r.littleEndian = false;
      else {
        const next = resync(off + 4, bytes.length, wholeBlock, 4);
        sink.problem(
          off,
          `Section Header Block without the byte-order magic 1a2b3c4d: ${skipped(next)}`,
        );
        if (next < 0) break;
        off = next;
        continue;
      }
      if (r.u16(off + 12) !== 1)
        sink.problem(
          off,
          `section version ${r.u16(off + 12)}.${r.u16(off + 14)}: read as version 1.0`,
        );
      interfaces = [];
      inSection = true;
    }
    const type = r.u32(off);
    const total = r.u32(off + 4);
    if (total < 12 || total % 4 !== 0 || total > left || r.u32(off + total - 4) !== total) {
      const why =
        total < 12 || total % 4 !== 0
          ? `a block length of ${total} (a multiple of 4, at least 12)`
          : total > left
            ? `a block length of ${total}, but the file ends after ${left} bytes`
            : `a trailing length that differs from the leading one (${total})`;
      const next = resync(off + 4, bytes.length, wholeBlock, 4);
      sink.problem(off, `damaged block of type ${type}: ${why}; ${skipped(next)}`);
      if (next < 0) break;
      off = next;
      continue;
    }
    if (!inSection) {
      sink.problem(off, 'a block before any Section Header Block: read as little-endian');
      inSection = true;
    }
    const end = off + total - 4;
    switch (type) {
      case INTERFACE_DESCRIPTION:
        if (total < 20)
          sink.problem(off, 'Interface Description Block shorter than 20 bytes: skipped');
        else interfaces.push(readInterface(r, off, end));
        break;
      case ENHANCED_PACKET:
      case OBSOLETE_PACKET: {
        packet++;
        if (total < 32) {
          sink.problem(
            off,
            `packet block of ${total} bytes, shorter than its 32-byte header`,
            packet,
          );
          break;
        }
        const id = type === ENHANCED_PACKET ? r.u32(off + 8) : r.u16(off + 8);
        const iface = interfaces[id];
        const captured = r.u32(off + 20);
        if (iface === undefined) {
          sink.problem(
            off,
            `packet ${packet} names interface ${id}, but the section describes ${interfaces.length}`,
            packet,
          );
          break;
        }
        if (captured > end - (off + 28)) {
          sink.problem(
            off,
            `packet ${packet} claims ${captured} captured bytes, more than its block holds`,
            packet,
          );
          break;
        }
        const [s, ns] = splitUnits(r.u32(off + 12), r.u32(off + 16), iface.units);
        last = [s + iface.offsetSeconds, ns];
        sink.frame({
          packet,
          linkType: iface.linkType,
          seconds: last[0],
          nanos: last[1],
          data: bytes.subarray(off + 28, off + 28 + captured),
          originalLength: r.u32(off + 24),
          offset: off + 28,
        });
        break;
      }
      case SIMPLE_PACKET: {
        packet++;
        const iface = interfaces[0];
        if (iface === undefined) {
          sink.problem(
            off,
            `packet ${packet} (Simple Packet Block) comes before any interface is described`,
            packet,
          );
          break;
        }
        const original = r.u32(off + 8);
        simpleBlocks++;
        sink.frame({
          packet,
          linkType: iface.linkType,
          seconds: last[0],
          nanos: last[1],
          data: bytes.subarray(off + 12, off + 12 + Math.min(original, end - (off + 12))),
          originalLength: original,
          offset: off + 12,
        });
        break;
      }
      default:
        break;
    }
    off += total;
  }
  if (simpleBlocks > 0)
    sink.notice(
      `${simpleBlocks} packet${simpleBlocks === 1 ? '' : 's'} in Simple Packet Blocks carry no time stamp: shown at the time of the packet before`,
    );
  return packet;

  function skipped(next: number): string {
    return next < 0
      ? 'the rest of the file is skipped'
      : `skipped ${next - off} bytes to the next block that looks whole`;
  }
}

function readInterface(r: Reader, off: number, end: number): Interface {
  const iface: Interface = { linkType: r.u16(off + 8), units: 1e6, offsetSeconds: 0 };
  let tsresol: number | undefined;
  let at = off + 16;
  while (at + 4 <= end) {
    const code = r.u16(at);
    const length = r.u16(at + 2);
    if (code === 0 || at + 4 + length > end) break;
    if (code === OPT_TSRESOL && length >= 1) tsresol = r.bytes[at + 4];
    if (code === OPT_TSOFFSET && length === 8) {
      const hi = r.view.getInt32(at + 4 + (r.littleEndian ? 4 : 0), r.littleEndian);
      const lo = r.u32(at + 4 + (r.littleEndian ? 0 : 4));
      iface.offsetSeconds = hi * 4294967296 + lo;
    }
    at += 4 + ((length + 3) & ~3);
  }
  iface.units = unitsPerSecond(tsresol);
  return iface;
}
