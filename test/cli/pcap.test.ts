/**
 * The pcap files of `sip run --pcap` as Wireshark reads them: tshark (Debian's package, installed by
 * .ci/run) decodes every datagram of every built-in scenario as SIP, with no malformed frame.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinNames, builtinScenario } from '@/sim/scenario';
import { runScenario } from '@/cli/commands/run';
import { tracePcap } from '@/sim/capture';

const dir = mkdtempSync(join(tmpdir(), 'sip-pcap-'));

function tshark(args: string[]): string {
  return execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// tshark takes a second or more to start on a loaded machine: give each file time.
describe('pcap files read by tshark', { timeout: 60_000 }, () => {
  it('tshark is installed (.ci/run installs it)', () => {
    expect(tshark(['--version'])).toMatch(/TShark/);
  });

  for (const name of builtinNames()) {
    it(`${name}: every datagram decodes as SIP, none malformed`, () => {
      const events = runScenario(builtinScenario(name)!);
      const sent = events.filter((e) => e.type === 'send');
      const file = join(dir, `${name}.pcap`);
      writeFileSync(file, tracePcap(events));
      const frames = tshark(['-r', file, '-T', 'fields', '-e', 'frame.protocols'])
        .trim()
        .split('\n');
      expect(frames).toHaveLength(sent.length);
      for (const f of frames) expect(f).toMatch(/:udp:sip/);
      const malformed = tshark([
        '-r',
        file,
        '-Y',
        '_ws.malformed || _ws.expert.severity >= warning',
      ]).trim();
      expect(malformed).toBe('');
      // The first request line as tshark reads it matches what the simulation sent.
      const first = tshark([
        '-r',
        file,
        '-c',
        '1',
        '-T',
        'fields',
        '-e',
        'sip.Method',
        '-e',
        'sip.Status-Code',
      ]).trim();
      expect(first.split('\t').filter(Boolean)[0]).toBe(String(sent[0]!.method ?? sent[0]!.status));
    });
  }
});
