/**
 * A session: the step / back / go-to / play API the UI and the CLI use over one scenario. Going forward
 * runs the simulation one event of the clock at a time. Going back is replay, without re-running: each
 * step keeps only what it changed — the trace length, and the state of each element it touched (an
 * element's state holds absolute times, so an element nobody touched is unchanged) — and every K steps
 * a checkpoint keeps every element's state by reference. The view of step n is the nearest checkpoint
 * below it with the changes up to n applied. Changing the scenario (a fault, a link's loss, an element
 * toggle) rebuilds the simulation from the same seed and replays it to the current step: the same
 * inputs always give the same run.
 */
import { snapshotAt, type ElementState } from '../elements';
import type { TraceEvent } from '../network';
import { applyChange, type ScenarioChange } from './scenario-change';
import {
  Simulation,
  type Scenario,
  type SimulationFailure,
  type SimulationSnapshot,
  type StepResult,
} from '../scenario';

/** Steps between checkpoints: going to any step applies at most this many steps' changes. */
export const CHECKPOINT_EVERY = 32;

export interface StepRecord {
  index: number;
  time: number;
  kind: StepResult['kind'];
  /** Trace length after this step. */
  traceLength: number;
  /** The elements this step changed (index in the scenario), with their state after it. */
  changed: readonly (readonly [number, ElementState])[];
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
  /** When an exception stopped the run at or before this step: what failed, and where. */
  failure?: SimulationFailure;
}

/** What a step shows, without copying the trace: the step's events are trace[stepStart, eventCount). */
export interface CompactView {
  position: number;
  time: number;
  eventCount: number;
  stepStart: number;
  snapshot: SimulationSnapshot;
  finished: boolean;
  failure: SimulationFailure | undefined;
}

export { applyChange, type ScenarioChange } from './scenario-change';

export class Session {
  private sim: Simulation;
  private history: StepRecord[] = [];
  /** checkpoints[i]: every element's state after step i·K (index 0: before any step). */
  private checkpoints: ElementState[][] = [];
  private states: ElementState[] = [];
  private indexOf = new Map<string, number>();
  private pos = 0;

  constructor(private current: Scenario) {
    this.sim = this.start(current);
  }

  private start(scenario: Scenario): Simulation {
    const sim = new Simulation(scenario);
    this.indexOf = new Map(sim.elements.map((e, i) => [e.name, i]));
    this.states = sim.elements.map((e) => e.state());
    this.checkpoints = [[...this.states]];
    this.history = [];
    this.pos = 0;
    return sim;
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

  /** The exception that stopped the run, if one did (the run ends at that step). */
  get failure(): SimulationFailure | undefined {
    return this.sim.failure;
  }

  private advance(): boolean {
    const r = this.sim.step();
    if (r === undefined) return false;
    // The elements this step touched are those its trace events name; only they are asked again.
    const touched = new Set<number>();
    for (const e of r.events) {
      const i = this.indexOf.get(e.element);
      if (i !== undefined) touched.add(i);
    }
    const changed: [number, ElementState][] = [];
    for (const i of [...touched].sort((a, b) => a - b)) {
      const state = this.sim.elements[i]!.state();
      this.states[i] = state;
      changed.push([i, state]);
    }
    this.history.push({
      index: r.index,
      time: r.time,
      kind: r.kind,
      traceLength: this.sim.trace.length,
      changed,
    });
    if (this.history.length % CHECKPOINT_EVERY === 0) this.checkpoints.push([...this.states]);
    return true;
  }

  /** Every element's state after step n (n ≤ recorded): the nearest checkpoint, then the changes after it. */
  statesAt(n: number): ElementState[] {
    const c = Math.floor(n / CHECKPOINT_EVERY);
    const states = [...this.checkpoints[c]!];
    for (let i = c * CHECKPOINT_EVERY; i < n; i++)
      for (const [el, state] of this.history[i]!.changed) states[el] = state;
    return states;
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

  /** Runs forward at most `budget` steps past what is recorded (for work done in slices); true when the run has ended. */
  record(budget: number): boolean {
    for (let i = 0; i < budget; i++) if (!this.advance()) return true;
    return this.sim.done;
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
  /** Changes the scenario and replays it from its seed to step `at` (by default, the current one). */
  change(change: ScenarioChange, at: number = this.pos): void {
    this.replace(applyChange(this.current, change), at);
  }

  replace(scenario: Scenario, at: number = this.pos): void {
    this.current = scenario;
    this.sim = this.start(scenario);
    this.goTo(at);
  }

  /** The step (1-based) whose events include trace event `id`, running forward as needed; undefined if the run never gets there. */
  stepOfEvent(id: number): number | undefined {
    for (;;) {
      const h = this.history;
      if (h.length > 0 && h[h.length - 1]!.traceLength > id) {
        // Binary search: the first step whose trace length passes the id.
        let lo = 0;
        let hi = h.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (h[mid]!.traceLength > id) hi = mid;
          else lo = mid + 1;
        }
        return lo + 1;
      }
      if (!this.advance()) return undefined;
    }
  }

  /** The time of each recorded step, for a scrubber. */
  stepTimes(): number[] {
    return this.history.map((h) => h.time);
  }

  /** The step record of step n (1-based), if recorded. */
  stepRecord(n: number): StepRecord | undefined {
    return this.history[n - 1];
  }

  /** Trace length after step n (0 before the first step). */
  traceLengthAt(n: number): number {
    return n <= 0 ? 0 : (this.history[n - 1]?.traceLength ?? this.sim.trace.length);
  }

  /** What the simulation shows after step n, at that step's time. */
  snapshotAt(n: number): SimulationSnapshot {
    const time = n === 0 ? 0 : this.history[n - 1]!.time;
    return {
      time,
      elements: this.statesAt(n).map((s) => snapshotAt(s, time)),
      links: this.sim.network.allLinks(),
    };
  }

  /** What step n shows (n ≤ recorded; the position by default). */
  viewAt(n = this.pos): CompactView {
    const rec = n === 0 ? undefined : this.history[n - 1];
    const failure = this.sim.failure;
    return {
      position: n,
      time: rec?.time ?? 0,
      eventCount: rec?.traceLength ?? 0,
      stepStart: this.traceLengthAt(n - 1),
      snapshot: this.snapshotAt(n),
      finished: n === this.history.length && this.sim.done,
      failure: failure && n >= failure.step ? failure : undefined,
    };
  }

  view(): SessionView {
    const v = this.viewAt(this.pos);
    const all = this.sim.trace;
    return {
      position: v.position,
      time: v.time,
      events: all.slice(0, v.eventCount),
      stepEvents: all.slice(v.stepStart, v.eventCount),
      snapshot: v.snapshot,
      finished: v.finished,
      ...(v.failure ? { failure: v.failure } : {}),
    };
  }

  /** The running simulation (its trace, time, and until when it has been observed). */
  get simulation(): Simulation {
    return this.sim;
  }

  /** The whole trace recorded so far (beyond the position too). */
  get trace(): readonly TraceEvent[] {
    return this.sim.trace;
  }
}
