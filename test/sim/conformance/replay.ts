/**
 * Replays one world of the conformance test and prints what went wrong with the ladder around it:
 *   npx tsx test/sim/conformance/replay.ts '<the counterexample JSON fast-check printed>'
 * (the JSON may be the world itself or the one-element array fast-check shows).
 */
import { Simulation, parseScenario } from '../../../sim/scenario';
import { problemsOf } from './problems';
import { scenarioOf, type World } from './world';

const arg = process.argv[2];
if (!arg) {
  console.error('usage: npx tsx test/sim/conformance/replay.ts WORLD-JSON');
  process.exit(2);
}
// fast-check prints records made with a null prototype as `{__proto__:null,…}`.
const parsed = JSON.parse(arg.replace(/__proto__:null,?/g, '')) as World | World[];
const world = Array.isArray(parsed) ? parsed[0]! : parsed;
for (const p of problemsOf(world, true)) console.log('PROBLEM', p);
const sim = new Simulation(parseScenario(scenarioOf(world)));
sim.run();
for (const e of sim.trace) {
  if (e.type === 'send' || e.type === 'drop')
    console.log(
      `#${e.id}`.padEnd(6),
      (e.time / 1000).toFixed(3).padStart(8),
      e.type.padEnd(5),
      `${e.from} → ${e.to ?? e.destination}`.padEnd(28),
      `${e.method ?? `${e.status} ${e.reason}`}${e.retransmission ? ' (again)' : ''}`,
    );
  else if (e.type === 'note' || e.type === 'action' || e.type === 'error')
    console.log(
      `#${e.id}`.padEnd(6),
      (e.time / 1000).toFixed(3).padStart(8),
      e.type.padEnd(5),
      e.detail,
    );
}
