import type { ScenarioInput } from '../schema';

/** RFC 3665 §2.1 without authentication: Alice's phone registers its contact address. */
export const registration: ScenarioInput = {
  name: 'registration',
  title: 'Registration',
  description:
    "Alice's phone tells the registrar of a.example.com where Alice can be reached: a REGISTER with her address of record in To and her phone's address in Contact. The registrar stores the binding in the location service and answers 200 OK listing it.",
  seed: 1,
  elements: [
    {
      kind: 'user-agent',
      name: 'alice',
      label: "Alice's phone",
      address: '10.0.0.10',
      aor: 'sip:alice@a.example.com',
      displayName: 'Alice',
      registrar: 'sip:a.example.com',
    },
    {
      kind: 'registrar',
      name: 'registrar',
      label: 'Registrar of a.example.com',
      address: '10.0.0.3',
      host: 'registrar.a.example.com',
      domain: 'a.example.com',
    },
  ],
  links: [{ a: 'alice', b: 'registrar', latencyMs: 20, loss: 0 }],
  dns: {
    a: [],
    srv: [
      {
        domain: 'a.example.com',
        target: 'registrar.a.example.com',
        port: 5060,
        priority: 10,
        weight: 10,
      },
    ],
  },
  timeline: [{ at: 0, actor: 'alice', action: 'register' }],
  endAt: 10000,
};
