import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { SipRequest, SipResponse } from '../../../sim/codec';
import {
  inviteServerTransaction,
  reliableInviteServerTransaction,
  type TimerName,
} from '../../../sim/transaction';
import { CLIENT, answer, invite, sendTimes, stateChanges, testEnv, type TestEnv } from './harness';

function start(env: TestEnv, req: SipRequest = invite(), sendTrying = true) {
  const tu = { timeouts: [] as [TimerName, number][] };
  const actor = createActor(
    env.reliable ? reliableInviteServerTransaction : inviteServerTransaction,
    {
      clock: env.clock,
      input: {
        id: 'ist',
        env,
        request: req,
        destination: CLIENT,
        sendTrying,
        tu: {
          timeout: (t) => tu.timeouts.push([t, env.clock.now()]),
          transportError: () => undefined,
        },
      },
    },
  );
  actor.start();
  return {
    actor,
    tu,
    state: () => actor.getSnapshot().value,
    respond: (r: SipResponse) => actor.send({ type: 'respond', response: r }),
    retransmit: () => actor.send({ type: 'request', request: req }),
    ack: () => actor.send({ type: 'ack', request: req }),
  };
}

describe('INVITE server transaction (RFC 3261 §17.2.1, Figure 7)', () => {
  it('sends 100 Trying, then resends the most recent provisional on each INVITE retransmission', () => {
    const env = testEnv();
    const req = invite();
    const { state, respond, retransmit } = start(env, req);
    expect(state()).toBe('Proceeding');
    expect(sendTimes(env, 100)).toEqual([0]);
    expect(env.sent[0]!.message.headerValue('to')).toBe('Bob <sip:bob@biloxi.com>');
    env.clock.advance(500);
    retransmit();
    expect(sendTimes(env, 100)).toEqual([0, 500]);
    env.clock.advance(100);
    respond(answer(req, 180));
    env.clock.advance(900);
    retransmit();
    expect(sendTimes(env, 180)).toEqual([600, 1500]);
    expect(env.sent.map((s) => s.retransmission)).toEqual([false, true, false, true]);
    expect(state()).toBe('Proceeding');
  });

  it('without 100 Trying absorbs a retransmission before the TU answers', () => {
    const env = testEnv();
    const { retransmit } = start(env, invite(), false);
    retransmit();
    expect(env.sent).toEqual([]);
  });

  it('on 486 retransmits it at T1, 2T1 … capped at T2 (Timer G) until the ACK, then Timer I', () => {
    const env = testEnv();
    const req = invite();
    const { actor, state, respond, ack } = start(env, req, false);
    respond(answer(req, 486));
    expect(state()).toBe('Completed');
    expect(actor.getSnapshot().context.request).toBeNull();
    env.clock.advance(14_000);
    expect(sendTimes(env, 486)).toEqual([0, 500, 1500, 3500, 7500, 11500]);
    ack();
    expect(state()).toBe('Confirmed');
    // §17.2.1: nothing is resent any more; only the To tag stays (RFC 2543 ACKs are matched by it).
    expect(actor.getSnapshot().context.sent).toMatchObject({ last: null, toTag: '99sa0xk' });
    ack(); // absorbed
    env.clock.advance(4999);
    expect(state()).toBe('Confirmed');
    expect(sendTimes(env, 486)).toHaveLength(6);
    env.clock.advance(1);
    expect(state()).toBe('Terminated');
    expect(stateChanges(env)).toEqual([
      ['', 'Proceeding'],
      ['Proceeding', 'Completed'],
      ['Completed', 'Confirmed'],
      ['Confirmed', 'Terminated'],
    ]);
    const g = env.events.flatMap((e) =>
      e.type === 'timer-start' && e.timer === 'G' ? [e.durationMs] : [],
    );
    expect(g).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    expect(env.events).toContainEqual(
      expect.objectContaining({ type: 'timer-start', timer: 'I', durationMs: 5000, at: 14_000 }),
    );
  });

  it('resends the final response when the INVITE is retransmitted in Completed', () => {
    const env = testEnv();
    const req = invite();
    const { respond, retransmit } = start(env, req, false);
    respond(answer(req, 404));
    env.clock.advance(200);
    retransmit();
    expect(sendTimes(env, 404)).toEqual([0, 200]);
  });

  it('tells the TU when Timer H fires: the ACK never came', () => {
    const env = testEnv();
    const req = invite();
    const { tu, state, respond } = start(env, req, false);
    env.clock.advance(1000);
    respond(answer(req, 480));
    env.clock.advance(40_000);
    expect(sendTimes(env, 480)).toEqual([
      1000, 1500, 2500, 4500, 8500, 12500, 16500, 20500, 24500, 28500, 32500,
    ]);
    expect(tu.timeouts).toEqual([['H', 33_000]]);
    expect(state()).toBe('Terminated');
    expect(stateChanges(env).at(-1)).toEqual(['Completed', 'Terminated']);
  });

  it('on 2xx from the TU enters Accepted: sends only what the TU passes, absorbs INVITEs, ends on Timer L (RFC 6026)', () => {
    const env = testEnv();
    const req = invite();
    const { actor, state, respond, retransmit } = start(env, req);
    respond(answer(req, 180));
    const ok = answer(req, 200);
    respond(ok);
    expect(state()).toBe('Accepted');
    env.clock.advance(10_000);
    // No retransmission of its own: the TU retransmits its 2xx (§13.3.1.4).
    expect(sendTimes(env, 200)).toEqual([0]);
    respond(ok);
    expect(env.sent.at(-1)).toMatchObject({ retransmission: true });
    // Another 2xx (a proxy forwarding another fork's answer) is not a retransmission.
    respond(answer(req, 200, 'other-fork'));
    expect(env.sent.at(-1)).toMatchObject({ retransmission: false });
    // RFC 6026 §8.6: Accepted keeps neither the INVITE nor the 2xx, only a weak reference to it.
    const context = actor.getSnapshot().context;
    expect(context.request).toBeNull();
    expect(context.sent.last).toBeNull();
    expect(context.sent.toTag).toBe('other-fork');
    // A retransmitted INVITE is absorbed: no response goes out (RFC 6026 §8.6).
    const before = env.sent.length;
    retransmit();
    expect(env.sent.length).toBe(before);
    env.clock.advance(64 * 500 - 10_000 - 1);
    expect(state()).toBe('Accepted');
    env.clock.advance(1);
    expect(state()).toBe('Terminated');
    expect(stateChanges(env)).toEqual([
      ['', 'Proceeding'],
      ['Proceeding', 'Accepted'],
      ['Accepted', 'Terminated'],
    ]);
  });

  it('over a reliable transport sends 486 once (no Timer G) and Timer I is zero', () => {
    const env = testEnv({ reliable: true });
    const req = invite();
    const { state, respond, ack } = start(env, req, false);
    respond(answer(req, 486));
    env.clock.advance(10_000);
    expect(sendTimes(env, 486)).toEqual([0]);
    ack();
    expect(state()).toBe('Confirmed');
    env.clock.advance(0);
    expect(state()).toBe('Terminated');
  });
});
