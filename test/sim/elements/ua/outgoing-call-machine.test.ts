// The outgoing call machine (RFC 3261 §13.2, §9.1, §8.1.3.4, §22.2, §15): driven alone on a virtual
// clock, each response or user action leads to the state and the requests the RFC gives.
import { describe, expect, it } from 'vitest';
import type { SipResponse } from '../../../../sim/codec';
import type { UserAgentConfig } from '../../../../sim/elements';
import { OutgoingCall } from '../../../../sim/elements/ua/calls';
import { inviteHeaders } from '../../../../sim/elements/ua/outgoing-call-retry';
import { outgoingCallMachine } from '../../../../sim/elements/ua/outgoing-call-machine';
import { machineGraph } from '../../../../sim/transaction';
import { answer, fakeUa, type FakeUa } from './fake-ua';
import { drawnState } from './machine-check';

const BOB = 'sip:bob@b.example.com';

function outgoing(config: Partial<UserAgentConfig> = {}): {
  ua: FakeUa;
  call: OutgoingCall;
  state: () => string;
  respond: (status: number, opts?: { toTag?: string; headers?: [string, string][] }) => SipResponse;
} {
  const ua = fakeUa(config);
  const invite = ua.newRequest('INVITE', BOB, `<${BOB}>`, 'c1', 'alicetag', 1, inviteHeaders(ua));
  const tx = ua.sendRequest(invite, ua.nextHop(BOB))!;
  const call = new OutgoingCall(ua, BOB, 'c1', 'alicetag', invite, tx);
  const respond = (status: number, opts = {}): SipResponse => {
    const res = answer(call.invite, status, opts);
    if (status < 200) call.send({ type: 'provisional', response: res, tx: call.tx });
    else if (status < 300) call.send({ type: '2xx', response: res, stray: false });
    else call.send({ type: 'failure', response: res, tx: call.tx });
    return res;
  };
  return { ua, call, state: () => drawnState(call.view()), respond };
}

