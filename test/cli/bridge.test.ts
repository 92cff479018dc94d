/**
 * `sip bridge` against real SIP software: SIPp (Debian's sip-tester package, installed by .ci/run)
 * registers with a bridged registrar using digest, calls a simulated phone through a bridged stateful
 * proxy, and answers a call a simulated phone places through it — each on 127.0.0.1 with free ports,
 * SIPp's exit status and statistics checked, and the bridge's pcap read back with sim/capture. The
 * usage errors run in process.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bridgeCommand } from '@/cli/commands/bridge';
import type { CommandIo } from '@/cli/io';
import { readCapture } from '@/sim/capture';

const root = path.resolve(__dirname, '../..');
const FIXTURES = path.join(root, 'test/fixtures/bridge');
const HAS_SIPP = spawnSync('sipp', ['-v'], { stdio: 'ignore' }).error === undefined;

function memoryIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readFile: () => Promise.reject(new Error('not used')),
  };
  return { io, out, err };
}

describe('sip bridge: usage errors (exit 2, nothing opened)', () => {
  const cases: [string, string[], string][] = [
    ['no scenario', ['--element', 'proxy', '--listen', '127.0.0.1:5070'], 'a SCENARIO is needed'],
    [
      'no element',
      ['registration-digest', '--listen', '127.0.0.1:5070'],
      '--element NAME is needed',
    ],
    [
      'no listen',
      ['registration-digest', '--element', 'registrar'],
      '--listen HOST:PORT is needed',
    ],
    [
      'a host name',
      ['registration-digest', '--element', 'registrar', '--listen', 'localhost:5070'],
      '"localhost" is not an IPv4 address',
    ],
    [
      'an IPv6 address',
      ['registration-digest', '--element', 'registrar', '--listen', '[::1]:5070'],
      'is not an IPv4 address',
    ],
    [
      '0.0.0.0',
      ['registration-digest', '--element', 'registrar', '--listen', '0.0.0.0:5070'],
      '0.0.0.0 is not an address a peer can send to',
    ],
    [
      'no port',
      ['registration-digest', '--element', 'registrar', '--listen', '127.0.0.1'],
      'needs a UDP port after the address',
    ],
    [
      'a port too large',
      ['registration-digest', '--element', 'registrar', '--listen', '127.0.0.1:70000'],
      'needs a UDP port after the address',
    ],
    [
      'an unknown element',
      ['registration-digest', '--element', 'bob', '--listen', '127.0.0.1:0'],
      'no element is named "bob" in registration-digest (its elements: alice, registrar)',
    ],
    [
      'an address another element has',
      ['registration-digest', '--element', 'registrar', '--listen', '10.0.0.10:5060'],
      'alice already listens on 10.0.0.10:5060',
    ],
    [
      'a bad duration',
      [
        'registration-digest',
        '--element',
        'registrar',
        '--listen',
        '127.0.0.1:0',
        '--duration',
        '-1',
      ],
      '--duration needs a number of seconds above 0, at most 86400 (got "-1")',
    ],
    [
      'a zero duration',
      [
        'registration-digest',
        '--element',
        'registrar',
        '--listen',
        '127.0.0.1:0',
        '--duration',
        '0',
      ],
      '--duration needs a number of seconds above 0',
    ],
    [
      'an unknown option',
      ['registration-digest', '--element', 'registrar', '--listen', '127.0.0.1:0', '--json'],
      'unknown option --json',
    ],
    [
      'an unknown scenario',
      ['no-such-scenario', '--element', 'registrar', '--listen', '127.0.0.1:0'],
      '"no-such-scenario" is neither a built-in scenario',
    ],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const { io, out, err } = memoryIo();
      expect(await bridgeCommand(args, io)).toBe(2);
      expect(out).toEqual([]);
      expect(err.join('\n')).toContain(message);
    });
  }

  it('--help prints the usage and exits 0', async () => {
    const { io, out } = memoryIo();
    expect(await bridgeCommand(['--help'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/^usage: npm run sip -- bridge SCENARIO --element NAME/);
  });

  it('a port already taken is not a usage error: exit 1, with the reason', async () => {
    const taken = createSocket('udp4');
    await new Promise<void>((r) => taken.bind(0, '127.0.0.1', () => r()));
    const port = taken.address().port;
    try {
      const { io, err } = memoryIo();
      const args = [
        'registration-digest',
        '--element',
        'registrar',
        '--listen',
        `127.0.0.1:${port}`,
      ];
      expect(await bridgeCommand(args, io)).toBe(1);
      expect(err.join('\n')).toContain(`cannot listen on UDP 127.0.0.1:${port}: bind EADDRINUSE`);
    } finally {
      taken.close();
    }
  });
});

/** A UDP port nobody uses now (the kernel's choice). */
async function freePort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The bridge as a child process (node + tsx, as `npm run sip -- bridge` runs it). */
function startBridge(args: string[]): {
  child: ChildProcess;
  listening: Promise<void>;
  exited: Promise<Exit>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/sip.ts', 'bridge', ...args], {
    cwd: root,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  const listening = new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (/listens on UDP/.test(stderr)) resolve();
    });
    void exited.then((e) => reject(new Error(`the bridge exited (${e.code}): ${e.stderr}`)));
  });
  return { child, listening, exited };
}

