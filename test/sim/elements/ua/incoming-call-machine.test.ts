// The incoming call machine (RFC 3261 §13.3, §9.2, §15): driven alone on a virtual clock, each
// transition asks its host for the responses, BYEs and timers the RFC gives.
import { describe, expect, it } from 'vitest';
import { serializeMessage } from '../../../../sim/codec';
import type { UserAgentConfig } from '../../../../sim/elements';
import { IncomingCall } from '../../../../sim/elements/ua/calls';
import { incomingCallMachine } from '../../../../sim/elements/ua/incoming-call-machine';
import { machineGraph } from '../../../../sim/transaction';
import { fakeServerTransaction, fakeUa, requestFromBob, type FakeUa } from './fake-ua';
import { drawnState } from './machine-check';

type Policy = NonNullable<UserAgentConfig['answer']>;

function incoming(
  policy: Policy,
  opts: { busy?: boolean; expires?: number } = {},
): { ua: FakeUa; call: IncomingCall; state: () => string } {
  const ua = fakeUa({ answer: policy });
  const invite = requestFromBob(
    'INVITE',
    opts.expires !== undefined ? [['Expires', String(opts.expires)]] : [],
  );
  const call = new IncomingCall(
    ua,
    fakeServerTransaction(invite),
    invite,
    'alicetag',
    opts.busy ?? false,
    policy,
  );
  return { ua, call, state: () => drawnState(call.view()) };
}

/** When each entry was logged: the times (ms) of the entries equal to `entry`. */
function timesOf(ua: FakeUa, entry: string, at: Map<number, number>): number[] {
  return ua.log.flatMap((e, i) => (e === entry ? [at.get(i)!] : []));
}

