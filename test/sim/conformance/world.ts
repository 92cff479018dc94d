/**
 * Random SIP networks for the conformance test: a caller domain with an optional outbound proxy, the
 * callee's domain with its proxy and registrar (digest or not), an optional third proxy of another
 * domain that one of the callee's phones sits behind (so requests can cross up to three proxies), an
 * optional redirect server with several contacts, and an optional presence server; each proxy stateful
 * or stateless, record-routing or not, forking in parallel or in sequence. Links get random latencies
 * (0–3000 ms) and losses; the timeline random calls (cancelled at any moment, hung up by either side,
 * answered, declined, busy or unanswered), registrations, messages, subscriptions and presence changes.
 */
import fc from 'fast-check';
import type { ScenarioInput } from '../../../sim/scenario';

type ProxyKind = 'stateful-proxy' | 'stateless-proxy';

export interface ProxyShape {
  kind: ProxyKind;
  recordRoute: boolean;
  forking: 'parallel' | 'sequential';
  authenticate: boolean;
}

export interface Callee {
  answer: 'answer' | 'busy' | 'decline' | 'no-answer';
  ringMs: number;
  ring: boolean;
  q: number;
}

export type CallEnd = 'none' | 'cancel' | 'bye' | 'callee-bye';

export interface CallPlan {
  at: number;
  caller: number;
  /** Who is called: Bob's AOR through the proxies, or through the redirect server. */
  via: 'proxy' | 'redirect';
  end: CallEnd;
  /** When the end happens, after the INVITE (a cancel may come before any answer, or cross it). */
  after: number;
}

export interface World {
  seed: number;
  T1: number;
  callers: number;
  outbound: ProxyShape | null;
  home: ProxyShape;
  /** A third proxy (domain c) in front of Bob's mobile. */
  edge: ProxyShape | null;
  registrarDigest: boolean;
  desk: Callee;
  mobile: Callee;
  redirect: boolean;
  presence: { recordRoute: boolean } | null;
  calls: CallPlan[];
  registerAt: number[];
  messages: { at: number; caller: number }[];
  subscribe: { at: number; caller: number; unsubscribeAfter: number | null } | null;
  statusChanges: { at: number; status: 'open' | 'closed' }[];
  links: { pair: number; latencyMs: number; loss: number }[];
  defaultLatencyMs: number;
  inviteExpires: number;
}

/** The element pairs a link can join (indices into LINK_PAIRS). */
const LINK_PAIRS: readonly (readonly [string, string])[] = [
  ['alice0', 'proxy-a'],
  ['alice1', 'proxy-a'],
  ['proxy-a', 'proxy-b'],
  ['alice0', 'proxy-b'],
  ['proxy-b', 'bob-desk'],
  ['proxy-b', 'proxy-c'],
  ['proxy-c', 'bob-mobile'],
  ['proxy-b', 'bob-mobile'],
  ['proxy-b', 'registrar-b'],
  ['alice0', 'redirect'],
  ['alice0', 'bob-desk'],
  ['alice0', 'presence'],
  ['proxy-a', 'presence'],
];

const MAX_LINK_LATENCY = 3000;

const proxyArb: fc.Arbitrary<ProxyShape> = fc.record({
  kind: fc.constantFrom<ProxyKind>('stateful-proxy', 'stateless-proxy'),
  recordRoute: fc.boolean(),
  forking: fc.constantFrom<'parallel' | 'sequential'>('parallel', 'sequential'),
  authenticate: fc.boolean(),
});

const calleeArb: fc.Arbitrary<Callee> = fc.record({
  answer: fc.constantFrom<Callee['answer']>('answer', 'answer', 'busy', 'decline', 'no-answer'),
  ringMs: fc.integer({ min: 0, max: 8000 }),
  ring: fc.boolean(),
  q: fc.constantFrom(1, 0.5),
});