interface SippRun {
  code: number;
  stdout: string;
  /** SIPp's -trace_stat counters at the end ("SuccessfulCall(C)" → "1"). */
  stats: Record<string, string>;
}

/** Runs sipp in its own directory (its -trace_stat file lands there). */
function sipp(args: string[]): Promise<SippRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sip-bridge-sipp-'));
  return new Promise((resolve, reject) => {
    execFile(
      'sipp',
      [...args, '-nostdin', '-trace_stat'],
      { cwd: dir, timeout: 25_000 },
      (error, stdout) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        const csv = readdirSync(dir).find((f) => f.endsWith('.csv'));
        const stats: Record<string, string> = {};
        if (csv !== undefined) {
          const lines = readFileSync(path.join(dir, csv), 'latin1').trim().split('\n');
          const keys = lines[0]!.split(';');
          const values = lines[lines.length - 1]!.split(';');
          keys.forEach((k, i) => (stats[k] = values[i] ?? ''));
        }
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stats });
      },
    );
  });
}

/** SIPp's final statistics screen says one call succeeded and none failed. */
function expectOneSuccessfulCall(run: SippRun): void {
  expect(run.stdout).toMatch(/Successful call\s+\|\s+\d+\s+\|\s+1\s/);
  expect(run.stdout).toMatch(/Failed call\s+\|\s+\d+\s+\|\s+0\s/);
  expect(run.stats['SuccessfulCall(C)']).toBe('1');
  expect(run.stats['FailedCall(C)']).toBe('0');
  expect(run.code).toBe(0);
}

function capture(file: string) {
  const result = readCapture(new Uint8Array(readFileSync(file)));
  expect(result.problems).toEqual([]);
  return result.messages.map((m) => `${m.source} → ${m.destination} ${m.firstLine}`);
}

const tmp = mkdtempSync(path.join(tmpdir(), 'sip-bridge-'));

