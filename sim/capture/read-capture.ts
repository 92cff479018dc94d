/**
 * readCapture: the SIP messages in a pcap or pcapng file, from its bytes (pure: no Node APIs, runs in
 * a Web Worker as in the CLI). Frames go down the layers — link, IP (fragments reassembled, IP in IP
 * unwrapped), UDP or TCP (streams reassembled) — and SIP is recognised by content on any port. What
 * cannot be read is reported with its offset and reading goes on; only a file that is no capture at
 * all throws (CaptureFormatError).
 */
import { CaptureFormatError } from './errors';
import { capturedMessage } from './captured-message';
import { hexBytes, type Frame, type FrameSink } from './frames';
import {
  endpointText,
  parseIp,
  PROTO_IPV4,
  PROTO_IPV6,
  PROTO_TCP,
  PROTO_UDP,
  walkExtensionHeaders,
} from './ip';
import { FragmentReassembler } from './ip-fragments';
import { ipPacketOf, isSupportedLinkType, linkTypeName } from './link-layer';
import { pcapHeader, readPcap } from './pcap-file';
import { isPcapng, readPcapng } from './pcapng-file';
import { startsWithSipLine } from './sip-detect';
import { TcpStreams } from './tcp-streams';
import { epochSeconds, secondsBetween } from './timestamp';
import type {
  CaptureFileFormat,
  CapturedMessage,
  CaptureProblem,
  CaptureResult,
  ReadCaptureOptions,
} from './types';
import { bytesToWire } from '../codec';

/** Problems listed in a result; past this they are counted in a notice. */
export const MAX_PROBLEMS = 1000;
/** IP in IP deeper than this is damage (or an attack), not a tunnel. */
const MAX_TUNNEL_DEPTH = 4;
const PROGRESS_STEP = 1 << 20;

const EXPECTED =
  'a pcap magic number (a1b2c3d4 or a1b23c4d, in either byte order) or a pcapng Section Header Block (0a0d0d0a)';

/** Which of the two formats the bytes are; throws CaptureFormatError when neither. */
export function captureFormat(bytes: Uint8Array): CaptureFileFormat {
  if (isPcapng(bytes)) return 'pcapng';
  if (pcapHeader(bytes) !== undefined) return 'pcap';
  throw new CaptureFormatError(0, EXPECTED, describeStart(bytes));
}

function describeStart(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'an empty file';
  const hex = hexBytes(bytes, 0, 4);
  if (bytes.length < 4) return `only ${bytes.length} byte${bytes.length === 1 ? '' : 's'} (${hex})`;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return `${hex} (a gzip file: decompress it first)`;
  let text = true;
  for (let i = 0; i < Math.min(bytes.length, 64); i++) {
    const c = bytes[i]!;
    if (c < 9 || (c > 13 && c < 32) || c > 126) text = false;
  }
  if (text) {
    const start = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 24))).replace(
      /[\r\n\t]/g,
      ' ',
    );
    return `${hex} (text: "${start}"${bytes.length > 24 ? '…' : ''})`;
  }
  return hex;
}

export function readCapture(bytes: Uint8Array, options: ReadCaptureOptions = {}): CaptureResult {
  const format = captureFormat(bytes);
  const reader = new CaptureReader(bytes.length, options);
  const packets = format === 'pcap' ? readPcap(bytes, reader) : readPcapng(bytes, reader);
  return reader.finish(format, packets);
}

class CaptureReader implements FrameSink {
  private readonly messages: CapturedMessage[] = [];
  private readonly problems: CaptureProblem[] = [];
  private problemsNotListed = 0;
  private readonly notices: string[] = [];
  private readonly linkTypes = new Map<number, number>();
  private readonly fragments = new FragmentReassembler();
  private readonly tcp: TcpStreams;
  private first: [number, number] | undefined;
  private nextProgress = PROGRESS_STEP;
  private cutPackets = 0;

