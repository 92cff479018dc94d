/**
 * The playground's link: every change the reader made (dropped datagrams, fault rules, link latency
 * and loss, proxy settings), the step, the ladder's filter and the inspected event survive writing and
 * reading; a bad part of a link is left out with a sentence saying why; old links (scenario and step)
 * still open.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NO_TWEAKS,
  applyTweaks,
  decodeLink,
  encodeLink,
  tweaksOf,
  type PlaygroundLink,
  type ScenarioTweaks,
} from '../../../app/playground/playground-link';
import { applyChange } from '../../../sim/session';
import { BUILTIN_SCENARIOS, builtinScenario } from '../../../sim/scenario';

const known = (name: string) => BUILTIN_SCENARIOS.has(name);

function read(query: string) {
  return decodeLink(new URLSearchParams(query), known, 'registration');
}

function roundTrip(link: PlaygroundLink) {
  return read(encodeLink(link));
}

describe('old links', () => {
  it('scenario and step open as before', () => {
    const r = read('scenario=call-trapezoid&step=12');
    expect(r.problems).toEqual([]);
    expect(r.link).toEqual({
      scenario: 'call-trapezoid',
      tweaks: NO_TWEAKS,
      view: { step: 12, filter: {} },
    });
  });

  it('an unchanged run writes only scenario and step', () => {
    const link: PlaygroundLink = {
      scenario: 'forking',
      tweaks: NO_TWEAKS,
      view: { step: 3, filter: {} },
    };
    expect(encodeLink(link)).toBe('scenario=forking&step=3');
  });

  it('no query: the fallback scenario at step 0', () => {
    const r = read('');
    expect(r.link.scenario).toBe('registration');
    expect(r.link.view.step).toBe(0);
    expect(r.problems).toEqual([]);
    expect(r.unknownScenario).toBeUndefined();
  });
});

describe('round trip', () => {
  it('keeps drops, rules, links, proxy settings, filter and selection', () => {
    const link: PlaygroundLink = {
      scenario: 'call-trapezoid',
      tweaks: {
        drops: [1, 7],
        rules: [
          { from: 'bob', status: 180, count: 1 },
          { method: 'BYE', retransmission: false },
          { to: 'proxy-a', status: '4xx' },
          {},
        ],
        links: [{ a: 'alice', b: 'proxy-a', latencyMs: 200, loss: 0.1 }],
        proxies: [
          { name: 'proxy-a', recordRoute: true, kind: 'stateless-proxy' },
          { name: 'proxy-b', forking: 'sequential' },
        ],
      },
      view: {
        step: 71,
        filter: {
          callId: 'a84b4c76e66710@pc33.a.example.com',
          element: 'proxy-b',
          message: '200',
          text: 'Via: SIP/2.0',
        },
        selected: 42,
      },
    };
    const r = roundTrip(link);
    expect(r.problems).toEqual([]);
    expect(r.link).toEqual(link);
  });

  it('writes a readable query', () => {
    const q = encodeLink({
      scenario: 'call-trapezoid',
      tweaks: {
        drops: [1, 5],
        rules: [],
        links: [{ a: 'alice', b: 'proxy-a', latencyMs: 200, loss: 0.1 }],
        proxies: [{ name: 'proxy-a', recordRoute: false }],
      },
      view: { step: 4, filter: {} },
    });
    expect(q).toBe(
      'scenario=call-trapezoid&step=4&drop=1,5&link=alice~proxy-a:200:0.1&rr=proxy-a:off',
    );
  });

  it('property: any tweaks and view survive (fixed seed)', () => {
    const name = fc.constantFrom('alice', 'proxy-a', 'proxy-b', 'bob', 'x_1');
    const rule = fc.record(
      {
        from: name,
        to: name,
        method: fc.constantFrom('INVITE', 'BYE', 'ACK', 'REGISTER', 'X-FOO.1'),
        status: fc.oneof(fc.integer({ min: 100, max: 699 }), fc.constantFrom('1xx', '4xx', '6xx')),
        retransmission: fc.boolean(),
        count: fc.integer({ min: 1, max: 99 }),
      },
      { requiredKeys: [] },
    );
    const tweaks: fc.Arbitrary<ScenarioTweaks> = fc.record({
      drops: fc
        .uniqueArray(fc.integer({ min: 1, max: 100000 }), { maxLength: 6 })
        .map((d) => [...d].sort((a, b) => a - b)),
      rules: fc.array(rule, { maxLength: 3 }),
      links: fc.array(
        fc.record({
          a: name,
          b: name,
          latencyMs: fc.integer({ min: 0, max: 60000 }),
          loss: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => Math.round(x * 1000) / 1000),
        }),
        { maxLength: 3 },
      ),
      proxies: fc.uniqueArray(
        fc.record(
          {
            name,
            recordRoute: fc.boolean(),
            kind: fc.constantFrom('stateful-proxy' as const, 'stateless-proxy' as const),
            forking: fc.constantFrom('parallel' as const, 'sequential' as const),
          },
          { requiredKeys: ['name', 'recordRoute'] },
        ),
        { selector: (p) => p.name, maxLength: 3 },
      ),
    });
    const text = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s);
    fc.assert(
      fc.property(
        tweaks,
        fc.nat(100000),
        fc.record(
          { callId: text, element: name, message: fc.constantFrom('INVITE', '486'), text },
          { requiredKeys: [] },
        ),
        fc.option(fc.nat(100000), { nil: undefined }),
        (t, step, filter, selected) => {
          const link: PlaygroundLink = {
            scenario: 'call-trapezoid',
            tweaks: t,
            view: { step, filter, ...(selected !== undefined ? { selected } : {}) },
          };
          const r = roundTrip(link);
          expect(r.problems).toEqual([]);
          expect(r.link).toEqual(link);
        },
      ),
      { seed: 20240611, numRuns: 300 },
    );
  });
});

describe('bad input is left out and named', () => {
  it('a step that is not a number opens at step 0 and says so', () => {
    for (const bad of ['-3', 'abc', '1.5', '1e3', '99999999999']) {
      const r = read(`scenario=registration&step=${encodeURIComponent(bad)}`);
      expect(r.link.view.step).toBe(0);
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]).toContain(`step=${bad}`);
    }
  });

  it('an unknown scenario keeps nothing of the link', () => {
    const r = read('scenario=nope&step=4&drop=1');
    expect(r.unknownScenario).toBe('nope');
    expect(r.link.scenario).toBe('registration');
    expect(r.link.tweaks).toEqual(NO_TWEAKS);
    expect(r.link.view.step).toBe(0);
  });

  it('each bad part is dropped alone, the good ones kept', () => {
    const r = read(
      'scenario=call-trapezoid&step=2&drop=1,x,0,3&link=alice~proxy-a:50:0.2;bad;alice~bob:70000:0;a~b:5:2' +
        '&rule=from:bob,n:1;q:1;s:999;m:BYE&rr=proxy-a:on,proxy-b:maybe&kind=proxy-a:weird&fork=:parallel&sel=-1',
    );
    expect(r.link.tweaks.drops).toEqual([1, 3]);
    expect(r.link.tweaks.links).toEqual([{ a: 'alice', b: 'proxy-a', latencyMs: 50, loss: 0.2 }]);
    expect(r.link.tweaks.rules).toEqual([{ from: 'bob', count: 1 }, { method: 'BYE' }]);
    expect(r.link.tweaks.proxies).toEqual([{ name: 'proxy-a', recordRoute: true }]);
    expect(r.link.view.selected).toBeUndefined();
    expect(r.problems.join('\n')).toMatchInlineSnapshot(`
      "drop: “x” is not a datagram number (1, 2, 3 …); that drop was left out.
      drop: “0” is not a datagram number (1, 2, 3 …); that drop was left out.
      rule “q:1”: “q” is not one of from, to, m, s, re, n; that rule was left out.
      rule “s:999”: “999” is not a status code (100–699) or class (such as 4xx); that rule was left out.
      link “bad” is not a~b:latency:loss (such as alice~proxy:200:0.1); left out.
      link “alice~bob:70000:0”: the latency must be 0 to 60000 ms; left out.
      link “a~b:5:2”: the loss must be 0 to 1 (0.1 is 10 %); left out.
      rr: “proxy-b:maybe” is not name:on|off; that setting was left out.
      kind: “proxy-a:weird” is not name:stateful|stateless; that setting was left out.
      fork: “:parallel” is not name:parallel|sequential; that setting was left out.
      sel=-1 is not an event number; the inspector follows the step."
    `);
  });

  it('property: any query decodes without throwing (fixed seed)', () => {
    const key = fc.constantFrom(
      'scenario',
      'step',
      'drop',
      'rule',
      'link',
      'rr',
      'kind',
      'fork',
      'call',
      'el',
      'msg',
      'q',
      'sel',
      'zzz',
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.string({ maxLength: 30 })), { maxLength: 8 }),
        (pairs) => {
          const q = new URLSearchParams(pairs);
          const r = decodeLink(q, known, 'registration');
          expect(Number.isInteger(r.link.view.step)).toBe(true);
          expect(r.link.view.step).toBeGreaterThanOrEqual(0);
          // Whatever was read can be written and read again to the same thing.
          const again = read(encodeLink(r.link));
          expect(again.link).toEqual(r.link);
        },
      ),
      { seed: 7, numRuns: 400 },
    );
  });
});

describe('changes against the built-in scenario', () => {
  it('tweaksOf finds exactly what the simulator changed, and applyTweaks makes it again', () => {
    const base = builtinScenario('forking')!;
    const link = base.links[0]!;
    let current = applyChange(base, {
      faults: [
        ...base.faults,
        { name: 'dropped by you', datagram: 4 },
        { name: 'dropped by you', from: 'bob-desk', status: 180, count: 1 },
      ],
    });
    current = applyChange(current, { link: { a: link.a, b: link.b, latencyMs: 250, loss: 0.3 } });
    current = applyChange(current, {
      element: { name: 'proxy', settings: { forking: 'sequential', recordRoute: true } },
    });
    const t = tweaksOf(base, current);
    expect(t).toEqual({
      drops: [4],
      rules: [{ from: 'bob-desk', status: 180, count: 1 }],
      links: [{ a: link.a, b: link.b, latencyMs: 250, loss: 0.3 }],
      proxies: [{ name: 'proxy', recordRoute: true, forking: 'sequential' }],
    });
    const again = applyTweaks(base, t);
    expect(again.problems).toEqual([]);
    expect(again.scenario).toEqual(current);
    // Nothing changed: nothing to write.
    expect(tweaksOf(base, base)).toEqual(NO_TWEAKS);
  });

  it('a change that names an element the scenario lacks is left out and named', () => {
    const base = builtinScenario('registration')!;
    const r = applyTweaks(base, {
      drops: [2],
      rules: [{ from: 'mallory' }],
      links: [{ a: 'alice', b: 'ghost', latencyMs: 5, loss: 0 }],
      proxies: [{ name: 'alice', recordRoute: true }],
    });
    expect(r.scenario.faults).toEqual([...base.faults, { name: 'dropped by you', datagram: 2 }]);
    expect(r.scenario.links).toEqual(base.links);
    expect(r.scenario.elements).toEqual(base.elements);
    expect(r.problems).toHaveLength(3);
    expect(r.problems[0]).toContain('“mallory”');
    expect(r.problems[1]).toContain('alice~ghost');
    expect(r.problems[2]).toContain('“alice” is not a proxy');
  });
});
