import { Simulation } from '../sim/scenario';
import { loadScenarioFor } from './prof-scn.tmp';
function once(n: number) {
  const sim = new Simulation(loadScenarioFor(n), { recordTrace: false });
  const t0 = performance.now();
  let steps = 0;
  while (!sim.done) { sim.step(); steps++; }
  const s = (performance.now() - t0) / 1000;
  console.log(n, 'calls', sim.network.datagramCount, 'datagrams', steps, 'steps', ((s * 1e6) / sim.network.datagramCount).toFixed(1), 'µs/datagram');
}
once(300); once(300); once(Number(process.argv[2] ?? 300));
