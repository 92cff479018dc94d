/**
 * `sip bridge SCENARIO --element NAME --listen HOST:PORT [--pcap FILE] [--duration SECONDS]`: runs a
 * scenario on the wall clock with one element listening on a real UDP socket (RFC 3261 §18), so real
 * SIP software — a phone, SIPp — can register with a simulated registrar, call through a simulated
 * proxy, or be called by a simulated user agent. The ladder prints live; Ctrl-C (SIGINT) or SIGTERM
 * ends it cleanly and writes the pcap.
 */
import { createSocket, type Socket } from 'node:dgram';
import { writeFileSync } from 'node:fs';
import { SIMULATION_EPOCH_SECONDS, traceDatagrams, writePcap } from '../../sim/capture';
import { ScenarioError, type Scenario } from '../../sim/scenario';
import { RealTimeBridge } from '../bridge/real-time-bridge';
import { RelocateError, relocateElement, type RealAddress } from '../bridge/relocate';
import { EXIT_OK, EXIT_USAGE, errorText, type CommandIo } from '../io';
import { loadScenario } from './run';

/** Exit status when the socket cannot be opened or the simulation fails. */
export const EXIT_FAILURE = 1;

export const BRIDGE_USAGE = `usage: npm run sip -- bridge SCENARIO --element NAME --listen HOST:PORT [--pcap FILE] [--duration SECONDS]

Runs SCENARIO (a built-in name or a scenario JSON file) on the real clock, with element NAME listening
on a real UDP socket at HOST:PORT. Its address becomes HOST:PORT, so the Via, Contact and Record-Route
it writes reach real peers, and whatever in the scenario pointed at it (URIs, domains, DNS records)
follows. A datagram arriving at the socket enters the simulation as sent to NAME by an outside node
named by its real address (a response whose top Via names another element goes to that element, as
RFC 3261 §18.2.2 asks: a real peer answers the socket it heard from); what the simulation sends to an
address where no element listens leaves through the socket. The ladder prints as it happens; Ctrl-C
ends the bridge.
  --element NAME      the element to bridge (a registrar, a proxy, a user agent, ...)
  --listen HOST:PORT  an IPv4 address of this machine (not 0.0.0.0) and a UDP port (0: any free port)
  --pcap FILE         at the end, a libpcap file of every datagram, real addresses and times included
  --duration SECONDS  stop by itself after this long (default: run until Ctrl-C or SIGTERM)

For example, with SIPp (Debian's sip-tester package):
  npm run sip -- bridge registration-digest --element registrar --listen 127.0.0.1:5070
  sipp -sf test/fixtures/bridge/register.xml -i 127.0.0.1 -p 5071 -m 1 127.0.0.1:5070

Exit status: 0 when the bridge ended cleanly, 1 when the socket could not be opened or the
simulation failed, 2 on a usage error.`;

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

interface BridgeArgs {
  scenario: string;
  element: string;
  listen: RealAddress;
  pcap: string | undefined;
  durationMs: number | undefined;
}

const VALUE_FLAGS = ['--element', '--listen', '--pcap', '--duration'] as const;

/** HOST:PORT, or why it is not one the bridge can listen on. */
export function parseListen(text: string): RealAddress | string {
  const i = text.lastIndexOf(':');
  const host = i < 0 ? text : text.slice(0, i);
  const portText = i < 0 ? '' : text.slice(i + 1);
  if (!IPV4.test(host))
    return `--listen: "${host}" is not an IPv4 address: give one of this machine's, such as 127.0.0.1 (the element writes it into Via, Contact and Record-Route, so peers must be able to send to it; host names and IPv6 are not supported)`;
  if (host === '0.0.0.0')
    return '--listen: 0.0.0.0 is not an address a peer can send to (the element writes it into Via, Contact and Record-Route): give the address of one interface, such as 127.0.0.1';
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65535)
    return `--listen: "${text}" needs a UDP port after the address, 0 to 65535 (HOST:PORT, e.g. 127.0.0.1:5070)`;
  return { address: host, port };
}

/** The command's arguments, or a usage error. */
export function parseBridgeArgs(args: readonly string[]): BridgeArgs | string {
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if ((VALUE_FLAGS as readonly string[]).includes(a)) {
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) return `${a} needs a value`;
      if (values.has(a)) return `${a} is given twice`;
      values.set(a, v);
      i++;
    } else if (a.startsWith('--')) return `unknown option ${a}`;
    else positional.push(a);
  }
  if (positional.length !== 1)
    return positional.length === 0
      ? 'a SCENARIO is needed (a built-in name or a scenario JSON file)'
      : `one SCENARIO only (got ${positional.join(', ')})`;
  const element = values.get('--element');
  if (element === undefined) return '--element NAME is needed: which element listens on the socket';
  const listenText = values.get('--listen');
  if (listenText === undefined) return '--listen HOST:PORT is needed, e.g. 127.0.0.1:5070';
  const listen = parseListen(listenText);
  if (typeof listen === 'string') return listen;
  let durationMs: number | undefined;
  const d = values.get('--duration');
  if (d !== undefined) {
    const seconds = Number(d);
    if (!/^\d+(\.\d+)?$/.test(d) || seconds <= 0 || seconds > 86400)
      return `--duration needs a number of seconds above 0, at most 86400 (got "${d}")`;
    durationMs = Math.round(seconds * 1000);
  }
  return { scenario: positional[0]!, element, listen, pcap: values.get('--pcap'), durationMs };
}