  constructor(
    private readonly size: number,
    private readonly options: ReadCaptureOptions,
  ) {
    this.tcp = new TcpStreams({
      message: (raw, source, destination, frame, note) =>
        this.emit(raw, source, destination, 'TCP', frame, note),
      problem: (why, frame) => this.problem(frame.offset, why, frame.packet),
    });
  }

  problem(offset: number, why: string, packet?: number): void {
    if (this.problems.length >= MAX_PROBLEMS) {
      this.problemsNotListed++;
      return;
    }
    this.problems.push(packet === undefined ? { offset, why } : { offset, packet, why });
  }

  notice(text: string): void {
    this.notices.push(text);
  }

  progress(offset: number): void {
    if (offset < this.nextProgress || this.options.onProgress === undefined) return;
    this.nextProgress = offset + PROGRESS_STEP;
    this.options.onProgress(offset / this.size);
  }

  frame(f: Frame): void {
    this.first ??= [f.seconds, f.nanos];
    this.linkTypes.set(f.linkType, (this.linkTypes.get(f.linkType) ?? 0) + 1);
    if (!isSupportedLinkType(f.linkType)) return;
    if (f.originalLength > f.data.length) this.cutPackets++;
    const ip = ipPacketOf(f.linkType, f.data);
    if (ip === null) return;
    if (typeof ip === 'string') {
      this.problem(f.offset, ip, f.packet);
      return;
    }
    this.ip(ip, f, 0);
  }

  private ip(data: Uint8Array, f: Frame, depth: number): void {
    const ip = parseIp(data);
    if (typeof ip === 'string') {
      this.problem(f.offset, ip, f.packet);
      return;
    }
    let protocol = ip.protocol;
    let payload = ip.payload;
    if (ip.fragment) {
      const whole = this.fragments.add(ip, f.packet, f.offset);
      if (whole === undefined) return;
      if (typeof whole === 'string') {
        this.problem(f.offset, whole, f.packet);
        return;
      }
      protocol = whole.protocol;
      payload = whole.payload;
      if (ip.version === 6) {
        const walked = walkExtensionHeaders(protocol, payload, 0);
        if (typeof walked === 'string') {
          this.problem(f.offset, `reassembled IPv6 datagram: ${walked}`, f.packet);
          return;
        }
        protocol = walked.protocol;
        payload = walked.payload;
      }
    }
    switch (protocol) {
      case PROTO_IPV4:
      case PROTO_IPV6:
        if (depth >= MAX_TUNNEL_DEPTH) {
          this.problem(
            f.offset,
            `IP in IP nested more than ${MAX_TUNNEL_DEPTH} deep: not read`,
            f.packet,
          );
          return;
        }
        if (payload.length === 0 || payload[0]! >> 4 !== (protocol === PROTO_IPV4 ? 4 : 6)) {
          this.problem(
            f.offset,
            `IP in IP: protocol ${protocol} announces IPv${protocol === PROTO_IPV4 ? 4 : 6} inside, but the inner header is not one`,
            f.packet,
          );
          return;
        }
        this.ip(payload, f, depth + 1);
        return;
      case PROTO_UDP:
        this.udp(ip.version, ip.source, ip.destination, payload, f);
        return;
      case PROTO_TCP:
        this.tcpSegment(ip.source, ip.destination, payload, f);
        return;
      default:
        return;
    }
  }

