/**
 * The `sip` command line, run as a child process (node + tsx) the way `npm run sip -- ...` runs it,
 * on corpus and fixture files; and the dispatcher in process for the usage paths.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '@/cli/sip';
import type { CommandIo } from '@/cli/io';

const root = path.resolve(__dirname, '../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function sip(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'cli/sip.ts', ...args],
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

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const C = 'test/fixtures/corpus';
const M = 'test/fixtures/messages';

describe('sip check (child process)', () => {
  it('prints one JSON line per file, in order, and exits 0 when every file was read', async () => {
    const files = [
      `${C}/realistic/invite.sip`,
      `${C}/rfc4475/badinv01.dat`,
      `${C}/rfc4475/ncl.dat`,
      `${C}/rfc4475/bext01.dat`,
      `${C}/rfc4475/badvers.dat`,
      `${C}/rfc4475/bigcode.dat`,
      `./${M}/responses/180-ringing.sip`,
    ];
    const run = await sip('check', ...files);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout)).toEqual([
      { file: `${C}/realistic/invite.sip`, verdict: 'accept' },
      {
        file: `${C}/rfc4475/badinv01.dat`,
        verdict: 'reject',
        status: 400,
        reason: 'Bad Via header: unexpected ";"',
      },
      {
        file: `${C}/rfc4475/ncl.dat`,
        verdict: 'reject',
        status: 400,
        reason: 'negative Content-Length',
      },
      { file: `${C}/rfc4475/bext01.dat`, verdict: 'reject', status: 420, reason: 'Bad Extension' },
      {
        file: `${C}/rfc4475/badvers.dat`,
        verdict: 'reject',
        status: 505,
        reason: 'Version Not Supported',
      },
      {
        file: `${C}/rfc4475/bigcode.dat`,
        verdict: 'reject',
        status: 400,
        reason: 'status code "4294967301" is not three digits',
      },
      { file: `./${M}/responses/180-ringing.sip`, verdict: 'accept' },
    ]);
    // Exactly the four keys of a reject line, and two of an accept line, and nothing else on stdout.
    expect(run.stdout.split('\n')).toHaveLength(files.length + 1);
  }, 60_000);

  it('prints an "error" line for an unreadable file, checks the others, and exits 2', async () => {
    const run = await sip('check', `${C}/rfc4475/unkscm.dat`, 'no/such/file.sip', `${C}/rfc4475`);
    expect(run.code).toBe(2);
    const lines = jsonLines(run.stdout);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({
      file: `${C}/rfc4475/unkscm.dat`,
      verdict: 'reject',
      status: 416,
      reason: 'Unsupported URI Scheme',
    });
    expect(lines[1]?.file).toBe('no/such/file.sip');
    expect(lines[1]?.error).toMatch(/ENOENT/);
    expect(lines[1]).not.toHaveProperty('verdict');
    expect(lines[2]?.file).toBe(`${C}/rfc4475`);
    expect(lines[2]?.error).toMatch(/EISDIR/);
  }, 60_000);

  it('accepts LF line ends with --allow-bare-lf only', async () => {
    const run = await sip('check', `${M}/invalid/bare-lf.sip`, '--allow-bare-lf');
    expect(jsonLines(run.stdout)).toEqual([
      { file: `${M}/invalid/bare-lf.sip`, verdict: 'accept' },
    ]);
    expect(run.code).toBe(0);
  }, 60_000);

  it('is a usage error without files or with an unknown option (exit 2, usage on stderr)', async () => {
    const none = await sip('check');
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('no FILE given');
    expect(none.stderr).toContain('sip check [--allow-bare-lf] FILE...');
    const bad = await sip('check', '--strict', `${C}/realistic/invite.sip`);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown option --strict');
  }, 60_000);
});

describe('sip explain (child process)', () => {
  it('prints every line with its meaning and the verdict', async () => {
    const run = await sip('explain', `${C}/realistic/compact-invite.sip`);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = run.stdout.split('\n');
    expect(out[0]).toMatch(/^INVITE sip:/);
    expect(out[1]).toMatch(/^ {4}Request line: method INVITE, .* \[RFC 3261 §7\.1\]$/);
    // Each header of the file is echoed, followed by an indented meaning; compact forms are named.
    const v = out.findIndex((l) => l.startsWith('v: '));
    expect(v).toBeGreaterThan(0);
    expect(out[v + 1]).toMatch(/^ {4}One hop .*"v" is the compact form of Via.*\[RFC 3261 §20\.42/);
    expect(run.stdout).toContain('(empty line)');
    // The SDP body is explained line by line too (RFC 4566).
    const m = out.findIndex((l) => l.startsWith('m=audio '));
    expect(out[m + 1]).toMatch(/^ {4}Media description: one media stream.* \[RFC 4566 §5\.14\]$/);
    expect(out.at(-2)).toBe('verdict: accept');
  }, 60_000);

  it('shows the problem under the line that has it, and the reject verdict', async () => {
    const run = await sip('explain', `${C}/rfc4475/badinv01.dat`);
    expect(run.code).toBe(0);
    const out = run.stdout.split('\n');
    const via = out.findIndex((l) => l.startsWith('Via: SIP/2.0/UDP 192.0.2.15;;,;,,'));
    expect(via).toBeGreaterThan(0);
    const problem = out.slice(via + 1).find((l) => l.startsWith('    problem: '));
    expect(problem).toContain('Bad Via header: unexpected ";" at line 7, column 29');
    expect(problem).toContain('RFC 3261 §25.1');
    expect(run.stdout).toContain('verdict: reject 400 Bad Via header: unexpected ";"');
  }, 60_000);

  it('shows a parse error with its line, column and a caret under the column', async () => {
    const run = await sip('explain', `${C}/rfc4475/ncl.dat`);
    expect(run.code).toBe(0);
    const out = run.stdout.split('\n');
    expect(out[0]).toBe(
      'does not parse: negative Content-Length at line 10, column 17: expected Content-Length = 1*DIGIT (RFC 3261 §20.14)',
    );
    const shown = out.findIndex((l) => l.startsWith('10 | '));
    expect(out[shown]).toBe('10 | Content-Length: -999');
    const caret = out[shown + 1]!;
    expect(caret.indexOf('^') - caret.indexOf('|')).toBe(
      out[shown]!.indexOf('-999') - out[shown]!.indexOf('|'),
    );
    expect(caret.trim()).toBe('|                 ^');
    expect(run.stdout).toContain('verdict: reject 400 negative Content-Length');
  }, 60_000);

  it('says a rejected response is discarded', async () => {
    const run = await sip('explain', `${M}/invalid/status-above-699.sip`);
    expect(run.stdout).toContain('verdict: reject 400 Status code 700 is above 699');
    expect(run.stdout).toContain('the element discards it');
  }, 60_000);

  it('is a usage error without a file, and exits 2 on an unreadable file', async () => {
    const none = await sip('explain');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no FILE given');
    const missing = await sip('explain', 'no/such/file.sip');
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/cannot read no\/such\/file\.sip: ENOENT/);
  }, 60_000);
});

describe('sip dispatcher', () => {
  function io(): CommandIo & { outText: () => string; errText: () => string } {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readFile: () => Promise.reject(new Error('no files here')),
      outText: () => out.join('\n'),
      errText: () => err.join('\n'),
    };
  }

  it('prints the usage with every command and exits 2 without a command (child process)', async () => {
    const run = await sip();
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('usage: sip COMMAND');
    expect(run.stderr).toMatch(/^ {2}check {3}/m);
    expect(run.stderr).toMatch(/^ {2}explain /m);
  }, 60_000);

  it('rejects an unknown command with the usage', async () => {
    const t = io();
    expect(await main(['frobnicate'], t)).toBe(2);
    expect(t.errText()).toContain('unknown command "frobnicate"');
    expect(t.errText()).toContain('usage: sip COMMAND');
    expect(await main(['toString'], io())).toBe(2);
  });

  it('describes a command with help COMMAND or COMMAND --help, on stdout with exit 0', async () => {
    const a = io();
    expect(await main(['help', 'check'], a)).toBe(0);
    expect(a.outText()).toContain('For a response,');
    expect(a.outText()).toContain('discards it');
    const b = io();
    expect(await main(['explain', '--help'], b)).toBe(0);
    expect(b.outText()).toContain('sip explain [--allow-bare-lf] FILE');
    const c = io();
    expect(await main(['help'], c)).toBe(0);
    expect(c.outText()).toContain('Commands:');
    expect(await main(['help', 'nope'], io())).toBe(2);
  });

  it("shows message bytes quoted in a reason as UTF-8 and keeps the codec's own characters", async () => {
    const head =
      'Via: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@b>\r\nFrom: <sip:a@a>;tag=1\r\nCall-ID: 1@a\r\n';
    const messages: Record<string, string> = {
      'version.sip': `OPTIONS sip:b@b SIP/2.\u00e9\r\n${head}CSeq: 1 OPTIONS\r\n\r\n`,
      'cseq.sip': `OPTIONS sip:b@b SIP/2.0\r\n${head}CSeq: ${'9'.repeat(30)} OPTIONS\r\n\r\n`,
    };
    const t = io();
    t.readFile = (file) => Promise.resolve(new TextEncoder().encode(messages[file] ?? ''));
    expect(await main(['check', 'version.sip', 'cseq.sip'], t)).toBe(0);
    const [version, cseq] = t
      .outText()
      .split('\n')
      .map((l) => JSON.parse(l) as { reason: string });
    expect(version?.reason).toBe('"SIP/2.\u00e9" is not a SIP version');
    expect(cseq?.reason).toBe(
      `Bad CSeq header: CSeq sequence number ${'9'.repeat(24)}\u2026 is too large`,
    );
  });

  it('reports a read failure through the io it is given', async () => {
    const t = io();
    expect(await main(['check', 'x.sip'], t)).toBe(2);
    expect(JSON.parse(t.outText())).toEqual({ file: 'x.sip', error: 'no files here' });
  });
});
