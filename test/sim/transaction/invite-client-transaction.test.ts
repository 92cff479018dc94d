import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { serializeMessage, type SipRequest, type SipResponse } from '../../../sim/codec';
import {
  inviteClientTransaction,
  reliableInviteClientTransaction,
  type TimerName,
} from '../../../sim/transaction';
import {
  SERVER,
  answer,
  invite,
  request,
  response,
  sendTimes,
  stateChanges,
  testEnv,
  type TestEnv,
} from './harness';

function start(env: TestEnv, req: SipRequest = invite()) {
  const tu = { responses: [] as SipResponse[], timeouts: [] as [TimerName, number][], errors: 0 };
  const actor = createActor(
    env.reliable ? reliableInviteClientTransaction : inviteClientTransaction,
    {
      clock: env.clock,
      input: {
        id: 'ict',
        env,
        request: req,
        destination: SERVER,
        tu: {
          passResponse: (r) => tu.responses.push(r),
          timeout: (t) => tu.timeouts.push([t, env.clock.now()]),
          transportError: () => tu.errors++,
        },
      },
    },
  );
  actor.start();
  const receive = (r: SipResponse) => actor.send({ type: 'response', response: r });
  return { actor, tu, receive, state: () => actor.getSnapshot().value };
}

describe('INVITE client transaction (RFC 3261 §17.1.1, Figure 5)', () => {
  it('over UDP retransmits at T1, 2T1, 4T1 … and times out on Timer B at 64*T1', () => {
    const env = testEnv();
    const { tu, state } = start(env);
    expect(state()).toBe('Calling');
    env.clock.advance(40_000);
    expect(sendTimes(env, 'INVITE')).toEqual([0, 500, 1500, 3500, 7500, 15500, 31500]);
    expect(env.sent.map((s) => s.retransmission)).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(tu.timeouts).toEqual([['B', 32_000]]);
    expect(state()).toBe('Terminated');
    expect(stateChanges(env)).toEqual([
      ['', 'Calling'],
      ['Calling', 'Terminated'],
    ]);
    const aDurations = env.events.flatMap((e) =>
      e.type === 'timer-start' && e.timer === 'A' ? [e.durationMs] : [],
    );
    expect(aDurations).toEqual([500, 1000, 2000, 4000, 8000, 16000, 32000]);
    // Timer A, set at 31500 for 32 s, stops when Timer B ends the transaction.
    expect(env.events.at(-1)).toMatchObject({ type: 'timer-stop', timer: 'A', at: 32_000 });
    expect(env.clock.pending).toBe(0);
  });

  it('over a reliable transport sends once and still times out on Timer B', () => {
    const env = testEnv({ reliable: true });
    const { tu } = start(env);
    env.clock.advance(40_000);
    expect(sendTimes(env, 'INVITE')).toEqual([0]);
    expect(tu.timeouts).toEqual([['B', 32_000]]);
  });

  it('stops retransmitting in Proceeding and passes every provisional response to the TU', () => {
    const env = testEnv();
    const req = invite();
    const { tu, receive, state } = start(env, req);
    env.clock.advance(700);
    receive(answer(req, 100));
    receive(answer(req, 180));
    expect(state()).toBe('Proceeding');
    env.clock.advance(100_000);
    expect(sendTimes(env, 'INVITE')).toEqual([0, 500]);
    expect(tu.responses.map((r) => r.status)).toEqual([100, 180]);
    // Timer B only matters in Calling; the TU decides how long to wait (CANCEL, or Timer C).
    expect(tu.timeouts).toEqual([]);
    expect(state()).toBe('Proceeding');
  });

  it('on 300-699 sends the ACK of §17.1.1.3, enters Completed, and leaves after Timer D', () => {
    const env = testEnv();
    const req = invite();
    const { tu, receive, state } = start(env, req);
    env.clock.advance(100);
    receive(answer(req, 180));
    env.clock.advance(900);
    const busy = answer(req, 486);
    receive(busy);
    expect(state()).toBe('Completed');
    expect(tu.responses.map((r) => r.status)).toEqual([180, 486]);

    const acks = env.sent.filter((s) => s.message.kind === 'request' && s.message.method === 'ACK');
    expect(acks).toHaveLength(1);
    const ack = acks[0]!;
    expect(ack).toMatchObject({ at: 1000, destination: SERVER, retransmission: false });
    const m = ack.message as SipRequest;
    expect(m.requestUri).toBe(req.requestUri);
    expect(m.headersOf('via').map((h) => h.value)).toEqual([
      'SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKkjshdyff',
    ]);
    expect(m.headerValue('to')).toBe(busy.headerValue('to'));
    expect(m.to()?.params).toEqual([{ name: 'tag', value: '99sa0xk' }]);
    expect(m.headerValue('from')).toBe(req.headerValue('from'));
    expect(m.callId()).toBe(req.callId());
    expect(m.headerValue('cseq')).toBe('986759 ACK');
    expect(m.headersOf('route').map((h) => h.value)).toEqual(['<sip:proxy.atlanta.com;lr>']);
    expect(m.has('contact')).toBe(false);
    expect(m.body).toBe('');

    // A retransmission of the 486 is ACKed again but not passed up.
    env.clock.advance(500);
    receive(answer(req, 486));
    expect(sendTimes(env, 'ACK')).toEqual([1000, 1500]);
    expect(env.sent.at(-1)?.retransmission).toBe(true);
    expect(tu.responses).toHaveLength(2);

    env.clock.advance(32_000 - 500 - 1);
    expect(state()).toBe('Completed');
    env.clock.advance(1);
    expect(state()).toBe('Terminated');
    expect(stateChanges(env)).toEqual([
      ['', 'Calling'],
      ['Calling', 'Proceeding'],
      ['Proceeding', 'Completed'],
      ['Completed', 'Terminated'],
    ]);
    expect(env.events).toContainEqual(
      expect.objectContaining({ type: 'timer-start', timer: 'D', durationMs: 32_000, at: 1000 }),
    );
  });

  it('builds the ACK of the RFC example byte for byte (§17.1.1.3)', () => {
    const env = testEnv();
    const req = request(`INVITE sip:bob@biloxi.com SIP/2.0
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKkjshdyff
To: Bob <sip:bob@biloxi.com>
From: Alice <sip:alice@atlanta.com>;tag=88sja8x
Max-Forwards: 70
Call-ID: 987asjd97y7atg
CSeq: 986759 INVITE

`);
    const { receive } = start(env, req);
    receive(
      response(`SIP/2.0 404 Not Found
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKkjshdyff
To: Bob <sip:bob@biloxi.com>;tag=99sa0xk
From: Alice <sip:alice@atlanta.com>;tag=88sja8x
Call-ID: 987asjd97y7atg
CSeq: 986759 INVITE
Content-Length: 0

`),
    );
    const ack = env.sent.find((s) => s.message.kind === 'request' && s.message.method === 'ACK');
    expect(serializeMessage(ack!.message)).toBe(
      [
        'ACK sip:bob@biloxi.com SIP/2.0',
        'Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKkjshdyff',
        'To: Bob <sip:bob@biloxi.com>;tag=99sa0xk',
        'From: Alice <sip:alice@atlanta.com>;tag=88sja8x',
        'Max-Forwards: 70',
        'Call-ID: 987asjd97y7atg',
        'CSeq: 986759 ACK',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
  });

  it('keeps only the top Via in the ACK when the INVITE carries several', () => {
    const env = testEnv();
    const req = request(`INVITE sip:bob@biloxi.com SIP/2.0
Via: SIP/2.0/UDP proxy.atlanta.com;branch=z9hG4bKnashds8, SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds
To: Bob <sip:bob@biloxi.com>
From: Alice <sip:alice@atlanta.com>;tag=1928301774
Call-ID: a84b4c76e66710
CSeq: 314159 INVITE
Max-Forwards: 69

`);
    const { receive } = start(env, req);
    receive(answer(req, 503));
    const ack = env.sent.find((s) => s.message.kind === 'request' && s.message.method === 'ACK');
    expect((ack!.message as SipRequest).headersOf('via').map((h) => h.value)).toEqual([
      'SIP/2.0/UDP proxy.atlanta.com;branch=z9hG4bKnashds8',
    ]);
  });

  it('on 2xx passes it to the TU, ACKs nothing, and waits in Accepted for Timer M (RFC 6026 §8.4)', () => {
    const env = testEnv();
    const req = invite();
    const { tu, receive, state } = start(env, req);
    env.clock.advance(200);
    receive(answer(req, 200));
    expect(state()).toBe('Accepted');
    expect(tu.responses.map((r) => r.status)).toEqual([200]);
    expect(sendTimes(env, 'ACK')).toEqual([]);
    // A retransmission of the 2xx, and another fork's 2xx, reach the TU too (it ACKs each).
    receive(answer(req, 200));
    const fork = answer(req, 200);
    fork.setHeader('to', '<sip:bob@biloxi.com>;tag=other-fork');
    receive(fork);
    expect(tu.responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(sendTimes(env, 'ACK')).toEqual([]);
    env.clock.advance(64 * 500 - 1);
    expect(state()).toBe('Accepted');
    env.clock.advance(1);
    expect(state()).toBe('Terminated');
    const timers = env.events.flatMap((e) =>
      e.type.startsWith('timer-') && 'timer' in e ? [`${e.at} ${e.type} ${e.timer}`] : [],
    );
    expect(timers).toEqual([
      '0 timer-start A',
      '0 timer-start B',
      '200 timer-stop A',
      '200 timer-stop B',
      '200 timer-start M',
      '32200 timer-fire M',
    ]);
    expect(stateChanges(env)).toEqual([
      ['', 'Calling'],
      ['Calling', 'Accepted'],
      ['Accepted', 'Terminated'],
    ]);
  });

  it('on 2xx in Proceeding enters Accepted too, and a later 1xx is not passed up', () => {
    const env = testEnv();
    const req = invite();
    const { tu, receive, state } = start(env, req);
    receive(answer(req, 180));
    receive(answer(req, 200));
    expect(state()).toBe('Accepted');
    receive(answer(req, 180));
    expect(tu.responses.map((r) => r.status)).toEqual([180, 200]);
  });

  it('is abandoned by the TU in Proceeding (64·T1 after a CANCEL, §9.1) and ends at once', () => {
    const env = testEnv();
    const req = invite();
    const { actor, receive, state } = start(env, req);
    receive(answer(req, 180));
    actor.send({ type: 'abandon' });
    expect(state()).toBe('Terminated');
    expect(env.clock.pending).toBe(0);
  });

  it('over a reliable transport still ACKs a 300-699 response, with Timer D zero', () => {
    const env = testEnv({ reliable: true });
    const req = invite();
    const { receive, state } = start(env, req);
    receive(answer(req, 603));
    expect(sendTimes(env, 'ACK')).toEqual([0]);
    expect(state()).toBe('Completed');
    env.clock.advance(0);
    expect(state()).toBe('Terminated');
  });

  it('informs the TU of a transport error in Calling and terminates', () => {
    const env = testEnv();
    const { actor, tu, state } = start(env);
    actor.send({ type: 'transportError' });
    expect(tu.errors).toBe(1);
    expect(state()).toBe('Terminated');
  });
});
