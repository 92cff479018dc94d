// The RFC check of captures (sim/session captureFindings) gives exactly the findings it gave before
// the engine was made linear on long captures: every finding of each fixture capture, and a hash of
// the findings of one capture repeated to 1 MiB (new Call-IDs, the same branches in every copy: what
// made per-message scans quadratic). The golden file was written by the engine before that change.
// Since then one rule was relabelled on purpose: digest-uri is a SHOULD of RFC 2617 §3.2.2 (RFC 3261
// §22.4 item 6 lets a SIP server accept another uri); its entries and the hash were updated, nothing else.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCapture } from '@/sim/capture';
import { captureFindings } from '@/sim/session';
import { bigCapture } from '../../e2e/big-capture';

const CAPTURES = join(import.meta.dirname, '../../fixtures/captures');
const golden = JSON.parse(
  readFileSync(join(import.meta.dirname, 'capture-findings.golden.json'), 'utf8'),
) as Record<string, unknown>;

function check(bytes: Uint8Array) {
  return captureFindings(readCapture(bytes).messages.filter((m) => m.error === undefined));
}

describe('captureFindings on captures', () => {
  const files = readdirSync(CAPTURES).filter((f) => /\.pcap(ng)?$/.test(f));
  it('has a golden entry for every fixture capture', () => {
    expect(
      Object.keys(golden)
        .filter((k) => !k.includes(' '))
        .sort(),
    ).toEqual(files.sort());
  });
  for (const f of files)
    it(`finds exactly what it found before in ${f}`, () => {
      expect(check(new Uint8Array(readFileSync(join(CAPTURES, f))))).toEqual(golden[f]);
    });
  it('finds exactly what it found before in a capture repeated to 1 MiB', () => {
    const zeek = new Uint8Array(readFileSync(join(CAPTURES, 'zeek-sip-wireshark.pcap')));
    const findings = check(new Uint8Array(bigCapture(zeek, 1024 * 1024).bytes));
    expect({
      count: findings.length,
      sha256: createHash('sha256').update(JSON.stringify(findings)).digest('hex'),
    }).toEqual(golden['zeek-sip-wireshark.pcap repeated to 1 MiB']);
  });
});
