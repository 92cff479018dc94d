/**
 * Messages written in place of an element's own (the scenario's `replace`, sim/network/replacement.ts):
 * validated with errors naming the field; sent instead of the element's nth message of a kind, its
 * retransmissions too; traced as the element's with a note; sent where its own header fields say
 * (RFC 3261 §8.1.2, §18.2.2), so a BYE without its Route bypasses the proxy; deterministic.
 */
import { describe, expect, it } from 'vitest';
import {
  ScenarioError,
  Simulation,
  builtinScenario,
  parseScenario,
  type Scenario,
} from '@/sim/scenario';
import type { TraceEvent } from '@/sim/network';

function run(s: Scenario): TraceEvent[] {
  const sim = new Simulation(s);
  sim.run();
  return sim.trace;
}

function sends(
  trace: readonly TraceEvent[],
): [string, string | undefined, string | number | undefined][] {
  return trace.filter((e) => e.type === 'send').map((e) => [e.from!, e.to, e.method ?? e.status]);
}

const base = builtinScenario('bye-record-route')!;
const own = run(base);
const bye = own.find((e) => e.type === 'send' && e.from === 'alice' && e.method === 'BYE')!;

function withReplace(raw: string, match: Record<string, unknown> = { method: 'BYE' }): Scenario {
  return parseScenario({ ...base, replace: [{ element: 'alice', match, raw }] });
}

describe('scenario field "replace"', () => {
  it('names the bad field of a replacement', () => {
    const bad = (r: unknown) => () => parseScenario({ ...base, replace: [r] });
    expect(bad({ element: 'nobody', match: { method: 'BYE' }, raw: 'x' })).toThrow(
      /replace\[0\]\.element: no element is named "nobody"/,
    );
    expect(bad({ element: 'alice', match: { method: 'BYE', status: 200 }, raw: 'x' })).toThrow(
      /replace\[0\]\.match\.method/,
    );
    expect(bad({ element: 'alice', match: {}, raw: 'x' })).toThrow(/one of them/);
    expect(bad({ element: 'alice', match: { method: 'BYE' }, raw: 'caf\u00e9\u2603' })).toThrow(
      /replace\[0\]\.raw: a wire string/,
    );
    expect(bad({ element: 'alice', match: { method: 'BYE', nth: 0 }, raw: 'x' })).toThrow(
      ScenarioError,
    );
  });
});

describe('a written message in place of the element’s own', () => {
  it('goes where the element’s own went when its header fields say the same', () => {
    const trace = run(withReplace(bye.raw!.replace('Max-Forwards: 70', 'Max-Forwards: 42')));
    expect(sends(trace)).toEqual(sends(own));
    const sent = trace.find((e) => e.type === 'send' && e.method === 'BYE' && e.from === 'alice')!;
    expect(sent.written).toBe(true);
    expect(sent.raw).toContain('Max-Forwards: 42');
    expect(sent.detail).toMatch(/the message the student wrote in its place/);
    const forwarded = trace.find(
      (e) => e.type === 'send' && e.method === 'BYE' && e.from === 'proxy',
    )!;
    expect(forwarded.raw).toContain('Max-Forwards: 41');
    expect(trace.some((e) => e.type === 'note' && /written by the student/.test(e.detail))).toBe(
      true,
    );
  });

  it('follows its own Route: a BYE without the route set goes straight to the phone', () => {
    const trace = run(withReplace(bye.raw!.replace(/Route: [^\r]*\r\n/, '')));
    const byes = sends(trace).filter(([, , what]) => what === 'BYE');
    expect(byes).toEqual([['alice', 'bob', 'BYE']]);
    expect(
      trace.some(
        (e) =>
          e.type === 'note' && /Its own header fields send it to 10\.1\.0\.20:5060/.test(e.detail),
      ),
    ).toBe(true);
  });

  it('is lost when it names a host nobody resolves', () => {
    const raw = bye.raw!.replace(/Route: <sip:[^>]*>/, 'Route: <sip:nowhere.example.org;lr>');
    const trace = run(withReplace(raw));
    const drop = trace.find((e) => e.type === 'drop' && e.from === 'alice');
    expect(drop?.detail).toMatch(/No host listens at nowhere\.example\.org:5060/);
  });

  it('replaces the retransmissions of the replaced message too', () => {
    const s = withReplace(bye.raw!.replace('Max-Forwards: 70', 'Max-Forwards: 33'));
    s.faults = [{ from: 'alice', method: 'BYE', count: 1 }];
    const trace = run(s);
    const fromAlice = trace.filter(
      (e) => e.type === 'send' && e.from === 'alice' && e.method === 'BYE',
    );
    expect(fromAlice.length).toBe(2);
    expect(fromAlice.every((e) => e.raw!.includes('Max-Forwards: 33'))).toBe(true);
    expect(fromAlice[1]!.retransmission).toBe(true);
  });

  it('replaces only the nth message of the kind', () => {
    const r = own.find(
      (e) => e.type === 'send' && e.from === 'bob' && e.status === 200 && e.cseq?.endsWith('BYE'),
    )!;
    const s = parseScenario({
      ...base,
      replace: [
        {
          element: 'bob',
          match: { status: 200, nth: 2 },
          raw: r.raw!.replace('CSeq:', 'X-Mark: 1\r\nCSeq:'),
        },
      ],
    });
    const trace = run(s);
    const oks = trace.filter(
      (e) => e.type === 'send' && e.from === 'bob' && e.status === 200 && !e.retransmission,
    );
    expect(oks.map((e) => e.written === true)).toEqual([false, true]);
  });

  it('cannot send a response without a Via, and says so', () => {
    const ok = own.find((e) => e.type === 'send' && e.from === 'bob' && e.status === 200)!;
    const s = parseScenario({
      ...base,
      replace: [
        { element: 'bob', match: { status: 200 }, raw: ok.raw!.replace(/Via: [^\r]*\r\n/g, '') },
      ],
    });
    const trace = run(s);
    expect(trace.some((e) => e.type === 'note' && /it has none/.test(e.detail))).toBe(true);
    expect(trace.some((e) => e.type === 'send' && e.from === 'bob' && e.status === 200)).toBe(
      false,
    );
  });

  it('gives the same run every time', () => {
    const s = withReplace(bye.raw!.replace(/Route: [^\r]*\r\n/, ''));
    expect(run(s)).toEqual(run(s));
  });
});
