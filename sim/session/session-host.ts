/**
 * A session behind a message boundary: the API a page talks to when the simulation runs in a Web
 * Worker (or, without workers, beside it). Each call answers with an update that holds only what the
 * page needs to draw the step — its position and time, the element states at that step, and the trace
 * events the page does not have yet — so a step costs the same at the start of a long run as at its
 * end. The whole run is recorded in slices in the background (the total step count, and the RFC check
 * of the complete run), and every request between two slices is answered at once.
 */
import type { Finding } from '../rules';
import type { TraceEvent } from '../network';
import type { Scenario, SimulationFailure, SimulationSnapshot } from '../scenario';
import { rfcFindings } from './rfc-check';
import { Session, type ScenarioChange } from './session';

export interface HostUpdate {
  /** Bumped when the scenario changes: the run is rebuilt, and the page starts its trace again. */
  revision: number;
  /** The scenario as run (sent with each revision's first update, else undefined). */
  scenario: Scenario | undefined;
  position: number;
  /** Virtual time of the step, in ms. */
  time: number;
  finished: boolean;
  failure: SimulationFailure | undefined;
  /** Trace events up to and including this step. */
  eventCount: number;
  /** Where this step's events start: [stepStart, eventCount) are what the step added. */
  stepStart: number;
  snapshot: SimulationSnapshot;
  /**
   * Trace events from index `traceFrom` on (what the page does not have yet): at most TRACE_SLICE of
   * them; the page asks for the rest up to eventCount with trace(), a slice at a time.
   */
  traceFrom: number;
  traceEvents: TraceEvent[];
  /** Steps recorded so far, and the run's total once it is known. */
  recorded: number;
  totalSteps: number | undefined;
}

/** How many steps a background slice records before it lets other requests through. */
const SLICE_STEPS = 300;
/**
 * How many trace events one answer carries at most: a jump far into a long run (thousands of events)
 * then crosses to the page in several short messages instead of one long structured clone.
 */
export const TRACE_SLICE = 1000;

export class SessionHost {
  /**
   * How a background slice lets other requests through: in a worker, a macrotask (the host's owner
   * passes one in; sim/ keeps to the simulation clock and never reads the wall clock itself).
   */
  constructor(private readonly yieldToOthers: () => Promise<void> = () => Promise.resolve()) {}

  private session: Session | undefined;
  private revision = 0;
  private total: number | undefined;
  private findingsCache: { revision: number; findings: Finding[] } | undefined;

  /** Opens a scenario at a step. */
  open(scenario: Scenario, startStep = 0): HostUpdate {
    this.session = new Session(scenario);
    this.revision++;
    this.total = undefined;
    this.findingsCache = undefined;
    if (startStep > 0) this.session.goTo(startStep);
    return this.update(0, true);
  }

  /**
   * Goes to step n (running forward as needed). `known` is how many trace events of this revision the
   * page holds; `revision` the revision it holds them for.
   */
  goTo(n: number, revision: number, known: number): HostUpdate {
    const s = this.current();
    s.goTo(n);
    return this.update(revision === this.revision ? known : 0, revision !== this.revision);
  }

  /**
   * Changes the scenario (a fault, a link, a toggle): rebuilt from its seed and replayed to step
   * `position`, the one the page shows (by default the session's current step; the page may have
   * asked for others ahead since).
   */
  change(change: ScenarioChange, position?: number): HostUpdate {
    const s = this.current();
    s.change(change, position);
    this.revision++;
    this.total = undefined;
    this.findingsCache = undefined;
    return this.update(0, true);
  }

  /**
   * Trace events [from, to) of this revision, at most TRACE_SLICE of them; none when the scenario has
   * changed since (the page then waits for the new revision's update).
   */
  trace(revision: number, from: number, to: number): TraceEvent[] {
    if (revision !== this.revision) return [];
    const trace = this.current().trace;
    return trace.slice(from, Math.min(to, from + TRACE_SLICE, trace.length));
  }

  /** The step (1-based) whose events include trace event `id`; undefined if the run never gets there. */
  stepOfEvent(id: number): number | undefined {
    return this.current().stepOfEvent(id);
  }

  /**
   * Records the rest of the run in slices, yielding between them so that other requests are answered;
   * resolves with the total step count (undefined when the scenario changed meanwhile).
   */
  async countTotal(revision: number): Promise<number | undefined> {
    while (revision === this.revision && this.total === undefined) {
      const s = this.current();
      if (s.record(SLICE_STEPS)) this.total = s.recorded;
      else await this.yieldToOthers();
    }
    return revision === this.revision ? this.total : undefined;
  }

  /**
   * The RFC rule engine's findings on the whole run (recorded to its end first, in slices); undefined
   * when the scenario changed meanwhile.
   */
  async findings(revision: number): Promise<Finding[] | undefined> {
    if (this.findingsCache?.revision === revision) return this.findingsCache.findings;
    const total = await this.countTotal(revision);
    if (total === undefined || revision !== this.revision) return undefined;
    const s = this.current();
    const sim = s.simulation;
    const findings = rfcFindings(s.scenario, s.trace, sim.observedUntil);
    this.findingsCache = { revision, findings };
    return findings;
  }

  private current(): Session {
    if (!this.session) throw new Error('SessionHost: open a scenario first');
    return this.session;
  }

  private update(known: number, withScenario: boolean): HostUpdate {
    const s = this.current();
    const view = s.viewAt(s.position);
    const from = Math.min(known, view.eventCount);
    return {
      revision: this.revision,
      scenario: withScenario ? s.scenario : undefined,
      position: view.position,
      time: view.time,
      finished: view.finished,
      failure: view.failure,
      eventCount: view.eventCount,
      stepStart: view.stepStart,
      snapshot: view.snapshot,
      traceFrom: from,
      traceEvents: s.trace.slice(from, Math.min(view.eventCount, from + TRACE_SLICE)),
      recorded: s.recorded,
      totalSteps: this.total,
    };
  }
}
