// The subscription machine (RFC 6665 §4.1.2, §4.1.3, §4.4.1), subscriber side: driven through its
// host, Subscriptions, on a virtual clock with a fake UA core.
import { describe, expect, it } from 'vitest';
import type { SipRequest } from '../../../../sim/codec';
import type { UserAgentConfig } from '../../../../sim/elements';
import { Subscriptions } from '../../../../sim/elements/ua/subscriptions';
import { subscriptionMachine } from '../../../../sim/elements/ua/subscription-machine';
import { machineGraph } from '../../../../sim/transaction';
import { answer, fakeServerTransaction, fakeUa, requestFromBob, type FakeUa } from './fake-ua';
import { drawnState } from './machine-check';

const PRESENCE = 'sip:bob@b.example.com';

function subscriptions(config: Partial<UserAgentConfig> = {}): {
  ua: FakeUa;
  subs: Subscriptions;
  state: () => string;
  respond: (status: number, headers?: [string, string][]) => void;
  notify: (state: string | undefined, cseq: number, body?: string) => void;
} {
  const ua = fakeUa(config);
  const subs = new Subscriptions(ua);
  const first = (): SipRequest => ua.requests[0]!;
  const respond = (status: number, headers: [string, string][] = []): void => {
    const tx = ua.transactions.at(-1)!;
    subs.onResponse(tx, answer(tx.requireRequest(), status, { headers, toTag: 'pres1' }));
  };
  const notify = (state: string | undefined, cseq: number, body = ''): void => {
    const from = first().from()!;
    const req = requestFromBob(
      'NOTIFY',
      [
        ['Event', 'presence'],
        ...(state ? [['Subscription-State', state] as [string, string]] : []),
      ],
      { toTag: from.params.find((p) => p.name === 'tag')!.value!, cseq, callId: first().callId()! },
    );
    if (body) req.body = body;
    subs.onNotify(fakeServerTransaction(req), req);
  };
  return { ua, subs, state: () => drawnState(subs.machines()[0]!), respond, notify };
}

describe('subscription machine', () => {
  it('subscribes; the 200 keeps it subscribing; NOTIFYs make it pending, active, terminated', () => {
    const { ua, subs, state, respond, notify } = subscriptions();
    expect(subs.subscribe(PRESENCE, 'presence', 600)).toBe(
      'alice subscribes to presence of sip:bob@b.example.com',
    );
    expect(state()).toBe('Subscribing');
    expect(ua.requests[0]!.headerValue('event')).toBe('presence');
    respond(200, [['Expires', '600']]);
    expect(state()).toBe('Subscribing');
    expect(subs.dialogs().map((d) => d.state)).toEqual(['confirmed']);
    expect(subs.machines()[0]!.timers).toEqual([
      { name: 'subscription refresh', startedAt: 0, durationMs: 540_000 },
    ]);
    notify('pending', 1);
    expect(state()).toBe('Pending');
    notify('active;expires=600', 2);
    expect(state()).toBe('Active');
    expect(ua.log.slice(-2)).toEqual(['respond 200', 'respond 200']);
    notify('terminated;reason=timeout', 3);
    expect(state()).toBe('Terminated');
    expect(subs.dialogs().map((d) => d.state)).toEqual(['terminated']);
    expect(subs.machines()[0]!.timers).toEqual([]);
    expect(subs.activities()[0]!.summary).toBe(
      'presence of sip:bob@b.example.com: terminated — NOTIFY (terminated)',
    );
  });

  it('stays over once terminated: a late 2xx arms no refresh, a later NOTIFY gets 481 (RFC 6665 §4.4.1, §4.1.3)', () => {
    const { ua, subs, state, respond, notify } = subscriptions();
    subs.subscribe(PRESENCE, 'presence', 600);
    notify('active', 1);
    notify('terminated;reason=noresource', 2);
    expect(state()).toBe('Terminated');
    // The 200 of the SUBSCRIBE comes after the NOTIFY that ended it.
    respond(200, [['Expires', '600']]);
    expect(state()).toBe('Terminated');
    expect(subs.machines()[0]!.timers).toEqual([]);
    ua.clock.advance(600_000);
    expect(ua.requests).toHaveLength(1);
    notify('active', 3);
    expect(state()).toBe('Terminated');
    expect(ua.log.at(-1)).toBe('respond 481');
  });

  it('takes a NOTIFY that comes before the 200 of the SUBSCRIBE (§4.1.2.4)', () => {
    const { subs, state, notify } = subscriptions();
    subs.subscribe(PRESENCE, 'presence', 600);
    notify('active', 1, '<presence><tuple><status><basic>open</basic></status></tuple></presence>');
    expect(state()).toBe('Active');
    expect(subs.dialogs()).toHaveLength(1);
    expect(subs.activities()[0]!.summary).toContain('sip:bob@b.example.com is open');
  });

  it('keeps its state on a NOTIFY without a known Subscription-State', () => {
    const { state, subs, notify } = subscriptions();
    subs.subscribe(PRESENCE, 'presence', 600);
    notify('active', 1);
    notify(undefined, 2);
    expect(state()).toBe('Active');
  });

  it('refreshes inside the dialog before it expires (§4.1.2.2)', () => {
    const { ua, subs, state, respond } = subscriptions();
    subs.subscribe(PRESENCE, 'presence', 60);
    respond(200);
    ua.clock.advance(30_000);
    expect(ua.log.slice(-2)).toEqual(['timer-fire subscription refresh', 'request SUBSCRIBE']);
    const refresh = ua.requests[1]!;
    expect(refresh.to()?.params.find((p) => p.name === 'tag')?.value).toBe('pres1');
    expect(state()).toBe('Subscribing');
  });

  it('unsubscribes with Expires: 0 and stops refreshing (§4.1.2.3)', () => {
    const { ua, subs, respond, notify, state } = subscriptions();
    expect(() => subs.unsubscribe(undefined)).toThrow('there is no active subscription');
    subs.subscribe(PRESENCE, 'presence', 600);
    respond(200);
    notify('active', 1);
    subs.unsubscribe(undefined);
    expect(ua.requests[1]!.headerValue('expires')).toBe('0');
    expect(subs.machines()[0]!.timers).toEqual([]);
    expect(state()).toBe('Active');
    respond(200);
    expect(subs.machines()[0]!.timers).toEqual([]);
  });

  it('fails when the SUBSCRIBE is refused', () => {
    const { subs, state, respond } = subscriptions();
    subs.subscribe(PRESENCE, 'presence', 600);
    respond(403);
    expect(state()).toBe('Failed');
    expect(subs.activities()[0]!.summary).toBe(
      'presence of sip:bob@b.example.com: failed — 403 Forbidden',
    );
  });

  it('is drawn with a labelled edge for every transition it defines', () => {
    const g = machineGraph(subscriptionMachine);
    expect(g.states.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Subscribing', 'Pending', 'Active', 'Terminated']),
    );
    for (const e of g.edges) expect(e.label, e.id).toMatch(/ \/ /);
  });
});
