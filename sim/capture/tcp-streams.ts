/**
 * TCP streams (RFC 9293 §3.4, §3.10.7.4): each direction's bytes put back in sequence-number order.
 * A segment ahead of the next expected byte waits; one that repeats bytes already seen gives only its
 * new part (retransmissions and overlaps); a gap that never fills is reported and skipped. Each stream
 * is then recognised by content: SIP is cut into messages, TLS and WebSocket are counted for notices,
 * anything else is ignored.
 */
import { bytesToWire } from '../codec';
import type { Frame } from './frames';
import { SipStreamFramer } from './sip-stream';
import {
  isTlsRecord,
  isWebSocketUpgrade,
  nextSipLine,
  skipLineEnds,
  startsWithSipLine,
} from './sip-detect';

const SYN = 0x02;
const ACK = 0x10;
/** Out-of-order bytes held per direction before the gap in front of them is given up on. */
const MAX_PENDING = 4 * 1024 * 1024;
/** Bytes of an unrecognised stream searched for a SIP start line before it is taken as not SIP. */
const MAX_UNKNOWN = 65536;

type ConnectionKind = 'unknown' | 'sip' | 'tls' | 'websocket';

interface Connection {
  kind: ConnectionKind;
  /** The port the connection was opened to (the SYN's destination), else the lower port. */
  serverPort: number;
}

interface Segment {
  seq: number;
  data: Uint8Array;
}

interface Direction {
  source: string;
  destination: string;
  connection: Connection;
  next: number | undefined;
  pending: Segment[];
  pendingBytes: number;
  state: 'unknown' | 'sip' | 'skip';
  head: string;
  framer: SipStreamFramer | undefined;
  lastFrame: Frame;
}

export interface TcpOutput {
  message(raw: string, source: string, destination: string, frame: Frame, note?: string): void;
  problem(why: string, frame: Frame): void;
}

export class TcpStreams {
  private readonly directions = new Map<string, Direction>();
  private readonly connections = new Map<string, Connection>();
  private current: Frame | undefined;

  constructor(private readonly out: TcpOutput) {}

  segment(
    source: string,
    sourcePort: number,
    destination: string,
    destinationPort: number,
    seq: number,
    flags: number,
    payload: Uint8Array,
    frame: Frame,
  ): void {
    this.current = frame;
    const src = portText(source, sourcePort);
    const dst = portText(destination, destinationPort);
    let dir = this.directions.get(`${src}>${dst}`);
    if ((flags & SYN) !== 0) {
      const next = (seq + 1) >>> 0;
      // A new connection on the same addresses and ports: the old one is finished.
      if (dir !== undefined && dir.next !== next) {
        this.close(dir);
        this.directions.delete(`${src}>${dst}`);
        this.connections.delete(connectionKey(src, dst));
        dir = undefined;
      }
      if (dir === undefined) dir = this.open(src, dst, sourcePort, destinationPort);
      if ((flags & ACK) === 0) dir.connection.serverPort = destinationPort;
      dir.next = next;
      seq = next;
    }
    if (payload.length === 0) return;
    dir ??= this.open(src, dst, sourcePort, destinationPort);
    dir.lastFrame = frame;
    dir.next ??= seq;
    const ahead = (seq - dir.next) | 0;
    if (ahead > 0) {
      dir.pending.push({ seq, data: payload });
      dir.pendingBytes += payload.length;
      if (dir.pendingBytes > MAX_PENDING) this.skipGap(dir);
      return;
    }
    if (-ahead < payload.length) {
      this.deliver(dir, payload.subarray(-ahead));
      dir.next = (seq + payload.length) >>> 0;
      this.drain(dir);
    }
  }

  /** End of the capture: gaps that never filled are skipped, unfinished messages handed on. */
  finish(): void {
    for (const dir of this.directions.values()) {
      this.current = dir.lastFrame;
      while (dir.pending.length > 0) this.skipGap(dir);
      this.close(dir);
    }
  }

  /** What the streams that are not read held ("2 TLS streams (port 5061) cannot be read: ..."). */
  notices(): string[] {
    const byKind = new Map<string, Map<number, number>>();
    for (const c of new Set(this.connections.values())) {
      if (c.kind !== 'tls' && c.kind !== 'websocket') continue;
      const ports = byKind.get(c.kind) ?? new Map<number, number>();
      ports.set(c.serverPort, (ports.get(c.serverPort) ?? 0) + 1);
      byKind.set(c.kind, ports);
    }
    const out: string[] = [];
    const tls = byKind.get('tls');
    if (tls) {
      const n = [...tls.values()].reduce((a, b) => a + b, 0);
      const sip = tls.has(5061);
      out.push(
        `${n} TLS stream${n === 1 ? '' : 's'} (port ${[...tls.keys()].sort((a, b) => a - b).join(', ')}) cannot be read: ${sip ? 'the capture holds encrypted SIP (SIP over TLS, RFC 3261 §26.2.1)' : 'they are encrypted (SIP over TLS would use port 5061)'}`,
      );
    }
    const ws = byKind.get('websocket');
    if (ws) {
      const n = [...ws.values()].reduce((a, b) => a + b, 0);
      out.push(
        `${n} WebSocket stream${n === 1 ? '' : 's'} (port ${[...ws.keys()].sort((a, b) => a - b).join(', ')}) cannot be read: SIP over WebSocket (RFC 7118) is not decoded here`,
      );
    }
    return out;
  }