function bind(listen: RealAddress): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const onError = (e: Error) => {
      socket.close();
      reject(e);
    };
    socket.once('error', onError);
    socket.bind(listen.port, listen.address, () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

/** `ended` resolves with why the bridge ends: SIGINT, SIGTERM, the duration, or a call of `end`. */
function endSignal(durationMs: number | undefined): {
  ended: Promise<string>;
  end: (why: string) => void;
} {
  let end: (why: string) => void = () => undefined;
  const ended = new Promise<string>((resolve) => {
    const timer =
      durationMs === undefined ? undefined : setTimeout(() => finish('duration'), durationMs);
    const onSigint = () => finish('SIGINT');
    const onSigterm = () => finish('SIGTERM');
    function finish(why: string) {
      if (timer !== undefined) clearTimeout(timer);
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
      resolve(why);
    }
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
    end = finish;
  });
  return { ended, end: (why) => end(why) };
}

export async function bridgeCommand(args: readonly string[], io: CommandIo): Promise<number> {
  if (args.includes('--help')) {
    io.out(BRIDGE_USAGE);
    return EXIT_OK;
  }
  const parsed = parseBridgeArgs(args);
  if (typeof parsed === 'string') {
    io.err(`sip bridge: ${parsed}\n\n${BRIDGE_USAGE}`);
    return EXIT_USAGE;
  }
  let loaded: Scenario;
  try {
    loaded = loadScenario(parsed.scenario);
  } catch (e) {
    if (e instanceof ScenarioError)
      for (const i of e.issues) io.err(`${parsed.scenario}: ${i.path || '(root)'}: ${i.message}`);
    else io.err(errorText(e));
    return EXIT_USAGE;
  }
  const relocate = (to: RealAddress) => relocateElement(loaded, parsed.element, to);
  try {
    // Every usage error before the socket is opened (port 0 is only known once it is).
    if (parsed.listen.port !== 0) relocate(parsed.listen);
    else if (!loaded.elements.some((e) => e.name === parsed.element))
      relocate({ address: parsed.listen.address, port: 1 });
  } catch (e) {
    if (e instanceof RelocateError || e instanceof ScenarioError) {
      io.err(`sip bridge: ${e.message}`);
      return EXIT_USAGE;
    }
    throw e;
  }
  let socket: Socket;
  try {
    socket = await bind(parsed.listen);
  } catch (e) {
    io.err(
      `sip bridge: cannot listen on UDP ${parsed.listen.address}:${parsed.listen.port}: ${errorText(e)}`,
    );
    return EXIT_FAILURE;
  }
  const listen = { address: parsed.listen.address, port: socket.address().port };
  let relocation;
  try {
    relocation = relocate(listen);
  } catch (e) {
    socket.close();
    if (e instanceof RelocateError || e instanceof ScenarioError) {
      io.err(`sip bridge: ${e.message}`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const { scenario, changes } = relocation;
  io.out(`${scenario.title} (${scenario.name}, seed ${scenario.seed})`);
  io.err(
    `${parsed.element} listens on UDP ${listen.address}:${listen.port}; ${parsed.durationMs === undefined ? 'Ctrl-C ends the bridge' : `the bridge ends after ${parsed.durationMs / 1000} s (or Ctrl-C)`}`,
  );
  for (const c of changes.slice(1)) io.err(`  moved with it: ${c}`);

  const signal = endSignal(parsed.durationMs);
  const bridge = new RealTimeBridge({
    scenario,
    element: { name: parsed.element, ...listen },
    socket,
    ladder: (line) => io.out(line),
    note: (line) => io.err(line),
    onFailure: () => signal.end('failure'),
  });
  const why = await signal.ended;
  const summary = await bridge.stop();
  io.err(
    `bridge ended (${why}) after ${(summary.elapsedMs / 1000).toFixed(1)} s: ${summary.received} datagram(s) received, ${summary.sent} sent`,
  );
  let code = summary.failure ? EXIT_FAILURE : EXIT_OK;
  if (parsed.pcap !== undefined) {
    const shift = bridge.startedAt * 1000 - SIMULATION_EPOCH_SECONDS * 1_000_000;
    const datagrams = traceDatagrams(bridge.simulation.trace).map((d) => ({
      ...d,
      timeMicros: d.timeMicros + shift,
    }));
    const { bytes, skipped } = writePcap(datagrams);
    try {
      writeFileSync(parsed.pcap, bytes);
      for (const s of skipped) io.err(`datagram ${s.index + 1} not written: ${s.why}`);
      io.err(`wrote ${datagrams.length - skipped.length} datagrams to ${parsed.pcap}`);
    } catch (e) {
      io.err(`sip bridge: cannot write ${parsed.pcap}: ${errorText(e)}`);
      code = EXIT_FAILURE;
    }
  }
  return code;
}
