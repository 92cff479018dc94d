import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { SipRequest, SipResponse } from '../../../sim/codec';
import {
  nonInviteClientTransaction,
  reliableNonInviteClientTransaction,
  type TimerName,
} from '../../../sim/transaction';
import {
  SERVER,
  answer,
  register,
  sendTimes,
  stateChanges,
  testEnv,
  type TestEnv,
} from './harness';

function start(env: TestEnv, req: SipRequest = register()) {
  const tu = { responses: [] as SipResponse[], timeouts: [] as [TimerName, number][] };
  const actor = createActor(
    env.reliable ? reliableNonInviteClientTransaction : nonInviteClientTransaction,
    {
      clock: env.clock,
      input: {
        id: 'nict',
        env,
        request: req,
        destination: SERVER,
        tu: {
          passResponse: (r) => tu.responses.push(r),
          timeout: (t) => tu.timeouts.push([t, env.clock.now()]),
          transportError: () => undefined,
        },
      },
    },
  );
  actor.start();
  const receive = (r: SipResponse) => actor.send({ type: 'response', response: r });
  return { actor, tu, receive, state: () => actor.getSnapshot().value };
}

describe('non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6)', () => {
  it('over UDP retransmits at intervals of 500 ms, 1 s, 2 s, 4 s, 4 s … and times out on Timer F', () => {
    const env = testEnv();
    const { tu, state } = start(env);
    expect(state()).toBe('Trying');
    env.clock.advance(40_000);
    expect(sendTimes(env, 'REGISTER')).toEqual([
      0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500,
    ]);
    expect(tu.timeouts).toEqual([['F', 32_000]]);
    expect(state()).toBe('Terminated');
    expect(stateChanges(env)).toEqual([
      ['', 'Trying'],
      ['Trying', 'Terminated'],
    ]);
  });

  it('after a provisional response keeps retransmitting, every T2 (§17.1.2.1)', () => {
    const env = testEnv();
    const req = register();
    const { tu, receive, state } = start(env, req);
    env.clock.advance(600);
    receive(answer(req, 100));
    expect(state()).toBe('Proceeding');
    env.clock.advance(40_000);
    // Timer E, set to 1 s at 500 ms, fires in Proceeding and is then reset to T2 = 4 s.
    expect(sendTimes(env, 'REGISTER')).toEqual([
      0, 500, 1500, 5500, 9500, 13500, 17500, 21500, 25500, 29500,
    ]);
    expect(tu.responses.map((r) => r.status)).toEqual([100]);
    expect(tu.timeouts).toEqual([['F', 32_000]]);
    expect(stateChanges(env).at(-1)).toEqual(['Proceeding', 'Terminated']);
  });

  it('on a final response enters Completed, absorbs retransmissions, and leaves after Timer K = T4', () => {
    const env = testEnv();
    const req = register();
    const { tu, receive, state } = start(env, req);
    env.clock.advance(100);
    receive(answer(req, 180));
    env.clock.advance(900);
    receive(answer(req, 200));
    expect(state()).toBe('Completed');
    env.clock.advance(1000);
    receive(answer(req, 200));
    expect(tu.responses.map((r) => r.status)).toEqual([180, 200]);
    env.clock.advance(3999);
    expect(state()).toBe('Completed');
    env.clock.advance(1);
    expect(state()).toBe('Terminated');
    expect(sendTimes(env, 'REGISTER')).toEqual([0, 500]);
    expect(stateChanges(env)).toEqual([
      ['', 'Trying'],
      ['Trying', 'Proceeding'],
      ['Proceeding', 'Completed'],
      ['Completed', 'Terminated'],
    ]);
    const timerTrace = env.events.flatMap((e) =>
      e.type.startsWith('timer-') && 'timer' in e ? [`${e.at} ${e.type} ${e.timer}`] : [],
    );
    expect(timerTrace).toEqual([
      '0 timer-start F',
      '0 timer-start E',
      '500 timer-fire E',
      '500 timer-start E',
      '1000 timer-stop E',
      '1000 timer-stop F',
      '1000 timer-start K',
      '6000 timer-fire K',
    ]);
  });

  it('goes from Trying straight to Completed on a final response', () => {
    const env = testEnv();
    const req = register();
    const { receive, state } = start(env, req);
    receive(answer(req, 404));
    expect(state()).toBe('Completed');
  });

  it('over a reliable transport never retransmits, and Timer K is zero', () => {
    const env = testEnv({ reliable: true });
    const req = register();
    const { receive, state } = start(env, req);
    env.clock.advance(10_000);
    expect(sendTimes(env, 'REGISTER')).toEqual([0]);
    receive(answer(req, 200));
    env.clock.advance(0);
    expect(state()).toBe('Terminated');
  });
});
