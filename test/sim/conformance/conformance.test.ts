/**
 * Conformance off the scripted path: random networks, timelines, latencies and losses (world.ts), each
 * run to its end. Whatever happens, the simulation throws nothing, every transaction ends, every dialog
 * ends or is still confirmed at the end. Fixed seed in CI; a long run by hand:
 *   CONFORMANCE_RUNS=2000 CONFORMANCE_SEED=7 npx vitest run test/sim/conformance
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, parseScenario } from '../../../sim/scenario';
import { scenarioOf, worldArb, type World } from './world';

const RUNS = Number(process.env.CONFORMANCE_RUNS ?? 40);
const SEED = Number(process.env.CONFORMANCE_SEED ?? 3261);

/** Everything that is wrong with one run, as sentences (empty when it conforms). */
export function problemsOf(world: World): string[] {
  const scenario = parseScenario(scenarioOf(world));
  const sim = new Simulation(scenario);
  sim.run();
  const problems: string[] = [];
  if (sim.failure) problems.push(`exception: ${sim.failure.error} at step ${sim.failure.step}`);
  if (sim.steps >= scenario.maxSteps) problems.push('the run hit its step limit');
  const snapshot = sim.snapshot();
  for (const e of snapshot.elements) {
    for (const t of e.transactions) problems.push(`transaction never ended: ${t.id} in ${t.state}`);
    for (const d of e.dialogs)
      if (d.state === 'early') problems.push(`dialog left early: ${e.name} ${d.id}`);
  }
  return problems;
}

describe('random networks (RFC 3261 off the scripted path)', () => {
  it('never throw, end every transaction, and leave no early dialog', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        expect(problemsOf(world)).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);
});
