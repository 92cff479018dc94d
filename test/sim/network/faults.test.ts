/**
 * Fault rules: which datagrams a rule drops (sender, receiver, method, status or status class,
 * datagram number, retransmission or not, time window) and how many (count). First the matching alone,
 * then on whole runs, where the trace records each drop with the rule's name.
 */
import { describe, expect, it } from 'vitest';
import { describeFault, faultMatches, type DatagramFacts } from '../../../sim/network';
import { builtin, drops, ladder, run, sendTimes } from '../helpers/trace';
import { twoPhones } from '../helpers/scenarios';

const invite: DatagramFacts = {
  from: 'alice',
  to: 'proxy',
  method: 'INVITE',
  status: undefined,
  datagram: 1,
  retransmission: false,
  time: 0,
};
const ok: DatagramFacts = {
  ...invite,
  from: 'proxy',
  to: 'alice',
  method: undefined,
  status: 200,
  datagram: 7,
  time: 2060,
};

describe('faultMatches', () => {
  it('with no condition matches every datagram', () => {
    expect(faultMatches({}, invite)).toBe(true);
    expect(faultMatches({}, ok)).toBe(true);
  });

  it('by sender, receiver and method', () => {
    expect(faultMatches({ from: 'alice', to: 'proxy', method: 'INVITE' }, invite)).toBe(true);
    expect(faultMatches({ from: 'proxy' }, invite)).toBe(false);
    expect(faultMatches({ to: 'bob' }, invite)).toBe(false);
    expect(faultMatches({ method: 'ACK' }, invite)).toBe(false);
    expect(faultMatches({ method: 'INVITE' }, ok)).toBe(false);
  });

  it('by status, exact or by class ("2xx"), never a request', () => {
    expect(faultMatches({ status: 200 }, ok)).toBe(true);
    expect(faultMatches({ status: 180 }, ok)).toBe(false);
    expect(faultMatches({ status: '2xx' }, ok)).toBe(true);
    expect(faultMatches({ status: '2XX' }, ok)).toBe(true);
    expect(faultMatches({ status: '4xx' }, ok)).toBe(false);
    expect(faultMatches({ status: '2xx' }, { ...ok, status: 299 })).toBe(true);
    expect(faultMatches({ status: '2xx' }, invite)).toBe(false);
  });

  it('by datagram number and by retransmission', () => {
    expect(faultMatches({ datagram: 7 }, ok)).toBe(true);
    expect(faultMatches({ datagram: 7 }, invite)).toBe(false);
    expect(faultMatches({ retransmission: true }, invite)).toBe(false);
    expect(faultMatches({ retransmission: false }, invite)).toBe(true);
    expect(faultMatches({ retransmission: true }, { ...invite, retransmission: true })).toBe(true);
  });

  it('by time window: from `after`, until `until` (exclusive)', () => {
    const rule = { after: 1000, until: 3000 };
    expect(faultMatches(rule, { ...ok, time: 999 })).toBe(false);
    expect(faultMatches(rule, { ...ok, time: 1000 })).toBe(true);
    expect(faultMatches(rule, { ...ok, time: 2999 })).toBe(true);
    expect(faultMatches(rule, { ...ok, time: 3000 })).toBe(false);
  });

  it('describes a rule for the trace', () => {
    expect(describeFault({ name: 'lost INVITE' })).toBe('lost INVITE');
    expect(describeFault({ method: 'INVITE', from: 'alice', count: 1 })).toBe(
      'fault rule: drop the next INVITE from alice',
    );
    expect(describeFault({ datagram: 3 })).toBe('fault rule: drop message #3');
    expect(describeFault({ status: '2xx', to: 'alice' })).toBe('fault rule: drop 2xx to alice');
  });
});

describe('fault rules on a run', () => {
  const call = [{ at: 0, actor: 'alice', action: 'invite', to: 'sip:bob@10.1.0.20' } as const];

  it('count: drops only that many matching datagrams', () => {
    const t = run(
      twoPhones({ timeline: [...call], faults: [{ from: 'alice', method: 'INVITE', count: 2 }] }),
    ).trace;
    expect(sendTimes(t, (e) => e.method === 'INVITE')).toEqual([0, 500, 1500]);
    expect(drops(t)).toEqual([
      ['alice', 'bob', 'INVITE'],
      ['alice', 'bob', 'INVITE'],
    ]);
    const drop = t.find((e) => e.type === 'drop')!;
    expect(drop.detail).toBe('INVITE is dropped — fault: fault rule: drop INVITE from alice');
    expect(drop.causedBy).toBe(t.find((e) => e.type === 'send')!.id);
  });

  it('datagram: drops the datagram with that number, whatever it is', () => {
    const t = run(
      twoPhones({ timeline: [...call], faults: [{ datagram: 2, name: 'the 180' }] }),
    ).trace;
    expect(drops(t)).toEqual([['bob', 'alice', 180]]);
    expect(t.find((e) => e.type === 'drop')).toMatchObject({
      datagram: 2,
      detail: '180 Ringing is dropped — fault: the 180',
    });
  });

  it('status class "2xx": drops every 2xx, here the 200s of a MESSAGE exchange', () => {
    const t = run({ ...builtin('message'), faults: [{ status: '2xx' }] }).trace;
    expect(drops(t).every(([, , what]) => what === 200)).toBe(true);
    // Bob's 200 never reaches the proxy, so the proxy resends the MESSAGE on Timer E and Bob's
    // transaction answers again; after Timer F the proxy answers Alice 408 itself (§16.7 step 6).
    expect(
      ladder(t).filter(([from, , what]) => from === 'bob' && what === 200).length,
    ).toBeGreaterThan(1);
    expect(ladder(t).filter(([, to]) => to === 'alice')).toEqual([['proxy', 'alice', 408]]);
  });

  it('time window: only datagrams sent inside it are dropped', () => {
    const t = run(
      twoPhones({
        timeline: [...call],
        faults: [{ from: 'alice', method: 'INVITE', after: 400, until: 1600 }],
      }),
    ).trace;
    // Sent at 0 (before the window): it gets through; no retransmission is needed.
    expect(sendTimes(t, (e) => e.method === 'INVITE')).toEqual([0]);
    const late = run(
      twoPhones({
        timeline: [...call],
        faults: [{ from: 'alice', method: 'INVITE', until: 1600 }],
      }),
    ).trace;
    // 0, 500 and 1500 fall in [0, 1600): dropped; the one at 3500 gets through.
    expect(sendTimes(late, (e) => e.method === 'INVITE')).toEqual([0, 500, 1500, 3500]);
    expect(drops(late)).toHaveLength(3);
  });

  it('retransmission: false drops first transmissions only', () => {
    const t = run(
      twoPhones({
        timeline: [...call],
        faults: [{ from: 'alice', method: 'INVITE', retransmission: false }],
      }),
    ).trace;
    expect(sendTimes(t, (e) => e.method === 'INVITE')).toEqual([0, 500]);
    expect(drops(t)).toHaveLength(1);
  });
});
