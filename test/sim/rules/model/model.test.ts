/** The model of the wire: hop transactions, proxy hops, which proxies keep state, ACKs, dialogs. */
import { describe, expect, it } from 'vitest';
import { buildModel, type Model } from '@/sim/rules/model';
import { readMessage, type Msg } from '@/sim/rules/model/message';
import { resolveSettings } from '@/sim/rules/model/settings';
import { A, B, Ladder, P, expectNone, forward, reply } from '../helpers';
import { directCall, invite, proxyCall, rejectedCall } from '../flows';

function model(l: Ladder): { model: Model; at: (name: string) => Msg } {
  const msgs: Msg[] = [];
  l.wire().forEach((w, i) => {
    const r = readMessage(w, i);
    if (r.ok) msgs.push(r.msg);
  });
  msgs.sort((a, b) => a.time - b.time || a.order - b.order);
  const m = buildModel(msgs, resolveSettings({}, Math.max(...msgs.map((x) => x.time))));
  return { model: m, at: (name) => msgs.find((x) => x.id === l.id(name))! };
}

describe('the model of the wire', () => {
  it('links a forwarded request and response to what the proxy received, and sees a stateful proxy', () => {
    const { model: m, at } = model(proxyCall(true));
    expect(at('invite2').forwardOf).toBe(at('invite'));
    expect(at('ringing').forwardOf).toBe(at('ringing2'));
    expect(at('bye2').forwardOf).toBe(at('bye'));
    expect(at('invite2').tx!.upstream).toBe(at('invite').tx);
    expect(m.nodes.get(P)!.stateful).toMatch(/100/);
    expect(m.nodes.get(B)!.forwards).toBe(false);
  });

  it('groups retransmissions into one hop transaction and sees a stateless proxy forward each copy', () => {
    const inv = invite('sip:bob@b.example.com');
    const inv2 = forward(inv, 'SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKsl1', {
      uri: 'sip:bob@10.0.0.3',
    });
    const busy = reply(inv2, '486 Busy Here', { tag: 'b1' });
    const l = new Ladder([
      ['i0', 0, A, P, inv],
      ['f0', 10, P, B, inv2],
      ['i1', 500, A, P, inv],
      ['f1', 700, P, B, inv2],
      ['busy', 710, B, P, busy],
      [
        'busyUp',
        720,
        P,
        A,
        busy.replace(/Via: SIP\/2.0\/UDP 10.0.0.2:5060;branch=z9hG4bKsl1\r\n/, ''),
      ],
    ])
      .set('f0', { delivered: false })
      .set('i1', { arrival: 700 });
    const { model: m, at } = model(l);
    expect(at('i1').copyOf).toBe(at('i0'));
    expect(at('f1').copyOf).toBe(at('f0'));
    expect(at('f1').forwardOf).toBe(at('i1'));
    expect(m.nodes.get(P)!.forwards).toBe(true);
    expect(m.nodes.get(P)!.stateful).toBeUndefined();
    // A stateless proxy runs no timers: its hop (copies 690 ms apart) is not judged on Timer A.
    expectNone(l.check({ endTime: 800 }), 'invite-retransmit-timer-a');
    expectNone(l.check({ endTime: 800 }), 'invite-100-trying');
  });

  it('tells the ACK of a 2xx from the ACK of a non-2xx', () => {
    expect(model(directCall()).at('ack').ack?.kind).toBe('2xx');
    const r = model(rejectedCall()).at('ack');
    expect(r.ack?.kind).toBe('non-2xx');
    expect(r.ack?.response?.status).toBe(486);
  });

  it("replays each side's dialog state: the caller's route set is the 2xx's Record-Route reversed", () => {
    const { model: m } = model(proxyCall(true));
    expect(m.dialogs).toHaveLength(1);
    const d = m.dialogs[0]!;
    expect(d.uac).toBe(A);
    expect(d.uas).toBe(B);
    const bye = d.requests.find((e) => e.msg.method === 'BYE')!;
    expect(bye.side).toBe('uac');
    expect(bye.routeSet!.map((r) => r.uri)).toEqual([
      expect.objectContaining({ host: '10.0.0.2' }),
    ]);
    expect(bye.previousLocalSeq).toBe(1);
  });

  it('expects no more 2xx retransmissions once a BYE of the caller reached the callee', () => {
    const l = directCall()
      .set('ack', { delivered: false })
      .set('bye', { time: 1200 })
      .set('byeOk', { time: 1220 });
    expectNone(l.check({ endTime: 10_000 }), 'uas-2xx-retransmit');
  });
});
