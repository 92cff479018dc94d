/**
 * What readCapture returns: plain data only (strings, numbers, arrays), so a Web Worker can post it to
 * the page as it is. The parsed SipMessage of a captured message is not part of it: `parsedOf` parses
 * on whichever side needs it (and remembers the result).
 */

export type CaptureFileFormat = 'pcap' | 'pcapng';

/** Something that could not be read, and where: reading goes on after it. */
export interface CaptureProblem {
  /** Byte offset in the file (of the record or block; of the packet's data for what is inside a packet). */
  offset: number;
  /** Frame number (1-based, as Wireshark counts) when the problem is in or about one packet. */
  packet?: number;
  why: string;
}

/** A link-layer header type seen in the file (the numbers of tcpdump.org's LINKTYPE_ list). */
export interface LinkTypeInfo {
  id: number;
  name: string;
  /** False when packets of this type cannot be decoded here (they are counted and skipped). */
  supported: boolean;
}

export interface CapturedMessageError {
  /** The codec's message (SipParseError: the problem, where, and what RFC 3261 expects). */
  message: string;
  line: number;
  column: number;
}

export interface CapturedMessage {
  /** Position in `messages`, from 0. */
  index: number;
  /** Seconds since the first packet of the capture, rounded to the microsecond. */
  time: number;
  /** Seconds since 1970-01-01 UTC (the packet's time stamp, to the microsecond). */
  absoluteTime: number;
  /** "address:port"; an IPv6 address in brackets: "[2001:db8::1]:5060". */
  source: string;
  destination: string;
  transport: 'UDP' | 'TCP';
  /** The message as on the wire: a wire string, one character per byte (sim/codec/wire.ts). */
  raw: string;
  /** The start line (Request-Line or Status-Line) as a wire string, without CRLF. */
  firstLine: string;
  /** The Call-ID, when the message parsed and has one. */
  callId?: string;
  /**
   * The frame (1-based) that completed the message: for a datagram sent in IP fragments, the last
   * fragment; over TCP, the segment that brought its last byte (as Wireshark shows it).
   */
  packet: number;
  /** Set when the codec's parseMessage rejects the message; the message is kept all the same. */
  error?: CapturedMessageError;
  /** Something to know about how the message was cut from its stream (e.g. no Content-Length over TCP). */
  note?: string;
}

export interface CaptureResult {
  format: CaptureFileFormat;
  linkTypes: LinkTypeInfo[];
  /** Packet records read (every Enhanced, Simple and obsolete Packet Block, or pcap record). */
  packets: number;
  messages: CapturedMessage[];
  /** What could not be read, in file order (at most MAX_PROBLEMS; a notice counts the rest). */
  problems: CaptureProblem[];
  /** What the reader saw but does not decode (TLS, WebSocket, unsupported link types ...). */
  notices: string[];
}

export interface ReadCaptureOptions {
  /** Called with the fraction of the file read (0 to 1), about every megabyte and once at the end. */
  onProgress?(fraction: number): void;
}
