/**
 * What "the behaviour did not change" means, made checkable: a run's JSON trace exactly as
 * `npm run sip -- run NAME --json` prints it, and a digest of every element's state after every step
 * (the fields the state panel's text view reads; the machines' diagram data is left out, since it is
 * what the move to machines adds). test/fixtures/traces/ holds both for every built-in scenario and
 * for a fixed sample of random conformance worlds, made before the elements became hosts of machines.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { ElementState } from '../../../sim/elements';
import { Simulation, parseScenario, type Scenario } from '../../../sim/scenario';
import { scenarioOf, worldArb } from '../conformance/world';

/** The trace as the CLI's `run --json` prints it. */
export function traceJson(sim: Simulation): string {
  return JSON.stringify(sim.trace, null, 1);
}

/** An element's state without what the machines add (the diagram's data). */
function textState(state: ElementState): string {
  const { machines: _machines, ...rest } = state as ElementState & { machines?: unknown };
  void _machines;
  return JSON.stringify(rest);
}

export interface RunDigest {
  /** sha256 of the JSON trace. */
  trace: string;
  /** sha256 of the state of each element a step touched, after that step, for every step. */
  states: string;
  steps: number;
}

/** Runs a scenario step by step; returns the run (for its trace) and its digests. */
export function digestRun(scenario: Scenario): { sim: Simulation; digest: RunDigest } {
  const sim = new Simulation(scenario);
  const index = new Map(sim.elements.map((e, i) => [e.name, i]));
  const states = createHash('sha256');
  for (const e of sim.elements) states.update(textState(e.state()));
  for (;;) {
    const r = sim.step();
    if (r === undefined) break;
    const touched = new Set<number>();
    for (const e of r.events) {
      const i = index.get(e.element);
      if (i !== undefined) touched.add(i);
    }
    states.update(`#${r.index} ${r.time} ${r.kind}\n`);
    for (const i of [...touched].sort((a, b) => a - b))
      states.update(textState(sim.elements[i]!.state()));
  }
  const trace = createHash('sha256').update(traceJson(sim)).digest('hex');
  return { sim, digest: { trace, states: states.digest('hex'), steps: sim.steps } };
}

/** The random worlds whose runs the fixtures keep (fast-check's sample, fixed seed). */
export const WORLD_SEED = 6665;
export const WORLD_COUNT = 60;

export function sampleWorlds(): Scenario[] {
  return fc
    .sample(worldArb, { seed: WORLD_SEED, numRuns: WORLD_COUNT })
    .map((w) => parseScenario(scenarioOf(w)));
}
