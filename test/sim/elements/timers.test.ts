/**
 * The timers of RFC 3261 watched on whole simulations: faults drop chosen datagrams and the trace's
 * virtual times show each retransmission and timeout exactly where §17 and §13.3.1.4 put them
 * (T1 = 500 ms, T2 = 4 s, T4 = 5 s).
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../sim/network';
import { drops, run, sendTimes, sends } from '../helpers/trace';
import { oneProxy, twoPhones } from '../helpers/scenarios';

const T1 = 500;

function fired(trace: readonly TraceEvent[], element: string, timer: string): number[] {
  return trace
    .filter((e) => e.type === 'timer-fire' && e.element === element && e.timer === timer)
    .map((e) => e.time);
}

function started(trace: readonly TraceEvent[], element: string, timer: string): number[] {
  return trace
    .filter((e) => e.type === 'timer-start' && e.element === element && e.timer === timer)
    .map((e) => e.durationMs ?? NaN);
}

function activity(sim: ReturnType<typeof run>, element: string, kind: string) {
  return sim
    .snapshot()
    .elements.find((e) => e.name === element)
    ?.activities?.find((a) => a.kind === kind);
}

describe('INVITE client transaction: Timer A and Timer B (§17.1.1.2)', () => {
  const sim = run(
    oneProxy({
      timeline: [{ at: 0, actor: 'alice', action: 'invite', to: 'sip:bob@b.example.com' }],
      faults: [{ name: 'every INVITE from Alice is lost', from: 'alice', method: 'INVITE' }],
    }),
  );
  const trace = sim.trace;

  it('resends the INVITE at 500, 1500, 3500, 7500, 15500 and 31500 ms (Timer A doubles without a cap)', () => {
    expect(sendTimes(trace, (e) => e.from === 'alice' && e.method === 'INVITE')).toEqual([
      0, 500, 1500, 3500, 7500, 15500, 31500,
    ]);
    expect(started(trace, 'alice', 'A')).toEqual([500, 1000, 2000, 4000, 8000, 16000, 32000]);
    expect(drops(trace)).toHaveLength(7);
    // Every resend is marked as one, and is the same datagram.
    const invites = sends(trace).filter((e) => e.method === 'INVITE');
    expect(invites.map((e) => e.retransmission)).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(new Set(invites.map((e) => e.raw)).size).toBe(1);
  });

  it('gives up on Timer B at 64·T1 = 32000 ms: the call fails and nothing more is sent', () => {
    expect(fired(trace, 'alice', 'B')).toEqual([64 * T1]);
    expect(activity(sim, 'alice', 'call')).toMatchObject({ state: 'failed' });
    expect(activity(sim, 'alice', 'call')?.summary).toContain('Timer B');
    expect(sends(trace).filter((e) => e.time >= 32000)).toEqual([]);
    // The proxy never heard of the call.
    expect(sends(trace).filter((e) => e.from !== 'alice')).toEqual([]);
    for (const e of sim.snapshot().elements) expect(e.transactions).toEqual([]);
  });
});

describe('non-INVITE client transaction: Timer E and Timer F (§17.1.2.2)', () => {
  it('resends a MESSAGE at 500, 1500, 3500, 7500, then every T2 = 4 s, until Timer F at 32000 ms', () => {
    const sim = run(
      twoPhones({
        timeline: [
          { at: 0, actor: 'alice', action: 'message', to: 'sip:bob@10.1.0.20', text: 'hello' },
        ],
        faults: [{ from: 'alice', method: 'MESSAGE' }],
      }),
    );
    expect(sendTimes(sim.trace, (e) => e.method === 'MESSAGE')).toEqual([
      0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500,
    ]);
    expect(started(sim.trace, 'alice', 'E')).toEqual([
      500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000, 4000, 4000,
    ]);
    expect(fired(sim.trace, 'alice', 'F')).toEqual([32000]);
    expect(sends(sim.trace).filter((e) => e.time > 31500)).toEqual([]);
    expect(sim.snapshot().elements.flatMap((e) => e.transactions)).toEqual([]);
  });

  it('a REGISTER that never arrives fails on Timer F, after the same resends', () => {
    const scenario = twoPhones({
      timeline: [{ at: 0, actor: 'alice', action: 'register' }],
      faults: [{ from: 'alice', method: 'REGISTER' }],
    });
    // Alice's registrar is Bob's phone's address here: it never gets the REGISTER anyway.
    const alice = scenario.elements[0]!;
    if (alice.kind === 'user-agent') alice.registrar = 'sip:10.1.0.20';
    const sim = run(scenario);
    expect(sendTimes(sim.trace, (e) => e.method === 'REGISTER')).toEqual([
      0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500,
    ]);
    expect(fired(sim.trace, 'alice', 'F')).toEqual([32000]);
    expect(activity(sim, 'alice', 'registration')).toMatchObject({ state: 'failed' });
  });
});

describe('the UAS core resends its 2xx until the ACK comes (§13.3.1.4)', () => {
  // Bob answers at 1010 ms: the INVITE takes 10 ms, then he rings for 1 s.
  const answeredAt = 1010;

  it('resends at T1, 2·T1 after the 200 was lost twice, and stops when the ACK arrives', () => {
    const sim = run(
      twoPhones({
        timeline: [{ at: 0, actor: 'alice', action: 'invite', to: 'sip:bob@10.1.0.20' }],
        faults: [{ name: 'two 200 OKs lost', from: 'bob', status: 200, count: 2 }],
      }),
    );
    expect(sendTimes(sim.trace, (e) => e.from === 'bob' && e.status === 200)).toEqual([
      answeredAt,
      answeredAt + T1,
      answeredAt + 3 * T1,
    ]);
    expect(sendTimes(sim.trace, (e) => e.method === 'ACK')).toEqual([answeredAt + 3 * T1 + 10]);
    expect(
      sim.trace.filter((e) => e.type === 'timer-stop' && e.timer === '2xx retransmit'),
    ).toMatchObject([{ element: 'bob', time: answeredAt + 3 * T1 + 20 }]);
    expect(activity(sim, 'bob', 'call')).toMatchObject({ state: 'confirmed' });
  });

  it('with every ACK lost: T1, 2·T1, 4·T1, then T2 apart, and a BYE at 64·T1', () => {
    const sim = run(
      twoPhones({
        timeline: [{ at: 0, actor: 'alice', action: 'invite', to: 'sip:bob@10.1.0.20' }],
        faults: [{ name: 'every ACK lost', from: 'alice', method: 'ACK' }],
      }),
    );
    const offsets = sendTimes(sim.trace, (e) => e.from === 'bob' && e.status === 200).map(
      (t) => t - answeredAt,
    );
    expect(offsets).toEqual([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
    // Alice answers each retransmitted 2xx with the ACK again (§13.2.2.4); all are lost.
    expect(sendTimes(sim.trace, (e) => e.method === 'ACK').map((t) => t - answeredAt)).toEqual(
      offsets.map((o) => o + 10),
    );
    expect(sendTimes(sim.trace, (e) => e.method === 'BYE')).toEqual([answeredAt + 64 * T1]);
    expect(sendTimes(sim.trace, (e) => e.from === 'alice' && e.status === 200)).toEqual([
      answeredAt + 64 * T1 + 10,
    ]);
    expect(activity(sim, 'bob', 'call')?.summary).toContain('no ACK');
    expect(activity(sim, 'alice', 'call')).toMatchObject({ state: 'terminated' });
  });
});

describe('INVITE server transaction: Timer G and Timer H (§17.2.1)', () => {
  it('resends a 486 at T1, 2·T1, 4·T1, then every T2, and gives up on Timer H at 64·T1', () => {
    const sim = run(
      twoPhones({
        bobAnswer: { mode: 'busy' },
        timeline: [{ at: 0, actor: 'alice', action: 'invite', to: 'sip:bob@10.1.0.20' }],
        faults: [{ from: 'alice', method: 'ACK' }],
      }),
    );
    // The INVITE arrives at 10 ms and Bob is busy at once.
    expect(
      sendTimes(sim.trace, (e) => e.from === 'bob' && e.status === 486).map((t) => t - 10),
    ).toEqual([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
    expect(fired(sim.trace, 'bob', 'H')).toEqual([10 + 64 * T1]);
    // Alice's transaction ACKs each 486 it gets (§17.1.1.2), and ends on Timer D (32 s after the first).
    expect(fired(sim.trace, 'alice', 'D')).toEqual([20 + 32000]);
  });
});
