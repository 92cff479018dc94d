/**
 * The session keeps, per step, only the states of the elements the step touched, and a checkpoint every
 * K steps. Its view of any step must be exactly what a simulation run to that step shows — for every
 * built-in scenario and for random networks, at every step, reached forward and backward.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, Simulation, parseScenario, type Scenario } from '../../../sim/scenario';
import { CHECKPOINT_EVERY, Session } from '../../../sim/session';
import { scenarioOf, worldArb } from '../conformance/world';

/** Compares the session's view with a full run's at every `stride`-th step (every step by default). */
function expectSameAtEveryStep(scenario: Scenario, stride = 1): void {
  const session = new Session(scenario);
  const sim = new Simulation(scenario);
  const expected = new Map<number, string>([[0, JSON.stringify(sim.snapshot())]]);
  let n = 0;
  while (sim.step() !== undefined) {
    n++;
    if (n % stride === 0) expected.set(n, JSON.stringify(sim.snapshot()));
  }
  session.runToEnd();
  expect(session.recorded).toBe(n);
  // Backwards, so that every step is reached from a later one.
  for (const [step, json] of [...expected].reverse())
    expect(JSON.stringify(session.snapshotAt(step)), `step ${step} of ${scenario.name}`).toBe(json);
}

describe('compact session history (checkpoints every K steps and per-step changes)', () => {
  it(`keeps a checkpoint every ${CHECKPOINT_EVERY} steps`, () => {
    expect(CHECKPOINT_EVERY).toBeGreaterThan(1);
  });

  for (const [name, scenario] of BUILTIN_SCENARIOS) {
    // busy-office has 3,500 steps: every 7th (a prime, so it falls everywhere between checkpoints).
    const stride = name === 'busy-office' ? 7 : 1;
    it(`${name}: the view of ${stride === 1 ? 'every' : `every ${stride}th`} step equals a run to that step`, () => {
      expectSameAtEveryStep(scenario, stride);
    }, 60_000);
  }

  it('random networks: the view of every step equals a run to that step', () => {
    fc.assert(
      fc.property(worldArb, (world) => expectSameAtEveryStep(parseScenario(scenarioOf(world)))),
      { numRuns: 15, seed: 7 },
    );
  }, 120_000);
});