describe.skipIf(!HAS_SIPP)(
  'sip bridge with SIPp (sipp not installed: apt-get install sip-tester)',
  () => {
    it(
      'SIPp registers with the bridged registrar of registration-digest: 401, then 200 with digest',
      { timeout: 30_000 },
      async () => {
        const [p, s] = [await freePort(), await freePort()];
        const pcap = path.join(tmp, 'register.pcap');
        const bridge = startBridge([
          'registration-digest',
          '--element',
          'registrar',
          '--listen',
          `127.0.0.1:${p}`,
          '--duration',
          '3',
          '--pcap',
          pcap,
        ]);
        await bridge.listening;
        const run = await sipp([
          '-sf',
          path.join(FIXTURES, 'register.xml'),
          '-i',
          '127.0.0.1',
          '-p',
          String(s),
          '-m',
          '1',
          '-timeout',
          '10',
          `127.0.0.1:${p}`,
        ]);
        expectOneSuccessfulCall(run);
        const end = await bridge.exited;
        expect(end.code).toBe(0);
        expect(end.stderr).toContain('bridge ended (duration)');
        expect(end.stdout).toContain(`127.0.0.1:${s} → registrar REGISTER`);
        const [sim, real] = [`127.0.0.1:${p}`, `127.0.0.1:${s}`];
        expect(capture(pcap)).toEqual([
          // The simulated phone registers at 0 s, over the links of the simulation...
          `10.0.0.10:5060 → ${sim} REGISTER sip:a.example.com SIP/2.0`,
          `${sim} → 10.0.0.10:5060 SIP/2.0 401 Unauthorized`,
          `10.0.0.10:5060 → ${sim} REGISTER sip:a.example.com SIP/2.0`,
          `${sim} → 10.0.0.10:5060 SIP/2.0 200 OK`,
          // ... and SIPp over the real socket.
          `${real} → ${sim} REGISTER sip:a.example.com SIP/2.0`,
          `${sim} → ${real} SIP/2.0 401 Unauthorized`,
          `${real} → ${sim} REGISTER sip:a.example.com SIP/2.0`,
          `${sim} → ${real} SIP/2.0 200 OK`,
        ]);
      },
    );

    it(
      "SIPp's uac calls Bob's simulated phone through the bridged stateful proxy; SIGTERM ends the bridge",
      { timeout: 30_000 },
      async () => {
        const [p, s] = [await freePort(), await freePort()];
        const pcap = path.join(tmp, 'uac.pcap');
        const bridge = startBridge([
          path.join(FIXTURES, 'sipp-calls-ua.json'),
          '--element',
          'proxy',
          '--listen',
          `127.0.0.1:${p}`,
          '--duration',
          '20',
          '--pcap',
          pcap,
        ]);
        await bridge.listening;
        const run = await sipp([
          '-sn',
          'uac',
          '-s',
          'bob',
          '-i',
          '127.0.0.1',
          '-p',
          String(s),
          '-m',
          '1',
          '-d',
          '500',
          '-timeout',
          '15',
          `127.0.0.1:${p}`,
        ]);
        expectOneSuccessfulCall(run);
        bridge.child.kill('SIGTERM');
        const end = await bridge.exited;
        expect(end.code).toBe(0);
        expect(end.stderr).toContain('bridge ended (SIGTERM)');
        const [sim, real, bob] = [`127.0.0.1:${p}`, `127.0.0.1:${s}`, '10.0.0.20:5060'];
        expect(capture(pcap)).toEqual([
          `${real} → ${sim} INVITE sip:bob@127.0.0.1:${p} SIP/2.0`,
          `${sim} → ${real} SIP/2.0 100 Trying`,
          `${sim} → ${bob} INVITE sip:bob@10.0.0.20 SIP/2.0`,
          `${bob} → ${sim} SIP/2.0 180 Ringing`,
          `${sim} → ${real} SIP/2.0 180 Ringing`,
          `${bob} → ${sim} SIP/2.0 200 OK`,
          `${sim} → ${real} SIP/2.0 200 OK`,
          `${real} → ${sim} ACK sip:bob@127.0.0.1:${p} SIP/2.0`,
          `${sim} → ${bob} ACK sip:bob@10.0.0.20 SIP/2.0`,
          `${real} → ${sim} BYE sip:bob@127.0.0.1:${p} SIP/2.0`,
          `${sim} → ${bob} BYE sip:bob@10.0.0.20 SIP/2.0`,
          `${bob} → ${sim} SIP/2.0 200 OK`,
          `${sim} → ${real} SIP/2.0 200 OK`,
        ]);
      },
    );

    it(
      "SIPp's uas answers a call a simulated phone places through the bridged proxy",
      { timeout: 30_000 },
      async () => {
        const [p, s] = [await freePort(), await freePort()];
        // The fixture's binding points at 127.0.0.1:5090; this run's SIPp listens on a free port.
        const scenario = JSON.parse(
          readFileSync(path.join(FIXTURES, 'ua-calls-sipp.json'), 'utf8'),
        ) as {
          elements: { name: string; bindings?: { contact: string }[] }[];
        };
        const registrar = scenario.elements.find((e) => e.name === 'registrar')!;
        registrar.bindings![0]!.contact = `sip:sipp@127.0.0.1:${s}`;
        const file = path.join(tmp, 'ua-calls-sipp.json');
        writeFileSync(file, JSON.stringify(scenario));
        const pcap = path.join(tmp, 'uas.pcap');
        // SIPp listens first: the simulated phone calls 1 s after the bridge starts.
        const answering = sipp([
          '-sn',
          'uas',
          '-i',
          '127.0.0.1',
          '-p',
          String(s),
          '-m',
          '1',
          '-timeout',
          '20',
        ]);
        const bridge = startBridge([
          file,
          '--element',
          'proxy',
          '--listen',
          `127.0.0.1:${p}`,
          '--duration',
          '4',
          '--pcap',
          pcap,
        ]);
        await bridge.listening;
        const end = await bridge.exited;
        expect(end.code).toBe(0);
        expect(end.stdout).toMatch(new RegExp(`proxy → 127\\.0\\.0\\.1:${s} +INVITE`));
        expectOneSuccessfulCall(await answering);
        const [sim, real, alice] = [`127.0.0.1:${p}`, `127.0.0.1:${s}`, '10.0.0.10:5060'];
        const lines = capture(pcap);
        expect(lines).toEqual([
          `${alice} → ${sim} INVITE sip:sipp@b.example.com SIP/2.0`,
          `${sim} → ${alice} SIP/2.0 100 Trying`,
          `${sim} → ${real} INVITE sip:sipp@127.0.0.1:${s} SIP/2.0`,
          `${real} → ${sim} SIP/2.0 180 Ringing`,
          `${sim} → ${alice} SIP/2.0 180 Ringing`,
          `${real} → ${sim} SIP/2.0 200 OK`,
          `${sim} → ${alice} SIP/2.0 200 OK`,
          // SIPp's 200 OK has no Record-Route: Alice's ACK and BYE go to its Contact, through the socket.
          `${alice} → ${real} ACK sip:127.0.0.1:${s};transport=UDP SIP/2.0`,
          `${alice} → ${real} BYE sip:127.0.0.1:${s};transport=UDP SIP/2.0`,
          // SIPp answers the socket; the 200 OK goes to Alice, whose Via is on top.
          `${real} → ${alice} SIP/2.0 200 OK`,
        ]);
      },
    );
  },
);
