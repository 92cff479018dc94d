import type { ScenarioInput } from '../schema';
import { alice } from './common';

/** RFC 6665 with the presence package (RFC 3856): subscribe, first NOTIFY, a state change, second NOTIFY. */
export const subscribeNotify: ScenarioInput = {
  name: 'subscribe-notify',
  title: 'Presence: SUBSCRIBE and NOTIFY',
  description:
    "Alice wants to know when Bob is available. Her phone subscribes to Bob's presence at the presence server of b.example.com (SUBSCRIBE with Event: presence). The server accepts with 200 OK and at once sends a NOTIFY with Bob's current state (closed). Five seconds later Bob becomes available; the server sends another NOTIFY with the new state (open).",
  seed: 14,
  elements: [
    alice(),
    {
      kind: 'presence-server',
      name: 'presence',
      label: 'Presence server of b.example.com',
      address: '10.1.0.4',
      host: 'presence.b.example.com',
      domain: 'b.example.com',
      initial: { 'sip:bob@b.example.com': 'closed' },
    },
  ],
  links: [{ a: 'alice', b: 'presence', latencyMs: 20, loss: 0 }],
  dns: {
    a: [],
    srv: [
      {
        domain: 'b.example.com',
        target: 'presence.b.example.com',
        port: 5060,
        priority: 10,
        weight: 10,
      },
    ],
  },
  timeline: [
    {
      at: 0,
      actor: 'alice',
      action: 'subscribe',
      to: 'sip:bob@b.example.com',
      event: 'presence',
      expires: 600,
    },
    {
      at: 5000,
      actor: 'presence',
      action: 'set-status',
      aor: 'sip:bob@b.example.com',
      status: 'open',
    },
  ],
  endAt: 30000,
};
