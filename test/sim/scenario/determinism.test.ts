/**
 * The simulation is deterministic: one scenario and one seed give the same run, byte for byte; another
 * seed gives other tags, branches and Call-IDs (all drawn from the seeded generator) but, with no
 * random loss in the scenario, the same ladder at the same times.
 */
import { describe, expect, it } from 'vitest';
import { builtinNames } from '../../../sim/scenario';
import { builtin, ladder, run, sends } from '../helpers/trace';

describe('determinism', () => {
  // busy-office runs 3500 steps three times: allow for a loaded machine.
  it.each(builtinNames())('%s', { timeout: 60_000 }, (name) => {
    const scenario = builtin(name);
    const a = run(scenario);
    const b = run(builtin(name));
    // Same seed: byte-identical traces and element states.
    expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace));
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
    // Another seed: other identifiers, the same ladder at the same times.
    const c = run({ ...scenario, seed: `${String(scenario.seed)}-other` }).trace;
    expect(ladder(c)).toEqual(ladder(a.trace));
    expect(sends(c).map((e) => e.time)).toEqual(sends(a.trace).map((e) => e.time));
    const [first, other] = [sends(a.trace)[0]!, sends(c)[0]!];
    expect(other.branch).not.toBe(first.branch);
    expect(other.callId).not.toBe(first.callId);
    expect(other.raw).not.toBe(first.raw);
  });
});
