/** `sip run` and `sip scenarios`, through the same functions the command line calls. */
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand, scenariosCommand } from '@/cli/commands/run';
import type { CommandIo } from '@/cli/io';
import { builtinNames, builtinScenario } from '@/sim/scenario';

/** A built-in scenario as JSON input (what a user would save to a file). */
function builtinScenarioInput(name: string): unknown {
  return builtinScenario(name)!;
}

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

describe('sip run', () => {
  it('prints the ladder of a built-in scenario, one line per datagram', async () => {
    const o = io();
    expect(await runCommand(['registration'], o)).toBe(0);
    expect(o.lines[0]).toContain('Registration');
    expect(o.lines.slice(1)).toEqual([
      '   0.000s  alice → registrar          REGISTER',
      '   0.020s  registrar → alice          200 OK',
    ]);
  });

  it('--check prints the RFC findings: none for a built-in (exit 0)', async () => {
    const o = io();
    expect(await runCommand(['cancel', '--check'], o)).toBe(0);
    expect(o.lines.at(-1)).toMatch(
      /^RFC check: 13 messages, no rule broken \(\d+ rules checked\)\.$/,
    );
  });

  it('--check exits 1 when a MUST is broken: a proxy whose Timer C is under 3 minutes (§16.6 step 11)', async () => {
    const o = io();
    const dir = mkdtempSync(join(tmpdir(), 'sip-check-'));
    const file = join(dir, 'short-timer-c.json');
    const s = JSON.parse(JSON.stringify(builtinScenarioInput('no-answer'))) as {
      elements: Record<string, unknown>[];
      endAt?: number;
    };
    s.elements = s.elements.map((e) =>
      e['kind'] === 'stateful-proxy'
        ? { ...e, timerCMs: 60_000 }
        : e['name'] === 'bob'
          ? { ...e, answer: { mode: 'no-answer', ringMs: 100_000 } }
          : e,
    );
    s.endAt = 300_000;
    writeFileSync(file, JSON.stringify(s));
    expect(await runCommand([file, '--check'], o)).toBe(1);
    expect(o.lines.some((l) => /^MUST +timer-c \(RFC 3261 §16\.6\) at /.test(l))).toBe(true);
    expect(o.lines.at(-1)).toMatch(/finding\(s\), [1-9]\d* MUST/);
  });

  it('marks lost datagrams and retransmissions', async () => {
    const o = io();
    await runCommand(['lost-invite', '--ladder'], o);
    expect(o.lines.some((l) => l.includes('✗ lost'))).toBe(true);
    expect(o.lines.some((l) => l.includes('INVITE  (retransmission)'))).toBe(true);
  });

  // Runs every built-in: give it time on a loaded two-core machine.
  it(
    'prints the trace as JSON: every message event has time, type, from, to, method or status, callId, branch and raw',
    { timeout: 30_000 },
    async () => {
      for (const name of builtinNames()) {
        const o = io();
        expect(await runCommand([name, '--json'], o)).toBe(0);
        const events = JSON.parse(o.lines.join('\n')) as Record<string, unknown>[];
        const messages = events.filter(
          (e) => e.type === 'send' || e.type === 'receive' || e.type === 'drop',
        );
        expect(messages.length).toBeGreaterThan(0);
        for (const e of messages) {
          expect(typeof e.time).toBe('number');
          expect(typeof e.from).toBe('string');
          expect(typeof e.to).toBe('string');
          expect(typeof e.method === 'string' || typeof e.status === 'number').toBe(true);
          expect(typeof e.callId).toBe('string');
          expect(typeof e.branch).toBe('string');
          expect(typeof e.raw).toBe('string');
        }
        // A lost datagram is a send followed by a drop of the same datagram.
        for (const d of events.filter((e) => e.type === 'drop')) {
          expect(events.some((e) => e.type === 'send' && e.datagram === d.datagram)).toBe(true);
        }
      }
    },
  );

  it('writes a pcap file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sip-run-')), 'call.pcap');
    const o = io();
    expect(await runCommand(['call-trapezoid', '--pcap', file], o)).toBe(0);
    const bytes = readFileSync(file);
    expect(bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
    expect(bytes.readUInt32LE(20)).toBe(101);
    expect(o.lines[0]).toMatch(/^wrote 14 datagrams/);
  });

  it('runs a scenario file, and names the bad field of an invalid one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sip-run-'));
    const good = join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({
        name: 'mine',
        title: 'Mine',
        elements: [
          { kind: 'user-agent', name: 'a', address: '10.0.0.1', aor: 'sip:a@x.example.com' },
          { kind: 'registrar', name: 'r', address: '10.0.0.2', domain: 'x.example.com' },
        ],
        timeline: [{ at: 0, actor: 'a', action: 'register' }],
        dns: { a: [{ name: 'x.example.com', address: '10.0.0.2' }] },
        endAt: 5000,
      }),
    );
    const o = io();
    expect(await runCommand([good], o)).toBe(0);
    expect(o.lines.slice(1)).toEqual([
      '   0.000s  a → r                      REGISTER',
      '   0.030s  r → a                      200 OK',
    ]);
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        name: 'bad',
        title: 'Bad',
        elements: [
          { kind: 'user-agent', name: 'a', address: '10.0.0.1', aor: 'sip:a@x' },
          { kind: 'phone', name: 'b', address: '10.0.0.2' },
        ],
      }),
    );
    const e = io();
    expect(await runCommand([bad], e)).toBe(2);
    expect(e.errors.join('\n')).toContain('elements[1].kind');
    const missing = io();
    expect(await runCommand(['no-such-scenario'], missing)).toBe(2);
    expect(missing.errors[0]).toContain('neither a built-in scenario');
  });
});

describe('sip scenarios', () => {
  it('lists every built-in scenario with its title', async () => {
    const o = io();
    expect(await scenariosCommand([], o)).toBe(0);
    expect(o.lines).toHaveLength(builtinNames().length);
    expect(o.lines[0]).toMatch(/^registration\s+Registration$/);
  });
});
