/**
 * Small scenarios for tests: two phones on one link, or the one-proxy topology of the built-ins
 * (Alice in a.example.com; Bob, his proxy and registrar in b.example.com), with a timeline and faults.
 */
import { parseScenario, type Scenario, type ScenarioInput } from '../../../sim/scenario';

type Input = Partial<Omit<ScenarioInput, 'elements'>> & {
  /** Bob's answer policy (default: answer after 1 s). */
  bobAnswer?: {
    mode: 'answer' | 'busy' | 'decline' | 'no-answer' | 'manual';
    ringMs?: number;
    ring?: boolean;
  };
  proxyKind?: 'stateful-proxy' | 'stateless-proxy';
  recordRoute?: boolean;
};

const ALICE = {
  kind: 'user-agent',
  name: 'alice',
  address: '10.0.0.10',
  aor: 'sip:alice@a.example.com',
} as const;

function bob(answer: Input['bobAnswer']) {
  return {
    kind: 'user-agent',
    name: 'bob',
    address: '10.1.0.20',
    aor: 'sip:bob@b.example.com',
    answer: answer ?? { mode: 'answer', ringMs: 1000 },
  } as const;
}

/** Alice (10.0.0.10) and Bob (10.1.0.20) on a 10 ms link; Alice calls Bob by his address. */
export function twoPhones(input: Input = {}): Scenario {
  const { bobAnswer, proxyKind, recordRoute, ...rest } = input;
  void proxyKind; // no proxy here
  void recordRoute;
  return parseScenario({
    name: 'two-phones',
    title: 'Two phones',
    links: [{ a: 'alice', b: 'bob', latencyMs: 10, loss: 0 }],
    endAt: 120_000,
    ...rest,
    elements: [ALICE, bob(bobAnswer)],
  });
}

/**
 * Alice → proxy (b.example.com, found by SRV) → Bob, 10 ms per link; Bob is bound to 10.1.0.20 in
 * the registrar that the proxy reads.
 */
export function oneProxy(input: Input = {}): Scenario {
  const { bobAnswer, proxyKind, recordRoute, ...rest } = input;
  return parseScenario({
    name: 'one-proxy',
    title: 'One proxy',
    links: [
      { a: 'alice', b: 'proxy', latencyMs: 10, loss: 0 },
      { a: 'proxy', b: 'bob', latencyMs: 10, loss: 0 },
    ],
    dns: {
      srv: [{ domain: 'b.example.com', target: 'proxy.b.example.com', port: 5060 }],
    },
    endAt: 120_000,
    ...rest,
    elements: [
      ALICE,
      {
        kind: proxyKind ?? 'stateful-proxy',
        name: 'proxy',
        address: '10.1.0.2',
        host: 'proxy.b.example.com',
        domain: 'b.example.com',
        registrar: 'registrar',
        recordRoute: recordRoute ?? false,
      },
      bob(bobAnswer),
      {
        kind: 'registrar',
        name: 'registrar',
        address: '10.1.0.3',
        domain: 'b.example.com',
        bindings: [{ aor: 'sip:bob@b.example.com', contact: 'sip:bob@10.1.0.20' }],
      },
    ],
  });
}
