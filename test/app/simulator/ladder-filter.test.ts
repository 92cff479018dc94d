/**
 * The ladder's filter and search (app/components/simulator/ladder-filter.ts) on real runs: by call
 * (Call-ID), by element, by method or status, by text in the messages as sent; incremental (a matcher
 * stopped after any slice and resumed finds what one pass finds), and views of fewer rows see a prefix.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  LadderFacets,
  LadderMatcher,
  filterKey,
  findRanges,
  isEmptyFilter,
  messageKind,
  normalizeFilter,
  type LadderFilter,
} from '../../../app/components/simulator/ladder-filter';
import { LadderIndex, type LadderRow } from '../../../app/components/simulator/ladder-model';
import type { TraceEvent } from '../../../sim/network';
import { Session } from '../../../sim/session';
import { builtinScenario } from '../../../sim/scenario';

function runTrace(name: string, steps?: number): TraceEvent[] {
  const s = new Session(builtinScenario(name)!);
  if (steps === undefined) s.runToEnd();
  else s.goTo(steps);
  return [...s.trace];
}

function ladderOf(trace: readonly TraceEvent[]): LadderIndex {
  const l = new LadderIndex(trace);
  l.update();
  return l;
}

/** The rows a filter keeps, judged one by one the slow, obvious way. */
function expected(rows: readonly LadderRow[], f: LadderFilter): number[] {
  const callOfTx = new Map<string, string>();
  for (const r of rows)
    if (r.dialogKey !== undefined && r.transactionKey !== undefined)
      callOfTx.set(r.transactionKey, r.dialogKey);
  const needle = f.text?.trim().toLowerCase() ?? '';
  return rows
    .filter((r) => {
      const call =
        r.dialogKey ??
        (r.transactionKey !== undefined ? callOfTx.get(r.transactionKey) : undefined);
      if (f.callId && call !== f.callId) return false;
      if (f.element && r.element !== f.element && r.to !== f.element) return false;
      if (f.message && messageKind(r) !== f.message) return false;
      if (needle) {
        const hay = [
          r.element,
          r.to ?? '',
          r.label,
          r.event.detail,
          r.event.raw ?? '',
          r.drop?.detail ?? '',
        ]
          .join('\n')
          .toLowerCase();
        if (!hay.includes(needle)) return false;
      }
      return true;
    })
    .map((r) => r.index);
}

let trapezoid: LadderIndex;
let forking: LadderIndex;
/** The busy office's first seconds: twelve registrations, then the first calls. */
let office: LadderIndex;

beforeAll(() => {
  trapezoid = ladderOf(runTrace('call-trapezoid'));
  forking = ladderOf(runTrace('forking'));
  office = ladderOf(runTrace('busy-office', 400));
});

