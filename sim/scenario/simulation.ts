/**
 * A running scenario: the network, its elements built from the topology, and the timeline of user
 * actions scheduled on the virtual clock. step() runs one event of the clock (a datagram leaving, a
 * datagram arriving, a timer firing or a user action) and returns what the trace gained.
 */
import {
  ActionError,
  createElement,
  snapshotAt,
  type ElementAction,
  type ElementSnapshot,
  type SimElement,
} from '../elements';
import { Network, type LinkConfig, type QueueItemKind, type TraceEvent } from '../network';
import type { Scenario, TimelineAction } from './schema';

export interface StepResult {
  /** 1 for the first step. */
  index: number;
  time: number;
  kind: QueueItemKind;
  /** The trace events this step added. */
  events: TraceEvent[];
}

/** An exception inside the simulation: what failed, where, and at which step the run stopped. */
export interface SimulationFailure {
  /** The step (1-based) during which it happened. */
  step: number;
  /** Virtual time in ms. */
  time: number;
  /** The element whose code was running, when known. */
  element: string | undefined;
  /** The error's class name and message. */
  error: string;
  /** The trace event that records it. */
  traceId: number;
}

export interface SimulationSnapshot {
  time: number;
  elements: ElementSnapshot[];
  links: LinkConfig[];
}

export interface SimulationOptions {
  /** Keep every trace event (default) or only count them (the load benchmark). */
  recordTrace?: boolean;
}

function describeAction(a: TimelineAction): string {
  switch (a.action) {
    case 'invite':
      return `${a.actor} calls ${a.to}`;
    case 'message':
      return `${a.actor} sends the message "${a.text}" to ${a.to}`;
    case 'subscribe':
      return `${a.actor} subscribes to ${a.event ?? 'presence'} of ${a.to}`;
    case 'set-status':
      return `${a.aor} becomes ${a.status === 'open' ? 'available (open)' : 'unavailable (closed)'} at ${a.actor}`;
    case 'register':
      return `${a.actor} registers`;
    case 'unregister':
      return a.all === true ? `${a.actor} removes all its registrations` : `${a.actor} unregisters`;
    case 'cancel':
      return `${a.actor} gives up the call before it is answered (CANCEL)`;
    case 'bye':
      return `${a.actor} hangs up (BYE)`;
    case 'answer':
      return `${a.actor} answers the call`;
    case 'decline':
      return `${a.actor} declines the call`;
    case 'busy':
      return `${a.actor} is busy and rejects the call`;
    case 'unsubscribe':
      return `${a.actor} ends ${a.to !== undefined ? `the subscription to ${a.to}` : 'its subscriptions'}`;
  }
}

export class Simulation {
  readonly network: Network;
  readonly elements: SimElement[] = [];
  private readonly byName = new Map<string, SimElement>();
  steps = 0;
  /** Set when an exception stopped the run (it is also in the trace, as an 'error' event). */
  failure: SimulationFailure | undefined;

  constructor(
    readonly scenario: Scenario,
    options: SimulationOptions = {},
  ) {
    this.network = new Network({
      seed: scenario.seed,
      defaultLatencyMs: scenario.defaultLatencyMs,
      faults: scenario.faults,
      ...(scenario.replace !== undefined
        ? {
            replace: scenario.replace.map((r) => ({
              element: r.element,
              ...(r.match.method !== undefined ? { method: r.match.method } : {}),
              ...(r.match.status !== undefined ? { status: r.match.status } : {}),
              nth: r.match.nth,
              raw: r.raw,
            })),
          }
        : {}),
    });
    this.network.trace.recording = options.recordTrace !== false;
    for (const a of scenario.dns.a) this.network.dns.addA(a.name, a.address);
    for (const s of scenario.dns.srv)
      this.network.dns.addSrv(s.domain, {
        priority: s.priority,
        weight: s.weight,
        port: s.port,
        target: s.target,
      });
    for (const l of scenario.links)
      this.network.setLink({ a: l.a, b: l.b, latencyMs: l.latencyMs, loss: l.loss });
    const timers = {
      T1: scenario.timers?.T1 ?? 500,
      T2: scenario.timers?.T2 ?? 4000,
      T4: scenario.timers?.T4 ?? 5000,
    };
    const ctx = {
      network: this.network,
      timers,
      element: (name: string) => this.byName.get(name),
    };
    // Registrars first: proxies and redirect servers read their location service.
    const ordered = [...scenario.elements].sort(
      (a, b) => Number(b.kind === 'registrar') - Number(a.kind === 'registrar'),
    );
    for (const config of ordered) {
      if (config.host) this.network.dns.addA(config.host, config.address);
      const el = createElement(config, ctx);
      this.byName.set(el.name, el);
      this.network.attach(el);
    }
    for (const config of scenario.elements) this.elements.push(this.byName.get(config.name)!);
    for (const action of scenario.timeline) {
      this.network.queue.schedule(action.at, 'action', () => this.perform(action), undefined);
    }
  }

