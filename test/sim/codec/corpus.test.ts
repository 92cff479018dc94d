/**
 * The shared corpus (test/fixtures/corpus/manifest.json): every message gets the verdict the manifest
 * expects, through the same code path as `sip check` (verdictFor and lineFor of cli/commands/check).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineFor, verdictFor } from '@/cli/commands/check';

interface CorpusCase {
  file: string;
  source: string;
  expect: 'accept' | 'reject' | 'either';
  status?: number;
}

const dir = path.resolve(__dirname, '../../fixtures/corpus');
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
  cases: CorpusCase[];
};

describe('corpus manifest', () => {
  it('lists 74 distinct files', () => {
    expect(manifest.cases).toHaveLength(74);
    expect(new Set(manifest.cases.map((c) => c.file)).size).toBe(74);
  });
});

describe('corpus verdicts (as `sip check` reaches them)', () => {
  it.each(manifest.cases)('$file ($source): $expect', (c) => {
    const bytes = readFileSync(path.join(dir, c.file));
    const verdict = verdictFor(bytes);
    const line = lineFor(c.file, verdict);
    if (!('verdict' in line)) throw new Error('a verdict line has no verdict');
    if (c.expect !== 'either') expect(line.verdict).toBe(c.expect);
    if (line.verdict === 'reject') {
      expect(line.status).toBeGreaterThanOrEqual(400);
      expect(line.reason.length).toBeGreaterThan(0);
      if (c.status !== undefined) expect(line.status).toBe(c.status);
    } else {
      expect(verdict.verdict).toBe('accept');
    }
  });
});
