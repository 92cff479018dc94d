/**
 * The session: back and go-to show exactly the views that step showed (each step's snapshot is kept,
 * never approximated); a change to the scenario replays it from the same seed and keeps the
 * position; every built-in runs to its end.
 */
import { describe, expect, it } from 'vitest';
import { builtinNames } from '../../../sim/scenario';
import { Session, applyChange, type SessionView } from '../../../sim/session';
import { builtin, drops, ladder, run } from '../helpers/trace';

function views(session: Session, steps: number): SessionView[] {
  const out = [session.view()];
  for (let i = 0; i < steps && session.step(); i++) out.push(session.view());
  return out;
}

describe('Session: step, back, goTo', () => {
  it('starts before anything happened', () => {
    const s = new Session(builtin('cancel'));
    const v = s.view();
    expect(v.position).toBe(0);
    expect(v.time).toBe(0);
    expect(v.events).toEqual([]);
    expect(v.stepEvents).toEqual([]);
    expect(v.finished).toBe(false);
    expect(v.snapshot.elements.map((e) => e.name)).toEqual(['alice', 'proxy', 'bob', 'registrar']);
    expect(s.back()).toBe(false);
  });

  it('back and goTo give exactly the views that step gave', () => {
    const s = new Session(builtin('cancel'));
    const seen = views(s, 20);
    expect(seen).toHaveLength(21);
    const json = seen.map((v) => JSON.stringify(v));
    for (let i = 20; i > 0; i--) {
      expect(s.back()).toBe(true);
      expect(JSON.stringify(s.view())).toBe(json[i - 1]);
    }
    for (const n of [7, 3, 20, 0, 12]) {
      expect(s.goTo(n)).toBe(n);
      expect(JSON.stringify(s.view())).toBe(json[n]);
    }
    // Stepping forward again over recorded steps replays them, it does not run new ones.
    s.goTo(5);
    expect(s.step()).toBe(true);
    expect(JSON.stringify(s.view())).toBe(json[6]);
    expect(s.recorded).toBe(20);
  });

  it('stepEvents are the events that step added, and together they are the trace', () => {
    const s = new Session(builtin('forking'));
    const all: SessionView['events'] = [];
    while (s.step()) {
      const v = s.view();
      expect(v.events.slice(v.events.length - v.stepEvents.length)).toEqual(v.stepEvents);
      all.push(...v.stepEvents);
    }
    expect(all).toEqual(run(builtin('forking')).trace);
    // Each step is one event of the clock: the first is Alice's action, at 0 ms, with what it set off.
    s.goTo(1);
    const first = s.view().stepEvents;
    expect(first.map((e) => e.type)).toEqual([
      'action',
      'dns',
      'state',
      'timer-start',
      'timer-start',
    ]);
    expect(new Set(first.map((e) => e.time))).toEqual(new Set([0]));
  });

  it('goTo past the end stops at the last step; stepTimes lists each step’s time', () => {
    const s = new Session(builtin('registration'));
    const last = s.goTo(10_000);
    expect(last).toBe(s.recorded);
    expect(s.view().finished).toBe(true);
    expect(s.step()).toBe(false);
    const times = s.stepTimes();
    expect(times).toHaveLength(last);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});

describe('Session: runToEnd on every built-in', () => {
  // A session keeps every step's snapshot: busy-office (3500 steps) takes seconds, hence the timeout.
  it.each(builtinNames())('%s', { timeout: 60_000 }, (name) => {
    const s = new Session(builtin(name));
    const n = s.runToEnd();
    const sim = run(builtin(name));
    const v = s.view();
    expect(n).toBe(sim.steps);
    expect(v.position).toBe(n);
    expect(v.finished).toBe(true);
    // Compared as JSON: the long runs have thousands of events.
    expect(JSON.stringify(v.events)).toBe(JSON.stringify(sim.trace));
    expect(JSON.stringify(v.snapshot)).toBe(JSON.stringify(sim.snapshot()));
    expect(v.time).toBe(sim.time);
  });
});

describe('Session: change replays from the seed and keeps the position', () => {
  it('turning Record-Route on puts the proxy on the BYE’s path', () => {
    const s = new Session(builtin('bye-no-record-route'));
    s.goTo(12);
    const before = s.view();
    s.change({ element: { name: 'proxy', settings: { recordRoute: true } } });
    expect(s.position).toBe(12);
    expect(s.scenario.elements.find((e) => e.name === 'proxy')).toMatchObject({
      recordRoute: true,
    });
    // The view at 12 is the changed scenario's own view at 12, from scratch.
    const fresh = new Session(
      applyChange(builtin('bye-no-record-route'), {
        element: { name: 'proxy', settings: { recordRoute: true } },
      }),
    );
    fresh.goTo(12);
    expect(JSON.stringify(s.view())).toBe(JSON.stringify(fresh.view()));
    expect(JSON.stringify(s.view())).not.toBe(JSON.stringify(before));
    s.runToEnd();
    expect(ladder(s.view().events).filter(([, , what]) => what === 'BYE')).toEqual([
      ['alice', 'proxy', 'BYE'],
      ['proxy', 'bob', 'BYE'],
    ]);
    expect(s.view().snapshot.elements.find((e) => e.name === 'proxy')?.settings.recordRoute).toBe(
      true,
    );
  });

  it('adding a fault drops the first INVITE and Timer A resends it', () => {
    const s = new Session(builtin('bye-no-record-route'));
    s.goTo(4);
    s.change({ faults: [{ from: 'alice', method: 'INVITE', count: 1 }] });
    expect(s.position).toBe(4);
    s.runToEnd();
    expect(drops(s.view().events)).toEqual([['alice', 'proxy', 'INVITE']]);
    expect(ladder(s.view().events).slice(0, 3)).toEqual([
      ['alice', 'proxy', 'INVITE'],
      ['alice', 'proxy', 'INVITE'],
      ['proxy', 'alice', 100],
    ]);
    // Removing the fault again gives back the original run.
    s.change({ faults: [] });
    expect(s.view().events).toEqual(run(builtin('bye-no-record-route')).trace);
  });

  it('a link’s loss changes what is lost, the same way every time', () => {
    const lossy = (): Session => {
      const s = new Session(builtin('message'));
      s.change({ link: { a: 'alice', b: 'proxy', loss: 0.5 } });
      s.runToEnd();
      return s;
    };
    const a = lossy().view();
    const b = lossy().view();
    expect(JSON.stringify(a.events)).toBe(JSON.stringify(b.events));
    expect(a.snapshot.links.find((l) => l.a === 'alice' && l.b === 'proxy')?.loss).toBe(0.5);
  });
});
