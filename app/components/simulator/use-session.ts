'use client';

/**
 * The one way the simulator's components read the session and act on it. The session itself runs in a
 * Web Worker (session-client.ts, sim/session SessionHost): this store sends requests there and
 * publishes an immutable state after each update it gets back — the step's view, the trace so far,
 * the ladder rows derived from it, the RFC findings of the run, the selected event, and the player's
 * state. Components subscribe with useSession(); nothing here knows a SIP rule, and nothing here runs
 * the simulation on the page's thread.
 */
import { createContext, useContext, useRef, useSyncExternalStore } from 'react';
import type { FaultRule, TraceEvent } from '@/sim/network';
import type { Finding } from '@/sim/rules';
import type { Scenario, SimulationFailure, SimulationSnapshot } from '@/sim/scenario';
import type { HostUpdate } from '@/sim/session';
import { applyChange, type ScenarioChange } from '@/sim/session/scenario-change';
import { keepEqual } from './keep-equal';
import { normalizeFilter, type LadderFilter } from './ladder-filter';
import { LadderIndex } from './ladder-model';
import { connectSession, type SessionConnection } from './session-client';

import { USER_FAULT_NAME } from './user-faults';

export { USER_FAULT_NAME };

export const SPEEDS = [0.5, 1, 2, 4] as const;

/** How the last action moved the position: one step forward (animated), or any other jump. */
export type Move = 'step' | 'jump';

/** What the current step shows. */
export interface ClientView {
  position: number;
  /** Virtual time in ms. */
  time: number;
  /** Trace events up to and including this step (the first `eventCount` of the trace). */
  eventCount: number;
  /** The events the step added. */
  stepEvents: readonly TraceEvent[];
  snapshot: SimulationSnapshot;
  finished: boolean;
  /** An exception stopped the run at or before this step. */
  failure: SimulationFailure | undefined;
}

export interface SimState {
  /** Bumped by every action. */
  version: number;
  /** Bumped when the scenario changes (a fault, a link, a toggle): the run is replayed from the seed. */
  revision: number;
  /** False until the first step has come back from the worker. */
  ready: boolean;
  scenario: Scenario;
  view: ClientView;
  /** The trace of this revision up to the furthest step reached. Append-only. */
  trace: readonly TraceEvent[];
  /** Ladder rows of the trace; the first `rowCount` belong to the view. */
  ladder: LadderIndex;
  rowCount: number;
  /** Rows that the last step added or changed (a message sent, arrived or dropped). */
  stepRows: ReadonlySet<number>;
  /** Steps recorded so far, and in the full run (once computed). */
  recorded: number;
  totalSteps: number | undefined;
  /** The RFC rule engine's findings on the whole run (once it has been run to its end). */
  findings: readonly Finding[] | undefined;
  /** The findings by the trace id of the message they are about. */
  findingsByMessage: ReadonlyMap<number, readonly Finding[]>;
  /** The event the inspector shows: the one the reader chose, else the step's last message. */
  selected: TraceEvent | undefined;
  /** True when the reader chose it (a click), false when it follows the step. */
  pinned: boolean;
  /** Fault rules added with "Drop this message". */
  userFaults: FaultRule[];
  playing: boolean;
  speed: number;
  /** How the last move went, its number (bumped by every change of position), and the virtual
   * time before it (where an animation starts). */
  move: Move;
  moveId: number;
  previousTime: number;
  /** What the ladder shows: its filter and search. */
  filter: LadderFilter;
  /** The widget was asked to open at a step the run never reaches: where it stopped instead. */
  startBeyondEnd: { asked: number; last: number } | undefined;
}

/** How the widget opens: at a step, with an event in the inspector, the ladder filtered. */
export interface StartView {
  step?: number;
  selected?: number | undefined;
  filter?: LadderFilter;
}

const MARKER_TYPES = new Set<TraceEvent['type']>([
  'timer-fire',
  'action',
  'drop',
  'note',
  'discard',
  'error',
]);

/** The step's last message, else its first timer, action, drop or note, else its last event. */
function defaultSelection(events: readonly TraceEvent[]): TraceEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.raw !== undefined) return events[i];
  const marker = events.find((e) => MARKER_TYPES.has(e.type));
  return marker ?? events[events.length - 1];
}

