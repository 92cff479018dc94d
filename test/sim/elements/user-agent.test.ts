/**
 * User agent behaviour beyond the built-in ladders: an INVITE that comes again after the 2xx ended
 * its transaction, the same INVITE by two paths (§8.2.2.2), and removing every binding (§10.2.2).
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../sim/scenario';
import { FakeEndpoint, rawRequest } from '../helpers/fake-endpoint';
import { oneProxy, twoPhones } from '../helpers/scenarios';
import { ladder, run, sentRequest } from '../helpers/trace';

describe('UAS core', () => {
  it('absorbs an INVITE retransmitted after its 2xx in Accepted; its own 2xx retransmission answers (RFC 6026, §13.3.1.4)', () => {
    // Bob answers at once, without ringing; his 200 is lost, so Alice resends the INVITE at T1. Bob's
    // INVITE server transaction waits in Accepted (RFC 6026 §8.6) and absorbs it: it is not a new
    // call, and Bob's UA core resends its 200 on its own schedule (T1 after the first).
    const sim = run(
      twoPhones({
        bobAnswer: { mode: 'answer', ringMs: 0, ring: false },
        timeline: [{ at: 0, actor: 'alice', action: 'invite', to: 'sip:bob@10.1.0.20' }],
        faults: [{ from: 'bob', status: 200, count: 1 }],
        endAt: 5000,
      }),
    );
    expect(ladder(sim.trace).slice(0, 5)).toEqual([
      ['alice', 'bob', 'INVITE'],
      ['bob', 'alice', 200], // lost
      ['alice', 'bob', 'INVITE'], // at 500 ms: absorbed by Bob's transaction, no answer of its own
      ['bob', 'alice', 200], // the UA core's own 2xx retransmission, at T1 after the first
      ['alice', 'bob', 'ACK'],
    ]);
    const bobSent = sim.trace.filter((e) => e.type === 'send' && e.from === 'bob');
    expect(bobSent.map((e) => e.status ?? e.method)).toEqual([200, 200]);
    expect(ladder(sim.trace).some(([, , what]) => what === 486)).toBe(false);
    const bob = sim.snapshot().elements.find((e) => e.name === 'bob')!;
    expect(bob.activities?.filter((a) => a.kind === 'call').map((a) => a.state)).toEqual([
      'confirmed',
    ]);
  });

  it('answers the same INVITE arriving by a second path with 482 (§8.2.2.2)', () => {
    const sim = new Simulation(twoPhones({ bobAnswer: { mode: 'manual' }, endAt: 5000 }));
    const mallory = new FakeEndpoint(sim.network);
    const invite = (branch: string) =>
      rawRequest('INVITE sip:bob@10.1.0.20 SIP/2.0', {
        branch,
        to: '<sip:bob@b.example.com>',
        callId: 'merged@10.9.9.9',
        extra: ['Contact: <sip:mallory@10.9.9.9>'],
      });
    mallory.send({ address: '10.1.0.20' }, invite('z9hG4bKpath1'));
    mallory.send({ address: '10.1.0.20' }, invite('z9hG4bKpath2'));
    sim.run();
    const answers = mallory
      .responses()
      .map((r) => [r.status, r.topVia()?.params.find((p) => p.name === 'branch')?.value]);
    expect(answers).toContainEqual([180, 'z9hG4bKpath1']);
    expect(answers).toContainEqual([482, 'z9hG4bKpath2']);
    expect(answers).not.toContainEqual([180, 'z9hG4bKpath2']);
  });
});

describe('hanging up and cancelling', () => {
  it('a callee that hangs up before the ACK waits for it, then sends the BYE (§15)', () => {
    // Bob answers at 1010 ms; his first 200 is lost, so the ACK can only come after his resend at
    // 1510 ms. He hangs up at 1200 ms: the BYE waits for the ACK.
    const sim = run(
      twoPhones({
        timeline: [
          { at: 0, actor: 'alice', action: 'invite', to: 'sip:bob@10.1.0.20' },
          { at: 1200, actor: 'bob', action: 'bye' },
        ],
        faults: [{ from: 'bob', status: 200, count: 1 }],
        endAt: 10_000,
      }),
    );
    expect(ladder(sim.trace)).toEqual([
      ['alice', 'bob', 'INVITE'],
      ['bob', 'alice', 180],
      ['bob', 'alice', 200], // lost
      ['bob', 'alice', 200], // resent at T1
      ['alice', 'bob', 'ACK'],
      ['bob', 'alice', 'BYE'],
      ['alice', 'bob', 200],
    ]);
    const bye = sim.trace.find((e) => e.type === 'send' && e.method === 'BYE')!;
    expect(bye.time).toBe(1530);
    for (const e of sim.snapshot().elements)
      expect(e.activities?.find((a) => a.kind === 'call')?.state).toBe('terminated');
  });

  it('a second cancel while the first CANCEL is out is refused, not sent again (§9.1)', () => {
    const sim = run(
      twoPhones({
        bobAnswer: { mode: 'manual' },
        timeline: [
          { at: 0, actor: 'alice', action: 'invite', to: 'sip:bob@10.1.0.20' },
          { at: 100, actor: 'alice', action: 'cancel' },
          { at: 105, actor: 'alice', action: 'cancel' },
        ],
        endAt: 10_000,
      }),
    );
    expect(ladder(sim.trace).filter(([, , what]) => what === 'CANCEL')).toEqual([
      ['alice', 'bob', 'CANCEL'],
    ]);
    expect(sim.trace.some((e) => e.detail.includes('already being cancelled'))).toBe(true);
  });
});

describe('UAC registration (§10.2)', () => {
  it('"unregister all" sends Contact: * with Expires: 0 (§10.2.2), and the registrar removes every binding', () => {
    const scenario = oneProxy({
      timeline: [
        { at: 0, actor: 'bob', action: 'register' },
        { at: 1000, actor: 'bob', action: 'unregister', all: true },
      ],
      endAt: 5000,
    });
    const bob = scenario.elements.find((e) => e.name === 'bob');
    if (bob?.kind === 'user-agent') bob.registrar = 'sip:b.example.com';
    const sim = run(scenario);
    const second = sentRequest(sim.trace, 'bob', 'proxy', 'REGISTER', 1);
    expect(second.headerValue('contact')).toBe('*');
    expect(second.expires()).toBe(0);
    const first = sentRequest(sim.trace, 'bob', 'proxy', 'REGISTER', 0);
    expect(second.callId()).toBe(first.callId());
    expect(second.cseq()!.seq).toBe(first.cseq()!.seq + 1);
    const registrar = sim.snapshot().elements.find((e) => e.name === 'registrar')!;
    expect(registrar.bindings).toEqual([]);
  });
});
