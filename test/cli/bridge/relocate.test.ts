/**
 * Moving an element to a real address for the bridge: its address and port change, and everything in
 * the scenario that led to it follows — URIs by address or DNS name, domains named by its address, AORs
 * of such a domain, DNS records — while everything else stays as it was.
 */
import { describe, expect, it } from 'vitest';
import { RelocateError, relocateElement } from '@/cli/bridge/relocate';
import { builtinScenario, parseScenario, Simulation, type Scenario } from '@/sim/scenario';

const REAL = { address: '127.0.0.1', port: 5070 };

function byName(s: Scenario, name: string) {
  return s.elements.find((e) => e.name === name)!;
}

describe('relocateElement', () => {
  it('moves the element and the SRV record that leads to it (registration-digest)', () => {
    const before = builtinScenario('registration-digest')!;
    const { scenario, changes } = relocateElement(before, 'registrar', REAL);
    expect(byName(scenario, 'registrar')).toMatchObject({ address: '127.0.0.1', port: 5070 });
    expect(scenario.dns.srv[0]).toMatchObject({ target: 'registrar.a.example.com', port: 5070 });
    expect(changes).toEqual([
      'registrar: 10.0.0.3:5060 → 127.0.0.1:5070',
      'dns.srv[0].port: 5060 → 5070',
    ]);
    // The source is not changed, and alice is untouched (she finds the registrar through DNS).
    expect(byName(before, 'registrar').address).toBe('10.0.0.3');
    expect(byName(scenario, 'alice')).toEqual(byName(before, 'alice'));
  });

  it('the simulated phone still reaches the moved registrar, through DNS', () => {
    const { scenario } = relocateElement(
      builtinScenario('registration-digest')!,
      'registrar',
      REAL,
    );
    const sim = new Simulation(scenario);
    sim.run();
    const statuses = sim.trace.filter((e) => e.type === 'receive').map((e) => e.status ?? e.method);
    expect(statuses).toEqual(['REGISTER', 401, 'REGISTER', 200]);
    expect(sim.trace.find((e) => e.type === 'send')?.destination).toBe('127.0.0.1:5070');
  });

  it('rewrites URIs by address (next hops, AORs of a domain named by the address) and domains', () => {
    const s = parseScenario({
      name: 'ip-domain',
      title: 'A domain named by an address',
      elements: [
        {
          kind: 'stateful-proxy',
          name: 'proxy',
          address: '10.0.0.1',
          domain: '10.0.0.1',
          registrar: 'registrar',
        },
        {
          kind: 'registrar',
          name: 'registrar',
          address: '10.0.0.3',
          domain: '10.0.0.1',
          bindings: [
            { aor: 'sip:bob@10.0.0.1', contact: 'sip:bob@10.0.0.20' },
            { aor: 'sip:carol@other.example.com', contact: 'sip:carol@10.0.0.1:5999' },
          ],
        },
        {
          kind: 'user-agent',
          name: 'alice',
          address: '10.0.0.10',
          aor: 'sip:alice@10.0.0.1',
          outboundProxy: 'sip:10.0.0.1;transport=udp',
          registrar: 'sip:10.0.0.1:5060',
        },
        { kind: 'user-agent', name: 'bob', address: '10.0.0.20', aor: 'sip:bob@10.0.0.1' },
      ],
      timeline: [{ at: 0, actor: 'alice', action: 'invite', to: 'sip:bob@10.0.0.1' }],
    });
    const { scenario, changes } = relocateElement(s, 'proxy', REAL);
    expect(byName(scenario, 'proxy')).toMatchObject({ address: '127.0.0.1', domain: '127.0.0.1' });
    expect(byName(scenario, 'registrar')).toMatchObject({
      domain: '127.0.0.1',
      bindings: [
        { aor: 'sip:bob@127.0.0.1', contact: 'sip:bob@10.0.0.20' },
        // Another port of the same address is not the moved element.
        { aor: 'sip:carol@other.example.com', contact: 'sip:carol@10.0.0.1:5999' },
      ],
    });
    expect(byName(scenario, 'alice')).toMatchObject({
      aor: 'sip:alice@127.0.0.1',
      outboundProxy: 'sip:127.0.0.1:5070;transport=udp',
      registrar: 'sip:127.0.0.1:5070',
    });
    expect(scenario.timeline[0]).toMatchObject({ to: 'sip:bob@127.0.0.1:5070' });
    expect(changes).toContain(
      'alice.outboundProxy: sip:10.0.0.1;transport=udp → sip:127.0.0.1:5070;transport=udp',
    );
    expect(changes).toHaveLength(9);
  });

  it("a URI by the element's DNS name keeps the name; an explicit port, or port 5060 without SRV, follows the port", () => {
    const s = parseScenario({
      name: 'by-name',
      title: 'By name',
      elements: [
        {
          kind: 'stateful-proxy',
          name: 'proxy',
          address: '10.0.0.1',
          host: 'proxy.example.com',
          domain: 'example.com',
        },
        {
          kind: 'user-agent',
          name: 'alice',
          address: '10.0.0.10',
          aor: 'sip:alice@example.com',
          outboundProxy: 'sip:proxy.example.com',
          registrar: 'sip:proxy.example.com:5060',
        },
        {
          kind: 'user-agent',
          name: 'carol',
          address: '10.0.0.11',
          aor: 'sip:carol@example.com',
          outboundProxy: 'sip:proxy.example.com:5080',
        },
      ],
    });
    const { scenario } = relocateElement(s, 'proxy', REAL);
    expect(byName(scenario, 'alice')).toMatchObject({
      outboundProxy: 'sip:proxy.example.com:5070',
      registrar: 'sip:proxy.example.com:5070',
      aor: 'sip:alice@example.com',
    });
    expect(byName(scenario, 'carol')).toMatchObject({
      outboundProxy: 'sip:proxy.example.com:5080',
    });
  });

  it("moving to port 5060 writes no port (a registrar's binding follows the phone it leads to)", () => {
    const before = builtinScenario('bye-record-route')!;
    const { scenario, changes } = relocateElement(before, 'bob', {
      address: '192.0.2.1',
      port: 5060,
    });
    expect(changes).toEqual([
      'bob: 10.1.0.20:5060 → 192.0.2.1:5060',
      // The binding made before the run leads to bob's address: it follows him.
      'registrar.bindings[0].contact: sip:bob@10.1.0.20 → sip:bob@192.0.2.1',
    ]);
    expect(byName(scenario, 'bob')).toMatchObject({ address: '192.0.2.1', port: 5060 });
    const ip = parseScenario({
      name: 'x',
      title: 'x',
      elements: [
        {
          kind: 'registrar',
          name: 'registrar',
          address: '10.0.0.3',
          domain: 'example.com',
          port: 5080,
        },
        {
          kind: 'user-agent',
          name: 'alice',
          address: '10.0.0.10',
          aor: 'sip:alice@example.com',
          registrar: 'sip:10.0.0.3:5080',
        },
      ],
    });
    const moved = relocateElement(ip, 'registrar', { address: '192.0.2.1', port: 5060 });
    expect(byName(moved.scenario, 'alice')).toMatchObject({ registrar: 'sip:192.0.2.1' });
  });

  it('says which names exist when the element is unknown, and refuses an address another element has', () => {
    const s = builtinScenario('bye-record-route')!;
    expect(() => relocateElement(s, 'carol', REAL)).toThrow(RelocateError);
    expect(() => relocateElement(s, 'carol', REAL)).toThrow(
      'no element is named "carol" in bye-record-route (its elements: alice, proxy, bob, registrar)',
    );
    expect(() => relocateElement(s, 'proxy', { address: '10.1.0.20', port: 5060 })).toThrow(
      'bob already listens on 10.1.0.20:5060 in bye-record-route: choose another port for proxy',
    );
    // Its own address is no conflict.
    expect(relocateElement(s, 'proxy', { address: '10.1.0.2', port: 5060 }).changes).toEqual([
      'proxy: 10.1.0.2:5060 → 10.1.0.2:5060',
    ]);
  });
});