  element(name: string): SimElement | undefined {
    return this.byName.get(name);
  }

  private perform(action: TimelineAction): void {
    const el = this.byName.get(action.actor);
    const id = this.network.record({
      type: 'action',
      element: action.actor,
      detail: describeAction(action),
    });
    this.network.queue.currentCause = id;
    if (!el) return;
    try {
      const { at: _at, actor: _actor, ...rest } = action;
      void _at;
      void _actor;
      el.perform(rest as ElementAction);
    } catch (e) {
      if (!(e instanceof ActionError)) throw e;
      this.network.record({
        type: 'note',
        element: action.actor,
        detail: `${action.actor} cannot ${action.action} now: ${e.message}`,
      });
    }
  }

  /** True when nothing is left to run, or the scenario's time or step limit is reached. */
  get done(): boolean {
    if (this.failure) return true;
    if (this.steps >= this.scenario.maxSteps) return true;
    const next = this.network.queue.peek();
    if (next === undefined) return true;
    return this.scenario.endAt !== undefined && next.time > this.scenario.endAt;
  }

  step(): StepResult | undefined {
    if (this.done) return undefined;
    const before = this.network.trace.events.length;
    const next = this.network.queue.peek();
    let item;
    try {
      item = this.network.step();
    } catch (e) {
      // Errors never vanish: the run stops cleanly at this step and says what failed (a bug in an
      // element, not the user's input — bad input is answered by the elements, never thrown).
      this.steps++;
      const cause = next?.cause;
      const element = cause !== undefined ? this.network.trace.events[cause]?.element : undefined;
      const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      const traceId = this.network.record({
        type: 'error',
        element: element ?? '',
        detail: `The simulation stopped at step ${this.steps} (${((next?.time ?? 0) / 1000).toFixed(3)} s): ${error}`,
      });
      this.failure = { step: this.steps, time: next?.time ?? 0, element, error, traceId };
      return {
        index: this.steps,
        time: next?.time ?? 0,
        kind: next?.kind ?? 'action',
        events: this.network.trace.events.slice(before),
      };
    }
    if (item === undefined) return undefined;
    this.steps++;
    return {
      index: this.steps,
      time: item.time,
      kind: item.kind,
      events: this.network.trace.events.slice(before),
    };
  }

  /** Runs until done; returns the number of steps run. */
  run(limit = Infinity): number {
    let n = 0;
    while (n < limit && this.step() !== undefined) n++;
    return n;
  }

  get time(): number {
    return this.network.queue.now();
  }

  /**
   * Until when the run has been seen: Infinity once nothing is left to happen (so "it never came" can
   * be judged), else the end time it was cut at (or the time reached so far).
   */
  get observedUntil(): number {
    if (this.network.queue.peek() === undefined && !this.failure) return Infinity;
    const end = this.scenario.endAt;
    return end !== undefined && this.done && !this.failure ? end : this.time;
  }

  get trace(): TraceEvent[] {
    return this.network.trace.events;
  }

  snapshot(): SimulationSnapshot {
    return {
      time: this.time,
      elements: this.elements.map((e) => snapshotAt(e.state(), this.time)),
      links: this.network.allLinks(),
    };
  }
}
