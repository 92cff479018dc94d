import type { ScenarioInput } from '../schema';

const PHONES = 12;

function phones(): ScenarioInput['elements'] {
  return Array.from({ length: PHONES }, (_, i) => ({
    kind: 'user-agent' as const,
    name: `phone${i + 1}`,
    label: `Desk phone ${i + 1}`,
    address: `10.1.1.${i + 11}`,
    aor: `sip:ext${101 + i}@b.example.com`,
    registrar: 'sip:b.example.com',
    registerExpires: 120,
    answer: { mode: 'answer' as const, ringMs: 1500 + 250 * (i % 4) },
  }));
}

function timeline(): ScenarioInput['timeline'] {
  const t: ScenarioInput['timeline'] = [];
  for (let i = 0; i < PHONES; i++)
    t.push({ at: 100 * i, actor: `phone${i + 1}`, action: 'register' });
  // Every 20 s, each even phone calls the next phone; the call lasts 8 s.
  for (let round = 0; round < 14; round++) {
    for (let i = 0; i < PHONES; i += 2) {
      const start = 5000 + round * 20000 + i * 300;
      const callee = (i + 1 + 2 * round) % PHONES;
      t.push({
        at: start,
        actor: `phone${i + 1}`,
        action: 'invite',
        to: `sip:ext${101 + callee}@b.example.com`,
      });
      t.push({ at: start + 8000, actor: `phone${i + 1}`, action: 'bye' });
    }
  }
  return t.sort((a, b) => a.at - b.at);
}

/** A busy office: a dozen phones register, refresh, and call each other for five minutes (over a thousand messages). */
export const busyOffice: ScenarioInput = {
  name: 'busy-office',
  title: 'A busy office (over a thousand messages)',
  description:
    'Twelve desk phones of b.example.com register through the office proxy, refresh their registrations every minute, and call one another for five minutes. A long run to scrub through, filter and search: look for the registration refreshes between the calls.',
  seed: 15,
  elements: [
    {
      kind: 'stateful-proxy',
      name: 'proxy',
      label: 'Office proxy',
      address: '10.1.0.2',
      host: 'proxy.b.example.com',
      domain: 'b.example.com',
      registrar: 'registrar',
      recordRoute: true,
    },
    {
      kind: 'registrar',
      name: 'registrar',
      label: 'Office registrar',
      address: '10.1.0.3',
      host: 'registrar.b.example.com',
      domain: 'b.example.com',
      minExpires: 60,
    },
    ...phones(),
  ],
  links: [{ a: 'proxy', b: 'registrar', latencyMs: 2, loss: 0 }],
  defaultLatencyMs: 5,
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
  timeline: timeline(),
  endAt: 300000,
};
