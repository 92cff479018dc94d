import type { ScenarioInput } from '../schema';
import { bob, bobRegistrar, proxyB } from './common';

/** The SIP trapezoid of RFC 3261 §4 / RFC 3665 §3.2: two domains, each with its proxy; answered, then hung up. */
export const callTrapezoid: ScenarioInput = {
  name: 'call-trapezoid',
  title: 'A call between two domains (the SIP trapezoid)',
  description:
    'Alice (a.example.com) calls Bob (b.example.com). Her phone sends the INVITE to its outbound proxy, proxy-a, which finds the proxy of b.example.com with a DNS SRV look-up and forwards it there; proxy-b looks Bob up in its location service and forwards the INVITE to his phone. Responses retrace the Via path. Neither proxy record-routes, so the ACK and the BYE go straight from phone to phone.',
  seed: 3,
  elements: [
    {
      kind: 'user-agent',
      name: 'alice',
      label: "Alice's phone",
      address: '10.0.0.10',
      aor: 'sip:alice@a.example.com',
      displayName: 'Alice',
      outboundProxy: 'sip:proxy.a.example.com',
    },
    {
      kind: 'stateful-proxy',
      name: 'proxy-a',
      label: 'Proxy of a.example.com',
      address: '10.0.0.2',
      host: 'proxy.a.example.com',
      domain: 'a.example.com',
    },
    { ...proxyB(), name: 'proxy-b' },
    bob(),
    bobRegistrar(),
  ],
  links: [
    { a: 'alice', b: 'proxy-a', latencyMs: 10, loss: 0 },
    { a: 'proxy-a', b: 'proxy-b', latencyMs: 40, loss: 0 },
    { a: 'proxy-b', b: 'bob', latencyMs: 10, loss: 0 },
    { a: 'proxy-b', b: 'registrar', latencyMs: 2, loss: 0 },
  ],
  dns: {
    a: [],
    srv: [
      {
        domain: 'b.example.com',
        target: 'proxy.b.example.com',
        port: 5060,
        priority: 10,
        weight: 10,
      },
    ],
  },
  timeline: [
    { at: 0, actor: 'alice', action: 'invite', to: 'sip:bob@b.example.com' },
    { at: 8000, actor: 'alice', action: 'bye' },
  ],
  endAt: 60000,
};
