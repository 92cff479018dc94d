import { readFileSync } from 'node:fs';
import { Simulation, parseScenario } from '../sim/scenario';
import { scenarioOf, type World } from '../test/sim/conformance/world';
const raw = JSON.parse(readFileSync(process.argv[2]!, "utf8").replace(/__proto__:null,?/g, "")); const w = (Array.isArray(raw) ? raw : [raw]) as World[];
const sim = new Simulation(parseScenario(scenarioOf(w[0]!)));
sim.run();
const [el, from, to] = [process.argv[3], Number(process.argv[4]) * 1000, Number(process.argv[5]) * 1000];
for (const e of sim.trace) if (e.element === el && e.time >= from && e.time <= to && e.type !== 'send') console.log(e.id, (e.time / 1000).toFixed(3), e.type, e.detail);
