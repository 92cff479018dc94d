/**
 * What the capture worker (capture.worker.ts) sends the /inspect page: plain data only, small per
 * message (the bytes of a message stay in the worker until the inspector asks for them), so a 50 MB
 * capture crosses to the page in one structured clone without holding up its thread.
 */
import type {
  CaptureCall,
  CaptureEndpoint,
  CaptureFileFormat,
  CaptureProblem,
} from '@/sim/capture';
import type { MessageDiff } from '@/sim/codec';
import type { Ladder } from '@/sim/export';

/** One SIP message of the capture, as the call list, the ladder and the table show it. */
export interface MessageRow {
  /** Position in the capture's messages, from 0 (findings point at it). */
  index: number;
  /** Seconds since the first packet. */
  time: number;
  source: string;
  destination: string;
  transport: 'UDP' | 'TCP';
  /** "INVITE" or "180 Ringing" (sim/export labelOf). */
  label: string;
  kind: 'request' | 'response' | 'malformed';
  /** The Call-ID, or "" when the message has none that can be read. */
  call: string;
  retransmission?: boolean;
  /** The codec's words when it rejected the message, or the reader's note. */
  note?: string;
}

/** A finding of the RFC rule engine (sim/rules through sim/session captureFindings). */
export interface CaptureFinding {
  /** Index of the message (MessageRow.index). */
  message: number;
  rule: string;
  level: 'MUST' | 'SHOULD';
  /** "RFC 3261 §17.1.1.2". */
  section: string;
  text: string;
}

export interface OpenedCapture {
  name: string;
  format: CaptureFileFormat;
  packets: number;
  bytes: number;
  /** How many messages were found. */
  messageCount: number;
  /**
   * The messages' rows: empty in open()'s answer; the page fetches them in slices (rows()), so no
   * single message from the worker takes the page's thread long to read.
   */
  messages: MessageRow[];
  calls: CaptureCall[];
  endpoints: CaptureEndpoint[];
  notices: string[];
  problems: CaptureProblem[];
}

/** The answer to open(): the capture, or why the file is not one. */
export type OpenResult = { ok: true; capture: OpenedCapture } | { ok: false; error: string };

/** One message as the inspector shows it. */
export interface MessageDetail {
  index: number;
  /** The message as a wire string (one character per byte). */
  raw: string;
  error?: { message: string; line: number; column: number };
  /** When a proxy forwarded this message: what it received and what it changed (sim/capture forwardedDiff). */
  forwarded?: ForwardedHop;
}

/** A forwarded message's hop: the message the proxy received, and the header changes. */
export interface ForwardedHop extends MessageDiff {
  /** Index of the received message (MessageRow.index). */
  received: number;
  /** Its label ("INVITE") and capture time, for the inspector's sentence. */
  receivedLabel: string;
  receivedTime: number;
}

export interface ExampleCapture {
  bytes: Uint8Array;
  /** "address:port" → the element's name in the scenario ("alice"). */
  names: Record<string, string>;
}

/** The worker's methods, all answered asynchronously. */
export interface CaptureRemote {
  /** Reads the file (a File or Blob: the worker reads its bytes, the page never copies them). */
  open(file: Blob, name: string, onProgress?: (fraction: number) => void): Promise<OpenResult>;
  message(index: number): Promise<MessageDetail | undefined>;
  /** Rows of the messages from `start` up to `end` (not included). */
  rows(start: number, end: number): Promise<MessageRow[]>;
  /**
   * The RFC check of a capture's messages (the file read again: the page runs it in a second worker,
   * so a long check never holds up the first one's answers). Answers how many findings there are;
   * the worker keeps them and the page fetches them in slices (findings()), as it does rows.
   */
  check(file: Blob): Promise<number>;
  /** The findings of the last check from `start` up to `end` (not included), in message order. */
  findings(start: number, end: number): Promise<CaptureFinding[]>;
  /** The ladder of the messages of these calls ("" for messages without a Call-ID), lanes renamed. */
  ladder(calls: readonly string[], names: Readonly<Record<string, string>>): Promise<Ladder>;
  /**
   * A pcap file of the messages of these calls, at their captured times, each over the transport it
   * was captured on (a UDP datagram, or a TCP segment of its connection's stream).
   */
  pcap(calls: readonly string[]): Promise<Uint8Array>;
  /**
   * The pcap of a built-in scenario run to its end (the example capture), with the scenario's element
   * names for its addresses.
   */
  example(scenario: string): Promise<ExampleCapture>;
}