function stepRowsOf(ladder: LadderIndex, events: readonly TraceEvent[]): Set<number> {
  const rows = new Set<number>();
  for (const e of events) {
    const r = ladder.rowOfEvent.get(e.id);
    if (r !== undefined) rows.add(r);
  }
  return rows;
}

function byMessage(findings: readonly Finding[] | undefined): Map<number, Finding[]> {
  const out = new Map<number, Finding[]>();
  for (const f of findings ?? []) {
    const list = out.get(f.message);
    if (list) list.push(f);
    else out.set(f.message, [f]);
  }
  return out;
}

/** An answer asked for ahead of the reader, for one revision of the run. */
interface Ahead {
  revision: number;
  promise: Promise<HostUpdate>;
  /** Set once the worker has answered. */
  answer: HostUpdate | undefined;
}

const EMPTY_SNAPSHOT: SimulationSnapshot = { time: 0, elements: [], links: [] };

export class SessionStore {
  private connection: SessionConnection | undefined;
  private readonly startStep: number;
  /** Whether the first update has been checked against the step asked for. */
  private startChecked = false;
  private state: SimState;
  private readonly listeners = new Set<() => void>();
  private selectedId: number | undefined;
  /** The trace of the current revision (grows in place; the ladder reads it incrementally). */
  private trace: TraceEvent[] = [];
  /** The position the reader asked for last, while the worker is busy with an earlier one. */
  private wanted: number | undefined;
  private inFlight = false;
  /** The position of the request in flight (undefined: the request keeps the position). */
  private goingTo: number | undefined;
  private closed = false;
  /** Bumped by every update received: a slice fetch of an older one stops when a newer one comes. */
  private receiving = 0;
  /**
   * The steps just after and just before the current one, asked of the worker ahead of the reader:
   * a Step or Back then renders in the same task as the click, without waiting for the worker.
   */
  private ahead = new Map<number, Ahead>();

  constructor(scenario: Scenario, start: StartView = {}) {
    this.startStep = Math.max(0, Math.floor(start.step ?? 0));
    this.selectedId = start.selected;
    const ladder = new LadderIndex(this.trace);
    this.state = {
      version: 0,
      revision: 0,
      ready: false,
      scenario,
      view: {
        position: 0,
        time: 0,
        eventCount: 0,
        stepEvents: [],
        snapshot: EMPTY_SNAPSHOT,
        finished: false,
        failure: undefined,
      },
      trace: this.trace,
      ladder,
      rowCount: 0,
      stepRows: new Set(),
      recorded: 0,
      totalSteps: undefined,
      findings: undefined,
      findingsByMessage: new Map(),
      selected: undefined,
      pinned: false,
      userFaults: scenario.faults.filter((f) => f.name === USER_FAULT_NAME),
      playing: false,
      speed: 1,
      move: 'jump',
      moveId: 0,
      previousTime: 0,
      filter: normalizeFilter(start.filter ?? {}),
      startBeyondEnd: undefined,
    };
  }

  /**
   * Starts the worker and opens the scenario (called when the widget mounts; again after a close, as
   * React's strict mode does, it opens the run where the reader was).
   */
  start(): void {
    if (this.connection) return;
    this.closed = false;
    const connection = connectSession();
    this.connection = connection;
    this.inFlight = true;
    this.goingTo = undefined;
    const at = this.state.ready ? this.state.view.position : this.startStep;
    void connection.host.open(this.state.scenario, at).then(
      (u) => {
        // A reopened worker starts a new trace: the page starts its own again too.
        this.trace = [];
        this.state = { ...this.state, revision: -1 };
        this.receive(u).catch((e: unknown) => this.fail(e));
      },
      (e: unknown) => this.fail(e),
    );
  }

