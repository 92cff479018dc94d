/**
 * `sip run SCENARIO [--ladder | --json | --pcap FILE]`: runs a built-in scenario (by name) or a scenario
 * JSON file to the end and prints its ladder, its trace as JSON, or writes a pcap file.
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
import { wireToText } from '../../sim/codec';
import { tracePcap } from '../pcap';

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
  const sim = new Simulation(scenario);
  sim.run();
  return sim.trace;
}

function label(e: TraceEvent): string {
  if (e.method) return e.method;
  if (e.status !== undefined) return `${e.status} ${wireToText(e.reason ?? '')}`.trim();
  return '?';
}

/** One line per datagram: time, from → to, method or status; drops and retransmissions marked. */
export function ladder(events: readonly TraceEvent[]): string[] {
  const lines: string[] = [];
  for (const e of events) {
    if (e.type !== 'send' && e.type !== 'drop') continue;
    const t = (e.time / 1000).toFixed(3).padStart(8);
    const path = `${e.from ?? '?'} → ${e.to ?? e.destination ?? '?'}`;
    if (e.type === 'send')
      lines.push(
        `${t}s  ${path.padEnd(26)} ${label(e)}${e.retransmission ? '  (retransmission)' : ''}`,
      );
    else lines.push(`${t}s  ${' '.repeat(26)}   ✗ lost: ${e.detail}`);
  }
  return lines;
}

export const RUN_USAGE = `usage: npm run sip -- run SCENARIO [--ladder | --json | --pcap FILE]

Runs SCENARIO (a built-in name, see \`npm run sip -- scenarios\`, or a scenario JSON file) to the end.
  --ladder      one line per datagram: time, from → to, method or status (the default)
  --json        the whole trace as a JSON array of events (send, receive, drop, timers, state, ...)
  --pcap FILE   a libpcap file (UDP over IPv4, the topology's addresses) for Wireshark or tshark`;

export const SCENARIOS_USAGE =
  'usage: npm run sip -- scenarios\n\nLists the built-in scenarios, one line each.';

export async function runCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const out = (s: string) => io.out(s);
  const name = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--pcap');
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
  const events = runScenario(scenario);
  const pcapAt = args.indexOf('--pcap');
  if (pcapAt >= 0) {
    const file = args[pcapAt + 1];
    if (!file) {
      io.err('--pcap needs a file name');
      return 2;
    }
    writeFileSync(file, tracePcap(events));
    out(`wrote ${events.filter((e) => e.type === 'send').length} datagrams to ${file}`);
    return 0;
  }
  if (args.includes('--json')) {
    out(JSON.stringify(events, null, 1));
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
