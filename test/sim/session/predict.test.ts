/**
 * The words a lesson shows around a simulation: the moment a prediction pauses at
 * (describeMoment) and the user actions of a timeline, as the trace records them.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, Simulation } from '@/sim/scenario';
import { describeMoment, findEvent } from '@/sim/session';

function traceOf(name: string): Simulation['trace'] {
  const sim = new Simulation(structuredClone(BUILTIN_SCENARIOS.get(name)!));
  sim.run();
  return sim.trace;
}

describe('describeMoment', () => {
  it('says who sent what to whom, who received it, and what was lost', () => {
    const lost = traceOf('lost-invite');
    const sent = findEvent(lost, { element: 'alice', type: 'send', method: 'INVITE', nth: 1 })!;
    expect(describeMoment(sent)).toBe('alice sent INVITE to proxy');
    const again = findEvent(lost, { element: 'alice', type: 'send', method: 'INVITE', nth: 2 })!;
    expect(describeMoment(again)).toBe('alice sent INVITE again to proxy');
    const drop = findEvent(lost, { type: 'drop', method: 'INVITE' })!;
    expect(describeMoment(drop)).toBe('INVITE from alice was lost on the way');
    const registration = traceOf('registration');
    const received = findEvent(registration, { element: 'registrar', type: 'receive' })!;
    expect(describeMoment(received)).toBe('registrar received REGISTER from alice');
  });
});

describe('user actions in the trace', () => {
  it('are each named in words, never "alice: bye"', () => {
    const details = new Set<string>();
    // The scenarios of the lessons whose timelines hold calls, hang-ups, cancels and subscriptions.
    const names = ['call-trapezoid', 'cancel', 'busy', 'bye-record-route', 'subscribe-notify'];
    for (const name of names) {
      for (const e of traceOf(name)) if (e.type === 'action') details.add(e.detail);
    }
    expect(details.size).toBeGreaterThan(3);
    for (const d of details) expect(d, d).not.toMatch(/^[\w-]+: [\w-]+$/);
    expect(details).toContain('alice hangs up (BYE)');
    expect(details).toContain('alice gives up the call before it is answered (CANCEL)');
  });
});
