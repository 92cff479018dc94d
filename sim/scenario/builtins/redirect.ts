import type { ScenarioInput } from '../schema';
import { alice, bob } from './common';

/** RFC 3261 §8.1.3.4 / RFC 3665-like: a redirect server answers 302 and the caller tries the contact itself. */
export const redirect: ScenarioInput = {
  name: 'redirect',
  title: 'Redirect server (302)',
  description:
    "b.example.com is served by a redirect server: it does not forward requests, it tells the caller where to go. It looks Bob up in the location service and answers Alice's INVITE with 302 Moved Temporarily, listing Bob's current contact. Alice's phone acknowledges the 302 and sends a new INVITE straight to that contact.",
  seed: 13,
  elements: [
    alice(),
    {
      kind: 'redirect-server',
      name: 'redirect',
      label: 'Redirect server of b.example.com',
      address: '10.1.0.2',
      host: 'redirect.b.example.com',
      domain: 'b.example.com',
      registrar: 'registrar',
    },
    {
      kind: 'registrar',
      name: 'registrar',
      label: 'Registrar of b.example.com',
      address: '10.1.0.3',
      host: 'registrar.b.example.com',
      domain: 'b.example.com',
      bindings: [{ aor: 'sip:bob@b.example.com', contact: 'sip:bob@10.1.0.20', expires: 3600 }],
    },
    bob(),
  ],
  links: [
    { a: 'alice', b: 'redirect', latencyMs: 20, loss: 0 },
    { a: 'alice', b: 'bob', latencyMs: 30, loss: 0 },
    { a: 'redirect', b: 'registrar', latencyMs: 2, loss: 0 },
  ],
  dns: {
    a: [],
    srv: [
      {
        domain: 'b.example.com',
        target: 'redirect.b.example.com',
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
