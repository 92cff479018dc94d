/**
 * Random scenarios (fast-check): 2–6 phones of one domain, 0–2 proxies of either kind, a registrar
 * (sometimes asking for digest credentials), random latencies and losses, a random timeline of
 * register / invite / cancel / bye / message (a call may be cancelled, or hung up by either side)
 * and random fault rules. Whatever happens on the way: the simulation does not throw and ends by
 * its endAt, every datagram sent reads back through the codec and passes a proxy's checks, and once
 * the network has been quiet for 64·T1 + T4, every transaction has terminated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMessage, validateMessage, wireToBytes } from '../../../sim/codec';
import { Simulation, parseScenario, type ScenarioInput } from '../../../sim/scenario';

const DOMAIN = 'sim.example.com';
const T1 = 500;
const T4 = 5000;
/** The last timeline action is at most this late (ms). */
const LAST_ACTION = 20_000;
/**
 * After the last action: long enough for every chain the elements start on their own — a phone that
 * rings up to 5 s, a 2xx resent for 64·T1 and then a BYE with its own 64·T1 + T4, a proxy's Timer C
 * (180 s) and the CANCEL it sends — with 64·T1 + T4 of quiet at the end.
 */
const AFTER = 300_000;

type Phone = {
  answer: 'answer' | 'busy' | 'decline' | 'no-answer';
  ringMs: number;
  /** Index of the proxy to use as outbound proxy (none when out of range). */
  viaProxy: number;
  /** Bound in the registrar from the start (else only once it registers). */
  bound: boolean;
};

/** One thing a phone does: register, send a message, or call and maybe cancel or hang up later. */
type Activity =
  | { at: number; actor: number; kind: 'register' }
  | { at: number; actor: number; kind: 'message'; to: number; direct: boolean }
  | {
      at: number;
      actor: number;
      kind: 'call';
      to: number;
      direct: boolean;
      end: 'none' | 'cancel' | 'bye' | 'callee-bye';
      after: number;
    };

type Fault = {
  from: number | undefined;
  what: { method: string } | { status: number | string };
  count: number | undefined;
  windowed: boolean;
  after: number;
  span: number;
};

const phoneArb: fc.Arbitrary<Phone> = fc.record({
  answer: fc.constantFrom('answer', 'answer', 'busy', 'decline', 'no-answer'),
  ringMs: fc.integer({ min: 0, max: 5000 }),
  viaProxy: fc.integer({ min: -1, max: 1 }),
  bound: fc.boolean(),
});

const activityArb = (phones: number): fc.Arbitrary<Activity> => {
  const at = fc.integer({ min: 0, max: LAST_ACTION });
  const actor = fc.integer({ min: 0, max: phones - 1 });
  const to = fc.integer({ min: 0, max: phones - 1 });
  return fc.oneof(
    fc.record({ at, actor, kind: fc.constant('register' as const) }),
    fc.record({ at, actor, kind: fc.constant('message' as const), to, direct: fc.boolean() }),
    fc.record({
      at,
      actor,
      kind: fc.constant('call' as const),
      to,
      direct: fc.boolean(),
      end: fc.constantFrom(
        'none' as const,
        'cancel' as const,
        'bye' as const,
        'callee-bye' as const,
      ),
      after: fc.integer({ min: 0, max: 10_000 }),
    }),
  );
};

/**
 * Fault rules drop a few datagrams (count 1–3) or all that match for a while (at most 10 s): losses that
 * retransmissions outlast. A rule that drops every final answer to an INVITE for ever would leave the
 * caller's INVITE client transaction in Proceeding for ever, as RFC 3261 gives it no timer there
 * (Timer B runs only in Calling, §17.1.1.2) and relies on a proxy's Timer C or the caller's CANCEL.
 */
const faultArb = (elements: number): fc.Arbitrary<Fault> =>
  fc.record({
    from: fc.option(fc.integer({ min: 0, max: elements - 1 }), { nil: undefined }),
    what: fc.oneof(
      fc.record({
        method: fc.constantFrom('INVITE', 'ACK', 'BYE', 'CANCEL', 'REGISTER', 'MESSAGE'),
      }),
      fc.record({
        status: fc.constantFrom<number | string>(100, 180, 200, 401, 486, 487, '2xx', '4xx'),
      }),
    ),
    count: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    windowed: fc.boolean(),
    after: fc.integer({ min: 0, max: LAST_ACTION }),
    span: fc.integer({ min: 1, max: 10_000 }),
  });