  private get host() {
    if (!this.connection) throw new Error('the simulator has not started');
    return this.connection.host;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getState = (): SimState => this.state;

  /** Stops the worker (the widget left the page). */
  close(): void {
    this.closed = true;
    this.ahead.clear();
    this.connection?.close();
    this.connection = undefined;
    this.inFlight = false;
    this.wanted = undefined;
  }

  private emit(next: Partial<SimState>): void {
    this.state = { ...this.state, ...next, version: this.state.version + 1 };
    for (const l of this.listeners) l();
  }

  /**
   * An update from the worker: the trace grows, the view moves, and the next wanted position goes out.
   * A long jump's trace comes in slices (SessionHost TRACE_SLICE), each read and added to the ladder in
   * a short task of its own; the view shows once the trace reaches the step.
   */
  private async receive(u: HostUpdate): Promise<void> {
    if (this.closed) return;
    const token = ++this.receiving;
    const rebuilt = u.revision !== this.state.revision;
    if (rebuilt) this.trace = [];
    const trace = this.trace;
    // The page holds the trace of this revision up to the furthest step reached.
    if (u.traceFrom === trace.length) for (const e of u.traceEvents) trace.push(e);
    const ladder = rebuilt ? new LadderIndex(trace) : this.state.ladder;
    ladder.update();
    while (trace.length < u.eventCount) {
      const more = await this.host.trace(u.revision, trace.length, u.eventCount);
      // A newer update (a change of the scenario) took over meanwhile, or the widget closed.
      if (token !== this.receiving || this.closed) return;
      if (more.length === 0) break;
      for (const e of more) trace.push(e);
      ladder.update();
    }
    this.inFlight = false;
    const before = this.state;
    const stepEvents = this.trace.slice(u.stepStart, u.eventCount);
    const view: ClientView = {
      position: u.position,
      time: u.time,
      eventCount: u.eventCount,
      stepEvents,
      // Unchanged elements, transactions and dialogs keep their objects: their panels skip the render.
      snapshot: keepEqual(before.view.snapshot, u.snapshot),
      finished: u.finished,
      failure: u.failure,
    };
    const explicit =
      this.selectedId !== undefined && this.selectedId < u.eventCount
        ? this.trace[this.selectedId]
        : undefined;
    if (explicit === undefined) this.selectedId = undefined;
    const moved = rebuilt || u.position !== before.view.position;
    const scenario = u.scenario ?? before.scenario;
    // The first update says whether the run reaches the step the widget was asked to open at.
    let startBeyondEnd = before.startBeyondEnd;
    if (!this.startChecked) {
      this.startChecked = true;
      if (u.position < this.startStep) startBeyondEnd = { asked: this.startStep, last: u.position };
    } else if (moved && u.position !== before.view.position) startBeyondEnd = undefined;
    this.emit({
      revision: u.revision,
      ready: true,
      scenario,
      view,
      trace: this.trace,
      ladder,
      rowCount: ladder.visibleCount(u.eventCount),
      stepRows: stepRowsOf(ladder, stepEvents),
      // An answer asked ahead may have been made before the worker recorded further.
      recorded: rebuilt ? u.recorded : Math.max(u.recorded, before.recorded),
      totalSteps: u.totalSteps ?? (rebuilt ? undefined : before.totalSteps),
      ...(rebuilt
        ? {
            findings: undefined,
            findingsByMessage: new Map(),
            userFaults: scenario.faults.filter((f) => f.name === USER_FAULT_NAME),
          }
        : {}),
      selected: explicit ?? defaultSelection(stepEvents),
      pinned: explicit !== undefined,
      startBeyondEnd,
      // A failure ends play.
      playing: before.playing && !u.failure && !u.finished,
      ...(moved
        ? {
            move: !rebuilt && u.position === before.view.position + 1 ? 'step' : 'jump',
            moveId: before.moveId + 1,
            previousTime: before.view.time,
          }
        : {}),
    });
    this.flush();
  }

  private fail(e: unknown): void {
    this.inFlight = false;
    const message = e instanceof Error ? e.message : String(e);
    this.emit({
      ready: true,
      playing: false,
      view: {
        ...this.state.view,
        failure: {
          step: this.state.view.position,
          time: this.state.view.time,
          element: undefined,
          error: `The simulator could not run: ${message}`,
          traceId: -1,
        },
      },
    });
  }

  /**
   * Sends the wanted position when the worker is free (only the latest request matters). A position
   * asked for ahead is not asked again: its answer is used at once if it has come, else awaited.
   */
  private flush(): void {
    if (this.inFlight || this.closed || !this.connection) return;
    const n = this.wanted;
    this.wanted = undefined;
    if (n === undefined || n === this.state.view.position) {
      this.askAhead();
      return;
    }
    const ahead = this.takeAhead(n);
    this.inFlight = true;
    this.goingTo = n;
    // Received in this task: the step renders with the click that asked for it.
    if (ahead?.answer) {
      this.receive(ahead.answer).catch((e: unknown) => this.fail(e));
      return;
    }
    const answer = ahead?.promise ?? this.host.goTo(n, this.state.revision, this.trace.length);
    void answer.then(
      (u) => this.receive(u).catch((e: unknown) => this.fail(e)),
      (e: unknown) => this.fail(e),
    );
  }

  /** The answer asked ahead for position n in this revision, if any; forgets the others. */
  private takeAhead(n: number): Ahead | undefined {
    const ahead = this.ahead.get(n);
    this.ahead.clear();
    return ahead?.revision === this.state.revision ? ahead : undefined;
  }

  /** Asks the worker for the next step (and, while not playing, the one before) ahead of the reader. */
  private askAhead(): void {
    const { view, revision, totalSteps, playing, ready } = this.state;
    if (!ready || view.failure || this.closed || !this.connection) return;
    const at = view.position;
    const positions: number[] = [];
    if (!view.finished && (totalSteps === undefined || at < totalSteps)) positions.push(at + 1);
    if (at > 0 && !playing) positions.push(at - 1);
    for (const n of positions) {
      if (this.ahead.has(n)) continue;
      const entry: Ahead = {
        revision,
        promise: this.host.goTo(n, revision, this.trace.length),
        answer: undefined,
      };
      entry.promise.then(
        (u) => {
          entry.answer = u;
        },
        () => {
          if (this.ahead.get(n) === entry) this.ahead.delete(n);
        },
      );
      this.ahead.set(n, entry);
    }
  }

  /** Where the reader is going: the wanted position, the one in flight, or the current one. */
  private target(): number {
    if (this.wanted !== undefined) return this.wanted;
    // Before the worker has answered, the run opens at the start step: a Step pressed meanwhile is
    // kept and sent once the worker is free, never lost.
    if (!this.state.ready) return this.startStep;
    return (this.inFlight ? this.goingTo : undefined) ?? this.state.view.position;
  }

  private request(n: number): void {
    this.wanted = Math.max(0, n);
    this.flush();
  }

  step = (): boolean => {
    const { view, totalSteps } = this.state;
    if (view.failure) return false;
    const t = this.target();
    if (t === view.position && view.finished) {
      if (this.state.playing) this.emit({ playing: false });
      return false;
    }
    if (totalSteps !== undefined && t >= totalSteps) return false;
    this.selectedId = undefined;
    this.request(t + 1);
    return true;
  };

  back = (): void => {
    const t = this.target();
    if (t === 0) return;
    this.selectedId = undefined;
    if (this.state.playing) this.emit({ playing: false });
    this.request(t - 1);
  };

  goTo = (n: number): void => {
    this.selectedId = undefined;
    this.request(Math.floor(n));
  };

  reset = (): void => {
    this.selectedId = undefined;
    if (this.state.playing) this.emit({ playing: false });
    this.request(0);
  };

  play = (): void => {
    if (this.state.playing || this.state.view.finished || this.state.view.failure) return;
    this.emit({ playing: true });
  };

  pause = (): void => {
    if (!this.state.playing) return;
    this.emit({ playing: false });
  };

  togglePlay = (): void => {
    if (this.state.playing) this.pause();
    else this.play();
  };

  setSpeed = (speed: number): void => {
    this.emit({ speed });
  };

  /** Filters and searches the ladder (what it shows; the run is the same). */
  setFilter = (filter: LadderFilter): void => {
    this.emit({ filter: normalizeFilter(filter) });
  };

  /** Shows an event in the inspector (undefined: follow the step again). */
  select = (id: number | undefined): void => {
    this.selectedId = id;
    const explicit =
      id !== undefined && id < this.state.view.eventCount ? this.trace[id] : undefined;
    this.emit({
      selected: explicit ?? defaultSelection(this.state.view.stepEvents),
      pinned: explicit !== undefined,
    });
  };

  /** Changes the scenario: the run is rebuilt from its seed and replayed to the same step. */
  change = (change: ScenarioChange): void => {
    if (!this.connection) return;
    // The run is replayed to the step the reader is at or going to (the worker itself may stand at a
    // step asked for ahead).
    const at = this.target();
    this.wanted = undefined;
    this.ahead.clear();
    this.inFlight = true;
    this.goingTo = undefined;
    // The forms show the change at once; the run that goes with it follows from the worker.
    const scenario = applyChange(this.state.scenario, change);
    this.emit({
      scenario,
      userFaults: scenario.faults.filter((f) => f.name === USER_FAULT_NAME),
    });
    void this.host.change(change, at).then(
      (u) => this.receive(u).catch((e: unknown) => this.fail(e)),
      (e: unknown) => this.fail(e),
    );
  };

  /** "Drop this message": a fault rule for this datagram number. */
  dropDatagram = (datagram: number): void => {
    const faults = this.state.scenario.faults;
    if (faults.some((f) => f.name === USER_FAULT_NAME && f.datagram === datagram)) return;
    this.change({ faults: [...faults, { datagram, name: USER_FAULT_NAME }] });
  };

  undropDatagram = (datagram: number): void => {
    this.change({
      faults: this.state.scenario.faults.filter(
        (f) => !(f.name === USER_FAULT_NAME && f.datagram === datagram),
      ),
    });
  };

  clearUserFaults = (): void => {
    this.change({ faults: this.state.scenario.faults.filter((f) => f.name !== USER_FAULT_NAME) });
  };

  /**
   * Counts the steps of the full run (for the scrubber) and then gets the RFC findings of the run, in
   * the worker's background; returns a function that forgets the answers (a newer revision asks again).
   */
  countTotal = (): (() => void) => {
    const revision = this.state.revision;
    let live = true;
    if (!this.state.ready || !this.connection) return () => {};
    if (this.state.totalSteps === undefined)
      void this.host.countTotal(revision).then((total) => {
        if (live && total !== undefined && this.state.revision === revision)
          this.emit({ totalSteps: total });
      });
    if (this.state.findings === undefined)
      void this.host.findings(revision).then((findings) => {
        if (live && findings !== undefined && this.state.revision === revision)
          this.emit({ findings, findingsByMessage: byMessage(findings) });
      });
    return () => {
      live = false;
    };
  };
}

export type SessionActions = Pick<
  SessionStore,
  | 'step'
  | 'back'
  | 'goTo'
  | 'reset'
  | 'play'
  | 'pause'
  | 'togglePlay'
  | 'setSpeed'
  | 'setFilter'
  | 'select'
  | 'change'
  | 'dropDatagram'
  | 'undropDatagram'
  | 'clearUserFaults'
  | 'countTotal'
>;

export const SessionContext = createContext<SessionStore | null>(null);

function useStore(): SessionStore {
  const store = useContext(SessionContext);
  if (store === null) throw new Error('useSession() is used outside a <Simulator>');
  return store;
}

/** The session's state and actions, for any component inside a <Simulator>. */
export function useSession(): { state: SimState; actions: SessionActions } {
  const store = useStore();
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  return { state, actions: store };
}

/** The session's actions alone (they never change): the component does not re-render on updates. */
export function useSessionActions(): SessionActions & { getState: () => SimState } {
  return useStore();
}

/**
 * A part of the session's state: the component re-renders only when that part changes (`equal` says
 * when two selections are the same), not on every step. `select` must depend on the state alone.
 */
export function useSessionSelector<T>(
  select: (state: SimState) => T,
  equal: (a: T, b: T) => boolean = Object.is,
): T {
  const store = useStore();
  const last = useRef<{ state: SimState; value: T } | undefined>(undefined);
  const get = (): T => {
    const state = store.getState();
    const before = last.current;
    if (before?.state === state) return before.value;
    const next = select(state);
    const value = before !== undefined && equal(before.value, next) ? before.value : next;
    last.current = { state, value };
    return value;
  };
  return useSyncExternalStore(store.subscribe, get, get);
}

/** Equal when both lists hold the same items in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}
