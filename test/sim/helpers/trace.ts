/**
 * Helpers for reading a run as an RFC figure reads: the ladder of datagrams sent (from, to, method or
 * status), the drops, and the messages themselves parsed back from the bytes the trace recorded.
 */
import {
  parseMessage,
  wireToBytes,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from '../../../sim/codec';
import type { TraceEvent } from '../../../sim/network';
import { Simulation, builtinScenario, type Scenario } from '../../../sim/scenario';

/** One arrow of a ladder: sender, receiver, and the method of a request or the status of a response. */
export type Arrow = [from: string, to: string, what: string | number];

function arrow(e: TraceEvent): Arrow {
  return [e.from ?? '?', e.to ?? e.destination ?? '?', e.method ?? e.status ?? '?'];
}

/** Every datagram sent, in order (lost ones included: they were sent). */
export function ladder(trace: readonly TraceEvent[]): Arrow[] {
  return trace.filter((e) => e.type === 'send').map(arrow);
}

/** Every datagram the network dropped (a fault rule or link loss), in order. */
export function drops(trace: readonly TraceEvent[]): Arrow[] {
  return trace.filter((e) => e.type === 'drop').map(arrow);
}

export function sends(trace: readonly TraceEvent[]): TraceEvent[] {
  return trace.filter((e) => e.type === 'send');
}

/** The message a send event carried, parsed from its bytes. */
export function messageOf(e: TraceEvent): SipMessage {
  if (e.raw === undefined) throw new Error(`trace event ${e.id} carries no message`);
  return parseMessage(wireToBytes(e.raw));
}

/** The nth (from 0) message sent from `from` to `to` that is this method or status. */
export function sent(
  trace: readonly TraceEvent[],
  from: string,
  to: string,
  what: string | number,
  nth = 0,
): SipMessage {
  const found = sends(trace).filter(
    (e) => e.from === from && e.to === to && (e.method ?? e.status) === what,
  )[nth];
  if (!found) throw new Error(`no ${String(what)} #${nth} from ${from} to ${to} in the trace`);
  return messageOf(found);
}

export function sentRequest(
  trace: readonly TraceEvent[],
  from: string,
  to: string,
  method: string,
  nth = 0,
): SipRequest {
  const m = sent(trace, from, to, method, nth);
  if (m.kind !== 'request') throw new Error('not a request');
  return m;
}

export function sentResponse(
  trace: readonly TraceEvent[],
  from: string,
  to: string,
  status: number,
  nth = 0,
): SipResponse {
  const m = sent(trace, from, to, status, nth);
  if (m.kind !== 'response') throw new Error('not a response');
  return m;
}

/** Runs a scenario to its end and returns the simulation. */
export function run(scenario: Scenario): Simulation {
  const sim = new Simulation(scenario);
  sim.run();
  return sim;
}

export function builtin(name: string): Scenario {
  const s = builtinScenario(name);
  if (!s) throw new Error(`no built-in scenario "${name}"`);
  return s;
}

/** The times (ms) of the sends that match, e.g. every INVITE alice sent. */
export function sendTimes(
  trace: readonly TraceEvent[],
  match: (e: TraceEvent) => boolean,
): number[] {
  return sends(trace)
    .filter(match)
    .map((e) => e.time);
}

/** Runs every event due at or before `ms` (virtual time), and no further. */
export function runUntil(sim: Simulation, ms: number): Simulation {
  while ((sim.network.queue.peek()?.time ?? Infinity) <= ms && sim.step() !== undefined) {
    /* next event */
  }
  return sim;
}
