import { readFileSync, readdirSync } from 'node:fs';
import { BUILTIN_SCENARIOS, Simulation } from '@/sim/scenario';
import { findEvent, nextMessageAfter, causeChain } from '@/sim/session';
const dir = 'content/lessons';
for (const f of readdirSync(dir).sort()) {
  const src = readFileSync(`${dir}/${f}`, 'utf8');
  for (const m of src.matchAll(/<PredictNext\b[\s\S]*?\/>/g)) {
    const b = m[0];
    const scen = /scenario="([^"]*)"/.exec(b)![1]!;
    const after = new Function('return ' + /after=\{(\{[^}]*\})\}/.exec(b)![1]!)();
    const sim = new Simulation(structuredClone(BUILTIN_SCENARIOS.get(scen)!));
    sim.run();
    const t = sim.trace;
    const moment = findEvent(t, after)!;
    const next = nextMessageAfter(t, moment.id)!;
    console.log(`\n## ${f} ${scen} ${JSON.stringify(after)}\n moment: ${moment.type} ${moment.detail}\n next: ${next.detail}`);
    for (const c of causeChain(t, next.id)) console.log('   <-', c.type, c.element, '|', c.detail);
  }
}