  private open(src: string, dst: string, sourcePort: number, destinationPort: number): Direction {
    const key = connectionKey(src, dst);
    let connection = this.connections.get(key);
    if (connection === undefined) {
      connection = { kind: 'unknown', serverPort: Math.min(sourcePort, destinationPort) };
      this.connections.set(key, connection);
    }
    const dir: Direction = {
      source: src,
      destination: dst,
      connection,
      next: undefined,
      pending: [],
      pendingBytes: 0,
      state: 'unknown',
      head: '',
      framer: undefined,
      lastFrame: this.current!,
    };
    this.directions.set(`${src}>${dst}`, dir);
    return dir;
  }

  private drain(dir: Direction): void {
    while (dir.pending.length > 0) {
      let best = 0;
      let bestAhead = (dir.pending[0]!.seq - dir.next!) | 0;
      for (let i = 1; i < dir.pending.length; i++) {
        const a = (dir.pending[i]!.seq - dir.next!) | 0;
        if (a < bestAhead) {
          best = i;
          bestAhead = a;
        }
      }
      if (bestAhead > 0) return;
      const s = dir.pending.splice(best, 1)[0]!;
      dir.pendingBytes -= s.data.length;
      if (-bestAhead < s.data.length) {
        this.deliver(dir, s.data.subarray(-bestAhead));
        dir.next = (s.seq + s.data.length) >>> 0;
      }
    }
  }

  /** Gives up on the bytes before the first waiting segment. */
  private skipGap(dir: Direction): void {
    let first = dir.pending[0]!;
    for (const s of dir.pending) if (((s.seq - first.seq) | 0) < 0) first = s;
    const missing = (first.seq - dir.next!) >>> 0;
    this.out.problem(
      `TCP ${dir.source} → ${dir.destination}: ${missing} bytes were not captured (sequence ${dir.next} to ${first.seq}); reading goes on after them`,
      this.current!,
    );
    dir.framer?.gap(missing);
    if (dir.state === 'unknown') dir.head = '';
    dir.next = first.seq;
    this.drain(dir);
  }

  private close(dir: Direction): void {
    dir.framer?.end();
  }

  /** Bytes of a direction, in order. */
  private deliver(dir: Direction, bytes: Uint8Array): void {
    const c = dir.connection;
    if (c.kind === 'tls' || c.kind === 'websocket' || dir.state === 'skip') return;
    if (dir.state === 'sip') {
      dir.framer!.push(bytesToWire(bytes));
      return;
    }
    if (dir.head.length === 0) {
      let i = 0;
      while (i < bytes.length && (bytes[i] === 13 || bytes[i] === 10)) i++;
      if (isTlsRecord(bytes.subarray(i))) {
        c.kind = 'tls';
        return;
      }
    }
    dir.head += bytesToWire(bytes);
    const at = skipLineEnds(dir.head);
    if (at === dir.head.length) return;
    if (/^(?:GET |HTTP\/)/.test(dir.head.slice(at, at + 5))) {
      if (isWebSocketUpgrade(dir.head.slice(at))) {
        c.kind = 'websocket';
        dir.head = '';
        return;
      }
      if (dir.head.indexOf('\r\n\r\n') >= 0 || dir.head.length > MAX_UNKNOWN) this.skip(dir);
      return;
    }
    if (startsWithSipLine(dir.head, at)) {
      this.startSip(dir, dir.head.slice(at));
      return;
    }
    if (dir.head.indexOf('\n', at) < 0 && dir.head.length - at < 4096) return;
    const k = nextSipLine(dir.head, at);
    if (k >= 0) {
      this.out.problem(
        `TCP ${dir.source} → ${dir.destination}: the first ${k} bytes seen are not a SIP message (the capture began inside one?): skipped`,
        this.current!,
      );
      this.startSip(dir, dir.head.slice(k));
      return;
    }
    if (dir.head.length > MAX_UNKNOWN) this.skip(dir);
  }

  private skip(dir: Direction): void {
    dir.state = 'skip';
    dir.head = '';
  }

  private startSip(dir: Direction, wire: string): void {
    dir.state = 'sip';
    dir.head = '';
    dir.connection.kind = 'sip';
    dir.framer = new SipStreamFramer(
      {
        message: (raw, note) =>
          this.out.message(raw, dir.source, dir.destination, this.current!, note),
        problem: (why) => this.out.problem(why, this.current!),
      },
      `${dir.source} → ${dir.destination}`,
    );
    dir.framer.push(wire);
  }
}

function portText(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function connectionKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
