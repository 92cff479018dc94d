import { describe, expect, it } from 'vitest';
import type { SipRequest, SipResponse } from '../../../sim/codec';
import {
  TransactionError,
  TransactionLayer,
  newBranch,
  type Transaction,
  type TransactionEnv,
} from '../../../sim/transaction';
import {
  CLIENT,
  SERVER,
  answer,
  invite,
  register,
  request,
  sendTimes,
  testEnv,
  type TestEnv,
} from './harness';

function layerWith(env: TestEnv = testEnv(), element = 'alice', sendTrying = true) {
  const log: string[] = [];
  const tu = {
    onResponse: (tx: Transaction, r: SipResponse) => log.push(`response ${tx.id} ${r.status}`),
    onTimeout: (tx: Transaction, timer: string) => log.push(`timeout ${tx.id} ${timer}`),
    onTerminated: (tx: Transaction) => log.push(`terminated ${tx.id}`),
  };
  const layer = new TransactionLayer({ element, env: env as TransactionEnv, tu, sendTrying });
  return { env, layer, log };
}

/** The CANCEL for the harness INVITE (§9.1): same Request-URI, Call-ID, To, From, top Via, CSeq number. */
function cancelFor(inv: SipRequest): SipRequest {
  return request(`CANCEL ${inv.requestUri} SIP/2.0
Via: ${inv.headerValue('via')}
To: ${inv.headerValue('to')}
From: ${inv.headerValue('from')}
Call-ID: ${inv.callId()}
CSeq: ${inv.cseq()!.seq} CANCEL
Max-Forwards: 70
Content-Length: 0

`);
}

/** An RFC 2543 INVITE: its Via has no branch. */
function legacyInvite(cseq = 1): SipRequest {
  return request(`INVITE sip:bob@biloxi.com SIP/2.0
Via: SIP/2.0/UDP pc.old.example.com:5060
To: <sip:bob@biloxi.com>
From: <sip:carol@old.example.com>;tag=2543
Call-ID: legacy-1@old.example.com
CSeq: ${cseq} INVITE
Content-Length: 0

`);
}

function legacyAck(toTag: string): SipRequest {
  return request(`ACK sip:bob@biloxi.com SIP/2.0
Via: SIP/2.0/UDP pc.old.example.com:5060
To: <sip:bob@biloxi.com>;tag=${toTag}
From: <sip:carol@old.example.com>;tag=2543
Call-ID: legacy-1@old.example.com
CSeq: 1 ACK
Content-Length: 0

`);
}

