/**
 * The simulation clock (the STYLE's "one simulation clock owns time"): an event queue ordered by
 * (virtual time, sequence number), so events due at the same millisecond run in the order they were
 * scheduled, including timers set by a handler while it runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockError, EventQueue } from '../../../sim/network';

function drain(q: EventQueue): void {
  while (q.runNext() !== undefined) {
    /* run */
  }
}

describe('EventQueue', () => {
  it('runs items by virtual time, and items due at the same time in the order they were set', () => {
    const q = new EventQueue();
    const log: string[] = [];
    q.setTimeout(() => log.push(`c@${q.now()}`), 30);
    q.setTimeout(() => log.push(`a@${q.now()}`), 10);
    q.setTimeout(() => log.push(`b1@${q.now()}`), 20);
    q.setTimeout(() => log.push(`b2@${q.now()}`), 20);
    q.setTimeout(() => log.push(`b3@${q.now()}`), 20);
    expect(q.size).toBe(5);
    drain(q);
    expect(log).toEqual(['a@10', 'b1@20', 'b2@20', 'b3@20', 'c@30']);
    expect(q.now()).toBe(30);
    expect(q.size).toBe(0);
  });

  it('a timer set inside a handler runs after the items already due at that time', () => {
    const q = new EventQueue();
    const log: string[] = [];
    q.setTimeout(() => {
      log.push('first');
      q.setTimeout(() => log.push('set by first, 0 ms'), 0);
      q.setTimeout(() => log.push('set by first, 5 ms'), 5);
    }, 10);
    q.setTimeout(() => log.push('second, also at 10'), 10);
    q.setTimeout(() => log.push('at 15'), 15);
    drain(q);
    // At 15 ms two items are due: "at 15" was scheduled first, so it runs first.
    expect(log).toEqual([
      'first',
      'second, also at 10',
      'set by first, 0 ms',
      'at 15',
      'set by first, 5 ms',
    ]);
  });

  it('clearTimeout cancels a pending timer, even one at the head of the queue', () => {
    const q = new EventQueue();
    const log: number[] = [];
    const a = q.setTimeout(() => log.push(1), 10);
    q.setTimeout(() => log.push(2), 20);
    const c = q.setTimeout(() => log.push(3), 30);
    q.clearTimeout(c);
    q.clearTimeout(a);
    q.clearTimeout(12345); // unknown handles are ignored
    expect(q.size).toBe(1);
    expect(q.peek()?.time).toBe(20);
    drain(q);
    expect(log).toEqual([2]);
  });

  it('a handler may cancel a timer due at the same time that has not run yet', () => {
    const q = new EventQueue();
    const log: string[] = [];
    let later = 0;
    q.setTimeout(() => {
      log.push('a');
      q.clearTimeout(later);
    }, 10);
    later = q.setTimeout(() => log.push('b'), 10);
    drain(q);
    expect(log).toEqual(['a']);
  });

  it('never goes back in time: a negative delay runs now', () => {
    const q = new EventQueue();
    q.setTimeout(() => undefined, 100);
    q.runNext();
    const times: number[] = [];
    q.setTimeout(() => times.push(q.now()), -50);
    drain(q);
    expect(times).toEqual([100]);
  });

  it('runNext returns the item it ran, and undefined when nothing is left', () => {
    const q = new EventQueue();
    expect(q.runNext()).toBeUndefined();
    q.schedule(7, 'action', () => undefined);
    expect(q.runNext()).toMatchObject({ time: 7, kind: 'action', seq: 1 });
    expect(q.runNext()).toBeUndefined();
  });

  it('items scheduled while one runs inherit its cause (the trace event behind it)', () => {
    const q = new EventQueue();
    const causes: (number | undefined)[] = [];
    q.schedule(
      1,
      'deliver',
      () => {
        const inner = q.schedule(1, 'timer', () => causes.push(q.currentCause));
        causes.push(inner.cause);
      },
      42,
    );
    q.schedule(5, 'timer', () => causes.push(q.currentCause));
    drain(q);
    expect(causes).toEqual([42, 42, undefined]);
    expect(q.currentCause).toBeUndefined();
  });

  describe('advanceTo (the bridge: something from the wall clock enters "now")', () => {
    it('moves time forward without running anything; what is scheduled next counts from there', () => {
      const q = new EventQueue();
      const log: string[] = [];
      q.setTimeout(() => log.push(`late@${q.now()}`), 1000);
      q.advanceTo(250);
      expect(q.now()).toBe(250);
      expect(log).toEqual([]);
      expect(q.size).toBe(1);
      q.schedule(0, 'transmit', () => log.push(`now@${q.now()}`));
      q.setTimeout(() => log.push(`+100@${q.now()}`), 100);
      drain(q);
      expect(log).toEqual(['now@250', '+100@350', 'late@1000']);
    });

    it('may reach an item due exactly then, which stays queued and runs first', () => {
      const q = new EventQueue();
      const log: string[] = [];
      q.setTimeout(() => log.push('due at 40'), 40);
      q.advanceTo(40);
      q.schedule(0, 'transmit', () => log.push('injected at 40'));
      drain(q);
      expect(log).toEqual(['due at 40', 'injected at 40']);
    });

    it('refuses to skip an item due earlier, to go back, or to go to a time that is not finite', () => {
      const q = new EventQueue();
      q.setTimeout(() => undefined, 30);
      expect(() => q.advanceTo(31)).toThrow(ClockError);
      expect(() => q.advanceTo(31)).toThrow('would skip a timer due at 30 ms: run it first');
      expect(q.now()).toBe(0);
      q.runNext();
      q.advanceTo(31);
      expect(() => q.advanceTo(30)).toThrow('would move the clock back');
      expect(() => q.advanceTo(Number.NaN)).toThrow(ClockError);
      expect(() => q.advanceTo(Infinity)).toThrow(ClockError);
      expect(q.now()).toBe(31);
      q.advanceTo(31);
      expect(q.now()).toBe(31);
    });

    it('skips cancelled items when deciding what is due', () => {
      const q = new EventQueue();
      const h = q.setTimeout(() => undefined, 10);
      q.clearTimeout(h);
      q.advanceTo(500);
      expect(q.now()).toBe(500);
      expect(q.runNext()).toBeUndefined();
    });
  });

  it('runs the items left in (time, sequence) order however many were cancelled (the heap compacts)', () => {
    fc.assert(
      fc.property(
        // Mostly cancelled, so that the heap compacts (it does once half of it is cancelled).
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 50 }),
            fc.integer({ min: 0, max: 3 }).map((k) => k > 0),
          ),
          {
            minLength: 64,
            maxLength: 300,
          },
        ),
        (items) => {
          const q = new EventQueue();
          const ran: number[] = [];
          const handles = items.map(([delay], i) => q.setTimeout(() => ran.push(i), delay));
          items.forEach(([, cancel], i) => {
            if (cancel) q.clearTimeout(handles[i]!);
          });
          while (q.runNext() !== undefined);
          const expected = items
            .map(([delay, cancel], i) => ({ delay, cancel, i }))
            .filter((x) => !x.cancel)
            .sort((a, b) => a.delay - b.delay || a.i - b.i)
            .map((x) => x.i);
          expect(ran).toEqual(expected);
          expect(q.size).toBe(0);
        },
      ),
      { seed: 14, numRuns: 200 },
    );
  });

  it('lets go of what a cancelled item would have run (a terminated machine is not kept for 32 s)', () => {
    const q = new EventQueue();
    const fn = (): void => {};
    const item = q.schedule(32000, 'timer', fn);
    expect(item.run).toBe(fn);
    q.clearTimeout(item.seq);
    expect(item.run).not.toBe(fn);
    expect(q.runNext()).toBeUndefined();
  });
});