describe('outgoing call machine', () => {
  it('INVITE, 180, 200: ACK sent, in call; hang up: BYE, ended when it is answered', () => {
    const { ua, call, state, respond } = outgoing();
    expect(state()).toBe('Calling');
    respond(180);
    expect(state()).toBe('Ringing');
    expect([...call.dialogs.values()].map((d) => d.state)).toEqual(['early']);
    respond(200);
    expect(state()).toBe('In call');
    expect(call.state).toBe('confirmed');
    expect(ua.log.slice(1)).toEqual(['send ACK']);
    expect(call.confirmed?.state).toBe('confirmed');

    // The 2xx again: the same ACK again, no new dialog (§13.2.2.4).
    respond(200);
    expect(state()).toBe('In call');
    expect(ua.log.slice(1)).toEqual(['send ACK', 'send ACK']);

    call.send({ type: 'hang-up' });
    expect(state()).toBe('Ending');
    expect(ua.log.at(-1)).toBe('BYE');
    call.send({ type: 'bye-answered' });
    expect(state()).toBe('Ended');
    expect(call.result).toBe('hung up');
  });

  it('100 is proceeding, 183 keeps it there, 180 rings', () => {
    const { state, respond } = outgoing();
    respond(100);
    expect(state()).toBe('Proceeding');
    respond(183);
    expect(state()).toBe('Proceeding');
    respond(180);
    expect(state()).toBe('Ringing');
  });

  it('holds a CANCEL until a provisional response, then waits 64·T1 for the final one (§9.1)', () => {
    const { ua, call, state, respond } = outgoing();
    call.send({ type: 'cancel' });
    expect(state()).toBe('Cancel pending');
    expect(call.state).toBe('calling');
    expect(ua.log).toEqual(['request INVITE']);
    respond(180);
    expect(state()).toBe('Cancelling');
    expect(ua.log.slice(1)).toEqual(['request CANCEL', 'timer-start 64·T1 after CANCEL']);
    respond(487);
    expect(state()).toBe('Failed');
    expect(ua.log.at(-1)).toBe('timer-stop 64·T1 after CANCEL');
    expect(call.result).toBe('487 Request Terminated');
    expect([...call.dialogs.values()].map((d) => d.state)).toEqual(['terminated']);
  });

  it('gives the INVITE up 64·T1 after the CANCEL with no final response', () => {
    const { ua, call, state, respond } = outgoing();
    respond(180);
    call.send({ type: 'cancel' });
    ua.clock.advance(64 * 500 - 1);
    expect(state()).toBe('Cancelling');
    ua.clock.advance(1);
    expect(state()).toBe('Failed');
    expect(ua.log.slice(-2)).toEqual(['abandon INVITE', 'timer-fire 64·T1 after CANCEL']);
    expect([...call.dialogs.values()].map((d) => d.state)).toEqual(['terminated']);
  });

  it('ACKs a 200 that crossed its CANCEL, then hangs up with BYE (§15)', () => {
    const { ua, call, state, respond } = outgoing();
    respond(180);
    call.send({ type: 'cancel' });
    respond(200);
    expect(state()).toBe('Ending');
    expect(ua.log.slice(-3)).toEqual(['timer-stop 64·T1 after CANCEL', 'send ACK', 'BYE']);
    expect(call.result).toBe('answered after the CANCEL, then hung up');
  });

  it('ACKs and ends with BYE the 2xx of a second fork (§13.2.2.4)', () => {
    const { ua, call, state, respond } = outgoing();
    respond(200, { toTag: 'fork1' });
    respond(200, { toTag: 'fork2' });
    expect(state()).toBe('In call');
    expect(ua.log.slice(1)).toEqual(['send ACK', 'send ACK', 'BYE']);
    expect(call.confirmed?.remoteTag).toBe('fork1');
  });

  it('answers a 407 once with credentials; a second one fails the call (§22.2)', () => {
    const { ua, call, state, respond } = outgoing({ password: 'secret' });
    respond(407);
    expect(state()).toBe('Calling');
    expect(ua.log.slice(1)).toEqual(['authorize 407', 'request INVITE']);
    expect(call.invite.headerValue('authorization')).toContain('Digest');
    expect(call.invite.cseq()?.seq).toBe(2);
    respond(407);
    expect(state()).toBe('Failed');
    expect(call.result).toBe('407 Proxy Authentication Required');
  });

  it('follows a 302 to its contacts, best q first, then fails when none is left (§8.1.3.4)', () => {
    const { call, state, respond } = outgoing();
    respond(302, {
      headers: [['Contact', '<sip:bob@192.0.2.7>;q=0.5, <sip:bob@192.0.2.6>;q=0.9']],
    });
    expect(state()).toBe('Calling');
    expect(call.invite.requestUri).toBe('sip:bob@192.0.2.6');
    respond(486);
    expect(state()).toBe('Calling');
    expect(call.invite.requestUri).toBe('sip:bob@192.0.2.7');
    respond(486);
    expect(state()).toBe('Failed');
    expect(call.redirects).toEqual(['sip:bob@192.0.2.6', 'sip:bob@192.0.2.7']);
  });

  it('fails when the retried INVITE has no route', () => {
    const { ua, call, state, respond } = outgoing();
    ua.routable = false;
    respond(302, { headers: [['Contact', '<sip:bob@192.0.2.7>']] });
    expect(state()).toBe('Failed');
    expect(call.result).toBe('no route to sip:bob@192.0.2.7');
  });

  it('fails on Timer B, and ACKs then hangs up a 2xx that comes after all', () => {
    const { ua, call, state } = outgoing();
    call.send({ type: 'timeout' });
    expect(state()).toBe('Failed');
    expect(call.result).toBe('no answer from the network (Timer B)');
    call.send({ type: '2xx', response: answer(call.invite, 200), stray: true });
    expect(state()).toBe('Ending');
    expect(ua.log.slice(-2)).toEqual(['send ACK', 'BYE']);
    expect(call.result).toBe('answered too late, then hung up');
  });

  it('cancels when the invitation expires with no final answer (§13.2.1)', () => {
    const { ua, call, state, respond } = outgoing({ inviteExpires: 5 });
    expect(call.invite.expires()).toBe(5);
    respond(180);
    ua.clock.advance(5000);
    expect(state()).toBe('Cancelling');
    expect(ua.log).toContain('request CANCEL');
  });

  it('is drawn with a labelled edge for every transition it defines', () => {
    const g = machineGraph(outgoingCallMachine);
    expect(g.states.find((s) => s.path === 'Try again?')?.pseudo).toBe(true);
    for (const e of g.edges) expect(e.label, e.id).toMatch(/ \/ /);
  });
});
