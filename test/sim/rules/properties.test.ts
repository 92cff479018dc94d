/**
 * Whatever it is given, the engine answers with findings: random bytes, messages from the base
 * ladders cut, mangled and reordered, absurd times, addresses and options — it never throws, and no
 * rule fails internally (fast-check, fixed seeds).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMessagesReport, estimateT1, type CheckOptions, type WireMessage } from '@/sim/rules';
import type { Ladder } from './helpers';
import {
  cancelledCall,
  directCall,
  forkedCall,
  forkedRejected,
  messageExchange,
  proxyCall,
  registration,
  rejectedCall,
  subscription,
} from './flows';

const ladders: (() => Ladder)[] = [
  directCall,
  () => proxyCall(false),
  () => proxyCall(true),
  () => rejectedCall(),
  cancelledCall,
  registration,
  messageExchange,
  subscription,
  forkedCall,
  () => forkedRejected('486 Busy Here', '603 Decline', '486 Busy Here'),
];
const pool: WireMessage[] = ladders.flatMap((make) => make().wire());

type Mutation = (raw: string, pick: number) => string;

const mutations: Mutation[] = [
  (s) => s,
  (s, k) => s.slice(0, k % (s.length + 1)),
  (s, k) => {
    const lines = s.split('\r\n');
    lines.splice(k % lines.length, 1);
    return lines.join('\r\n');
  },
  (s, k) => {
    const lines = s.split('\r\n');
    const i = k % lines.length;
    lines.splice(i, 0, lines[i]!);
    return lines.join('\r\n');
  },
  (s, k) => {
    const i = k % Math.max(1, s.length);
    return s.slice(0, i) + String.fromCharCode(k % 256) + s.slice(i + 1);
  },
  (s, k) => s.replace(/tag=\w+/, k % 2 ? '' : 'tag='),
  (s, k) =>
    s.replace(/branch=[^;\r\n]+/, k % 3 === 0 ? 'branch=' : k % 3 === 1 ? '' : 'branch=z9hG4bK'),
  (s, k) => s.replace(/CSeq: \d+/, `CSeq: ${k % 5}`),
  (s) => s.replace(/\r\n/g, '\n'),
  (s, k) =>
    s.replace(
      /Via: [^\r]*\r\n/,
      k % 2 ? '' : 'Via: SIP/2.0/UDP [::1]:5060;branch=z9hG4bKx;received=::1;rport=70000\r\n',
    ),
  (s) => s.replace(/Content-Length: \d+/, 'Content-Length: 99999'),
];

const weirdTime = fc.oneof(
  fc.integer({ min: -1000, max: 400_000 }),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, 1e15),
);
const address = fc.oneof(
  fc.constantFrom(
    '10.0.0.1:5060',
    '10.0.0.2:5060',
    '10.0.0.3:5060',
    '10.0.0.5:5060',
    '[2001:db8::1]:5060',
  ),
  fc.string({ maxLength: 12 }),
);

const mutated: fc.Arbitrary<WireMessage> = fc
  .record({
    base: fc.integer({ min: 0, max: pool.length - 1 }),
    mutation: fc.integer({ min: 0, max: mutations.length - 1 }),
    k: fc.nat(),
    time: fc.option(weirdTime, { nil: undefined }),
    arrival: fc.option(weirdTime, { nil: undefined }),
    delivered: fc.option(fc.boolean(), { nil: undefined }),
    source: fc.option(address, { nil: undefined }),
    transport: fc.option(fc.constantFrom('UDP', 'TCP', 'TLS', 'SCTP', 'WS', 'XYZ'), {
      nil: undefined,
    }),
    bytes: fc.boolean(),
  })
  .map((g) => {
    const w = pool[g.base]!;
    const raw = mutations[g.mutation]!(w.raw as string, g.k);
    return {
      ...w,
      raw: g.bytes ? new Uint8Array([...raw].map((c) => c.charCodeAt(0) & 0xff)) : raw,
      ...(g.time !== undefined ? { time: g.time } : {}),
      ...(g.arrival !== undefined ? { arrival: g.arrival } : {}),
      ...(g.delivered !== undefined ? { delivered: g.delivered } : {}),
      ...(g.source !== undefined ? { source: g.source } : {}),
      ...(g.transport !== undefined ? { transport: g.transport as WireMessage['transport'] } : {}),
    };
  });

const randomMessage: fc.Arbitrary<WireMessage> = fc.record({
  id: fc.integer(),
  time: weirdTime,
  source: address,
  destination: address,
  raw: fc.oneof(fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 })),
});

const options: fc.Arbitrary<CheckOptions> = fc.record(
  {
    T1: fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.constant(Number.NaN)),
    T2: fc.integer({ min: -5, max: 60_000 }),
    tolerance: fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.constant(Infinity)),
    endTime: weirdTime,
    hosts: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 })),
    credentials: fc.array(
      fc.record({ username: fc.constantFrom('alice', ''), password: fc.string({ maxLength: 6 }) }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);

function runs(messages: WireMessage[], opts: CheckOptions): void {
  const report = checkMessagesReport(messages, opts);
  expect(report.ruleErrors).toEqual([]);
  for (const f of report.findings) expect(typeof f.text).toBe('string');
  estimateT1(messages);
}

describe('the engine on hostile input', () => {
  it('never throws on random bytes and strings', () => {
    fc.assert(
      fc.property(fc.array(randomMessage, { maxLength: 8 }), options, (ms, opts) => runs(ms, opts)),
      { numRuns: 150, seed: 3261 },
    );
  });

  it('never throws on mutated, shuffled and mistimed ladders', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(mutated, fc.constantFrom(...pool)), { minLength: 1, maxLength: 24 }),
        options,
        (ms, opts) => runs(ms, opts),
      ),
      { numRuns: 300, seed: 17 },
    );
  });

  it('gives the same findings whatever the input order of messages with distinct times', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: ladders.length - 1 }), fc.nat(), (i, seed) => {
        const ms = ladders[i]!()
          .wire()
          .map((m, k) => ({ ...m, time: m.time + k * 0.001 }));
        const shuffled = fc.sample(fc.shuffledSubarray(ms, { minLength: ms.length }), {
          numRuns: 1,
          seed,
        })[0]!;
        const key = (f: { rule: string; message: number }) => `${f.rule}@${f.message}`;
        const a = checkMessagesReport(ms).findings.map(key).sort();
        const b = checkMessagesReport(shuffled).findings.map(key).sort();
        expect(b).toEqual(a);
      }),
      { numRuns: 40, seed: 6026 },
    );
  });

  it('survives inputs that are not arrays or not objects', () => {
    for (const bad of [null, undefined, 42, 'x', [null, 3, 'x', {}]] as unknown[])
      expect(() => checkMessagesReport(bad as WireMessage[], bad as CheckOptions)).not.toThrow();
  });
});
