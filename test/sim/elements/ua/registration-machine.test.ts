// The registration machine (RFC 3261 §10.2, §22.2, §10.2.8): driven through its host, the Registerer,
// on a virtual clock with a fake UA core.
import { describe, expect, it } from 'vitest';
import type { UserAgentConfig } from '../../../../sim/elements';
import { Registerer } from '../../../../sim/elements/ua/registration';
import { registrationMachine } from '../../../../sim/elements/ua/registration-machine';
import { machineGraph } from '../../../../sim/transaction';
import { answer, fakeUa, type FakeUa } from './fake-ua';
import { drawnState } from './machine-check';

function registerer(config: Partial<UserAgentConfig> = {}): {
  ua: FakeUa;
  reg: Registerer;
  state: () => string;
  /** Answers the last REGISTER sent. */
  respond: (status: number, headers?: [string, string][]) => void;
} {
  const ua = fakeUa(config);
  const reg = new Registerer(ua);
  const respond = (status: number, headers: [string, string][] = []): void => {
    const tx = ua.transactions.at(-1)!;
    reg.onResponse(tx, answer(tx.requireRequest(), status, { headers }));
  };
  return { ua, reg, state: () => drawnState(reg.machines()[0]!), respond };
}

describe('registration machine', () => {
  it('registers, arms the refresh a minute before the granted time, refreshes', () => {
    const { ua, reg, state, respond } = registerer();
    expect(reg.machines()).toEqual([]);
    expect(reg.register(3600)).toBe('alice registers for 3600 s');
    expect(state()).toBe('Registering');
    expect(ua.requests[0]!.headerValue('expires')).toBe('3600');
    respond(200, [['Contact', '<sip:alice@192.0.2.1:5060>;expires=600']]);
    expect(state()).toBe('Registered');
    expect(reg.activity()).toEqual({
      kind: 'registration',
      state: 'registered',
      summary: 'registered',
      until: 600_000,
    });
    expect(reg.machines()[0]!.timers).toEqual([
      { name: 'registration refresh', startedAt: 0, durationMs: 540_000 },
    ]);
    ua.clock.advance(540_000);
    expect(state()).toBe('Refreshing');
    expect(reg.activity()?.state).toBe('registering');
    expect(ua.log.slice(-2)).toEqual(['timer-fire registration refresh', 'request REGISTER']);
    // Same Call-ID, CSeq one higher, a new From tag (§10.2, §8.1.1.3).
    const [first, second] = ua.requests;
    expect(second!.callId()).toBe(first!.callId());
    expect(second!.cseq()?.seq).toBe(2);
    expect(second!.from()?.params).not.toEqual(first!.from()?.params);
    respond(200);
    expect(state()).toBe('Registered');
  });

  it('halves a short registration for its refresh, and does not refresh when told not to', () => {
    const short = registerer();
    short.reg.register(60);
    short.respond(200);
    expect(short.reg.machines()[0]!.timers[0]?.durationMs).toBe(30_000);
    const off = registerer({ refresh: false });
    off.reg.register(60);
    off.respond(200);
    expect(off.state()).toBe('Registered');
    // No refresh: only the expiry of the granted time runs.
    expect(off.reg.machines()[0]!.timers).toEqual([
      { name: 'registration expiry', startedAt: 0, durationMs: 60_000 },
    ]);
  });

  it('expires at the end of the granted time when it does not refresh (§10.2.1), and registers again', () => {
    const { ua, reg, state, respond } = registerer({ refresh: false });
    reg.register(120);
    respond(200);
    ua.clock.advance(119_999);
    expect(state()).toBe('Registered');
    ua.clock.advance(1);
    expect(state()).toBe('Expired');
    expect(ua.log.at(-1)).toBe('timer-fire registration expiry');
    expect(reg.activity()).toEqual({ kind: 'registration', state: 'expired', summary: 'expired' });
    expect(reg.machines()[0]!.timers).toEqual([]);
    expect(reg.machines()[0]!.last).toMatchObject({ from: 'Registered', to: 'Expired' });
    reg.register(120);
    expect(state()).toBe('Registering');
    expect(ua.requests).toHaveLength(2);
    respond(200);
    expect(state()).toBe('Registered');
  });

  it('a new registration stops the expiry of the one before', () => {
    const { ua, reg, state, respond } = registerer({ refresh: false });
    reg.register(120);
    respond(200);
    ua.clock.advance(60_000);
    reg.register(300);
    respond(200);
    ua.clock.advance(120_000);
    expect(state()).toBe('Registered');
    ua.clock.advance(180_000);
    expect(state()).toBe('Expired');
  });

  it('answers a 401 once with credentials, keeping Call-ID and From (§22.2, §8.1.3.5)', () => {
    const { ua, reg, state, respond } = registerer({ password: 'secret' });
    reg.register(3600);
    respond(401);
    expect(state()).toBe('Challenged');
    expect(ua.log.slice(-2)).toEqual(['authorize 401', 'request REGISTER']);
    const [first, retry] = ua.requests;
    expect(retry!.headerValue('authorization')).toContain('Digest');
    expect(retry!.from()?.params).toEqual(first!.from()?.params);
    respond(401);
    expect(state()).toBe('Failed');
    expect(reg.activity()).toEqual({
      kind: 'registration',
      state: 'failed',
      summary: '401 Unauthorized',
    });
  });

  it('fails on a 401 without a password', () => {
    const { reg, state, respond } = registerer();
    reg.register(3600);
    respond(401);
    expect(state()).toBe('Failed');
  });

  it('asks again for the Min-Expires of a 423 (§10.2.8)', () => {
    const { ua, reg, state, respond } = registerer();
    reg.register(30);
    respond(423, [['Min-Expires', '120']]);
    expect(state()).toBe('Registering');
    expect(ua.requests[1]!.headerValue('expires')).toBe('120');
    respond(200);
    expect(state()).toBe('Registered');
    expect(reg.activity()?.until).toBe(120_000);
  });

  it('holds a new registration while one is out, and sends it once that is answered (§10.2)', () => {
    const { ua, reg, state, respond } = registerer();
    reg.register(3600);
    expect(reg.register(0)).toBe(
      'alice will unregister once its REGISTER in progress is answered (RFC 3261 §10.2)',
    );
    expect(ua.requests).toHaveLength(1);
    respond(200);
    expect(ua.requests).toHaveLength(2);
    expect(ua.requests[1]!.headerValue('expires')).toBe('0');
    expect(state()).toBe('Registering');
    expect(reg.machines()[0]!.timers).toEqual([]);
    respond(200);
    expect(state()).toBe('Unregistered');
    expect(reg.activity()?.summary).toBe('unregistered');
  });

  it('removes every binding with Contact: * (§10.2.2)', () => {
    const { ua, reg } = registerer();
    expect(reg.register(0, true)).toBe('alice removes all its bindings');
    expect(ua.requests[0]!.headerValue('contact')).toBe('*');
  });

  it('fails when the registrar never answers (Timer F)', () => {
    const { reg, state } = registerer();
    reg.register(3600);
    reg.onTimeout();
    expect(state()).toBe('Failed');
    expect(reg.activity()?.summary).toBe('no answer from the registrar (Timer F)');
  });

  it('is drawn with a labelled edge for every transition it defines', () => {
    const g = machineGraph(registrationMachine);
    expect(g.states.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'Unregistered',
        'Registering',
        'Challenged',
        'Registered',
        'Refreshing',
      ]),
    );
    for (const e of g.edges) expect(e.label, e.id).toMatch(/ \/ /);
  });
});