describe('client side (RFC 3261 §17.1, §17.1.3)', () => {
  it('creates the right machine for each method, with readable ids', () => {
    const { layer } = layerWith();
    const ict = layer.sendRequest(invite(), SERVER);
    const nict = layer.sendRequest(register(), SERVER);
    expect([ict.id, ict.kind, ict.state()]).toEqual([
      'alice:z9hG4bKkjshdyff:INVITE',
      'INVITE client',
      'Calling',
    ]);
    expect([nict.id, nict.kind, nict.state()]).toEqual([
      'alice:z9hG4bKnashds7:REGISTER',
      'non-INVITE client',
      'Trying',
    ]);
  });

  it('refuses ACK, a request without a magic-cookie branch, and a branch in use', () => {
    const { layer } = layerWith();
    const ack = invite();
    ack.setMethod('ACK');
    expect(() => layer.sendRequest(ack, SERVER)).toThrow(TransactionError);
    expect(() => layer.sendRequest(invite('1234'), SERVER)).toThrow(/§8\.1\.1\.7/);
    layer.sendRequest(invite(), SERVER);
    expect(() => layer.sendRequest(invite(), SERVER)).toThrow(/already used/);
  });

  it('matches responses by top Via branch and CSeq method: INVITE and CANCEL share a branch', () => {
    const { layer, log } = layerWith();
    const inv = invite();
    layer.sendRequest(inv, SERVER);
    expect(layer.receiveResponse(answer(inv, 180))).toBe(true);
    const cancel = cancelFor(inv);
    layer.sendRequest(cancel, SERVER);
    expect(layer.receiveResponse(answer(cancel, 200))).toBe(true);
    expect(layer.receiveResponse(answer(inv, 487))).toBe(true);
    expect(log).toEqual([
      'response alice:z9hG4bKkjshdyff:INVITE 180',
      'response alice:z9hG4bKkjshdyff:CANCEL 200',
      'response alice:z9hG4bKkjshdyff:INVITE 487',
    ]);
    expect(layer.receiveResponse(answer(invite('z9hG4bKother'), 200))).toBe(false);
  });

  it('passes a 2xx retransmission up through Accepted, and reports it unmatched after Timer M (RFC 6026 §8.4)', () => {
    const { env, layer, log } = layerWith();
    const inv = invite();
    const tx = layer.sendRequest(inv, SERVER);
    expect(layer.receiveResponse(answer(inv, 200))).toBe(true);
    expect(tx.state()).toBe('Accepted');
    expect(layer.receiveResponse(answer(inv, 200))).toBe(true);
    env.clock.advance(32_000);
    expect(layer.receiveResponse(answer(inv, 200))).toBe(false);
    expect(layer.get(tx.id)).toBeUndefined();
    expect(tx.state()).toBe('Terminated');
    expect(log).toEqual([
      'response alice:z9hG4bKkjshdyff:INVITE 200',
      'response alice:z9hG4bKkjshdyff:INVITE 200',
      'terminated alice:z9hG4bKkjshdyff:INVITE',
    ]);
    expect(layer.snapshot()).toEqual({ element: 'alice', transactions: [], terminated: 1 });
  });

  it('tells the TU about Timer B with the timer name', () => {
    const { env, layer, log } = layerWith();
    layer.sendRequest(invite(), SERVER);
    env.clock.advance(32_000);
    expect(log).toEqual([
      'timeout alice:z9hG4bKkjshdyff:INVITE B',
      'terminated alice:z9hG4bKkjshdyff:INVITE',
    ]);
  });

  it("gives a new id to a transaction that reuses a terminated one's branch", () => {
    const { env, layer } = layerWith();
    const inv = invite();
    const tx = layer.sendRequest(inv, SERVER);
    layer.receiveResponse(answer(inv, 200));
    // Still in Accepted: the branch is taken until Timer M ends the transaction.
    expect(() => layer.sendRequest(invite(), SERVER)).toThrow(/already used/);
    layer.abandon(tx);
    expect(layer.get(tx.id)).toBeDefined();
    env.clock.advance(32_000);
    expect(layer.sendRequest(invite(), SERVER).id).toBe('alice:z9hG4bKkjshdyff:INVITE:2');
  });
});

