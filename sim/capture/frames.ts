/**
 * A packet record as the file formats deliver it (libpcap record or pcapng packet block), before any
 * protocol is decoded, and the sink the file readers hand records and problems to.
 */

export interface Frame {
  /** Frame number, from 1, in file order (Wireshark's numbering). */
  packet: number;
  /** LINKTYPE_ value of the packet's interface. */
  linkType: number;
  /** Time stamp: whole seconds since 1970 and the nanoseconds within that second. */
  seconds: number;
  nanos: number;
  /** The captured bytes (a view into the file). */
  data: Uint8Array;
  /** Length of the packet on the wire (more than data.length when the capture cut it). */
  originalLength: number;
  /** Byte offset of `data` in the file. */
  offset: number;
}

export interface FrameSink {
  frame(f: Frame): void;
  problem(offset: number, why: string, packet?: number): void;
  notice(text: string): void;
  /** The reader has reached this byte offset. */
  progress(offset: number): void;
}

/** Reads unsigned integers in one byte order from a file's bytes. */
export class Reader {
  readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    public littleEndian: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16(at: number): number {
    return this.view.getUint16(at, this.littleEndian);
  }
  u32(at: number): number {
    return this.view.getUint32(at, this.littleEndian);
  }
}

/** The first bytes of a file in hex, for messages: "0a 0d 0d 0a". */
export function hexBytes(bytes: Uint8Array, at: number, count: number): string {
  const parts: string[] = [];
  for (let i = at; i < Math.min(bytes.length, at + count); i++)
    parts.push(bytes[i]!.toString(16).padStart(2, '0'));
  return parts.join(' ');
}
