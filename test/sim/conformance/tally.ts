/**
 * A long conformance run by hand, with a tally: every finding (MUST and SHOULD) over N random worlds.
 *   npx tsx test/sim/conformance/tally.ts [RUNS] [SEED]
 * Prints the counts by rule and the first world that produced each, to replay with replay.ts.
 */
import fc from 'fast-check';
import { problemsOf } from './problems';
import { worldArb } from './world';

const runs = Number(process.argv[2] ?? 500);
const seed = Number(process.argv[3] ?? 1);
const counts = new Map<string, { n: number; first: string; example: string }>();
let worlds = 0;
let clean = 0;
const t0 = performance.now();
for (const world of fc.sample(worldArb, { numRuns: runs, seed })) {
  worlds++;
  const problems = problemsOf(world, true);
  if (problems.length === 0) clean++;
  for (const p of problems) {
    const rule = p.split(' ').slice(0, 2).join(' ');
    const c = counts.get(rule);
    if (c) c.n++;
    else counts.set(rule, { n: 1, first: JSON.stringify(world), example: p });
  }
}
console.log(
  `${worlds} worlds in ${((performance.now() - t0) / 1000).toFixed(0)} s, ${clean} without any finding`,
);
for (const [rule, c] of [...counts].sort((a, b) => b[1].n - a[1].n))
  console.log(`${String(c.n).padStart(5)}  ${rule}\n       ${c.example}\n       ${c.first}`);