describe('server side (RFC 3261 §17.2.3)', () => {
  it('creates a transaction for a new request and absorbs its retransmissions', () => {
    const { env, layer } = layerWith(testEnv(), 'bob');
    const first = layer.receiveRequest(invite(), CLIENT);
    expect(first.kind).toBe('new');
    if (first.kind !== 'new') return;
    expect(first.transaction).toMatchObject({
      id: 'bob:z9hG4bKkjshdyff:INVITE',
      kind: 'INVITE server',
    });
    expect(first.transaction.state()).toBe('Proceeding');
    const again = layer.receiveRequest(invite(), CLIENT);
    expect(again).toEqual({ kind: 'retransmission', transaction: first.transaction });
    // 100 Trying at once, and again for the retransmission.
    expect(sendTimes(env, 100)).toEqual([0, 0]);
    expect(env.sent[0]!.destination).toEqual({ address: 'pc33.atlanta.com', port: 5060 });
  });

  it('tells apart requests with the same branch but another sent-by or method', () => {
    const { layer } = layerWith(testEnv(), 'bob', false);
    const a = layer.receiveRequest(invite(), CLIENT);
    const b = layer.receiveRequest(invite('z9hG4bKkjshdyff', 'other.example.com'), CLIENT);
    const c = layer.receiveRequest(register('z9hG4bKkjshdyff', 'pc33.atlanta.com'), CLIENT);
    expect([a.kind, b.kind, c.kind]).toEqual(['new', 'new', 'new']);
    expect(layer.transactions()).toHaveLength(3);
  });

  it('absorbs the ACK for a non-2xx response in the INVITE transaction (Completed → Confirmed)', () => {
    const { layer } = layerWith(testEnv(), 'bob', false);
    const inv = invite();
    const got = layer.receiveRequest(inv, CLIENT);
    if (got.kind !== 'new') throw new Error(got.kind);
    layer.respond(got.transaction, answer(inv, 486));
    const ack = invite();
    ack.setMethod('ACK');
    ack.setHeader('cseq', '986759 ACK');
    expect(layer.receiveRequest(ack, CLIENT)).toEqual({
      kind: 'ack-absorbed',
      transaction: got.transaction,
    });
    expect(got.transaction.state()).toBe('Confirmed');
  });

  it('reports the ACK for a 2xx (new branch, no transaction) so the TU handles it', () => {
    const { env, layer } = layerWith(testEnv(), 'bob', false);
    const inv = invite();
    const got = layer.receiveRequest(inv, CLIENT);
    if (got.kind !== 'new') throw new Error(got.kind);
    expect(layer.respond(got.transaction, answer(inv, 200))).toBe(true);
    expect(got.transaction.state()).toBe('Accepted');
    const ack = invite('z9hG4bK2xxack');
    ack.setMethod('ACK');
    ack.setHeader('cseq', '986759 ACK');
    expect(layer.receiveRequest(ack, CLIENT)).toEqual({ kind: 'ack-for-2xx' });
    // An ACK that carries the INVITE's own branch also goes to the TU while Accepted (RFC 6026 §8.6).
    const sameBranch = invite();
    sameBranch.setMethod('ACK');
    sameBranch.setHeader('cseq', '986759 ACK');
    expect(layer.receiveRequest(sameBranch, CLIENT)).toEqual({ kind: 'ack-for-2xx' });
    // A retransmitted INVITE is absorbed while Accepted; after Timer L it would be new.
    expect(layer.receiveRequest(inv, CLIENT).kind).toBe('retransmission');
    env.clock.advance(32_000);
    expect(got.transaction.state()).toBe('Terminated');
    expect(layer.respond(got.transaction, answer(inv, 200))).toBe(false);
  });

  it('creates a CANCEL transaction and finds the INVITE it targets (§9.2)', () => {
    const { layer } = layerWith(testEnv(), 'bob', false);
    const inv = invite();
    const got = layer.receiveRequest(inv, CLIENT);
    if (got.kind !== 'new') throw new Error(got.kind);
    const cancel = layer.receiveRequest(cancelFor(inv), CLIENT);
    expect(cancel.kind).toBe('cancel');
    if (cancel.kind !== 'cancel') return;
    expect(cancel.transaction).toMatchObject({
      id: 'bob:z9hG4bKkjshdyff:CANCEL',
      kind: 'non-INVITE server',
    });
    expect(cancel.target).toBe(got.transaction);
    expect(layer.receiveRequest(cancelFor(inv), CLIENT)).toEqual({
      kind: 'retransmission',
      transaction: cancel.transaction,
    });
    const stray = layer.receiveRequest(cancelFor(invite('z9hG4bKunknown')), CLIENT);
    expect(stray).toMatchObject({ kind: 'cancel' });
    expect(stray.kind === 'cancel' && stray.target).toBe(undefined);
  });

  it('matches RFC 2543 requests by Request-URI, tags, Call-ID, CSeq and top Via', () => {
    const { env, layer } = layerWith(testEnv(), 'bob', false);
    const got = layer.receiveRequest(legacyInvite(), CLIENT);
    if (got.kind !== 'new') throw new Error(got.kind);
    expect(got.transaction.id).toBe('bob:rfc2543-1:INVITE');
    expect(got.transaction.branch).toBe('');
    expect(layer.receiveRequest(legacyInvite(), CLIENT).kind).toBe('retransmission');
    expect(layer.receiveRequest(legacyInvite(2), CLIENT).kind).toBe('new');

    const cancel = request(`CANCEL sip:bob@biloxi.com SIP/2.0
Via: SIP/2.0/UDP pc.old.example.com:5060
To: <sip:bob@biloxi.com>
From: <sip:carol@old.example.com>;tag=2543
Call-ID: legacy-1@old.example.com
CSeq: 1 CANCEL
Content-Length: 0

`);
    const c = layer.receiveRequest(cancel, CLIENT);
    expect(c.kind === 'cancel' && c.target).toBe(got.transaction);

    layer.respond(got.transaction, answer(legacyInvite(), 486, 'busy1'));
    // The ACK matches only with the To tag of the response the transaction sent.
    expect(layer.receiveRequest(legacyAck('other'), CLIENT)).toEqual({ kind: 'ack-for-2xx' });
    expect(layer.receiveRequest(legacyAck('busy1'), CLIENT).kind).toBe('ack-absorbed');
    expect(got.transaction.state()).toBe('Confirmed');
    expect(env.sent.filter((s) => s.message.kind === 'response')).toHaveLength(1);
  });

  it('sends responses where §18.2.2 says: received, rport, or the connection over TCP', () => {
    const udp = layerWith(testEnv(), 'bob', false);
    const inv = invite();
    inv.setHeader(
      'via',
      'SIP/2.0/UDP pc33.atlanta.com:5070;branch=z9hG4bKkjshdyff;received=192.0.2.101;rport=41000',
    );
    const got = udp.layer.receiveRequest(inv, { address: '192.0.2.101', port: 41000 });
    if (got.kind !== 'new') throw new Error(got.kind);
    udp.layer.respond(got.transaction, answer(inv, 180));
    expect(udp.env.sent[0]!.destination).toEqual({ address: '192.0.2.101', port: 41000 });

    const tcp = layerWith(testEnv({ reliable: true }), 'bob', false);
    const source = { address: '192.0.2.7', port: 50123 };
    const t = tcp.layer.receiveRequest(invite(), source);
    if (t.kind !== 'new') throw new Error(t.kind);
    tcp.layer.respond(t.transaction, answer(invite(), 180));
    expect(tcp.env.sent[0]!.destination).toEqual(source);
  });

  it('reports a request without a Via as malformed', () => {
    const { layer } = layerWith(testEnv(), 'bob');
    const req = register();
    req.removeHeaders('via');
    expect(layer.receiveRequest(req, CLIENT)).toMatchObject({ kind: 'malformed' });
  });
});

