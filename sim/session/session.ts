/**
 * A session: the step / back / go-to / play API the UI and the CLI use over one scenario. Going forward
 * runs the simulation one event of the clock at a time and records what each step added to the trace
 * and each element's state after it, so going back shows exactly the earlier view. Changing the
 * scenario (a fault, a link's loss, an element toggle) rebuilds the simulation from the same seed and
 * replays it to the current step: the same inputs always give the same run.
 */
import type { FaultRule, TraceEvent } from '../network';
import { Simulation, type Scenario, type SimulationSnapshot, type StepResult } from '../scenario';

export interface StepRecord {
  index: number;
  time: number;
  kind: StepResult['kind'];
  /** Trace length after this step. */
  traceLength: number;
  snapshot: SimulationSnapshot;
}

export interface SessionView {
  /** Steps taken (0: nothing has happened yet). */
  position: number;
  /** Virtual time now, in ms. */
  time: number;
  /** The trace up to now. */
  events: TraceEvent[];
  /** The events the last step added (what "Step" just showed). */
  stepEvents: TraceEvent[];
  snapshot: SimulationSnapshot;
  /** True when the scenario has nothing more to run. */
  finished: boolean;
}

/** Changes a student or instructor can make to a scenario while exploring it. */
export interface ScenarioChange {
  /** Replace the fault rules. */
  faults?: FaultRule[];
  /** Set a link's latency or loss (created when absent). */
  link?: { a: string; b: string; latencyMs?: number; loss?: number };
  /** Change an element's settings (e.g. { recordRoute: true }, { kind: 'stateless-proxy' }). */
  element?: { name: string; settings: Record<string, unknown> };
}

export function applyChange(scenario: Scenario, change: ScenarioChange): Scenario {
  const next: Scenario = structuredClone(scenario);
  if (change.faults) next.faults = change.faults.map((f) => ({ ...f }));
  if (change.link) {
    const { a, b } = change.link;
    const existing = next.links.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a));
    if (existing) {
      if (change.link.latencyMs !== undefined) existing.latencyMs = change.link.latencyMs;
      if (change.link.loss !== undefined) existing.loss = change.link.loss;
    } else {
      next.links.push({
        a,
        b,
        latencyMs: change.link.latencyMs ?? next.defaultLatencyMs,
        loss: change.link.loss ?? 0,
      });
    }
  }
  if (change.element) {
    const i = next.elements.findIndex((e) => e.name === change.element!.name);
    if (i >= 0)
      next.elements[i] = {
        ...next.elements[i]!,
        ...change.element.settings,
      } as Scenario['elements'][number];
  }
  return next;
}

export class Session {
  private sim: Simulation;
  private history: StepRecord[] = [];
  private pos = 0;
  private initial: SimulationSnapshot;

  constructor(private current: Scenario) {
    this.sim = new Simulation(current);
    this.initial = this.sim.snapshot();
  }

  get scenario(): Scenario {
    return this.current;
  }

  get position(): number {
    return this.pos;
  }

  /** Steps recorded so far (the furthest point reached). */
  get recorded(): number {
    return this.history.length;
  }

  /** True when the position is the last step and the simulation has nothing more to run. */
  get finished(): boolean {
    return this.pos === this.history.length && this.sim.done;
  }

  private advance(): boolean {
    const r = this.sim.step();
    if (r === undefined) return false;
    this.history.push({
      index: r.index,
      time: r.time,
      kind: r.kind,
      traceLength: this.sim.trace.length,
      snapshot: this.sim.snapshot(),
    });
    return true;
  }

  /** One step forward; false at the end. */
  step(): boolean {
    if (this.pos < this.history.length) {
      this.pos++;
      return true;
    }
    if (!this.advance()) return false;
    this.pos++;
    return true;
  }

  /** One step back; false at the start. */
  back(): boolean {
    if (this.pos === 0) return false;
    this.pos--;
    return true;
  }

  /** Goes to step n (0 = before anything happened); runs forward as far as needed. Returns the step reached. */
  goTo(n: number): number {
    const target = Math.max(0, Math.floor(n));
    while (this.history.length < target && this.advance()) {
      /* run forward */
    }
    this.pos = Math.min(target, this.history.length);
    return this.pos;
  }

  /** Runs to the end (or the scenario's step limit). */
  runToEnd(): number {
    while (this.advance()) {
      /* run */
    }
    this.pos = this.history.length;
    return this.pos;
  }

  reset(): void {
    this.pos = 0;
  }

  /** Rebuilds the simulation with a changed scenario from the same seed, keeping the position. */
  change(change: ScenarioChange): void {
    this.replace(applyChange(this.current, change));
  }

  replace(scenario: Scenario): void {
    const keep = this.pos;
    this.current = scenario;
    this.sim = new Simulation(scenario);
    this.initial = this.sim.snapshot();
    this.history = [];
    this.pos = 0;
    this.goTo(keep);
  }

  /** The step (1-based) whose events include trace event `id`, running forward as needed; undefined if the run never gets there. */
  stepOfEvent(id: number): number | undefined {
    for (;;) {
      const i = this.history.findIndex((h) => h.traceLength > id);
      if (i >= 0) return i + 1;
      if (!this.advance()) return undefined;
    }
  }

  /** The time of each recorded step, for a scrubber. */
  stepTimes(): number[] {
    return this.history.map((h) => h.time);
  }

  view(): SessionView {
    const rec = this.pos === 0 ? undefined : this.history[this.pos - 1];
    const prevLength = this.pos <= 1 ? 0 : this.history[this.pos - 2]!.traceLength;
    const length = rec?.traceLength ?? 0;
    const all = this.sim.trace;
    return {
      position: this.pos,
      time: rec?.time ?? 0,
      events: all.slice(0, length),
      stepEvents: all.slice(prevLength, length),
      snapshot: rec?.snapshot ?? this.initial,
      finished: this.finished,
    };
  }

  /** The whole trace recorded so far (beyond the position too). */
  get trace(): readonly TraceEvent[] {
    return this.sim.trace;
  }
}
