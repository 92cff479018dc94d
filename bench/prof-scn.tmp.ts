import type { Scenario } from '../sim/scenario';
function ip(i: number, net: number): string {
  return `10.${net}.${Math.floor(i / 250)}.${(i % 250) + 1}`;
}

export function loadScenarioFor(calls: number): Scenario {
  const elements: Scenario['elements'] = [
    {
      kind: 'stateful-proxy',
      name: 'proxy',
      address: '10.0.0.2',
      host: 'proxy.b.example.com',
      domain: 'b.example.com',
      registrar: 'registrar',
    },
    {
      kind: 'registrar',
      name: 'registrar',
      address: '10.0.0.3',
      host: 'registrar.b.example.com',
      domain: 'b.example.com',
    },
  ];
  const timeline: Scenario['timeline'] = [];
  // Registrations over the first 10 s, calls over the next 10 s, hang-ups 60 s after each call starts.
  for (let i = 0; i < calls; i++) {
    elements.push({
      kind: 'user-agent',
      name: `callee${i}`,
      address: ip(i, 1),
      aor: `sip:user${i}@b.example.com`,
      registrar: 'sip:b.example.com',
      answer: { mode: 'answer', ringMs: 1000 },
      refresh: false,
    });
    elements.push({
      kind: 'user-agent',
      name: `caller${i}`,
      address: ip(i, 2),
      aor: `sip:caller${i}@a.example.com`,
      refresh: false,
    });
    timeline.push({ at: Math.floor((i * 10000) / calls), actor: `callee${i}`, action: 'register' });
    const start = 10000 + Math.floor((i * 10000) / calls);
    timeline.push({
      at: start,
      actor: `caller${i}`,
      action: 'invite',
      to: `sip:user${(i * 7919) % calls}@b.example.com`,
    });
    timeline.push({ at: start + 60000, actor: `caller${i}`, action: 'bye' });
  }
  timeline.sort((a, b) => a.at - b.at);
  return {
    version: 1,
    name: `load-${calls}`,
    title: `Load: ${calls} calls`,
    description: '',
    seed: 1,
    defaultLatencyMs: 10,
    elements,
    links: [],
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
    timeline,
    faults: [],
    maxSteps: 100_000_000,
  };
}