export const worldArb: fc.Arbitrary<World> = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    T1: fc.constantFrom(500, 500, 250),
    callers: fc.integer({ min: 1, max: 2 }),
    outbound: fc.option(proxyArb, { nil: null }),
    home: proxyArb,
    edge: fc.option(proxyArb, { nil: null }),
    registrarDigest: fc.boolean(),
    desk: calleeArb,
    mobile: calleeArb,
    redirect: fc.boolean(),
    presence: fc.option(fc.record({ recordRoute: fc.boolean() }), { nil: null }),
    defaultLatencyMs: fc.integer({ min: 0, max: 300 }),
    inviteExpires: fc.integer({ min: 20, max: 200 }),
  })
  .chain((w) =>
    fc.record({
      world: fc.constant(w),
      calls: fc.array(
        fc.record({
          at: fc.integer({ min: 0, max: 30_000 }),
          caller: fc.integer({ min: 0, max: w.callers - 1 }),
          via: w.redirect
            ? fc.constantFrom<'proxy' | 'redirect'>('proxy', 'redirect')
            : fc.constant<'proxy' | 'redirect'>('proxy'),
          end: fc.constantFrom<CallEnd>('none', 'cancel', 'bye', 'callee-bye'),
          after: fc.integer({ min: 0, max: 15_000 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      registerAt: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 0, maxLength: 2 }),
      messages: fc.array(
        fc.record({
          at: fc.integer({ min: 0, max: 30_000 }),
          caller: fc.integer({ min: 0, max: w.callers - 1 }),
        }),
        { maxLength: 2 },
      ),
      subscribe: w.presence
        ? fc.option(
            fc.record({
              at: fc.integer({ min: 0, max: 20_000 }),
              caller: fc.integer({ min: 0, max: w.callers - 1 }),
              unsubscribeAfter: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: null }),
            }),
            { nil: null },
          )
        : fc.constant(null),
      statusChanges: fc.array(
        fc.record({
          at: fc.integer({ min: 0, max: 40_000 }),
          status: fc.constantFrom<'open' | 'closed'>('open', 'closed'),
        }),
        { maxLength: 2 },
      ),
      links: fc.array(
        fc.record({
          pair: fc.integer({ min: 0, max: LINK_PAIRS.length - 1 }),
          latencyMs: fc.integer({ min: 0, max: MAX_LINK_LATENCY }),
          loss: fc.constantFrom(0, 0, 0.05, 0.1, 0.2, 0.3),
        }),
        { maxLength: 8 },
      ),
    }),
  )
  .map(({ world, ...rest }) => ({ ...world, ...rest }));

const A = 'a.example.com';
const B = 'b.example.com';
const C = 'c.example.com';
const R = 'r.example.com';
const P = 'p.example.com';
const USERS = [
  { username: 'alice0', password: 'secret0' },
  { username: 'alice1', password: 'secret1' },
  { username: 'bob', password: 'bobsecret' },
];

/** The scenario of a world, ready for parseScenario. */
export function scenarioOf(w: World): ScenarioInput {
  const elements: ScenarioInput['elements'] = [];
  const names = new Set<string>();
  const add = (e: ScenarioInput['elements'][number]) => {
    elements.push(e);
    names.add(e.name);
  };
  const proxy = (
    name: string,
    address: string,
    host: string,
    domain: string,
    shape: ProxyShape,
    registrar?: string,
  ) =>
    add({
      kind: shape.kind,
      name,
      address,
      host,
      domain,
      ...(registrar ? { registrar } : {}),
      recordRoute: shape.recordRoute,
      forking: shape.forking,
      // Only a stateful proxy can challenge (it needs the transaction to answer 407).
      ...(shape.authenticate && shape.kind === 'stateful-proxy'
        ? { authenticate: true, realm: domain, users: USERS }
        : {}),
    });

  for (let i = 0; i < w.callers; i++)
    add({
      kind: 'user-agent',
      name: `alice${i}`,
      address: `10.0.0.${10 + i}`,
      aor: `sip:alice${i}@${A}`,
      username: `alice${i}`,
      password: `secret${i}`,
      refresh: false,
      inviteExpires: w.inviteExpires,
      ...(w.outbound ? { outboundProxy: `sip:proxy.${A}` } : {}),
    });
  if (w.outbound) proxy('proxy-a', '10.0.0.2', `proxy.${A}`, A, w.outbound);
  proxy('proxy-b', '10.1.0.2', `proxy.${B}`, B, w.home, 'registrar-b');
  add({
    kind: 'registrar',
    name: 'registrar-b',
    address: '10.1.0.3',
    host: `registrar.${B}`,
    domain: B,
    authenticate: w.registrarDigest,
    users: USERS,
    // Bob's mobile is reached through domain c's proxy when there is one.
    bindings: w.edge
      ? [{ aor: `sip:bob@${B}`, contact: `sip:bob@${C}`, expires: 3600, q: w.mobile.q }]
      : [],
  });
  const callee = (name: string, address: string, aor: string, c: Callee, registrar: string) =>
    add({
      kind: 'user-agent',
      name,
      address,
      aor,
      username: 'bob',
      password: 'bobsecret',
      registrar,
      refresh: false,
      answer: { mode: c.answer, ringMs: c.ringMs, ring: c.ring },
    });
  callee('bob-desk', '10.1.0.20', `sip:bob@${B}`, w.desk, `sip:${B}`);
  if (w.edge) {
    proxy('proxy-c', '10.2.0.2', `proxy.${C}`, C, w.edge, 'registrar-c');
    add({
      kind: 'registrar',
      name: 'registrar-c',
      address: '10.2.0.3',
      host: `registrar.${C}`,
      domain: C,
    });
    callee('bob-mobile', '10.2.0.20', `sip:bob@${C}`, w.mobile, `sip:${C}`);
  } else {
    callee('bob-mobile', '10.1.0.21', `sip:bob@${B}`, w.mobile, `sip:${B}`);
  }
  if (w.redirect) {
    add({
      kind: 'redirect-server',
      name: 'redirect',
      address: '10.3.0.2',
      host: `redirect.${R}`,
      domain: R,
      registrar: 'registrar-r',
    });
    add({
      kind: 'registrar',
      name: 'registrar-r',
      address: '10.3.0.3',
      host: `registrar.${R}`,
      domain: R,
      bindings: [
        { aor: `sip:bob@${R}`, contact: 'sip:bob@10.1.0.20', expires: 3600, q: w.desk.q },
        {
          aor: `sip:bob@${R}`,
          contact: w.edge ? 'sip:bob@10.2.0.20' : 'sip:bob@10.1.0.21',
          expires: 3600,
          q: w.mobile.q,
        },
      ],
    });
  }
  if (w.presence)
    add({
      kind: 'presence-server',
      name: 'presence',
      address: '10.4.0.2',
      host: `presence.${P}`,
      domain: P,
      initial: { [`sip:bob@${P}`]: 'closed' },
    });

  const timeline: NonNullable<ScenarioInput['timeline']> = [];
  // Bob's phones register at the start; some worlds register again later (a refresh by hand).
  timeline.push({ at: 0, actor: 'bob-desk', action: 'register', expires: 3600 });
  timeline.push({ at: 0, actor: 'bob-mobile', action: 'register', expires: 3600 });
  for (const at of w.registerAt)
    timeline.push({ at, actor: at % 2 === 0 ? 'bob-desk' : 'bob-mobile', action: 'register' });
  for (const c of w.calls) {
    const actor = `alice${c.caller}`;
    const to = c.via === 'redirect' ? `sip:bob@${R}` : `sip:bob@${B}`;
    timeline.push({ at: c.at, actor, action: 'invite', to });
    const later = c.at + c.after;
    if (c.end === 'cancel') timeline.push({ at: later, actor, action: 'cancel' });
    if (c.end === 'bye') timeline.push({ at: later, actor, action: 'bye' });
    if (c.end === 'callee-bye') {
      timeline.push({ at: later, actor: 'bob-desk', action: 'bye' });
      timeline.push({ at: later, actor: 'bob-mobile', action: 'bye' });
    }
  }
  for (const m of w.messages)
    timeline.push({
      at: m.at,
      actor: `alice${m.caller}`,
      action: 'message',
      to: `sip:bob@${B}`,
      text: 'Are you there?',
    });
  if (w.presence && w.subscribe) {
    const actor = `alice${w.subscribe.caller}`;
    timeline.push({
      at: w.subscribe.at,
      actor,
      action: 'subscribe',
      to: `sip:bob@${P}`,
      expires: 120,
    });
    if (w.subscribe.unsubscribeAfter !== null)
      timeline.push({
        at: w.subscribe.at + w.subscribe.unsubscribeAfter,
        actor,
        action: 'unsubscribe',
      });
  }
  if (w.presence)
    for (const s of w.statusChanges)
      timeline.push({
        at: s.at,
        actor: 'presence',
        action: 'set-status',
        aor: `sip:bob@${P}`,
        status: s.status,
      });

  const links = new Map<string, { a: string; b: string; latencyMs: number; loss: number }>();
  for (const l of w.links) {
    const [a, b] = LINK_PAIRS[l.pair]!;
    if (!names.has(a) || !names.has(b)) continue;
    links.set(`${a} ${b}`, { a, b, latencyMs: l.latencyMs, loss: l.loss });
  }
  const srv = (domain: string, target: string) => ({ domain, target, port: 5060 });
  return {
    name: 'conformance',
    title: 'A random network',
    seed: w.seed,
    timers: { T1: w.T1, T2: 4000, T4: 5000 },
    defaultLatencyMs: w.defaultLatencyMs,
    elements,
    links: [...links.values()],
    dns: {
      a: [],
      srv: [
        ...(w.outbound ? [srv(A, `proxy.${A}`)] : []),
        srv(B, `proxy.${B}`),
        ...(w.edge ? [srv(C, `proxy.${C}`)] : []),
        ...(w.redirect ? [srv(R, `redirect.${R}`)] : []),
        ...(w.presence ? [srv(P, `presence.${P}`)] : []),
      ],
    },
    timeline,
    maxSteps: 200_000,
  };
}