describe('LadderMatcher', () => {
  it('an empty filter keeps every row', () => {
    const m = new LadderMatcher(trapezoid, {});
    m.advance();
    expect(m.matches).toEqual(trapezoid.rows.map((r) => r.index));
    expect(isEmptyFilter({ text: '   ' })).toBe(true);
  });

  it('by element: the rows it sends, receives, or where its timers fire', () => {
    const m = new LadderMatcher(trapezoid, { element: 'proxy-b' });
    m.advance();
    expect(m.matches.length).toBeGreaterThan(0);
    expect(m.matches.length).toBeLessThan(trapezoid.rows.length);
    for (const i of m.matches) {
      const r = trapezoid.rows[i]!;
      expect([r.element, r.to]).toContain('proxy-b');
    }
    expect(m.matches).toEqual(expected(trapezoid.rows, { element: 'proxy-b' }));
  });

  it('by element and method: the INVITEs proxy-b sends or receives (the ladder of RFC 3665 §3.2)', () => {
    const m = new LadderMatcher(trapezoid, { element: 'proxy-b', message: 'INVITE' });
    m.advance();
    const ladder = m.matches.map((i) => {
      const r = trapezoid.rows[i]!;
      return [r.element, r.to, r.label];
    });
    expect(ladder).toEqual([
      ['proxy-a', 'proxy-b', 'INVITE'],
      ['proxy-b', 'bob', 'INVITE'],
    ]);
  });

  it('by status: every 180 Ringing, and nothing else', () => {
    const m = new LadderMatcher(forking, { message: '180' });
    m.advance();
    expect(m.matches.length).toBeGreaterThanOrEqual(2);
    for (const i of m.matches) expect(forking.rows[i]!.label).toBe('180 Ringing');
  });

  it('by call: a registration and a call of the same run are told apart, timers join their call', () => {
    const calls = [...new Set(office.rows.flatMap((r) => (r.dialogKey ? [r.dialogKey] : [])))];
    expect(calls.length).toBeGreaterThan(12);
    let total = 0;
    for (const callId of calls) {
      const m = new LadderMatcher(office, { callId });
      m.advance();
      expect(m.matches).toEqual(expected(office.rows, { callId }));
      for (const i of m.matches) {
        const r = office.rows[i]!;
        if (r.kind === 'message') expect(r.event.callId).toBe(callId);
      }
      total += m.matches.length;
    }
    // Each message belongs to one call; timers of a transaction follow its messages.
    const messages = office.rows.filter((r) => r.kind === 'message').length;
    expect(total).toBeGreaterThan(messages);
    const invite = office.rows.find((r) => r.event.method === 'INVITE')!;
    const call = new LadderMatcher(office, { callId: invite.dialogKey! });
    call.advance();
    expect(call.matches.some((i) => office.rows[i]!.kind === 'timer')).toBe(true);
    expect(call.matches.some((i) => office.rows[i]!.event.method === 'REGISTER')).toBe(false);
  });

  it('text: a Call-ID finds the messages that carry it, case-insensitively', () => {
    const row = trapezoid.rows.find((r) => r.kind === 'message')!;
    const callId = row.dialogKey!;
    const m = new LadderMatcher(trapezoid, { text: `  ${callId.toUpperCase()} ` });
    m.advance();
    const messages = trapezoid.rows.filter((r) => r.kind === 'message').map((r) => r.index);
    expect(m.matches).toEqual(messages);
    const none = new LadderMatcher(trapezoid, { text: 'no such text in any message' });
    none.advance();
    expect(none.matches).toEqual([]);
  });

  it('text: a header line as sent', () => {
    const m = new LadderMatcher(trapezoid, { text: 'Record-Route:' });
    m.advance();
    expect(m.matches).toEqual(expected(trapezoid.rows, { text: 'record-route:' }));
    for (const i of m.matches) expect(trapezoid.rows[i]!.event.raw).toMatch(/record-route:/i);
  });

  it('property: any filter, matched in slices of any size, equals the obvious filter (fixed seed)', () => {
    const rows = forking.rows;
    const calls = [...new Set(rows.flatMap((r) => (r.dialogKey ? [r.dialogKey] : [])))];
    const kinds = [...new Set(rows.flatMap((r) => messageKind(r) ?? []))];
    const filter = fc.record(
      {
        callId: fc.constantFrom(...calls, 'nope'),
        element: fc.constantFrom('alice', 'proxy', 'bob-desk', 'bob-mobile', 'registrar'),
        message: fc.constantFrom(...kinds),
        text: fc.constantFrom('invite', 'Via', 'tag=', '10.0.0', 'timer', 'z9hG4bK', 'xyz'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(filter, fc.integer({ min: 1, max: 5 }), (f, slices) => {
        const m = new LadderMatcher(forking, f);
        let calls = 0;
        // Stops after every `slices` checks: resumed until done.
        while (!m.advance(() => ++calls % slices === 0));
        expect(m.matches).toEqual(expected(rows, f));
      }),
      { seed: 99, numRuns: 200 },
    );
  });

  it('grows with the trace, and a shorter view sees a prefix', () => {
    const trace = runTrace('forking');
    const half = Math.floor(trace.length / 2);
    const growing: TraceEvent[] = trace.slice(0, half);
    const ladder = new LadderIndex(growing);
    ladder.update();
    const m = new LadderMatcher(ladder, { element: 'proxy' });
    m.advance();
    const before = [...m.matches];
    for (const e of trace.slice(half)) growing.push(e);
    ladder.update();
    expect(m.done).toBe(false);
    m.advance();
    expect(m.matches.slice(0, before.length)).toEqual(before);
    expect(m.matches).toEqual(expected(ladder.rows, { element: 'proxy' }));
    // A view of the first k rows holds the matches below k.
    for (const k of [0, 1, 5, 17, ladder.rows.length]) {
      const n = m.countBelow(k);
      expect(m.matches.slice(0, n).every((i) => i < k)).toBe(true);
      expect(m.matches[n] === undefined || m.matches[n]! >= k).toBe(true);
    }
    expect(m.positionOf(m.matches[2]!)).toBe(2);
    expect(m.positionOf(-5)).toBe(-1);
  });
});

describe('LadderFacets', () => {
  it('offers the calls, methods and statuses seen in the view, with their counts', () => {
    const f = new LadderFacets(office);
    f.update(office.rows.length);
    const methods = f.methodOptions().map((o) => o.value);
    expect(methods).toContain('INVITE');
    expect(methods).toContain('REGISTER');
    const statuses = f.statusOptions().map((o) => o.value);
    expect(statuses).toEqual([...statuses].sort((a, b) => Number(a) - Number(b)));
    expect(f.statusOptions().find((o) => o.value === '180')?.label).toBe('180 Ringing');
    const sum =
      f.methodOptions().reduce((n, o) => n + o.count, 0) +
      f.statusOptions().reduce((n, o) => n + o.count, 0);
    expect(sum).toBe(office.rows.filter((r) => r.kind === 'message').length);
    expect(f.callOptions().length).toBeGreaterThan(12);
    expect(f.callOptions()[0]!.label).toMatch(/^REGISTER phone1 → proxy \(/);
    for (const c of f.callOptions()) {
      const m = new LadderMatcher(office, { callId: c.value });
      m.advance();
      expect(m.matches.filter((i) => office.rows[i]!.kind === 'message')).toHaveLength(c.count);
    }
  });

  it('reads only the rows of the view', () => {
    const f = new LadderFacets(forking);
    f.update(3);
    expect(f.read).toBe(3);
    expect(
      f.methodOptions().reduce((n, o) => n + o.count, 0) +
        f.statusOptions().reduce((n, o) => n + o.count, 0),
    ).toBeLessThanOrEqual(3);
  });
});

describe('helpers', () => {
  it('normalizeFilter and filterKey ignore empty fields and outer spaces', () => {
    expect(normalizeFilter({ callId: '', element: 'a', text: '  x ' })).toEqual({
      element: 'a',
      text: 'x',
    });
    expect(filterKey({ text: ' x' })).toBe(filterKey({ text: 'x', callId: '' }));
    expect(filterKey({ element: 'a' })).not.toBe(filterKey({ message: 'a' }));
  });

  it('findRanges marks every occurrence, case-insensitively', () => {
    expect(findRanges('INVITE then invite', 'Invite')).toEqual([
      [0, 6],
      [12, 18],
    ]);
    expect(findRanges('abc', '  ')).toEqual([]);
    expect(findRanges('aaaa', 'aa')).toEqual([
      [0, 2],
      [2, 4],
    ]);
  });
});
