/**
 * `sip exercise` as a child process (node + tsx, as `npm run sip -- exercise ...` runs it): list, show,
 * solve and check, with the exit statuses the issue asks for — 0 right, 1 not right, 2 not a SIP
 * message (or a usage error).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'sip-exercise-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function sip(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'cli/sip.ts', 'exercise', ...args],
      { cwd: root, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });
}

function file(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}

interface Finding {
  part: string;
  verdict: string;
  expected: string;
  got: string;
  rule: string;
  section: string;
}

describe('sip exercise (child process)', { timeout: 60_000 }, () => {
  it('lists the exercises as JSON', async () => {
    const run = await sip('list', '--json');
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout) as { id: string; group: string; lesson: string }[];
    expect(list.length).toBeGreaterThanOrEqual(12);
    expect(list.map((e) => e.id)).toContain('bye-route');
    expect(new Set(list.map((e) => e.group))).toEqual(
      new Set([
        'user agent (client)',
        'user agent (server)',
        'proxy',
        'registrar',
        'redirect server',
        'presence server',
      ]),
    );
  });

  it('shows the situation and the received message', async () => {
    const run = await sip('show', 'stateful-invite', '--seed', '7');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Exercise stateful-invite, seed 7/);
    expect(run.stdout).toMatch(/a stateful proxy that record-routes/);
    expect(run.stdout).toMatch(/The message it received \(INVITE from /);
    expect(run.stdout).toMatch(/The bindings of the location service \(registrar\):/);
  });

  it('accepts what solve prints (exit 0), and rejects a changed copy naming the part (exit 1)', async () => {
    const solved = await sip('solve', 'bye-route', '--seed', '11');
    expect(solved.code).toBe(0);
    expect(solved.stdout).toMatch(/^BYE sip:/);
    expect(solved.stdout).toContain('\r\nRoute: <sip:');
    const right = file('bye.sip', solved.stdout);
    const ok = await sip('check', 'bye-route', right, '--seed', '11', '--json');
    expect(ok.code).toBe(0);
    const good = JSON.parse(ok.stdout) as { correct: boolean; findings: Finding[] };
    expect(good.correct).toBe(true);
    expect(good.findings.every((f) => f.verdict === 'right')).toBe(true);

    const wrong = file('bye-no-route.sip', solved.stdout.replace(/Route: [^\r]*\r\n/, ''));
    const bad = await sip('check', 'bye-route', wrong, '--seed', '11', '--json');
    expect(bad.code).toBe(1);
    const result = JSON.parse(bad.stdout) as { correct: boolean; findings: Finding[] };
    expect(result.correct).toBe(false);
    const route = result.findings.find((f) => f.part === 'Route');
    expect(route).toMatchObject({ verdict: 'missing', got: '', section: 'RFC 3261 §12.2.1.1' });
    expect(Object.keys(route!)).toEqual(
      expect.arrayContaining(['part', 'verdict', 'expected', 'got', 'rule', 'section']),
    );
  });

  it('says in words what is wrong without --json', async () => {
    const solved = await sip('solve', 'stateless-invite', '--seed', '3');
    const f = file(
      'fwd.sip',
      solved.stdout.replace(
        /Max-Forwards: (\d+)/,
        (_m, n: string) => `Max-Forwards: ${Number(n) + 1}`,
      ),
    );
    const run = await sip('check', 'stateless-invite', f, '--seed', '3');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^wrong\s+Max-Forwards — expected \d+ \(one less than the \d+ received\)/m,
    );
    expect(run.stdout).toMatch(/RFC 3261 §16\.6 step 3/);
    expect(run.stdout).toMatch(/Not yet right\./);
  });

  it('exits 2 with the codec’s error for a file that is not a SIP message', async () => {
    const f = file('junk.sip', 'hello, this is not SIP\n');
    const run = await sip('check', 'register', f, '--json');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not a SIP message: .* at line 1, column \d+: expected /);
    const out = JSON.parse(run.stdout) as { correct: boolean; error: { line: number } };
    expect(out.correct).toBe(false);
    expect(out.error.line).toBe(1);
  });

  it('exits 2 for an unknown exercise, a bad seed, or a missing file', async () => {
    const unknown = await sip('show', 'no-such-exercise');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/There is no exercise "no-such-exercise"/);
    const seed = await sip('solve', 'register', '--seed', 'x');
    expect(seed.code).toBe(2);
    expect(seed.stderr).toMatch(/--seed needs a whole number/);
    const missing = await sip('check', 'register', path.join(dir, 'absent.sip'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
  });
});
