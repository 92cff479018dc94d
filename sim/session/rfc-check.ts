/**
 * The RFC check of a run: a simulation's trace as the messages on the wire (every datagram sent, with
 * its send time, addresses and bytes; delivered unless the network lost it; arriving when it did), and
 * the RFC rule engine's findings on them. The engine reads only those bytes and times — it knows
 * nothing of how the elements are written, so it can catch them being wrong.
 */
import type { TraceEvent } from '../network';
import {
  checkMessages,
  estimateT1,
  type CheckOptions,
  type Finding,
  type WireMessage,
} from '../rules';
import type { Scenario } from '../scenario';

/**
 * Every datagram sent, as the rule engine reads it. A datagram still in flight when the run stopped
 * (neither received nor dropped) counts as not delivered: its receiver never saw it.
 */
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

/**
 * What the engine needs to know of a scenario: its timers, the host names it can resolve (element
 * hosts, A and SRV records), the passwords it can recompute digest responses with, and until when the
 * run was observed (Infinity when it ran to its natural end, so "never came" can be judged).
 */
export function checkOptionsOf(scenario: Scenario, observedUntil: number): CheckOptions {
  const hosts: Record<string, string> = {};
  for (const a of scenario.dns.a) hosts[a.name] = a.address;
  for (const e of scenario.elements) if (e.host) hosts[e.host] = `${e.address}:${e.port ?? 5060}`;
  for (const s of scenario.dns.srv) {
    const target = hosts[s.target];
    if (target !== undefined && hosts[s.domain] === undefined)
      hosts[s.domain] = `${target.split(':')[0]}:${s.port}`;
  }
  const credentials: NonNullable<CheckOptions['credentials']> = [];
  for (const e of scenario.elements) {
    if (e.kind === 'user-agent' && e.password !== undefined) {
      const user = /^sips?:([^@;]+)@/.exec(e.aor)?.[1];
      const username = e.username ?? user;
      if (username !== undefined) credentials.push({ username, password: e.password });
    }
    if (
      (e.kind === 'registrar' || e.kind === 'stateful-proxy' || e.kind === 'stateless-proxy') &&
      e.users
    )
      for (const u of e.users)
        credentials.push({
          username: u.username,
          password: u.password,
          realm: e.realm ?? e.domain,
        });
  }
  return {
    T1: scenario.timers?.T1 ?? 500,
    T2: scenario.timers?.T2 ?? 4000,
    T4: scenario.timers?.T4 ?? 5000,
    tolerance: 1,
    hosts,
    credentials,
    endTime: observedUntil,
  };
}

/** The findings of the RFC rule engine on a run's trace. */
export function rfcFindings(
  scenario: Scenario,
  trace: readonly TraceEvent[],
  observedUntil: number,
): Finding[] {
  return checkMessages(wireMessagesOf(trace), checkOptionsOf(scenario, observedUntil));
}

/** A captured message as the rule engine reads it (the fields of sim/capture's CapturedMessage it needs). */
export interface CapturedForCheck {
  index: number;
  /** Seconds from the first packet. */
  time: number;
  source: string;
  destination: string;
  transport: 'UDP' | 'TCP';
  raw: string;
}

/**
 * The RFC check of a capture: every message as seen at the capture point (all delivered), T1 estimated
 * from the first retransmission gap (500 ms when none shows), timing judged with 50 ms of slack — a
 * capture's time stamps are taken at one point of the network, not at each element — and addresses as
 * a NAT between the capture and a server may have changed them. Findings point at messages by their
 * index in the capture.
 */
export function captureFindings(messages: readonly CapturedForCheck[]): Finding[] {
  const wire: WireMessage[] = messages.map((m) => ({
    id: m.index,
    time: m.time * 1000,
    source: m.source,
    destination: m.destination,
    transport: m.transport,
    raw: m.raw,
  }));
  const T1 = estimateT1(wire) ?? 500;
  return checkMessages(wire, { T1, tolerance: 50, translatedAddresses: true });
}
