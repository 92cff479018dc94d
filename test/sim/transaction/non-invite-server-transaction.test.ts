import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { serializeMessage, type SipResponse } from '../../../sim/codec';
import { nonInviteServerTransaction } from '../../../sim/transaction';
import {
  CLIENT,
  answer,
  register,
  sendTimes,
  stateChanges,
  testEnv,
  type TestEnv,
} from './harness';

function start(env: TestEnv) {
  const req = register();
  const actor = createActor(nonInviteServerTransaction, {
    clock: env.clock,
    input: {
      id: 'nist',
      env,
      request: req,
      destination: CLIENT,
      tu: { timeout: () => undefined, transportError: () => undefined },
    },
  });
  actor.start();
  return {
    req,
    state: () => actor.getSnapshot().value,
    context: () => actor.getSnapshot().context,
    respond: (r: SipResponse) => actor.send({ type: 'respond', response: r }),
    retransmit: () => actor.send({ type: 'request', request: req }),
  };
}

describe('non-INVITE server transaction (RFC 3261 §17.2.2, Figure 8)', () => {
  it('goes Trying → Proceeding → Completed → Terminated on Timer J = 64*T1', () => {
    const env = testEnv();
    const { req, state, respond, retransmit } = start(env);
    expect(state()).toBe('Trying');
    retransmit(); // discarded: nothing to resend yet
    expect(env.sent).toEqual([]);
    env.clock.advance(100);
    respond(answer(req, 100));
    expect(state()).toBe('Proceeding');
    env.clock.advance(400);
    retransmit();
    expect(sendTimes(env, 100)).toEqual([100, 500]);
    env.clock.advance(500);
    respond(answer(req, 200));
    expect(state()).toBe('Completed');
    env.clock.advance(1000);
    retransmit();
    respond(answer(req, 500)); // discarded in Completed
    expect(sendTimes(env, 200)).toEqual([1000, 2000]);
    expect(sendTimes(env, 500)).toEqual([]);
    env.clock.advance(30_999);
    expect(state()).toBe('Completed');
    env.clock.advance(1);
    expect(state()).toBe('Terminated');
    expect(stateChanges(env)).toEqual([
      ['', 'Trying'],
      ['Trying', 'Proceeding'],
      ['Proceeding', 'Completed'],
      ['Completed', 'Terminated'],
    ]);
  });

  it('in Completed keeps the bytes of its final response, not the parsed messages, and resends them (§17.2.2)', () => {
    const env = testEnv();
    const { req, respond, retransmit, context } = start(env);
    const ok = answer(req, 200);
    respond(ok);
    expect(context().request).toBeNull();
    expect(context().sent.last).toBeNull();
    expect(context().sent.bytes).toEqual({ wire: serializeMessage(ok), kind: 'response' });
    retransmit();
    const again = env.sent.at(-1)!;
    expect(again).toMatchObject({ retransmission: true });
    expect(again.message).not.toBe(ok);
    expect(serializeMessage(again.message)).toBe(serializeMessage(ok));
  });

  it('goes from Trying straight to Completed on a final response', () => {
    const env = testEnv();
    const { req, state, respond } = start(env);
    respond(answer(req, 401));
    expect(state()).toBe('Completed');
    expect(env.events).toContainEqual(
      expect.objectContaining({ type: 'timer-start', timer: 'J', durationMs: 32_000 }),
    );
  });

  it('over a reliable transport Timer J is zero', () => {
    const env = testEnv({ reliable: true });
    const { req, state, respond } = start(env);
    respond(answer(req, 200));
    env.clock.advance(0);
    expect(state()).toBe('Terminated');
  });
});
