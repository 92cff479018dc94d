/** The pcap writer: what it writes, the reader reads back; IPv6 too; Wireshark decodes both. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ipv6Bytes,
  parseEndpoint,
  readCapture,
  SIMULATION_EPOCH_SECONDS,
  traceDatagrams,
  writePcap,
} from '@/sim/capture';
import { wireToBytes } from '@/sim/codec';
import { ascii, sipMessage } from './capture-builder';

const TCP_FIXTURE = join(import.meta.dirname, '../../fixtures/captures/made-sip-tcp.pcapng');

const INVITE = sipMessage('INVITE sip:bob@[2001:db8::2] SIP/2.0');
const OK = sipMessage('SIP/2.0 200 OK');

describe('writePcap', () => {
  it('writes IPv4 and IPv6 datagrams that the reader reads back, byte for byte, with their times', () => {
    const { bytes, skipped } = writePcap([
      {
        timeMicros: 1_700_000_000_000_000,
        source: '[2001:db8::1]:5060',
        destination: '[2001:db8::2]:5062',
        payload: ascii(INVITE),
      },
      {
        timeMicros: 1_700_000_000_020_001,
        source: '192.0.2.2:5060',
        destination: '192.0.2.1:5060',
        payload: ascii(OK),
      },
    ]);
    expect(skipped).toEqual([]);
    const r = readCapture(bytes);
    expect(r.problems).toEqual([]);
    expect(r.messages.map((m) => [m.time, m.source, m.destination, m.raw])).toEqual([
      [0, '[2001:db8::1]:5060', '[2001:db8::2]:5062', INVITE],
      [0.020001, '192.0.2.2:5060', '192.0.2.1:5060', OK],
    ]);
  });

  it('writes messages that went over TCP as segments of their connection, read back as TCP', () => {
    const { bytes, skipped } = writePcap([
      {
        timeMicros: 1e15,
        source: '192.0.2.1:5060',
        destination: '192.0.2.2:5060',
        transport: 'TCP',
        payload: ascii(INVITE),
      },
      {
        timeMicros: 1e15 + 10,
        source: '192.0.2.2:5060',
        destination: '192.0.2.1:5060',
        transport: 'TCP',
        payload: ascii(OK),
      },
      {
        timeMicros: 1e15 + 20,
        source: '192.0.2.1:5060',
        destination: '192.0.2.2:5060',
        transport: 'TCP',
        payload: ascii(OK),
      },
    ]);
    expect(skipped).toEqual([]);
    const r = readCapture(bytes);
    expect(r.problems).toEqual([]);
    expect(r.messages.map((m) => [m.transport, m.source, m.raw])).toEqual([
      ['TCP', '192.0.2.1:5060', INVITE],
      ['TCP', '192.0.2.2:5060', OK],
      ['TCP', '192.0.2.1:5060', OK],
    ]);
    // The third packet's sequence number follows the first's bytes; it acknowledges the second's.
    const third = bytes.subarray(bytes.length - (20 + 20 + OK.length));
    const v = new DataView(third.buffer, third.byteOffset);
    expect(v.getUint8(9)).toBe(6);
    expect(v.getUint32(24)).toBe(1 + INVITE.length);
    expect(v.getUint32(28)).toBe(1 + OK.length);
  });

  it('a TCP capture saved again gives the same messages, over TCP', () => {
    const read = readCapture(new Uint8Array(readFileSync(TCP_FIXTURE)));
    expect(read.messages.length).toBeGreaterThan(0);
    expect(read.messages.every((m) => m.transport === 'TCP')).toBe(true);
    const again = readCapture(
      writePcap(
        read.messages.map((m) => ({
          timeMicros: Math.round(m.absoluteTime * 1e6),
          source: m.source,
          destination: m.destination,
          transport: m.transport,
          payload: wireToBytes(m.raw),
        })),
      ).bytes,
    );
    expect(again.messages.map((m) => [m.transport, m.source, m.destination, m.raw])).toEqual(
      read.messages.map((m) => [m.transport, m.source, m.destination, m.raw]),
    );
  });

  it('says which datagrams it could not write, and why', () => {
    const { skipped } = writePcap([
      {
        timeMicros: 0,
        source: 'alice.example.com:5060',
        destination: '192.0.2.1:5060',
        payload: ascii(OK),
      },
      { timeMicros: 0, source: '192.0.2.1:5060', destination: '[::1]:5060', payload: ascii(OK) },
      { timeMicros: 0, source: '192.0.2.1', destination: '192.0.2.2:5060', payload: ascii(OK) },
    ]);
    expect(skipped).toEqual([
      { index: 0, why: '"alice.example.com" is not an IPv4 or IPv6 address' },
      { index: 1, why: '192.0.2.1:5060 and [::1]:5060 are not of the same IP version' },
      { index: 2, why: '"192.0.2.1" has no port' },
    ]);
  });

  it('reads IPv6 text as RFC 4291 §2.2 writes it', () => {
    expect([...ipv6Bytes('::1')!]).toEqual([...Array(15).fill(0), 1]);
    expect([...ipv6Bytes('2001:db8::ffff:192.0.2.1')!].slice(10)).toEqual([
      0xff, 0xff, 192, 0, 2, 1,
    ]);
    expect(ipv6Bytes('1::2::3')).toBeUndefined();
    expect(ipv6Bytes('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(parseEndpoint('[fe80::1]:70000')).toBe('"[fe80::1]:70000" has no port');
  });

  it('turns a trace into datagrams at the simulation epoch (every send, lost ones too)', () => {
    const d = traceDatagrams([
      {
        type: 'send',
        time: 1.5,
        source: '10.0.0.1:5060',
        destination: '10.0.0.2:5060',
        raw: OK,
        datagram: 1,
      },
      {
        type: 'drop',
        time: 1.5,
        source: '10.0.0.1:5060',
        destination: '10.0.0.2:5060',
        raw: OK,
        datagram: 1,
      },
      {
        type: 'receive',
        time: 2,
        source: '10.0.0.1:5060',
        destination: '10.0.0.2:5060',
        raw: OK,
        datagram: 1,
      },
    ]);
    expect(d.map((x) => [x.timeMicros, x.id])).toEqual([
      [SIMULATION_EPOCH_SECONDS * 1e6 + 1500, 1],
    ]);
  });

  it(
    'is decoded by tshark as SIP over UDP over IPv6 and IPv4, with no malformed packet',
    { timeout: 60_000 },
    () => {
      const file = join(mkdtempSync(join(tmpdir(), 'sip-writer-')), 'v6.pcap');
      writeFileSync(
        file,
        writePcap([
          {
            timeMicros: 1e15,
            source: '[2001:db8::1]:5060',
            destination: '[2001:db8::2]:5060',
            payload: ascii(INVITE),
          },
          {
            timeMicros: 1e15 + 1,
            source: '192.0.2.2:5060',
            destination: '192.0.2.1:5060',
            payload: ascii(OK),
          },
        ]).bytes,
      );
      const out = execFileSync(
        'tshark',
        [
          '-r',
          file,
          '-o',
          'udp.check_checksum:TRUE',
          '-T',
          'fields',
          '-e',
          'frame.protocols',
          '-e',
          'udp.checksum.status',
        ],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      expect(out.trim().split('\n')).toEqual(['raw:ipv6:udp:sip\t1', 'raw:ip:udp:sip\t1']);
    },
  );

  it(
    'is decoded by tshark as SIP over TCP over IPv4 and IPv6, checksums good',
    { timeout: 60_000 },
    () => {
      const file = join(mkdtempSync(join(tmpdir(), 'sip-writer-')), 'tcp.pcap');
      writeFileSync(
        file,
        writePcap([
          {
            timeMicros: 1e15,
            source: '192.0.2.1:5060',
            destination: '192.0.2.2:5060',
            transport: 'TCP',
            payload: ascii(INVITE),
          },
          {
            timeMicros: 1e15 + 1,
            source: '[2001:db8::2]:5060',
            destination: '[2001:db8::1]:5060',
            transport: 'TCP',
            payload: ascii(OK),
          },
        ]).bytes,
      );
      const out = execFileSync(
        'tshark',
        [
          '-r',
          file,
          '-o',
          'tcp.check_checksum:TRUE',
          '-T',
          'fields',
          '-e',
          'frame.protocols',
          '-e',
          'tcp.checksum.status',
          '-e',
          'sip.Method',
          '-e',
          'sip.Status-Code',
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      expect(out.trim().split('\n')).toEqual([
        'raw:ip:tcp:sip\t1\tINVITE\t',
        'raw:ipv6:tcp:sip\t1\t\t200',
      ]);
    },
  );
});
