/**
 * The move of the elements' behaviour into XState machines changed nothing: every built-in scenario's
 * JSON trace is byte-identical to the one recorded before the move (test/fixtures/traces/, see
 * SOURCES.md), and so is every element's state (its text view) after every step; a fixed sample of
 * random conformance worlds gives the same trace and state digests too.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../../sim/scenario';
import { digestRun, sampleWorlds, traceJson, type RunDigest } from '../helpers/behaviour';

const dir = new URL('../../fixtures/traces/', import.meta.url);
const digests = JSON.parse(readFileSync(new URL('digests.json', dir), 'utf8')) as {
  builtins: Record<string, RunDigest>;
  worlds: RunDigest[];
};

function recordedTrace(name: string): string {
  try {
    return readFileSync(new URL(`${name}.json`, dir), 'utf8');
  } catch {
    return gunzipSync(readFileSync(new URL(`${name}.json.gz`, dir))).toString('utf8');
  }
}

describe('built-in scenarios behave as before the machines', () => {
  it('has a recording of every built-in', () => {
    expect(Object.keys(digests.builtins).sort()).toEqual([...BUILTIN_SCENARIOS.keys()].sort());
  });

  it.each([...BUILTIN_SCENARIOS.keys()])('%s', { timeout: 120_000 }, (name) => {
    const { sim, digest } = digestRun(structuredClone(BUILTIN_SCENARIOS.get(name)!));
    const json = traceJson(sim);
    const before = recordedTrace(name);
    if (json !== before) {
      // Name the first event that differs, not a 4 MB diff.
      const now = JSON.parse(json) as unknown[];
      const then = JSON.parse(before) as unknown[];
      const i = now.findIndex((e, k) => JSON.stringify(e) !== JSON.stringify(then[k]));
      expect({ index: i, event: now[i] }).toEqual({ index: i, event: then[i] });
    }
    expect(json.length).toBe(before.length);
    expect(json === before).toBe(true);
    expect(digest).toEqual(digests.builtins[name]);
  });
});

describe('random conformance worlds behave as before the machines', () => {
  it('gives the same trace and states for each sampled world', { timeout: 600_000 }, () => {
    const worlds = sampleWorlds();
    expect(worlds.length).toBe(digests.worlds.length);
    const changed = worlds
      .map((s, i) => ({ i, seed: s.seed, digest: digestRun(s).digest }))
      .filter(({ i, digest }) => JSON.stringify(digest) !== JSON.stringify(digests.worlds[i]))
      .map(({ i, seed }) => `world ${i} (seed ${String(seed)})`);
    expect(changed).toEqual([]);
  });
});
