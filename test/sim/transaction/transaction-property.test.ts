import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SipRequest } from '../../../sim/codec';
import {
  TIMER_D_MINIMUM_MS,
  TransactionLayer,
  type Transaction,
  type TransactionKind,
} from '../../../sim/transaction';
import { CLIENT, SERVER, answer, invite, register, testEnv } from './harness';

type Step =
  | { t: 'advance'; ms: number }
  | { t: 'response'; status: number }
  | { t: 'retransmission' }
  | { t: 'ack' }
  | { t: 'abandon' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 40_000 }) }),
  fc.record({
    t: fc.constant('response' as const),
    status: fc.constantFrom(100, 180, 183, 200, 202, 302, 404, 486, 500, 603),
  }),
  fc.record({ t: fc.constant('retransmission' as const) }),
  fc.record({ t: fc.constant('ack' as const) }),
  fc.record({ t: fc.constant('abandon' as const) }),
);

const KINDS: TransactionKind[] = [
  'INVITE client',
  'non-INVITE client',
  'INVITE server',
  'non-INVITE server',
];

/** The edges of Figures 5–8, with RFC 6026's Accepted state ('' is creation). */
const EDGES: Record<TransactionKind, string[]> = {
  'INVITE client': [
    '→Calling',
    'Calling→Proceeding',
    'Calling→Completed',
    'Calling→Terminated',
    'Calling→Accepted',
    'Proceeding→Completed',
    'Proceeding→Accepted',
    // Abandoned by the TU 64·T1 after a CANCEL (§9.1).
    'Proceeding→Terminated',
    'Completed→Terminated',
    'Accepted→Terminated',
  ],
  'non-INVITE client': [
    '→Trying',
    'Trying→Proceeding',
    'Trying→Completed',
    'Trying→Terminated',
    'Proceeding→Completed',
    'Proceeding→Terminated',
    'Completed→Terminated',
  ],
  'INVITE server': [
    '→Proceeding',
    'Proceeding→Completed',
    'Proceeding→Accepted',
    'Proceeding→Terminated',
    'Accepted→Terminated',
    'Completed→Confirmed',
    'Completed→Terminated',
    'Confirmed→Terminated',
  ],
  'non-INVITE server': [
    '→Trying',
    'Trying→Proceeding',
    'Trying→Completed',
    'Proceeding→Completed',
    'Proceeding→Terminated',
    'Completed→Terminated',
  ],
};

/**
 * The states in which RFC 3261 lets a transaction wait with no timer running, because the other side
 * decides: an INVITE client in Proceeding (the TU CANCELs, or a proxy's Timer C fires, §16.6), and a
 * server transaction whose TU has not sent a final response yet.
 */
const WAITING: Record<TransactionKind, string[]> = {
  'INVITE client': ['Proceeding'],
  'non-INVITE client': [],
  'INVITE server': ['Proceeding'],
  'non-INVITE server': ['Trying', 'Proceeding'],
};

function ackFor(req: SipRequest): SipRequest {
  const ack = invite(req.topVia()?.params.find((p) => p.name === 'branch')?.value ?? undefined);
  ack.setMethod('ACK');
  ack.setHeader('cseq', `${req.cseq()!.seq} ACK`);
  return ack;
}

describe('every transaction ends (RFC 3261 §17)', () => {
  it('reaches Terminated, or an RFC waiting state with no timer, within max(64*T1, 32 s) + T4 of its last input', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KINDS),
        fc.boolean(),
        fc.constantFrom(250, 500, 1000),
        fc.array(step, { maxLength: 30 }),
        (kind, reliable, T1, steps) => {
          const env = testEnv({ reliable, timers: { T1, T2: 8 * T1, T4: 5000 } });
          const terminated = new Map<string, number>();
          const finals = new Set<Transaction>();
          const layer = new TransactionLayer({
            element: 'e',
            env,
            tu: {
              onResponse: () => undefined,
              onTimeout: () => undefined,
              onTerminated: (tx) => terminated.set(tx.id, (terminated.get(tx.id) ?? 0) + 1),
            },
          });
          const client = kind.endsWith('client');
          const req = kind.startsWith('INVITE') ? invite() : register();
          const all: Transaction[] = [];
          let current: Transaction;
          if (client) current = layer.sendRequest(req, SERVER);
          else {
            const got = layer.receiveRequest(req, CLIENT);
            if (got.kind !== 'new') throw new Error(got.kind);
            current = got.transaction;
          }
          all.push(current);
          let last = answer(req, 100);

          for (const s of steps) {
            if (s.t === 'advance') env.clock.advance(s.ms);
            else if (s.t === 'response') {
              last = answer(req, s.status);
              const final = s.status >= 200;
              if (client) {
                if (layer.receiveResponse(last) && final) finals.add(current);
              } else if (current.side === 'server' && layer.respond(current, last) && final) {
                finals.add(current);
              }
            } else if (s.t === 'retransmission') {
              if (client) layer.receiveResponse(last);
              else {
                const got = layer.receiveRequest(req, CLIENT);
                if (got.kind === 'new') all.push((current = got.transaction));
              }
            } else if (s.t === 'abandon') {
              if (current.side === 'client') layer.abandon(current);
            } else if (!client) layer.receiveRequest(ackFor(req), CLIENT);
          }

          env.clock.advance(Math.max(64 * T1, TIMER_D_MINIMUM_MS) + 5000);

          expect(env.clock.pending).toBe(0);
          for (const tx of all) {
            const live = layer.get(tx.id) === tx;
            if (live) {
              expect(WAITING[tx.kind]).toContain(tx.state());
              expect(tx.timers()).toEqual([]);
              expect(finals.has(tx)).toBe(false);
            } else {
              expect(tx.state()).toBe('Terminated');
              expect(terminated.get(tx.id)).toBe(1);
            }
            const changes = env.events.flatMap((e) =>
              e.type === 'state' && e.transactionId === tx.id ? [`${e.from}→${e.to}`] : [],
            );
            for (const edge of changes) expect(EDGES[tx.kind]).toContain(edge);
            changes.forEach((edge, i) => {
              if (i > 0) expect(edge.split('→')[0]).toBe(changes[i - 1]!.split('→')[1]);
            });
            // Every timer that started has fired or stopped.
            const balance = new Map<string, number>();
            for (const e of env.events) {
              if (e.transactionId !== tx.id || e.type === 'state') continue;
              const n = balance.get(e.timer) ?? 0;
              balance.set(e.timer, e.type === 'timer-start' ? n + 1 : n - 1);
              expect(balance.get(e.timer)).toBeGreaterThanOrEqual(0);
              expect(balance.get(e.timer)).toBeLessThanOrEqual(1);
            }
            for (const n of balance.values()) expect(n).toBe(0);
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);
});
