'use client';

/**
 * The one way the simulator's components read the session and act on it. A SessionStore owns a
 * sim Session (which does all the SIP work) and publishes an immutable state after each action:
 * the session's view, the ladder rows derived from the trace, the selected event, and the player's
 * state. Components subscribe with useSession(); nothing here knows a SIP rule.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { FaultRule, TraceEvent } from '@/sim/network';
import { Simulation, type Scenario } from '@/sim/scenario';
import { Session, type ScenarioChange, type SessionView } from '@/sim/session';
import { LadderIndex } from './ladder-model';

/** The name of the fault rules "Drop this message" adds, which tells them from the scenario's own. */
export const USER_FAULT_NAME = 'dropped by you';

export const SPEEDS = [0.5, 1, 2, 4] as const;

/** How the last action moved the position: one step forward (animated), or any other jump. */
export type Move = 'step' | 'jump';

export interface SimState {
  /** Bumped by every action. */
  version: number;
  /** Bumped when the scenario changes (a fault, a link, a toggle): the run is replayed from the seed. */
  revision: number;
  scenario: Scenario;
  view: SessionView;
  /** The whole trace recorded in this revision (beyond the position too). Append-only. */
  trace: readonly TraceEvent[];
  /** Ladder rows of the whole recorded trace; the first `rowCount` belong to the view. */
  ladder: LadderIndex;
  rowCount: number;
  /** Rows that the last step added or changed (a message sent, arrived or dropped). */
  stepRows: ReadonlySet<number>;
  /** Steps recorded so far, and in the full run (once computed). */
  recorded: number;
  totalSteps: number | undefined;
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
}

const MARKER_TYPES = new Set<TraceEvent['type']>([
  'timer-fire',
  'action',
  'drop',
  'note',
  'discard',
]);

/** The step's last message, else its first timer, action, drop or note, else its last event. */
function defaultSelection(view: SessionView): TraceEvent | undefined {
  const events = view.stepEvents;
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.raw !== undefined) return events[i];
  const marker = events.find((e) => MARKER_TYPES.has(e.type));
  return marker ?? events[events.length - 1];
}

function stepRowsOf(ladder: LadderIndex, view: SessionView): Set<number> {
  const rows = new Set<number>();
  for (const e of view.stepEvents) {
    const r = ladder.rowOfEvent.get(e.id);
    if (r !== undefined) rows.add(r);
  }
  return rows;
}

/**
 * Counts the steps of the whole run with a plain Simulation (no trace, no snapshots), a few
 * milliseconds at a time between frames, so that a long scenario never blocks the page.
 * Returns a function that cancels the count.
 */
function countSteps(scenario: Scenario, done: (steps: number) => void): () => void {
  const sim = new Simulation(scenario, { recordTrace: false });
  let timer = 0;
  const work = () => {
    const until = performance.now() + 8;
    while (performance.now() < until) {
      if (sim.step() === undefined) {
        done(sim.steps);
        return;
      }
    }
    timer = window.setTimeout(work, 0);
  };
  timer = window.setTimeout(work, 0);
  return () => window.clearTimeout(timer);
}

export class SessionStore {
  private readonly session: Session;
  private state: SimState;
  private readonly listeners = new Set<() => void>();
  private selectedId: number | undefined;

