// The machine catalogue (RFC 3261 §17 Figures 5–8, §12): every machine an element runs has a drawing,
// and every transition a run takes is an edge of that drawing (the drawing cannot disagree with the
// behaviour).
import { describe, expect, it } from 'vitest';
import { machineGraphOf, machineIds } from '../../../sim/elements';
import { BUILTIN_SCENARIOS, Simulation } from '../../../sim/scenario';

describe('machine catalogue', () => {
  it('draws Figure 5 with the RFC labels', () => {
    const g = machineGraphOf('INVITE client transaction')!;
    expect(g.states.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Calling', 'Proceeding', 'Completed', 'Accepted', 'Terminated']),
    );
    const timerA = g.edges.find((e) => e.source === 'Calling' && e.event === 'timer.A');
    expect(timerA?.target).toBe('Calling');
    expect(timerA?.label).toBe('Timer A fires / Reset A, INVITE sent');
  });

  it('knows each id once, and nothing else', () => {
    const ids = machineIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(machineGraphOf('no such machine')).toBeUndefined();
  });

  it.each([
    'lost-invite',
    'call-trapezoid',
    'forking',
    'cancel',
    'registration',
    'subscribe-notify',
  ])('%s: every machine instance has a drawing with its state and the edges it took', (name) => {
    const sim = new Simulation(structuredClone(BUILTIN_SCENARIOS.get(name)!));
    let seen = 0;
    for (let r = sim.step(); r !== undefined; r = sim.step()) {
      for (const el of sim.elements) {
        for (const m of el.state().machines ?? []) {
          const g = machineGraphOf(m.machine);
          expect(g, m.machine).toBeDefined();
          expect(g!.states.map((s) => s.path)).toContain(m.state);
          const ids = new Set(g!.edges.map((e) => e.id));
          for (const edge of m.last?.edges ?? [])
            expect(ids, `${m.machine} ${edge}`).toContain(edge);
          seen++;
        }
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});