const worldArb = fc
  .record({
    phones: fc.array(phoneArb, { minLength: 2, maxLength: 6 }),
    proxies: fc.array(
      fc.record({
        kind: fc.constantFrom('stateful-proxy' as const, 'stateless-proxy' as const),
        recordRoute: fc.boolean(),
        forking: fc.constantFrom('parallel' as const, 'sequential' as const),
      }),
      { maxLength: 2 },
    ),
    authenticate: fc.boolean(),
    defaultLatencyMs: fc.integer({ min: 0, max: 200 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .chain((w) => {
    const elements = w.phones.length + w.proxies.length + 1;
    return fc.record({
      world: fc.constant(w),
      links: fc.array(
        fc.record({
          a: fc.integer({ min: 0, max: elements - 1 }),
          b: fc.integer({ min: 0, max: elements - 1 }),
          latencyMs: fc.integer({ min: 0, max: 200 }),
          loss: fc.double({ min: 0, max: 0.3, noNaN: true }),
        }),
        { maxLength: 8 },
      ),
      activities: fc.array(activityArb(w.phones.length), { minLength: 1, maxLength: 6 }),
      faults: fc.array(faultArb(elements), { maxLength: 2 }),
    });
  });

type Generated = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;
type LinkInput = NonNullable<ScenarioInput['links']>[number];

function scenarioOf(g: Generated): ScenarioInput {
  const { world } = g;
  const phone = (i: number) => `ua${i}`;
  const aor = (i: number) => `sip:u${i}@${DOMAIN}`;
  const address = (i: number) => `10.0.${i}.10`;
  const proxyName = (j: number) => `proxy${j}`;
  const names = [
    ...world.phones.map((_, i) => phone(i)),
    ...world.proxies.map((_, j) => proxyName(j)),
    'registrar',
  ];
  const links = new Map<string, LinkInput>();
  for (const l of g.links) {
    const a = names[l.a]!;
    const b = names[l.b]!;
    if (a === b) continue;
    links.set([a, b].sort().join(' '), { a, b, latencyMs: l.latencyMs, loss: l.loss });
  }
  // With no proxy, a request for an AOR would reach the registrar (405): phones call addresses.
  const direct = (d: boolean) => d || world.proxies.length === 0;
  const target = (i: number, d: boolean) => (direct(d) ? `sip:u${i}@${address(i)}` : aor(i));
  const timeline: NonNullable<ScenarioInput['timeline']> = [];
  for (const a of g.activities) {
    const actor = phone(a.actor);
    if (a.kind === 'register') timeline.push({ at: a.at, actor, action: 'register' });
    else if (a.kind === 'message')
      timeline.push({
        at: a.at,
        actor,
        action: 'message',
        to: target(a.to, a.direct),
        text: `hello from ${actor}`,
      });
    else {
      timeline.push({ at: a.at, actor, action: 'invite', to: target(a.to, a.direct) });
      const later = a.at + a.after;
      if (a.end === 'cancel') timeline.push({ at: later, actor, action: 'cancel' });
      if (a.end === 'bye') timeline.push({ at: later, actor, action: 'bye' });
      if (a.end === 'callee-bye') timeline.push({ at: later, actor: phone(a.to), action: 'bye' });
    }
  }
  const lastAt = Math.max(...timeline.map((a) => a.at));
  return {
    name: 'random',
    title: 'A random scenario',
    seed: world.seed,
    defaultLatencyMs: world.defaultLatencyMs,
    elements: [
      ...world.phones.map((p, i) => ({
        kind: 'user-agent' as const,
        name: phone(i),
        address: address(i),
        aor: aor(i),
        password: 'secret',
        registrar: `sip:${DOMAIN}`,
        answer: { mode: p.answer, ringMs: p.ringMs },
        ...(p.viaProxy >= 0 && p.viaProxy < world.proxies.length
          ? { outboundProxy: `sip:proxy${p.viaProxy}.${DOMAIN}` }
          : {}),
      })),
      ...world.proxies.map((p, j) => ({
        kind: p.kind,
        name: proxyName(j),
        address: `10.9.0.${j + 2}`,
        host: `proxy${j}.${DOMAIN}`,
        domain: DOMAIN,
        registrar: 'registrar',
        recordRoute: p.recordRoute,
        forking: p.forking,
      })),
      {
        kind: 'registrar' as const,
        name: 'registrar',
        address: '10.9.0.1',
        host: `registrar.${DOMAIN}`,
        domain: DOMAIN,
        authenticate: world.authenticate,
        users: world.phones.map((_, i) => ({ username: `u${i}`, password: 'secret' })),
        bindings: world.phones.flatMap((p, i) =>
          p.bound ? [{ aor: aor(i), contact: `sip:u${i}@${address(i)}:5060` }] : [],
        ),
      },
    ],
    links: [...links.values()],
    dns: {
      a: [],
      srv: [
        {
          domain: DOMAIN,
          target: world.proxies.length > 0 ? `proxy0.${DOMAIN}` : `registrar.${DOMAIN}`,
          port: 5060,
        },
      ],
    },
    timeline,
    faults: g.faults.map((f) => ({
      ...(f.from !== undefined ? { from: names[f.from]! } : {}),
      ...f.what,
      ...(f.count !== undefined ? { count: f.count } : {}),
      // A rule without a count holds for at most 10 s (see the note on faults above).
      ...(f.windowed || f.count === undefined ? { after: f.after, until: f.after + f.span } : {}),
    })),
    endAt: lastAt + AFTER,
  };
}

describe('random scenarios', () => {
  it('never throw, end by endAt, send only readable datagrams, and terminate every transaction', () => {
    fc.assert(
      fc.property(worldArb, (g) => {
        const scenario = parseScenario(scenarioOf(g));
        const sim = new Simulation(scenario);
        expect(() => sim.run()).not.toThrow();
        // It ended by time, not by the step limit, and nothing ran after endAt.
        expect(sim.done).toBe(true);
        expect(sim.steps).toBeLessThan(scenario.maxSteps);
        expect(sim.time).toBeLessThanOrEqual(scenario.endAt!);
        const sends = sim.trace.filter((e) => e.type === 'send');
        // Every datagram reads back, and passes the checks a proxy makes before forwarding (§16.3).
        for (const e of sends) {
          const message = parseMessage(wireToBytes(e.raw!));
          expect(validateMessage(message, { proxy: true })).toBeNull();
        }
        // Quiet for 64·T1 + T4 at the end: no datagram, and no transaction left alive.
        const lastSend = sends.reduce((m, e) => Math.max(m, e.time), 0);
        expect(lastSend + 64 * T1 + T4).toBeLessThanOrEqual(scenario.endAt!);
        const live = sim
          .snapshot()
          .elements.flatMap((e) =>
            e.transactions.filter((t) => t.state !== 'Terminated').map((t) => `${t.id} ${t.state}`),
          );
        expect(live).toEqual([]);
      }),
      { numRuns: 60, seed: 3261 },
    );
  }, 60_000);
});
