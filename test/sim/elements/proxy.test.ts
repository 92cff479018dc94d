/**
 * Proxy behaviour beyond the built-in ladders: the final response a stateful proxy makes up when a
 * branch gets none (§16.7 step 6, §16.8), and a stateless proxy that cannot forward an ACK.
 */
import { describe, expect, it } from 'vitest';
import { viaBranch } from '../../../sim/codec';
import { Simulation } from '../../../sim/scenario';
import { FakeEndpoint, rawRequest } from '../helpers/fake-endpoint';
import { oneProxy } from '../helpers/scenarios';
import { ladder, run, sentRequest, sentResponse } from '../helpers/trace';

const call = [{ at: 0, actor: 'alice', action: 'invite', to: 'sip:bob@b.example.com' } as const];

describe('stateful proxy: a branch with no answer', () => {
  it('gets 408 after Timer B, sent upstream with the caller’s Via and a To tag (§16.7 step 6)', () => {
    const sim = run(
      oneProxy({
        timeline: [...call],
        faults: [{ name: 'Bob is unreachable', from: 'proxy', to: 'bob', method: 'INVITE' }],
      }),
    );
    const invite = sentRequest(sim.trace, 'alice', 'proxy', 'INVITE');
    const timeout = sentResponse(sim.trace, 'proxy', 'alice', 408);
    expect(timeout.headersOf('via').map((h) => h.value)).toEqual(
      invite.headersOf('via').map((h) => h.value),
    );
    expect(timeout.to()?.params.some((p) => p.name === 'tag')).toBe(true);
    // Alice's INVITE transaction takes it and ACKs it (§17.1.1.3): the call fails with 408.
    const ack = sentRequest(sim.trace, 'alice', 'proxy', 'ACK');
    expect(viaBranch(ack.topVia()!)).toBe(viaBranch(invite.topVia()!));
    const alice = sim.snapshot().elements.find((e) => e.name === 'alice')!;
    expect(alice.activities?.[0]?.summary).toContain('408');
    expect(sim.trace.find((e) => e.type === 'send' && e.status === 408)?.time).toBe(10 + 32000);
    for (const e of sim.snapshot().elements) expect(e.transactions).toEqual([]);
  });

  it('gets 404 when the next hop has no DNS record, sent upstream the same way', () => {
    const scenario = oneProxy({
      timeline: [{ at: 0, actor: 'alice', action: 'invite', to: 'sip:carol@nowhere.example.com' }],
      endAt: 10_000,
    });
    const alice = scenario.elements[0]!;
    if (alice.kind === 'user-agent') alice.outboundProxy = 'sip:proxy.b.example.com';
    const sim = run(scenario);
    expect(ladder(sim.trace)).toEqual([
      ['alice', 'proxy', 'INVITE'],
      ['proxy', 'alice', 100],
      ['proxy', 'alice', 404],
      ['alice', 'proxy', 'ACK'],
    ]);
    const notFound = sentResponse(sim.trace, 'proxy', 'alice', 404);
    expect(notFound.vias()).toHaveLength(1);
    expect(notFound.reason).toBe('Not Found (no DNS record for the next hop)');
  });
});

describe('stateless proxy', () => {
  it('never answers an ACK it cannot forward (§17.1.1.3): it drops it and says why', () => {
    const sim = new Simulation(oneProxy({ proxyKind: 'stateless-proxy', endAt: 10_000 }));
    const mallory = new FakeEndpoint(sim.network);
    mallory.send(
      { address: '10.1.0.2' },
      rawRequest('ACK sip:carol@b.example.com SIP/2.0', { to: '<sip:carol@b.example.com>;tag=x' }),
    );
    mallory.send(
      { address: '10.1.0.2' },
      rawRequest('ACK sip:bob@b.example.com SIP/2.0', { maxForwards: 0 }),
    );
    sim.run();
    expect(mallory.responses()).toEqual([]);
    const discards = sim.trace.filter((e) => e.type === 'discard' && e.element === 'proxy');
    expect(discards).toHaveLength(2);
    expect(discards[0]!.detail).toContain('an ACK is never answered');
  });
});
