/**
 * Real captures (test/fixtures/captures, sources in test/fixtures/SOURCES.md): the reader finds as many
 * SIP messages as Wireshark does, in the same frames. The expected numbers were computed once with
 * tshark 4.0.17, counting every Request-Line and Status-Line (a frame can hold several over TCP):
 *   tshark -r F -Y sip -T json -e frame.number -e sip.Request-Line -e sip.Status-Line
 * and the distinct Call-IDs with -e sip.Call-ID. When tshark is installed the test asks it again.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callsOf, endpointsOf, readCapture } from '@/sim/capture';

const DIR = join(__dirname, '../../fixtures/captures');

interface Fixture {
  file: string;
  what: string;
  format: 'pcap' | 'pcapng';
  /** SIP messages as tshark counts them. */
  tsharkMessages: number;
  /** Distinct Call-IDs tshark sees. */
  tsharkCallIds: number;
  /** Calls callsOf finds (fewer than the Call-IDs when the codec rejects every message of one). */
  calls: number;
  /** Messages the codec rejects (kept, with their error). */
  errors: number;
  transports: ('UDP' | 'TCP')[];
}

const FIXTURES: Fixture[] = [
  {
    file: 'zeek-sip-wireshark.pcap',
    what: 'Ethernet, UDP: registrations and calls (Wireshark sample)',
    format: 'pcap',
    tsharkMessages: 81,
    tsharkCallIds: 6,
    calls: 6,
    errors: 0,
    transports: ['UDP'],
  },
  {
    file: 'ndpi-sip_hello.pcapng',
    what: 'pcapng, Ethernet, UDP with keep-alives: REGISTER with digest',
    format: 'pcapng',
    tsharkMessages: 8,
    tsharkCallIds: 1,
    calls: 1,
    errors: 0,
    transports: ['UDP'],
  },
  {
    file: 'sngrep-ipv6frag.pcap',
    what: 'Linux cooked capture, IPv6, UDP in IPv6 fragments, a proxy',
    format: 'pcap',
    tsharkMessages: 32,
    tsharkCallIds: 1,
    calls: 1,
    errors: 0,
    transports: ['UDP'],
  },
  {
    file: 'sngrep-ipip.pcap',
    what: 'Ethernet, TCP, two of the four in IP in IP, caught mid-stream',
    format: 'pcap',
    tsharkMessages: 4,
    tsharkCallIds: 1,
    calls: 1,
    errors: 0,
    transports: ['TCP'],
  },
  {
    file: 'zeek-sip-invalid-content-length.pcap',
    what: 'UDP, Content-Length "bad" and "xyz": kept with their errors',
    format: 'pcap',
    tsharkMessages: 2,
    tsharkCallIds: 1,
    calls: 0,
    errors: 2,
    transports: ['UDP'],
  },
  {
    file: 'made-ipv4-fragments.pcap',
    what: 'raw IP, an INVITE in three IPv4 fragments, the last one first',
    format: 'pcap',
    tsharkMessages: 2,
    tsharkCallIds: 1,
    calls: 1,
    errors: 0,
    transports: ['UDP'],
  },
  {
    file: 'made-sip-tcp.pcapng',
    what: 'pcapng, raw IP, TCP from the handshake: one message over three segments, a retransmission, two in one segment',
    format: 'pcapng',
    tsharkMessages: 3,
    tsharkCallIds: 1,
    calls: 1,
    errors: 0,
    transports: ['TCP'],
  },
];

function tsharkFrames(file: string): { frames: number[]; callIds: number } | undefined {
  let out: string;
  try {
    out = execFileSync(
      'tshark',
      [
        '-r',
        file,
        '-Y',
        'sip',
        '-T',
        'json',
        '-e',
        'frame.number',
        '-e',
        'sip.Request-Line',
        '-e',
        'sip.Status-Line',
        '-e',
        'sip.Call-ID',
      ],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 64 * 1024 * 1024,
      },
    );
  } catch {
    return undefined;
  }
  const packets = JSON.parse(out) as {
    _source: { layers: Record<string, string[] | undefined> };
  }[];
  const frames: number[] = [];
  const ids = new Set<string>();
  for (const p of packets) {
    const l = p._source.layers;
    const n = (l['sip.Request-Line']?.length ?? 0) + (l['sip.Status-Line']?.length ?? 0);
    for (let i = 0; i < n; i++) frames.push(Number(l['frame.number']![0]));
    for (const id of l['sip.Call-ID'] ?? []) ids.add(id);
  }
  return { frames, callIds: ids.size };
}

describe('real captures', () => {
  for (const f of FIXTURES) {
    describe(`${f.file}: ${f.what}`, () => {
      const bytes = new Uint8Array(readFileSync(join(DIR, f.file)));
      const result = readCapture(bytes);

      it(`finds the ${f.tsharkMessages} SIP messages tshark finds, with no problem`, () => {
        expect(bytes.length).toBeLessThan(1024 * 1024);
        expect(result.format).toBe(f.format);
        expect(result.problems).toEqual([]);
        expect(result.messages).toHaveLength(f.tsharkMessages);
        expect(result.messages.filter((m) => m.error !== undefined)).toHaveLength(f.errors);
        expect([...new Set(result.messages.map((m) => m.transport))]).toEqual(f.transports);
      });

      it(`groups them in ${f.calls} call${f.calls === 1 ? '' : 's'} and names every address`, () => {
        const calls = callsOf(result.messages);
        expect(calls).toHaveLength(f.calls);
        expect(calls.reduce((n, c) => n + c.messages, 0)).toBe(f.tsharkMessages - f.errors);
        const endpoints = endpointsOf(result.messages);
        const addresses = new Set(result.messages.flatMap((m) => [m.source, m.destination]));
        expect(new Set(endpoints.map((e) => e.address))).toEqual(addresses);
      });

      it(
        'agrees with tshark again, frame by frame (when tshark is installed)',
        { timeout: 60_000 },
        () => {
          const t = tsharkFrames(join(DIR, f.file));
          if (t === undefined) return; // tshark is not installed here: the constants above stand.
          expect(t.frames).toHaveLength(f.tsharkMessages);
          expect(t.callIds).toBe(f.tsharkCallIds);
          expect(result.messages.map((m) => m.packet)).toEqual(t.frames);
        },
      );
    });
  }

  it('sngrep-ipv6frag: the middle address is a proxy, the INVITE came in two fragments', () => {
    const r = readCapture(new Uint8Array(readFileSync(join(DIR, 'sngrep-ipv6frag.pcap'))));
    const kinds = Object.fromEntries(endpointsOf(r.messages).map((e) => [e.address, e.kind]));
    expect(kinds).toEqual({
      '[fd17:625c:f037:2:a00:27ff:feb9:1521]:15060': 'user-agent',
      '[fd17:625c:f037:2:a00:27ff:feb9:3519]:5062': 'proxy',
      '[fd17:625c:f037:2:a00:27ff:feb9:4222]:25060': 'user-agent',
    });
    expect(r.messages[0]!.packet).toBe(2);
    expect(r.messages[0]!.raw.length).toBeGreaterThan(1500);
    expect(callsOf(r.messages)[0]).toMatchObject({ method: 'INVITE', status: 200, messages: 32 });
  });
});
