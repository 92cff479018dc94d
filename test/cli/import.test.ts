/**
 * `sip import` (and `sip run --format`), through the functions the command line calls; and the round
 * trip: every built-in scenario's pcap, imported, gives back every datagram the run sent.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCommand, type ImportJson } from '@/cli/commands/import';
import { runCommand } from '@/cli/commands/run';
import type { CommandIo } from '@/cli/io';
import { firstLineOf } from '@/sim/capture';
import type { TraceEvent } from '@/sim/network';
import { builtinNames } from '@/sim/scenario';

const CAPTURES = join(__dirname, '../fixtures/captures');
const dir = mkdtempSync(join(tmpdir(), 'sip-import-'));

function io(): CommandIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    out: (l) => lines.push(l),
    err: (l) => errors.push(l),
    readFile: async (p) => new Uint8Array(readFileSync(p)),
  };
}

async function json(args: string[]): Promise<ImportJson & Record<string, unknown>> {
  const o = io();
  expect(await importCommand([...args, '--json'], o)).toBe(0);
  return JSON.parse(o.lines.join('\n')) as ImportJson & Record<string, unknown>;
}

describe('sip import', () => {
  it('prints the ladder as `sip run` does, under a line that counts messages and calls', async () => {
    const o = io();
    expect(await importCommand([join(CAPTURES, 'sngrep-ipip.pcap')], o)).toBe(0);
    expect(o.lines).toEqual([
      `${join(CAPTURES, 'sngrep-ipip.pcap')} (pcap, 4 packets): 4 SIP messages, 1 call`,
      '   0.000000s  10.15.197.103:5090 → 10.15.193.31:33093 INVITE',
      '   0.010416s  10.15.193.31:33093 → 10.15.197.103:5090 183 Ringing',
      '   1.659560s  10.15.193.31:33093 → 10.15.197.103:5090 200 OK',
      '  33.672115s  10.15.197.103:5090 → 10.15.193.31:33093 BYE',
    ]);
    expect(o.errors).toEqual([]);
  });

  it('prints JSON: messages with time, src, dst, transport, firstLine, callId, raw (and error), and the calls', async () => {
    const j = await json([join(CAPTURES, 'sngrep-ipv6frag.pcap')]);
    expect(Object.keys(j)).toEqual(['messages', 'calls', 'problems', 'notices', 'findings']);
    expect(j.messages).toHaveLength(32);
    expect(j.messages[0]).toEqual({
      time: 0.00001,
      src: '[fd17:625c:f037:2:a00:27ff:feb9:1521]:15060',
      dst: '[fd17:625c:f037:2:a00:27ff:feb9:3519]:5062',
      transport: 'UDP',
      firstLine: 'INVITE sip:08019200028@[fd17:625c:f037:2:a00:27ff:feb9:4222]:25060 SIP/2.0',
      callId: '71846-1647924829-397430@fd17:625c:f037:2:a00:27ff:feb9:1521',
      raw: expect.stringMatching(/^INVITE sip:/),
    });
    expect(j.calls).toEqual([
      {
        callId: '71846-1647924829-397430@fd17:625c:f037:2:a00:27ff:feb9:1521',
        from: 'sip:sipp@[fd17:625c:f037:2:a00:27ff:feb9:1521]:15060',
        to: 'sip:mcr@[fd17:625c:f037:2:a00:27ff:feb9:3519]:5062',
        method: 'INVITE',
        status: 200,
        messages: 32,
      },
    ]);
    // The RFC check of the capture: each finding names a message by its index, a rule and its RFC.
    const findings = (j as unknown as { findings: Record<string, unknown>[] }).findings;
    for (const f of findings) {
      expect(f).toEqual({
        message: expect.any(Number),
        rule: expect.stringMatching(/^[a-z0-9-]+$/),
        level: expect.stringMatching(/^(MUST|SHOULD)$/),
        section: expect.stringMatching(/^RFC \d+ §/),
        text: expect.any(String),
      });
      expect(f['message']).toBeLessThan(j.messages.length);
    }
    const bad = await json([join(CAPTURES, 'zeek-sip-invalid-content-length.pcap')]);
    expect(bad.messages.map((m) => m.error?.message)).toEqual([
      expect.stringMatching(/^"b" in Content-Length at line 7, column 17/),
      expect.stringMatching(/^"x" in Content-Length at line 7, column 17/),
    ]);
    expect(bad.messages[0]!.callId).toBeNull();
  });

  it('keeps only the calls named with --call', async () => {
    const all = await json([join(CAPTURES, 'zeek-sip-wireshark.pcap')]);
    const [a, b] = all.calls;
    const some = await json([
      join(CAPTURES, 'zeek-sip-wireshark.pcap'),
      '--call',
      a!.callId,
      '--call',
      b!.callId,
    ]);
    expect(some.calls.map((c) => c.callId)).toEqual([a!.callId, b!.callId]);
    expect(some.messages).toHaveLength(a!.messages + b!.messages);
    expect(some.messages.every((m) => m.callId === a!.callId || m.callId === b!.callId)).toBe(true);
  });

  it('prints the other formats', async () => {
    const file = join(CAPTURES, 'made-sip-tcp.pcapng');
    for (const [format, first] of [
      ['mermaid', '---'],
      ['plantuml', '@startuml'],
      ['svg', '<?xml version="1.0" encoding="UTF-8"?>'],
      ['flow', 'made-sip-tcp.pcapng'],
      ['text', `${file} (pcapng, 9 packets): 3 SIP messages, 1 call`],
    ] as const) {
      const o = io();
      expect(await importCommand([file, '--format', format], o)).toBe(0);
      expect(o.lines[0]).toBe(first);
    }
  });

  it('exits 1 for a file that is not a capture, saying what it expected at which byte', async () => {
    const o = io();
    expect(
      await importCommand([join(__dirname, '../fixtures/corpus/realistic/invite.sip')], o),
    ).toBe(1);
    expect(o.errors[0]).toMatch(
      /is not a capture file: expected a pcap magic number .* at byte 0, found 49 4e 56 49 \(text: "INVITE/,
    );
  });

  it('exits 2 on usage errors and unreadable files', async () => {
    const cases: string[][] = [
      [],
      ['a.pcap', 'b.pcap'],
      ['--bogus', 'a.pcap'],
      ['a.pcap', '--format', 'png'],
      ['a.pcap', '--call'],
      ['a.pcap', '--json', '--format', 'svg'],
      [join(dir, 'missing.pcap')],
    ];
    for (const args of cases) {
      const o = io();
      expect(await importCommand(args, o)).toBe(2);
      expect(o.errors.join('\n')).toMatch(/^sip import: /);
    }
  });
});

describe('sip run --format', () => {
  it('text is the ladder as before; the others come from sim/export', async () => {
    const plain = io();
    const text = io();
    await runCommand(['registration'], plain);
    expect(await runCommand(['registration', '--format', 'text'], text)).toBe(0);
    expect(text.lines).toEqual(plain.lines);
    for (const [format, first] of [
      ['flow', 'Registration'],
      ['mermaid', '---'],
      ['plantuml', '@startuml'],
      ['svg', '<?xml version="1.0" encoding="UTF-8"?>'],
    ] as const) {
      const o = io();
      expect(await runCommand(['registration', '--format', format], o)).toBe(0);
      expect(o.lines[0]!.startsWith(first)).toBe(true);
    }
    const bad = io();
    expect(await runCommand(['registration', '--format', 'gif'], bad)).toBe(2);
    expect(bad.errors[0]).toBe(
      '--format needs one of text, flow, mermaid, plantuml, svg (got "gif")',
    );
  });
});

describe('round trip: run --pcap, then import --json', () => {
  for (const name of builtinNames()) {
    it(
      `${name}: every datagram sent comes back with its start line, addresses, bytes and time to the microsecond`,
      { timeout: 30_000 },
      async () => {
        const file = join(dir, `${name}.pcap`);
        expect(await runCommand([name, '--pcap', file], io())).toBe(0);
        const run = io();
        await runCommand([name, '--json'], run);
        const sends = (JSON.parse(run.lines.join('\n')) as TraceEvent[]).filter(
          (e) => e.type === 'send',
        );
        const imported = await json([file]);
        const micros = (ms: number) => Math.round(ms * 1000);
        const t0 = micros(sends[0]!.time);
        expect(imported.messages.map((m) => [m.time, m.src, m.dst, m.firstLine, m.raw])).toEqual(
          sends.map((e) => [
            (micros(e.time) - t0) / 1e6,
            e.source,
            e.destination,
            firstLineOf(e.raw!),
            e.raw,
          ]),
        );
        expect(imported.problems).toEqual([]);
        expect(imported.messages.every((m) => m.error === undefined && m.transport === 'UDP')).toBe(
          true,
        );
      },
    );
  }
});