describe('snapshot and TU errors', () => {
  it('lists live transactions with RFC state names and the time left on each timer', () => {
    const { env, layer } = layerWith(testEnv(), 'alice');
    layer.sendRequest(invite(), SERVER);
    layer.sendRequest(register(), SERVER);
    env.clock.advance(700);
    expect(layer.snapshot()).toEqual({
      element: 'alice',
      terminated: 0,
      transactions: [
        {
          id: 'alice:z9hG4bKkjshdyff:INVITE',
          kind: 'INVITE client',
          method: 'INVITE',
          branch: 'z9hG4bKkjshdyff',
          state: 'Calling',
          timers: [
            { name: 'A', durationMs: 1000, startedAt: 500, remainingMs: 800 },
            { name: 'B', durationMs: 32_000, startedAt: 0, remainingMs: 31_300 },
          ],
        },
        {
          id: 'alice:z9hG4bKnashds7:REGISTER',
          kind: 'non-INVITE client',
          method: 'REGISTER',
          branch: 'z9hG4bKnashds7',
          state: 'Trying',
          timers: [
            { name: 'E', durationMs: 1000, startedAt: 500, remainingMs: 800 },
            { name: 'F', durationMs: 32_000, startedAt: 0, remainingMs: 31_300 },
          ],
        },
      ],
    });
  });

  it('rethrows an error the TU throws, from the layer call that led to it', () => {
    const env = testEnv();
    const layer = new TransactionLayer({
      element: 'alice',
      env,
      tu: {
        onResponse: () => {
          throw new Error('TU bug');
        },
        onTimeout: () => undefined,
      },
    });
    const inv = invite();
    layer.sendRequest(inv, SERVER);
    expect(() => layer.receiveResponse(answer(inv, 180))).toThrow('TU bug');
    // The transaction itself went on: it is in Proceeding.
    expect(layer.snapshot().transactions[0]?.state).toBe('Proceeding');
  });

  it('throws an error the TU throws on a timer from the clock, at the same virtual time', () => {
    const env = testEnv();
    const layer = new TransactionLayer({
      element: 'alice',
      env,
      tu: {
        onResponse: () => undefined,
        onTimeout: () => {
          throw new Error('timeout handler bug');
        },
      },
    });
    layer.sendRequest(invite(), SERVER);
    expect(() => env.clock.advance(40_000)).toThrow('timeout handler bug');
    expect(env.clock.now()).toBe(32_000);
  });
});

describe('newBranch (RFC 3261 §8.1.1.7)', () => {
  it('starts with the magic cookie and is deterministic for a seeded generator', () => {
    const seeded = (seed: number) => () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const a = newBranch(seeded(42));
    expect(a).toMatch(/^z9hG4bK[a-z0-9]{10}$/);
    expect(newBranch(seeded(42))).toBe(a);
    expect(newBranch(seeded(43))).not.toBe(a);
    expect(newBranch(() => 0.999999999, 4)).toBe('z9hG4bK9999');
  });
});
