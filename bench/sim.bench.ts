/**
 * `npm run bench:sim`: the simulator under load. N callees register with a registrar; M callers each
 * call one of them through a stateful proxy that finds the callee in the location service; every call
 * is answered, held, and hung up. Reports simulated messages per second and memory per concurrent
 * call for M = 100 … 10,000, and compares with the codec alone (parse + serialize of the same
 * messages): the simulator's overhead over its codec floor. Then the XState share (xstate-share.ts): one
 * INVITE client transaction against a minimal XState machine, run the same way in the same process.
 * Every goal of issue 14 for the engine is printed with "met" or "MISSED".
 */
import { parseMessage, serializeMessage } from '../sim/codec';
import { Simulation, type Scenario } from '../sim/scenario';
import { measureXStateShare } from './xstate-share';

const quick = process.argv.includes('--quick');
const sizes = quick ? [100, 1000] : [100, 1000, 10000];

function ip(i: number, net: number): string {
  return `10.${net}.${Math.floor(i / 250)}.${(i % 250) + 1}`;
}

function loadScenario(calls: number): Scenario {
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

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1048576;
}

interface Row {
  calls: number;
  datagrams: number;
  seconds: number;
  perSecond: number;
  kbPerCall: number;
  usPerDatagram: number;
  /** Process CPU time (user + system) per datagram: on a shared machine, wall time also counts waiting. */
  cpuUsPerDatagram: number;
}

function runLoad(calls: number): Row {
  const scenario = loadScenario(calls);
  const before = heapMb();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const sim = new Simulation(scenario, { recordTrace: false });
  // Run until every call is up (all answered by ~21 s), measure memory there, then to the end.
  while (!sim.done && sim.time < 25000) sim.step();
  const during = heapMb();
  while (!sim.done) sim.step();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const datagrams = sim.network.datagramCount;
  return {
    calls,
    datagrams,
    seconds,
    perSecond: datagrams / seconds,
    kbPerCall: ((during - before) * 1024) / calls,
    usPerDatagram: (seconds * 1e6) / datagrams,
    cpuUsPerDatagram: (cpu.user + cpu.system) / datagrams,
  };
}

/** The codec floor: parse + serialize of the same messages the simulation sends. */
function codecFloor(): { perSecond: number; messages: number } {
  const sim = new Simulation(loadScenario(100));
  sim.run();
  const raws = sim.trace.filter((e) => e.type === 'send' && e.raw !== undefined).map((e) => e.raw!);
  let sink = 0;
  const rounds = quick ? 20 : 60;
  for (let w = 0; w < 5; w++)
    for (const r of raws) sink += serializeMessage(parseMessage(r)).length;
  const t0 = performance.now();
  for (let k = 0; k < rounds; k++)
    for (const r of raws) sink += serializeMessage(parseMessage(r)).length;
  const s = (performance.now() - t0) / 1000;
  if (sink === 0) throw new Error('unreachable');
  return { perSecond: (rounds * raws.length) / s, messages: raws.length };
}

const floor = codecFloor();
console.log(
  `Codec floor (parse + serialize of the ${floor.messages} messages of a 100-call run): ${Math.round(floor.perSecond).toLocaleString('en')} messages/s\n`,
);
console.log(
  '| calls | datagrams | wall time (s) | simulated messages/s | µs per datagram | CPU µs per datagram | heap per concurrent call (KB) | sim / codec floor |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
const rows: Row[] = [];
for (const n of sizes) {
  const r = runLoad(n);
  rows.push(r);
  console.log(
    `| ${n.toLocaleString('en')} | ${r.datagrams.toLocaleString('en')} | ${r.seconds.toFixed(2)} | ${Math.round(r.perSecond).toLocaleString('en')} | ${r.usPerDatagram.toFixed(1)} | ${r.cpuUsPerDatagram.toFixed(1)} | ${r.kbPerCall.toFixed(1)} | ${((100 * r.perSecond) / floor.perSecond).toFixed(1)} % |`,
  );
}
const first = rows[0]!;
const last = rows[rows.length - 1]!;
const growth = last.usPerDatagram / first.usPerDatagram;
console.log(
  `\nCost per datagram from ${first.calls} to ${last.calls} calls: ${first.usPerDatagram.toFixed(1)} → ${last.usPerDatagram.toFixed(1)} µs (×${growth.toFixed(2)}; 1.0 means linear growth of total cost).`,
);

// The XState share: the same machine code as in the load runs, measured apart in this process.
const share = measureXStateShare(quick ? 7 : 15, quick ? 1000 : 2000);
console.log(
  '\n| machine, run through MachineRunner on the simulation clock | µs each (median round) |',
);
console.log('|---|---:|');
for (const r of [share.transaction, share.minimal, share.minimalDelayed])
  console.log(`| ${r.label} | ${r.us.toFixed(1)} |`);
console.log(
  `\nXState share: an INVITE client transaction costs ${share.ratio.toFixed(1)}× a minimal two-transition machine (${(share.transaction.us / share.minimalDelayed.us).toFixed(1)}× one with a delayed event); the minimal machine is ${((100 * share.minimal.us) / share.transaction.us).toFixed(0)} % of a transaction's cost.`,
);

// Issue 14's engine goals, each with its measured figure.
const goals: [string, string, boolean][] = [];
for (const r of rows.filter((x) => x.calls >= 1000)) {
  const pct = (100 * r.perSecond) / floor.perSecond;
  goals.push([
    `simulated rate at ${r.calls.toLocaleString('en')} calls ≥ 20 % of the codec floor`,
    `${pct.toFixed(1)} %`,
    pct >= 20,
  ]);
}
goals.push([
  `cost per datagram grows ≤ 1.3× from ${first.calls.toLocaleString('en')} to ${last.calls.toLocaleString('en')} calls`,
  `×${growth.toFixed(2)}`,
  growth <= 1.3,
]);
for (const r of rows.filter((x) => x.calls >= 1000))
  goals.push([
    `heap per concurrent call at ${r.calls.toLocaleString('en')} calls ≤ 20 KB`,
    `${r.kbPerCall.toFixed(1)} KB`,
    r.kbPerCall <= 20,
  ]);
console.log('\n| goal (issue 14) | measured | |');
console.log('|---|---:|---|');
for (const [goal, value, met] of goals)
  console.log(`| ${goal} | ${value} | ${met ? 'met' : 'MISSED'} |`);
if (quick)
  console.log('\n(--quick: 10,000 calls not run; the growth goal is judged on 100 → 1,000.)');
