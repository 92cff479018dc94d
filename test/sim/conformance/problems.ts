/** What is wrong with one run of a random world (the conformance test and its replay script share it). */
import { checkMessagesReport } from '../../../sim/rules';
import { Simulation, parseScenario } from '../../../sim/scenario';
import { checkOptionsOf, wireMessagesOf } from '../../../sim/session';
import { scenarioOf, type World } from './world';

/**
 * Everything that is wrong with one run, as sentences (empty when it conforms): an exception, a
 * transaction or early dialog left at the end, and every MUST finding of the RFC rule engine on the
 * bytes that crossed the network. SHOULD findings are listed too when `withShould` is set.
 */
export function problemsOf(world: World, withShould = false): string[] {
  const scenario = parseScenario(scenarioOf(world));
  const sim = new Simulation(scenario);
  sim.run();
  const problems: string[] = [];
  if (sim.failure) problems.push(`exception: ${sim.failure.error} at step ${sim.failure.step}`);
  if (sim.steps >= scenario.maxSteps) problems.push('the run hit its step limit');
  const snapshot = sim.snapshot();
  for (const e of snapshot.elements) {
    for (const t of e.transactions) problems.push(`transaction never ended: ${t.id} in ${t.state}`);
    for (const d of e.dialogs)
      if (d.state === 'early') problems.push(`dialog left early: ${e.name} ${d.id}`);
  }
  const report = checkMessagesReport(
    wireMessagesOf(sim.trace),
    checkOptionsOf(scenario, sim.observedUntil),
  );
  for (const e of report.ruleErrors) problems.push(`rule ${e.rule} failed: ${e.error}`);
  for (const f of report.findings)
    if (f.level === 'MUST' || withShould)
      problems.push(`${f.level} ${f.rule} (${f.rfc} ${f.section}) at #${f.message}: ${f.text}`);
  return problems;
}
