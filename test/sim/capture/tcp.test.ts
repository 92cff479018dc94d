/** SIP over TCP: streams in sequence order, messages cut by Content-Length, and streams not read (TLS, WebSocket). */
import { describe, expect, it } from 'vitest';
import { NO_CONTENT_LENGTH_NOTE, readCapture } from '@/sim/capture';
import {
  ascii,
  concat,
  ipv4,
  ipv6,
  pcapFile,
  records,
  sipMessage,
  tcp,
  TCP_ACK,
  TCP_PSH_ACK,
  TCP_SYN,
} from './capture-builder';

const A = '192.0.2.10';
const B = '192.0.2.20';
const INVITE = sipMessage('INVITE sip:bob@biloxi.example.com;transport=tcp SIP/2.0', {
  body: 'v=0\r\no=alice 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\n',
});
const TRYING = sipMessage('SIP/2.0 100 Trying');
const RINGING = sipMessage('SIP/2.0 180 Ringing', { contentLength: 'compact' });
const ISN = 0xfffffff0; // sequence numbers wrap past 2^32 inside the stream

/** Segments of A → B (port 40000 → 5060) carrying `bytes` cut at the given offsets. */
function segments(
  bytes: Uint8Array,
  cuts: number[],
  isn = ISN,
): { seq: number; data: Uint8Array }[] {
  const points = [0, ...cuts, bytes.length];
  const out: { seq: number; data: Uint8Array }[] = [];
  for (let i = 0; i + 1 < points.length; i++)
    out.push({
      seq: (isn + 1 + points[i]!) >>> 0,
      data: bytes.subarray(points[i]!, points[i + 1]!),
    });
  return out;
}

function packet(
  seq: number,
  data: Uint8Array,
  flags = TCP_PSH_ACK,
  from = A,
  to = B,
  sport = 40000,
  dport = 5060,
): Uint8Array {
  return ipv4(from, to, 6, tcp(sport, dport, seq, flags, data));
}

function read(packets: Uint8Array[]) {
  return readCapture(pcapFile(records(packets), { linkType: 101 }));
}

const SYN = packet(ISN, new Uint8Array(0), TCP_SYN);