  private udp(
    version: 4 | 6,
    source: string,
    destination: string,
    data: Uint8Array,
    f: Frame,
  ): void {
    if (data.length < 8) {
      this.problem(f.offset, `UDP header cut short (${data.length} of 8 bytes)`, f.packet);
      return;
    }
    const length = (data[4]! << 8) | data[5]!;
    if (length !== 0 && length < 8) {
      this.problem(f.offset, `UDP length ${length} is shorter than its 8-byte header`, f.packet);
      return;
    }
    // Length 0 is a jumbogram's (RFC 2675): the datagram runs to the end of the packet.
    const end = length === 0 ? data.length : Math.min(length, data.length);
    const payload = data.subarray(8, end);
    // Most UDP is not SIP: its first byte (after keep-alive CRLFs) is no letter, or its first line no
    // start line; only then is the datagram made a string.
    let i = 0;
    while (i < payload.length && (payload[i] === 13 || payload[i] === 10)) i++;
    const c = payload[i] ?? 0;
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return;
    const raw = bytesToWire(payload);
    if (!startsWithSipLine(raw, i)) return;
    if (length > data.length)
      this.problem(
        f.offset,
        `UDP datagram cut by the capture (${data.length - 8} of ${length - 8} bytes of payload)`,
        f.packet,
      );
    const sport = (data[0]! << 8) | data[1]!;
    const dport = (data[2]! << 8) | data[3]!;
    this.emit(
      raw,
      endpointText(version, source, sport),
      endpointText(version, destination, dport),
      'UDP',
      f,
    );
  }

  private tcpSegment(source: string, destination: string, data: Uint8Array, f: Frame): void {
    if (data.length < 20) {
      this.problem(f.offset, `TCP header cut short (${data.length} of 20 bytes)`, f.packet);
      return;
    }
    const offset = (data[12]! >> 4) * 4;
    if (offset < 20 || offset > data.length) {
      this.problem(
        f.offset,
        `TCP data offset ${offset} is outside the segment (${data.length} bytes)`,
        f.packet,
      );
      return;
    }
    const seq = ((data[4]! << 24) | (data[5]! << 16) | (data[6]! << 8) | data[7]!) >>> 0;
    this.tcp.segment(
      source,
      (data[0]! << 8) | data[1]!,
      destination,
      (data[2]! << 8) | data[3]!,
      seq,
      data[13]!,
      data.subarray(offset),
      f,
    );
  }

  private emit(
    raw: string,
    source: string,
    destination: string,
    transport: 'UDP' | 'TCP',
    f: Frame,
    note?: string,
  ): void {
    const [s0, n0] = this.first!;
    const facts = {
      raw,
      time: secondsBetween(s0, n0, f.seconds, f.nanos),
      absoluteTime: epochSeconds(f.seconds, f.nanos),
      source,
      destination,
      transport,
      packet: f.packet,
      ...(note === undefined ? {} : { note }),
    };
    this.messages.push(capturedMessage(this.messages.length, facts));
  }

  finish(format: CaptureFileFormat, packets: number): CaptureResult {
    this.tcp.finish();
    for (const u of this.fragments.unfinished()) this.problem(u.offset, u.text, u.packet);
    // Messages completed at the end (TCP gaps, unfinished streams) go back to their frame's place.
    const messages = this.messages
      .map((m, i) => [m, i] as const)
      .sort((a, b) => a[0].packet - b[0].packet || a[1] - b[1])
      .map(([m], i) => {
        m.index = i;
        return m;
      });
    const notices = [...this.tcp.notices(), ...this.notices];
    for (const [id, count] of this.linkTypes)
      if (!isSupportedLinkType(id))
        notices.push(
          `${count} packet${count === 1 ? '' : 's'} with ${linkTypeName(id)} (link type ${id}) skipped: that link type is not decoded here`,
        );
    if (this.cutPackets > 0)
      notices.push(
        `${this.cutPackets} packet${this.cutPackets === 1 ? ' was' : 's were'} cut by the capture's snap length`,
      );
    if (this.problemsNotListed > 0)
      notices.push(
        `${this.problemsNotListed} more problems were found but not listed (the first ${MAX_PROBLEMS} are)`,
      );
    this.options.onProgress?.(1);
    return {
      format,
      linkTypes: [...this.linkTypes.keys()].map((id) => ({
        id,
        name: linkTypeName(id),
        supported: isSupportedLinkType(id),
      })),
      packets,
      messages,
      problems: this.problems,
      notices,
    };
  }
}
