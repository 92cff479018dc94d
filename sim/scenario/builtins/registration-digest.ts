import type { ScenarioInput } from '../schema';

/** RFC 3665 §2.1: the registrar challenges with 401 and Alice's phone registers again with credentials. */
export const registrationDigest: ScenarioInput = {
  name: 'registration-digest',
  title: 'Registration with digest authentication',
  description:
    "The registrar of a.example.com only accepts a REGISTER from someone who proves they know Alice's password. It answers the first REGISTER with 401 Unauthorized and a challenge (realm and nonce); the phone computes the digest response from the password and sends the REGISTER again with an Authorization header, and the registrar accepts it.",
  seed: 2,
  elements: [
    {
      kind: 'user-agent',
      name: 'alice',
      label: "Alice's phone",
      address: '10.0.0.10',
      aor: 'sip:alice@a.example.com',
      displayName: 'Alice',
      registrar: 'sip:a.example.com',
      password: 'wonderland',
    },
    {
      kind: 'registrar',
      name: 'registrar',
      label: 'Registrar of a.example.com',
      address: '10.0.0.3',
      host: 'registrar.a.example.com',
      domain: 'a.example.com',
      authenticate: true,
      realm: 'a.example.com',
      users: [{ username: 'alice', password: 'wonderland' }],
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
