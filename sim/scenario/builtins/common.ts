/**
 * Building blocks shared by the built-in scenarios: the hosts of the two example domains of RFC 3261's
 * figures (a.example.com for the caller, b.example.com for the callee), and DNS records for them.
 */
import type { ScenarioInput } from '../schema';

type Elements = ScenarioInput['elements'];
type Element = Elements[number];

export const alice = (extra: Partial<Extract<Element, { kind: 'user-agent' }>> = {}): Element => ({
  kind: 'user-agent',
  name: 'alice',
  label: "Alice's phone",
  address: '10.0.0.10',
  aor: 'sip:alice@a.example.com',
  displayName: 'Alice',
  ...extra,
});

export const bob = (extra: Partial<Extract<Element, { kind: 'user-agent' }>> = {}): Element => ({
  kind: 'user-agent',
  name: 'bob',
  label: "Bob's phone",
  address: '10.1.0.20',
  aor: 'sip:bob@b.example.com',
  displayName: 'Bob',
  answer: { mode: 'answer', ringMs: 2000 },
  ...extra,
});

/** Bob's binding, as if his phone had registered before the scenario starts. */
export const bobRegistrar = (
  extra: Partial<Extract<Element, { kind: 'registrar' }>> = {},
): Element => ({
  kind: 'registrar',
  name: 'registrar',
  label: 'Registrar of b.example.com',
  address: '10.1.0.3',
  host: 'registrar.b.example.com',
  domain: 'b.example.com',
  bindings: [{ aor: 'sip:bob@b.example.com', contact: 'sip:bob@10.1.0.20', expires: 3600 }],
  ...extra,
});

/** The proxy of b.example.com, which serves Bob and reads the registrar's location service. */
export const proxyB = (
  extra: Partial<Extract<Element, { kind: 'stateful-proxy' | 'stateless-proxy' }>> = {},
): Element => ({
  kind: 'stateful-proxy',
  name: 'proxy',
  label: 'Proxy of b.example.com',
  address: '10.1.0.2',
  host: 'proxy.b.example.com',
  domain: 'b.example.com',
  registrar: 'registrar',
  ...extra,
});

/** DNS of b.example.com: SRV points SIP over UDP at its proxy (RFC 3263, simplified). */
export const dnsB = (target = 'proxy.b.example.com'): NonNullable<ScenarioInput['dns']> => ({
  a: [],
  srv: [{ domain: 'b.example.com', target, port: 5060, priority: 10, weight: 10 }],
});