describe('TCP streams', () => {
  it('cuts two messages sent in one segment, and finds a third across three segments', () => {
    const stream = ascii(INVITE + TRYING + RINGING);
    const split = INVITE.length + TRYING.length;
    const segs = segments(stream, [split + 10, split + 40]);
    const r = read([SYN, ...segs.map((s) => packet(s.seq, s.data))]);
    expect(r.problems).toEqual([]);
    expect(r.messages.map((m) => [m.raw, m.packet, m.transport])).toEqual([
      [INVITE, 2, 'TCP'],
      [TRYING, 2, 'TCP'],
      [RINGING, 4, 'TCP'],
    ]);
  });

  it('puts out-of-order segments back in order; a message belongs to the segment that completed it', () => {
    const stream = ascii(INVITE + TRYING);
    const segs = segments(stream, [100, 200, INVITE.length + 5]);
    const r = read([
      SYN,
      packet(segs[2]!.seq, segs[2]!.data),
      packet(segs[0]!.seq, segs[0]!.data),
      packet(segs[3]!.seq, segs[3]!.data),
      packet(segs[1]!.seq, segs[1]!.data),
    ]);
    expect(r.problems).toEqual([]);
    expect(r.messages.map((m) => [m.raw, m.packet])).toEqual([
      [INVITE, 5],
      [TRYING, 5],
    ]);
  });

  it('takes retransmitted and overlapping segments once', () => {
    const stream = ascii(INVITE + TRYING);
    const s = (from: number, to: number) =>
      packet((ISN + 1 + from) >>> 0, stream.subarray(from, to));
    const r = read([
      SYN,
      s(0, 300),
      s(0, 300),
      s(250, 500),
      s(100, 600),
      s(600, stream.length),
      s(600, stream.length),
    ]);
    expect(r.problems).toEqual([]);
    expect(r.messages.map((m) => m.raw)).toEqual([INVITE, TRYING]);
  });

  it('keeps the two directions of a connection apart, over IPv6', () => {
    const c = '2001:db8::10';
    const s = '2001:db8::20';
    const r = read([
      ipv6(c, s, 6, tcp(40000, 5060, 1000, TCP_PSH_ACK, ascii(INVITE.slice(0, 50)))),
      ipv6(s, c, 6, tcp(5060, 40000, 7000, TCP_PSH_ACK, ascii(TRYING))),
      ipv6(c, s, 6, tcp(40000, 5060, 1050, TCP_PSH_ACK, ascii(INVITE.slice(50)))),
    ]);
    expect(r.messages.map((m) => [m.firstLine.slice(0, 10), m.source, m.packet])).toEqual([
      ['SIP/2.0 10', '[2001:db8::20]:5060', 2],
      ['INVITE sip', '[2001:db8::10]:40000', 3],
    ]);
  });

  it('ends a message without Content-Length at the empty line, and says so in a note', () => {
    const bare = sipMessage('OPTIONS sip:bob@biloxi.example.com SIP/2.0', {
      contentLength: 'none',
    });
    const r = read([SYN, packet((ISN + 1) >>> 0, ascii(bare + TRYING))]);
    expect(r.messages.map((m) => [m.raw, m.note])).toEqual([
      [bare, NO_CONTENT_LENGTH_NOTE],
      [TRYING, undefined],
    ]);
  });

  it('skips keep-alive CRLFs between messages (RFC 5626)', () => {
    const r = read([
      SYN,
      packet((ISN + 1) >>> 0, ascii(`\r\n\r\n${TRYING}\r\n\r\n\r\n${RINGING}`)),
    ]);
    expect(r.problems).toEqual([]);
    expect(r.messages.map((m) => m.raw)).toEqual([TRYING, RINGING]);
  });

  it('joins a stream caught in the middle at the next start line, and reports what it skipped', () => {
    const stream = ascii(INVITE + TRYING);
    const r = read([packet(5000, stream.subarray(INVITE.length - 30))]);
    expect(r.messages.map((m) => m.raw)).toEqual([TRYING]);
    expect(r.problems.map((p) => p.why)).toEqual([
      'TCP 192.0.2.10:40000 → 192.0.2.20:5060: the first 30 bytes seen are not a SIP message (the capture began inside one?): skipped',
    ]);
  });

  it('reports a gap that never fills, keeps the message it cut, and reads on after it', () => {
    const stream = ascii(INVITE + TRYING + RINGING);
    const segs = segments(stream, [60, 120, INVITE.length + TRYING.length]);
    const r = read([
      SYN,
      packet(segs[0]!.seq, segs[0]!.data),
      packet(segs[2]!.seq, segs[2]!.data),
      packet(segs[3]!.seq, segs[3]!.data),
    ]);
    expect(r.messages.map((m) => m.firstLine)).toEqual([
      'INVITE sip:bob@biloxi.example.com;transport=tcp SIP/2.0',
      'SIP/2.0 100 Trying',
      'SIP/2.0 180 Ringing',
    ]);
    expect(r.messages[1]!.raw).toBe(TRYING);
    expect(r.messages[0]!.note).toBe(
      'incomplete: 60 bytes of the stream were not captured after this point',
    );
    expect(r.messages[0]!.error).toBeDefined();
    expect(r.problems.map((p) => p.why)).toEqual([
      expect.stringMatching(
        /^TCP 192\.0\.2\.10:40000 → 192\.0\.2\.20:5060: 60 bytes were not captured \(sequence \d+ to \d+\); reading goes on after them$/,
      ),
      `${INVITE.length - 120} bytes in TCP 192.0.2.10:40000 → 192.0.2.20:5060 are not a SIP message: skipped to the next start line`,
    ]);
  });

  it('hands on a message the capture ends inside of, marked incomplete', () => {
    const r = read([SYN, packet((ISN + 1) >>> 0, ascii(INVITE.slice(0, INVITE.length - 20)))]);
    expect(r.messages.map((m) => m.note)).toEqual([
      'incomplete: the capture ends inside this message',
    ]);
    expect(r.messages[0]!.error?.message).toMatch(
      /Content-Length \d+ is larger than the \d+ bytes of body received/,
    );
  });

  it('finds SIP on any port, and ignores a stream that is not SIP', () => {
    const http = ascii('GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n');
    const r = read([
      packet(1, http, TCP_PSH_ACK, A, B, 40001, 5060),
      packet(1, ascii(TRYING), TCP_PSH_ACK, A, B, 40002, 8888),
    ]);
    expect(r.messages.map((m) => m.destination)).toEqual(['192.0.2.20:8888']);
    expect(r.problems).toEqual([]);
    expect(r.notices).toEqual([]);
  });

  it('reports TLS streams as encrypted SIP on port 5061, counted once per connection', () => {
    const hello = new Uint8Array([0x16, 0x03, 0x01, 0x00, 0x05, 1, 0, 0, 1, 0]);
    const serverHello = new Uint8Array([0x16, 0x03, 0x03, 0x00, 0x05, 2, 0, 0, 1, 0]);
    const conn = (port: number) => [
      packet(100, new Uint8Array(0), TCP_SYN, A, B, port, 5061),
      packet(101, hello, TCP_PSH_ACK, A, B, port, 5061),
      packet(900, serverHello, TCP_PSH_ACK | TCP_ACK, B, A, 5061, port),
    ];
    const r = read([...conn(40001), ...conn(40002), ...conn(40003)]);
    expect(r.messages).toEqual([]);
    expect(r.notices).toEqual([
      '3 TLS streams (port 5061) cannot be read: the capture holds encrypted SIP (SIP over TLS, RFC 3261 §26.2.1)',
    ]);
  });

  it('reports WebSocket streams (HTTP Upgrade) as not decoded', () => {
    const upgrade = ascii(
      'GET / HTTP/1.1\r\nHost: sip.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Protocol: sip\r\n\r\n',
    );
    const frame = concat(new Uint8Array([0x81, 0x05]), ascii('hello'));
    const r = read([
      packet(1, new Uint8Array(0), TCP_SYN, A, B, 40001, 8080),
      packet(2, upgrade, TCP_PSH_ACK, A, B, 40001, 8080),
      packet(2 + upgrade.length, frame, TCP_PSH_ACK, A, B, 40001, 8080),
    ]);
    expect(r.messages).toEqual([]);
    expect(r.notices).toEqual([
      '1 WebSocket stream (port 8080) cannot be read: SIP over WebSocket (RFC 7118) is not decoded here',
    ]);
  });
});
