/**
 * A simulation run on the wall clock with one element reachable on a real UDP socket (RFC 3261 §18:
 * SIP over UDP, one message per datagram). Virtual time is wall time since the start, in whole ms:
 * every queued item whose time has come runs, then the bridge sleeps until the next one or until a
 * datagram arrives. A datagram from the socket enters the simulated network "now", sent to the bridged
 * element (or, for a response, to the element its top Via names) by an outside node named by the
 * sender's real address; what the simulated network sends to an address where no element listens
 * leaves through the socket.
 */
import type { Socket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { ladderFromTrace, toLines } from '../../sim/export';
import type { Destination, OutsideDatagram, TraceEvent } from '../../sim/network';
import { arrivalDestination, type SimulatedHost } from './arrival';
import { Simulation, type Scenario, type SimulationFailure } from '../../sim/scenario';

/** Node's timers take at most 2^31 − 1 ms. */
const MAX_SLEEP_MS = 2 ** 31 - 1;

export interface BridgeSummary {
  /** Wall time the bridge ran, in ms. */
  elapsedMs: number;
  /** Datagrams received on the socket, and sent through it. */
  received: number;
  sent: number;
  /** Datagrams the socket could not send, with why. */
  sendErrors: string[];
  /** The exception that stopped the simulation, if one did. */
  failure: SimulationFailure | undefined;
}

export interface BridgeOptions {
  /** The scenario with the bridged element already at its real address (relocateElement). */
  scenario: Scenario;
  /**
   * The bridged element and its real address: where datagrams from the socket are delivered (but a
   * response whose top Via names another element goes to that element: arrival.ts).
   */
  element: SimulatedHost;
  /** A bound UDP socket on that address. The bridge owns it from now on and closes it on stop. */
  socket: Socket;
  /** Called with each line of the ladder as it happens. */
  ladder(line: string): void;
  /** Called with what else a person should know (a send that failed, the simulation stopping). */
  note(line: string): void;
  /** Called once when the simulation fails (the bridge has nothing left to run): stop it then. */
  onFailure?(failure: SimulationFailure): void;
}

interface Arrival {
  bytes: Uint8Array;
  from: Destination;
}

export class RealTimeBridge {
  readonly simulation: Simulation;
  /** The wall-clock time (ms since 1970) of virtual time 0, for the pcap file's timestamps. */
  readonly startedAt = Date.now();
  private readonly start = performance.now();
  private readonly arrivals: Arrival[] = [];
  private wake: NodeJS.Timeout | undefined;
  private stopped = false;
  private received = 0;
  private sent = 0;
  private readonly sendErrors: string[] = [];
  private readonly hosts: SimulatedHost[];

  constructor(private readonly options: BridgeOptions) {
    // The wall clock and the signals decide when a bridge ends, not the scenario's limits.
    const scenario: Scenario = { ...options.scenario, maxSteps: Number.MAX_SAFE_INTEGER };
    delete scenario.endAt;
    this.simulation = new Simulation(scenario);
    this.hosts = scenario.elements.map((e) => ({
      name: e.name,
      address: e.address,
      port: e.port ?? 5060,
    }));
    this.simulation.network.setOutsideHandler((d) => this.sendOut(d));
    // A socket error after the bind (rare with UDP) is told, never thrown out of the event loop.
    options.socket.on('error', (e) => options.note(`socket error: ${e.message}`));
    options.socket.on('message', (bytes, rinfo) => {
      if (this.stopped) return;
      this.received++;
      this.arrivals.push({
        bytes: new Uint8Array(bytes),
        from: { address: rinfo.address, port: rinfo.port },
      });
      this.pump();
    });
    this.pump();
  }

  /** Virtual time now: whole ms of wall time since the bridge started. */
  private elapsed(): number {
    return Math.floor(performance.now() - this.start);
  }

  private sendOut(d: OutsideDatagram): void {
    this.sent++;
    this.options.socket.send(d.bytes, d.destination.port, d.destination.address, (error) => {
      if (error) {
        const why = `datagram ${d.datagram} to ${d.destination.address}:${d.destination.port} was not sent: ${error.message}`;
        this.sendErrors.push(why);
        this.options.note(why);
      }
    });
  }

  /** Runs what is due, lets arrivals in, and sleeps until the next item. */
  private pump(): void {
    if (this.wake !== undefined) clearTimeout(this.wake);
    this.wake = undefined;
    if (this.stopped || this.failure() !== undefined) return;
    const now = this.elapsed();
    this.runUntil(now);
    if (this.arrivals.length > 0 && this.failure() === undefined) {
      const network = this.simulation.network;
      if (network.queue.now() < now) network.queue.advanceTo(now);
      for (const a of this.arrivals.splice(0)) {
        const to = arrivalDestination(a.bytes, this.options.element, this.hosts);
        network.injectDatagram(network.outsideNode(a.from), to, a.bytes);
      }
      this.runUntil(now);
    }
    const failure = this.failure();
    if (failure) {
      this.options.note(this.simulation.trace[failure.traceId]?.detail ?? failure.error);
      this.options.onFailure?.(failure);
      return;
    }
    const next = this.simulation.network.queue.peek();
    if (next === undefined) return; // nothing to run until a datagram arrives
    const sleep = Math.min(MAX_SLEEP_MS, Math.max(0, next.time - this.elapsed()));
    this.wake = setTimeout(() => this.pump(), sleep);
  }

  /** Read through a call: each step may set it. */
  private failure(): SimulationFailure | undefined {
    return this.simulation.failure;
  }

  private runUntil(now: number): void {
    const queue = this.simulation.network.queue;
    for (;;) {
      const next = queue.peek();
      if (next === undefined || next.time > now) return;
      const step = this.simulation.step();
      if (step === undefined) return;
      this.print(step.events);
    }
  }

  private print(events: readonly TraceEvent[]): void {
    if (!events.some((e) => e.type === 'send')) return;
    for (const line of toLines(ladderFromTrace(events))) this.options.ladder(line);
  }

  /** Stops the clock and closes the socket; what ran stays in simulation.trace. */
  async stop(): Promise<BridgeSummary> {
    if (!this.stopped) {
      this.stopped = true;
      if (this.wake !== undefined) clearTimeout(this.wake);
      this.wake = undefined;
      await new Promise<void>((resolve) => this.options.socket.close(() => resolve()));
    }
    return {
      elapsedMs: this.elapsed(),
      received: this.received,
      sent: this.sent,
      sendErrors: [...this.sendErrors],
      failure: this.simulation.failure,
    };
  }
}
