/**
 * The session behind the worker boundary: a jump far into a long run answers with one slice of the
 * trace, and the page gets the rest slice by slice (trace()), the same events a full run records;
 * after a change of the scenario, the old revision's slices are no longer handed out.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../sim/network';
import { Session, SessionHost, TRACE_SLICE } from '../../../sim/session';
import { builtin } from '../helpers/trace';

function assemble(host: SessionHost, revision: number, first: TraceEvent[], count: number) {
  const trace = [...first];
  let answers = 0;
  while (trace.length < count) {
    const more = host.trace(revision, trace.length, count);
    answers++;
    expect(more.length).toBeGreaterThan(0);
    expect(more.length).toBeLessThanOrEqual(TRACE_SLICE);
    trace.push(...more);
  }
  return { trace, answers };
}

describe('SessionHost: the trace in slices', () => {
  it('a jump to step 2000 of busy-office crosses in slices that add up to the full run’s trace', () => {
    const host = new SessionHost();
    const u = host.open(builtin('busy-office'), 2000);
    expect(u.position).toBe(2000);
    expect(u.traceFrom).toBe(0);
    expect(u.eventCount).toBeGreaterThan(2 * TRACE_SLICE);
    expect(u.traceEvents).toHaveLength(TRACE_SLICE);
    const { trace, answers } = assemble(host, u.revision, u.traceEvents, u.eventCount);
    expect(answers).toBe(Math.ceil(u.eventCount / TRACE_SLICE) - 1);
    const full = new Session(builtin('busy-office'));
    full.goTo(2000);
    expect(JSON.stringify(trace)).toBe(JSON.stringify(full.trace.slice(0, u.eventCount)));
  });

  it('a short step sends only the events the page does not have', () => {
    const host = new SessionHost();
    const u = host.open(builtin('cancel'), 3);
    expect(u.traceEvents).toHaveLength(u.eventCount);
    const next = host.goTo(4, u.revision, u.eventCount);
    expect(next.traceFrom).toBe(u.eventCount);
    expect(next.traceEvents.map((e) => e.id)).toEqual(
      Array.from({ length: next.eventCount - u.eventCount }, (_, i) => u.eventCount + i),
    );
  });

  it('hands out no slice of a revision the scenario has left', () => {
    const host = new SessionHost();
    const u = host.open(builtin('busy-office'), 2000);
    const changed = host.change({ faults: [{ datagram: 3, name: 'test' }] });
    expect(changed.revision).toBe(u.revision + 1);
    expect(host.trace(u.revision, TRACE_SLICE, u.eventCount)).toEqual([]);
    expect(host.trace(changed.revision, 0, 10).map((e) => e.id)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  });
});

describe('SessionHost: a change replays to the step the page shows', () => {
  it('with the page’s step given, the run is replayed there, wherever the host stood since', () => {
    const host = new SessionHost();
    const opened = host.open(builtin('call-trapezoid'), 6);
    // The page asked for the steps around it ahead of the reader: the host now stands at step 5.
    host.goTo(7, opened.revision, opened.eventCount);
    host.goTo(5, opened.revision, opened.eventCount);
    const changed = host.change({ faults: [{ datagram: 1, name: 'lost' }] }, 6);
    expect(changed.position).toBe(6);
    expect(changed.revision).toBe(opened.revision + 1);
    // The same run as a fresh session with the change, at step 6.
    const fresh = new Session(builtin('call-trapezoid'));
    fresh.change({ faults: [{ datagram: 1, name: 'lost' }] });
    fresh.goTo(6);
    expect(changed.eventCount).toBe(fresh.viewAt(6).eventCount);
    // Without a step, the host's own step is kept.
    const again = host.change({ faults: [] });
    expect(again.position).toBe(6);
  });
});
