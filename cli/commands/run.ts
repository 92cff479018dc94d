/**
 * `sip run SCENARIO [--ladder | --json | --pcap FILE | --format F]`: runs a built-in scenario (by name)
 * or a scenario JSON file to the end and prints its ladder (in a format of sim/export), its trace as
 * JSON, or writes a pcap file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { CommandIo } from '../io';
import {
  BUILTIN_SCENARIOS,
  ScenarioError,
  Simulation,
  builtinScenario,
  parseScenario,
  type Scenario,
} from '../../sim/scenario';
import type { TraceEvent } from '../../sim/network';
import { traceDatagrams, writePcap } from '../../sim/capture';
import { ladderFromTrace, toLines } from '../../sim/export';
import { RULES } from '../../sim/rules';
import { rfcFindings } from '../../sim/session';
import { FORMAT_HELP, formatOption, ladderOutput } from '../ladder-output';

export function loadScenario(arg: string): Scenario {
  const builtin = builtinScenario(arg);
  if (builtin) return builtin;
  let text: string;
  try {
    text = readFileSync(arg, 'utf8');
  } catch {
    throw new Error(
      `"${arg}" is neither a built-in scenario (see \`npm run sip -- scenarios\`) nor a readable file`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${arg} is not valid JSON: ${(e as Error).message}`);
  }
  return parseScenario(json);
}

export function runScenario(scenario: Scenario): TraceEvent[] {
  return runSimulation(scenario).trace;
}

function runSimulation(scenario: Scenario): Simulation {
  const sim = new Simulation(scenario);
  sim.run();
  return sim;
}

/**
 * The RFC check of a run (`--check`): one line per finding — level, rule, RFC section, where and when,
 * and what was wrong — then a count. Exit status 1 when any MUST is broken.
 */
function printCheck(sim: Simulation, out: (line: string) => void): number {
  const findings = rfcFindings(sim.scenario, sim.trace, sim.observedUntil);
  const byId = new Map(sim.trace.map((e) => [e.id, e]));
  for (const f of findings) {
    const e = byId.get(f.message);
    const where = e
      ? `${(e.time / 1000).toFixed(3)}s ${e.from ?? e.element} → ${e.to ?? e.destination ?? '?'} ${e.method ?? `${e.status ?? ''} ${e.reason ?? ''}`.trim()}`
      : `#${f.message}`;
    out(`${f.level.padEnd(6)} ${f.rule} (${f.rfc} ${f.section}) at ${where}: ${f.text}`);
  }
  const must = findings.filter((f) => f.level === 'MUST').length;
  const messages = sim.trace.filter((e) => e.type === 'send').length;
  out(
    findings.length === 0
      ? `RFC check: ${messages} messages, no rule broken (${RULES.length} rules checked).`
      : `RFC check: ${messages} messages, ${findings.length} finding(s), ${must} MUST (${RULES.length} rules checked).`,
  );
  if (sim.failure) out(`The run stopped at step ${sim.failure.step}: ${sim.failure.error}`);
  return must > 0 || sim.failure ? 1 : 0;
}

/** One line per datagram: time, from → to, method or status; drops and retransmissions marked. */
export function ladder(events: readonly TraceEvent[]): string[] {
  return toLines(ladderFromTrace(events));
}

export const RUN_USAGE = `usage: npm run sip -- run SCENARIO [--ladder | --json | --pcap FILE | --format F | --check]

Runs SCENARIO (a built-in name, see \`npm run sip -- scenarios\`, or a scenario JSON file) to the end.
  --ladder      one line per datagram: time, from → to, method or status (the default)
  --json        the whole trace as a JSON array of events (send, receive, drop, timers, state, ...)
  --pcap FILE   a libpcap file (UDP over IPv4, the topology's addresses) for Wireshark or tshark
  --check       the RFC rule engine's findings on every message of the run; exit 1 on any MUST
${FORMAT_HELP}`;

export const SCENARIOS_USAGE =
  'usage: npm run sip -- scenarios\n\nLists the built-in scenarios, one line each.';

export async function runCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const out = (s: string) => io.out(s);
  const name = args.find(
    (a, i) => !a.startsWith('--') && args[i - 1] !== '--pcap' && args[i - 1] !== '--format',
  );
  if (!name || args.includes('--help')) {
    (name ? io.out : io.err)(RUN_USAGE);
    return name ? 0 : 2;
  }
  let scenario: Scenario;
  try {
    scenario = loadScenario(name);
  } catch (e) {
    if (e instanceof ScenarioError) {
      for (const i of e.issues) io.err(`${name}: ${i.path || '(root)'}: ${i.message}`);
    } else io.err((e as Error).message);
    return 2;
  }
  const format = formatOption(args);
  if (typeof format === 'object') {
    io.err(format.error);
    return 2;
  }
  const sim = runSimulation(scenario);
  if (args.includes('--check')) {
    out(`${scenario.title} (${scenario.name}, seed ${scenario.seed})`);
    return printCheck(sim, out);
  }
  const events = sim.trace;
  const pcapAt = args.indexOf('--pcap');
  if (pcapAt >= 0) {
    const file = args[pcapAt + 1];
    if (!file) {
      io.err('--pcap needs a file name');
      return 2;
    }
    const { bytes, skipped } = writePcap(traceDatagrams(events));
    writeFileSync(file, bytes);
    for (const s of skipped) io.err(`datagram ${s.index + 1} not written: ${s.why}`);
    out(
      `wrote ${events.filter((e) => e.type === 'send').length - skipped.length} datagrams to ${file}`,
    );
    return 0;
  }
  if (args.includes('--json')) {
    out(JSON.stringify(events, null, 1));
    return 0;
  }
  if (format !== undefined && format !== 'text') {
    for (const l of ladderOutput(ladderFromTrace(events, scenario.title), format)) out(l);
    return 0;
  }
  out(`${scenario.title} (${scenario.name}, seed ${scenario.seed})`);
  for (const l of ladder(events)) out(l);
  return 0;
}

export async function scenariosCommand(_args: readonly string[], io: CommandIo): Promise<number> {
  const width = Math.max(...[...BUILTIN_SCENARIOS.keys()].map((k) => k.length));
  for (const [name, s] of BUILTIN_SCENARIOS) io.out(`${name.padEnd(width)}  ${s.title}`);
  return 0;
}
