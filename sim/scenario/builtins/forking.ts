import type { ScenarioInput } from '../schema';
import { alice, dnsB } from './common';

/** RFC 3261 §16.6 / RFC 3665 §3.5-like: parallel forking to two registered phones; one answers. */
export const forking: ScenarioInput = {
  name: 'forking',
  title: 'Forking: two phones ring, one answers',
  description:
    'Bob has registered two phones, one on his desk and a mobile. The stateful proxy finds both bindings for sip:bob@b.example.com and forks the INVITE to both at once. Both ring; the desk phone answers. The proxy forwards that 200 OK to Alice at once and CANCELs the branch that is still ringing: the mobile answers the CANCEL with 200 OK and its INVITE with 487 Request Terminated.',
  seed: 12,
  elements: [
    alice(),
    {
      kind: 'stateful-proxy',
      name: 'proxy',
      label: 'Proxy of b.example.com',
      address: '10.1.0.2',
      host: 'proxy.b.example.com',
      domain: 'b.example.com',
      registrar: 'registrar',
      forking: 'parallel',
    },
    {
      kind: 'registrar',
      name: 'registrar',
      label: 'Registrar of b.example.com',
      address: '10.1.0.3',
      host: 'registrar.b.example.com',
      domain: 'b.example.com',
      bindings: [
        { aor: 'sip:bob@b.example.com', contact: 'sip:bob@10.1.0.20', expires: 3600, q: 1 },
        { aor: 'sip:bob@b.example.com', contact: 'sip:bob@10.1.0.21', expires: 3600, q: 1 },
      ],
    },
    {
      kind: 'user-agent',
      name: 'bob-desk',
      label: "Bob's desk phone",
      address: '10.1.0.20',
      aor: 'sip:bob@b.example.com',
      displayName: 'Bob',
      answer: { mode: 'answer', ringMs: 3000 },
    },
    {
      kind: 'user-agent',
      name: 'bob-mobile',
      label: "Bob's mobile",
      address: '10.1.0.21',
      aor: 'sip:bob@b.example.com',
      displayName: 'Bob',
      answer: { mode: 'manual' },
    },
  ],
  links: [
    { a: 'alice', b: 'proxy', latencyMs: 20, loss: 0 },
    { a: 'proxy', b: 'bob-desk', latencyMs: 10, loss: 0 },
    { a: 'proxy', b: 'bob-mobile', latencyMs: 30, loss: 0 },
    { a: 'proxy', b: 'registrar', latencyMs: 2, loss: 0 },
  ],
  dns: dnsB(),
  timeline: [
    { at: 0, actor: 'alice', action: 'invite', to: 'sip:bob@b.example.com' },
    { at: 8000, actor: 'alice', action: 'bye' },
  ],
  endAt: 60000,
};
