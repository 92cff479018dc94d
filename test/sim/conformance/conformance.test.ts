/**
 * Conformance off the scripted path: random networks, timelines, latencies and losses (world.ts), each
 * run to its end. Whatever happens, the simulation throws nothing, every transaction ends, every dialog
 * ends or is still confirmed at the end. Fixed seed in CI; a long run by hand:
 *   CONFORMANCE_RUNS=2000 CONFORMANCE_SEED=7 npx vitest run test/sim/conformance
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemsOf } from './problems';
import { worldArb } from './world';

const RUNS = Number(process.env.CONFORMANCE_RUNS ?? 40);
const SEED = Number(process.env.CONFORMANCE_SEED ?? 3261);

describe('random networks (RFC 3261 off the scripted path)', () => {
  it('never throw, end every transaction, leave no early dialog, and break no MUST of the RFCs', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        expect(problemsOf(world)).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);
});