describe('incoming call machine', () => {
  it('rings, answers when the ring time is over, resends the 2xx until the ACK, then hangs up', () => {
    const { ua, call, state } = incoming({ mode: 'answer', ringMs: 2000 });
    expect(state()).toBe('Ringing');
    expect(ua.log).toEqual(['respond 180']);
    expect(call.dialog?.state).toBe('early');

    ua.clock.advance(2000);
    expect(state()).toBe('Answered');
    expect(ua.log.slice(1)).toEqual(['note', 'respond 200', 'timer-start 2xx retransmit']);
    expect(call.dialog?.state).toBe('confirmed');
    const ok = call.ok!;
    expect(call.sent2xx()).toBe(ok);

    ua.clock.advance(500);
    expect(ua.log.slice(4)).toEqual([
      'timer-fire 2xx retransmit',
      'respond 200 again',
      'timer-start 2xx retransmit',
    ]);
    expect(call.view().timers).toEqual([
      { name: '2xx retransmit', startedAt: 2500, durationMs: 1000 },
    ]);

    call.send({ type: 'ACK' });
    expect(state()).toBe('In call');
    expect(call.state).toBe('confirmed');
    expect(ua.log.at(-1)).toBe('timer-stop 2xx retransmit');
    // ACKed: only the 2xx's bytes are kept, for a late INVITE retransmission (§13.3.1.4).
    expect(call.ok).toBeUndefined();
    expect(call.okBytes).toEqual({ wire: serializeMessage(ok), kind: 'response' });
    expect(serializeMessage(call.sent2xx()!)).toBe(serializeMessage(ok));
    expect(call.view().timers).toEqual([]);

    call.send({ type: 'hang-up' });
    expect(state()).toBe('Ending');
    expect(ua.log.at(-1)).toBe('BYE');
    expect(call.byeTx).toBeDefined();
    call.send({ type: 'bye-answered' });
    expect(state()).toBe('Ended');
    expect(call.result).toBe('hung up');
  });

  it('resends the 2xx at T1, 2·T1, … up to T2 and sends BYE 64·T1 after the first 2xx (§13.3.1.4)', () => {
    const { ua, state } = incoming({ mode: 'answer', ringMs: 0 });
    const at = new Map<number, number>();
    const stamp = (): void => {
      for (let i = 0; i < ua.log.length; i++) if (!at.has(i)) at.set(i, ua.clock.now());
    };
    stamp();
    for (let t = 0; t < 40_000; t += 250) {
      ua.clock.advance(250);
      stamp();
    }
    expect(timesOf(ua, 'respond 200 again', at)).toEqual([
      500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500,
    ]);
    expect(timesOf(ua, 'BYE', at)).toEqual([32000]);
    expect(state()).toBe('Ending');
  });

  it('waits for the ACK before the BYE when the user hangs up first (§15)', () => {
    const { ua, call, state } = incoming({ mode: 'answer', ringMs: 0 });
    ua.clock.advance(0);
    call.send({ type: 'hang-up' });
    expect(state()).toBe('Hang-up pending');
    expect(call.state).toBe('answered');
    expect(ua.log).not.toContain('BYE');
    call.send({ type: 'ACK' });
    expect(state()).toBe('Ending');
    expect(ua.log.slice(-2)).toEqual(['timer-stop 2xx retransmit', 'BYE']);
  });

  it('refuses at once when busy: 486 from the initial choice, no 180', () => {
    const { ua, call, state } = incoming({ mode: 'answer' }, { busy: true });
    expect(state()).toBe('Rejected');
    expect(ua.log).toEqual(['respond 486']);
    expect(call.view().last?.edges).toEqual(['|xstate.init|0', 'Invited||0']);
    expect(call.result).toBe('486');
  });

  it('answers a CANCEL while ringing with 487 and ends the early dialog (§9.2)', () => {
    const { ua, call, state } = incoming({ mode: 'manual' });
    call.send({ type: 'CANCEL' });
    expect(state()).toBe('Rejected');
    expect(ua.log).toEqual(['respond 180', 'respond 487']);
    expect(call.dialog?.state).toBe('terminated');
    // Once answered, a CANCEL changes nothing.
    const other = incoming({ mode: 'answer', ringMs: 0 });
    other.ua.clock.advance(0);
    other.call.send({ type: 'CANCEL' });
    expect(other.state()).toBe('Answered');
  });

  it('gives 487 when the invitation expires before the user answers (§13.3.1)', () => {
    const { ua, call, state } = incoming({ mode: 'manual' }, { expires: 3 });
    expect(call.view().timers.map((t) => t.name)).toEqual(['Expires']);
    ua.clock.advance(2999);
    expect(state()).toBe('Ringing');
    ua.clock.advance(1);
    expect(state()).toBe('Rejected');
    expect(ua.log.at(-1)).toBe('respond 487');
    expect(call.result).toBe('the invitation expired');
  });

  it("takes the user's answer: decline is 603, busy 486, answer 200", () => {
    for (const [status, to] of [
      [603, 'Rejected'],
      [486, 'Rejected'],
      [200, 'Answered'],
    ] as const) {
      const { ua, call, state } = incoming({ mode: 'manual', ring: false });
      call.send({ type: 'answer', status });
      expect(state()).toBe(to);
      expect(ua.log).toContain(`respond ${status}`);
      expect(ua.log).not.toContain('respond 180');
    }
  });

  it("ends on the other side's BYE, even before the ACK", () => {
    const { ua, call, state } = incoming({ mode: 'answer', ringMs: 0 });
    ua.clock.advance(0);
    call.send({ type: 'BYE' });
    expect(state()).toBe('Ended');
    expect(ua.log.at(-1)).toBe('timer-stop 2xx retransmit');
    expect(call.result).toBe('the other side hung up');
  });

  it('is drawn with a labelled edge for every transition it defines', () => {
    const g = machineGraph(incomingCallMachine);
    expect(g.states.find((s) => s.path === 'Invited')?.pseudo).toBe(true);
    for (const e of g.edges) expect(e.label, e.id).toMatch(/ \/ /);
  });
});
