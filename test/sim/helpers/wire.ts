/**
 * From a simulation's trace to the messages the RFC rule engine reads (sim/rules): every datagram
 * sent, with its send time, addresses and bytes; delivered unless a drop event of the same datagram
 * says it was lost; arriving when its receive event says. A datagram still in flight when the run
 * stopped (neither received nor dropped) counts as not delivered: its receiver never saw it.
 * The lead will move this adapter into sim/session.
 */
import type { TraceEvent } from '../../../sim/network';
import type { CheckOptions, WireMessage } from '../../../sim/rules';
import type { Scenario, Simulation } from '../../../sim/scenario';

export function wireMessagesOf(trace: readonly TraceEvent[]): WireMessage[] {
  const received = new Map<number, number>();
  const dropped = new Set<number>();
  for (const e of trace) {
    if (e.datagram === undefined) continue;
    if (e.type === 'receive' && !received.has(e.datagram)) received.set(e.datagram, e.time);
    if (e.type === 'drop') dropped.add(e.datagram);
  }
  const out: WireMessage[] = [];
  for (const e of trace) {
    if (e.type !== 'send' || e.raw === undefined || e.datagram === undefined) continue;
    const arrival = received.get(e.datagram);
    out.push({
      id: e.id,
      time: e.time,
      source: e.source ?? '',
      destination: e.destination ?? '',
      raw: e.raw,
      delivered: !dropped.has(e.datagram) && arrival !== undefined,
      ...(arrival !== undefined ? { arrival } : {}),
    });
  }
  return out;
}

/** Timers, host names (element hosts, A and SRV records) and the end of the run, for a check. */
export function checkOptionsOf(scenario: Scenario, sim?: Simulation): CheckOptions {
  const hosts: Record<string, string> = {};
  for (const a of scenario.dns.a) hosts[a.name] = a.address;
  for (const e of scenario.elements) if (e.host) hosts[e.host] = `${e.address}:${e.port ?? 5060}`;
  for (const s of scenario.dns.srv) {
    const target = hosts[s.target];
    if (target !== undefined && hosts[s.domain] === undefined)
      hosts[s.domain] = `${target.split(':')[0]}:${s.port}`;
  }
  return {
    T1: scenario.timers?.T1 ?? 500,
    T2: scenario.timers?.T2 ?? 4000,
    T4: scenario.timers?.T4 ?? 5000,
    tolerance: 1,
    hosts,
    ...(sim !== undefined ? { endTime: observedUntil(scenario, sim) } : {}),
  };
}

/** A run that emptied its queue saw everything that would ever happen; else it saw up to endAt. */
function observedUntil(scenario: Scenario, sim: Simulation): number {
  if (sim.network.queue.peek() === undefined) return Infinity;
  return scenario.endAt ?? sim.network.queue.now();
}
