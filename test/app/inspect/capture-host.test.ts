// The /inspect worker's host over real captures (test/fixtures/captures): rows, calls, elements,
// the RFC check as `sip import --json` gives it, renamed ladders, pcap round trip, the example.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCapture } from '@/sim/capture';
import { ladderFromTrace, toMermaid } from '@/sim/export';
import { Simulation, builtinScenario } from '@/sim/scenario';
import { CaptureHost } from '@/app/inspect/capture-host';
import { importJson } from '@/cli/commands/import';

const CAPTURES = join(import.meta.dirname, '../../fixtures/captures');
const bytes = (name: string) => new Uint8Array(readFileSync(join(CAPTURES, name)));
const file = (name: string) => new Blob([bytes(name)]);

describe('CaptureHost', () => {
  it('opens a capture: one row per message, the calls, elements and findings of `sip import`', async () => {
    const host = new CaptureHost();
    const progress: number[] = [];
    const result = await host.open(file('zeek-sip-wireshark.pcap'), 'zeek.pcap', (f) =>
      progress.push(f),
    );
    if (!result.ok) throw new Error(result.error);
    const c = result.capture;
    expect(c.messages).toEqual([]);
    c.messages = [...(await host.rows(0, 50)), ...(await host.rows(50, c.messageCount + 10))];
    expect(c.messageCount).toBe(81);
    const read = readCapture(bytes('zeek-sip-wireshark.pcap'));
    const cli = importJson(read.messages, read);
    expect(c.messages.length).toBe(cli.messages.length);
    expect(c.messages.map((m) => [m.time, m.source, m.destination])).toEqual(
      cli.messages.map((m) => [m.time, m.src, m.dst]),
    );
    expect(c.messages.map((m) => m.call)).toEqual(cli.messages.map((m) => m.callId ?? ''));
    expect(c.calls.map((x) => x.callId)).toEqual(cli.calls.map((x) => x.callId));
    const count = await host.check(file('zeek-sip-wireshark.pcap'));
    // Fetched in slices, as the page does.
    const findings = [...(await host.findings(0, 3)), ...(await host.findings(3, count + 10))];
    expect(findings.length).toBe(count);
    expect(findings).toEqual(
      cli.findings.map(({ message, rule, level, section, text }) => ({
        message,
        rule,
        level,
        section,
        text,
      })),
    );
    expect(findings.length).toBeGreaterThan(0);
    expect(await host.check(new Blob([new Uint8Array(10)]))).toBe(0);
    expect(await host.findings(0, 100)).toEqual([]);
    expect(new Set(c.endpoints.map((e) => e.address)).size).toBe(c.endpoints.length);
    expect(progress.at(-1)).toBe(1);
    const first = c.messages[0]!;
    expect(first.kind).toBe('request');
    expect(c.messages.some((m) => m.kind === 'response' && /^\d{3} /.test(m.label))).toBe(true);
    const detail = await host.message(0);
    expect(detail?.raw.startsWith(read.messages[0]!.firstLine)).toBe(true);
    expect(await host.message(c.messages.length)).toBeUndefined();
  });

  it('says why a file is not a capture, in CaptureFormatError’s words', async () => {
    const result = await new CaptureHost().open(
      new Blob(['INVITE sip:bob@example.com SIP/2.0\r\n\r\n']),
      'notes.txt',
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^notes\.txt is not a capture file: .*byte/);
  });

  it('draws the chosen calls with the reader’s names, and writes them as a pcap that reads back', async () => {
    const host = new CaptureHost();
    const result = await host.open(file('zeek-sip-wireshark.pcap'), 'zeek.pcap');
    if (!result.ok) throw new Error(result.error);
    result.capture.messages = await host.rows(0, result.capture.messageCount);
    const call = result.capture.calls[1]!;
    const ladder = await host.ladder([call.callId], { '192.168.1.2:5060': 'phone' });
    expect(ladder.rows.length).toBe(call.messages);
    expect(ladder.lanes.find((l) => l.id === '192.168.1.2:5060')?.label).toBe('phone');
    expect(toMermaid(ladder)).toContain('as phone');
    const back = readCapture(await host.pcap([call.callId]));
    expect(back.messages.map((m) => m.firstLine)).toEqual(
      result.capture.messages
        .filter((m) => m.call === call.callId)
        .map((m) => readCapture(bytes('zeek-sip-wireshark.pcap')).messages[m.index]!.firstLine),
    );
    expect(back.messages.every((m) => m.callId === call.callId)).toBe(true);
  });

  it('makes the example capture from a built-in scenario', async () => {
    const host = new CaptureHost();
    const { bytes: pcap, names } = await host.example('call-trapezoid');
    expect(names['10.0.0.10:5060']).toBe('alice');
    expect(Object.values(names)).toContain('proxy-a');
    const result = await host.open(new Blob([pcap as BlobPart]), 'call-trapezoid.pcap');
    if (!result.ok) throw new Error(result.error);
    result.capture.messages = await host.rows(0, result.capture.messageCount);
    const sim = new Simulation(builtinScenario('call-trapezoid')!);
    sim.run();
    const sent = ladderFromTrace(sim.trace).rows.map((r) => r.label);
    expect(sent.length).toBeGreaterThan(4);
    expect(result.capture.messages.map((m) => m.label)).toEqual(sent);
    expect(result.capture.calls.length).toBeGreaterThan(0);
    await expect(host.example('no-such-scenario')).rejects.toThrow(/no built-in scenario/);
  });
});