  constructor(scenario: Scenario, startStep = 0) {
    this.session = new Session(scenario);
    if (startStep > 0) this.session.goTo(startStep);
    const view = this.session.view();
    const ladder = new LadderIndex(this.session.trace);
    ladder.update();
    this.state = {
      version: 0,
      revision: 0,
      scenario: this.session.scenario,
      view,
      trace: this.session.trace,
      ladder,
      rowCount: ladder.visibleCount(view.events.length),
      stepRows: stepRowsOf(ladder, view),
      recorded: this.session.recorded,
      totalSteps: undefined,
      selected: defaultSelection(view),
      pinned: false,
      userFaults: [],
      playing: false,
      speed: 1,
      move: 'jump',
      moveId: 0,
      previousTime: view.time,
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getState = (): SimState => this.state;

  /** Publishes the session's state; `move` when the position (or the whole run) changed. */
  private publish(next: Partial<SimState>, move?: Move, rebuilt = false): void {
    const before = this.state;
    const view = this.session.view();
    let ladder = before.ladder;
    if (rebuilt) ladder = new LadderIndex(this.session.trace);
    ladder.update();
    const explicit =
      this.selectedId !== undefined && this.selectedId < view.events.length
        ? view.events[this.selectedId]
        : undefined;
    if (explicit === undefined) this.selectedId = undefined;
    this.state = {
      ...before,
      ...next,
      version: before.version + 1,
      scenario: this.session.scenario,
      view,
      trace: this.session.trace,
      ladder,
      rowCount: ladder.visibleCount(view.events.length),
      stepRows: stepRowsOf(ladder, view),
      recorded: this.session.recorded,
      selected: explicit ?? defaultSelection(view),
      pinned: explicit !== undefined,
      ...(move !== undefined
        ? { move, moveId: before.moveId + 1, previousTime: before.view.time }
        : {}),
    };
    for (const l of this.listeners) l();
  }

  step = (): boolean => {
    if (!this.session.step()) {
      if (this.state.playing) this.publish({ playing: false });
      return false;
    }
    this.selectedId = undefined;
    this.publish({}, 'step');
    return true;
  };

  back = (): void => {
    if (!this.session.back()) return;
    this.selectedId = undefined;
    this.publish({ playing: false }, 'jump');
  };

  goTo = (n: number): void => {
    const from = this.session.position;
    const to = this.session.goTo(n);
    if (to === from) return;
    this.selectedId = undefined;
    this.publish({}, to === from + 1 ? 'step' : 'jump');
  };

  reset = (): void => {
    this.session.reset();
    this.selectedId = undefined;
    this.publish({ playing: false }, 'jump');
  };

  play = (): void => {
    if (this.state.playing || this.state.view.finished) return;
    this.publish({ playing: true });
  };

  pause = (): void => {
    if (!this.state.playing) return;
    this.publish({ playing: false });
  };

  togglePlay = (): void => {
    if (this.state.playing) this.pause();
    else this.play();
  };

  setSpeed = (speed: number): void => {
    this.publish({ speed });
  };

  /** Shows an event in the inspector (undefined: follow the step again). */
  select = (id: number | undefined): void => {
    this.selectedId = id;
    this.publish({});
  };

  /** Changes the scenario: the run is rebuilt from its seed and replayed to the same step. */
  change = (change: ScenarioChange): void => {
    this.session.change(change);
    const userFaults = this.session.scenario.faults.filter((f) => f.name === USER_FAULT_NAME);
    this.publish(
      { revision: this.state.revision + 1, totalSteps: undefined, userFaults },
      'jump',
      true,
    );
  };

  /** "Drop this message": a fault rule for this datagram number. */
  dropDatagram = (datagram: number): void => {
    const faults = this.session.scenario.faults;
    if (faults.some((f) => f.name === USER_FAULT_NAME && f.datagram === datagram)) return;
    this.change({ faults: [...faults, { datagram, name: USER_FAULT_NAME }] });
  };

  undropDatagram = (datagram: number): void => {
    this.change({
      faults: this.session.scenario.faults.filter(
        (f) => !(f.name === USER_FAULT_NAME && f.datagram === datagram),
      ),
    });
  };

  clearUserFaults = (): void => {
    this.change({ faults: this.session.scenario.faults.filter((f) => f.name !== USER_FAULT_NAME) });
  };

  /**
   * Counts the steps of the full run (for the scrubber) in the background; returns a function that
   * stops the count (when the revision changes before it ends).
   */
  countTotal = (): (() => void) => {
    if (this.state.totalSteps !== undefined) return () => {};
    const revision = this.state.revision;
    return countSteps(this.session.scenario, (total) => {
      if (this.state.revision === revision) this.publish({ totalSteps: total });
    });
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
  | 'select'
  | 'change'
  | 'dropDatagram'
  | 'undropDatagram'
  | 'clearUserFaults'
  | 'countTotal'
>;

export const SessionContext = createContext<SessionStore | null>(null);

/** The session's state and actions, for any component inside a <Simulator>. */
export function useSession(): { state: SimState; actions: SessionActions } {
  const store = useContext(SessionContext);
  if (store === null) throw new Error('useSession() is used outside a <Simulator>');
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  return { state, actions: store };
}
