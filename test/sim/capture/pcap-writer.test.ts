/** The pcap writer: what it writes, the reader reads back; IPv6 too; Wireshark decodes both. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
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
import { ascii, sipMessage } from './capture-builder';

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
});
