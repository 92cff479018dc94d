/**
 * Runs one XState machine's logic without an actor: the §17 transaction machines (the four
 * *-transaction.ts files) and the machines built on them in the layers above (dialogs §12, a user
 * agent's calls, registration and subscriptions, a proxy's response contexts §16.7). It drives the
 * machine's own logic — XState's `getInitialSnapshot` and `transition`, the ActorLogic interface every
 * machine implements — with one small actor scope of our own, shared by every runner (it acts for the
 * runner whose machine is in a transition), so a runner holds no closures of its own.
 *
 * Why: an XState actor brings an actor system per root actor (maps, a scheduler, an inspection bus),
 * a mailbox and observers, which a stateful proxy creating thousands of transactions pays for each time.
 * The machine definitions, their states, guards, actions and delays stay exactly as XState runs them;
 * only the hosting is lean: delayed events go straight to the simulation clock, actions run as the
 * transition resolves them, and deferred work runs when it ends. An event sent to the machine while it
 * is in a transition (an action that leads back to it) waits for that transition to end, as in an
 * actor's mailbox.
 *
 * Timers: the §17 machines use XState's delayed events (`raise` with a delay, `cancel`), which the
 * runner schedules on the simulation clock. Machines whose timers run only under a condition (an
 * invitation's Expires, a registration refresh when refreshing is on) start and stop them from their
 * named actions through `MachineTimers` instead — XState cannot skip a built-in action by a condition
 * without a closure per event — and the runner sends them `timer.<id>` when one fires. Both kinds are
 * scheduled on the same clock and shown alike.
 *
 * When its host keeps a trace (`trace` is given), the runner also notes what the state panel's
 * diagrams draw: the transition just taken (from XState's own microstep report), the trace event that
 * caused it, and the delayed events (timers) running with when they started. Without a trace none of
 * that is built.
 */
import type { AnyActorScope, AnyStateMachine, EventObject } from 'xstate';
import type { Clock } from './env';
import {
  edgeId,
  statePath,
  type MachineInstance,
  type MachineTimer,
  type MachineTrace,
  type TakenTransition,
} from './machine-view';

/** What the layer reads of a machine's snapshot. */
export interface RunnerSnapshot {
  value: unknown;
  status: string;
  context: unknown;
}

/**
 * Timers a machine's actions start and stop themselves (see above): the machine gets
 * `{ type: 'timer.<id>' }` when one fires.
 */
export interface MachineTimers {
  /** Starts timer `id` (restarting it if it runs), shown as `name` (the RFC's or the trace's name). */
  start(id: string, ms: number, name?: string): void;
  /** Stops it; true when it was running. */
  stop(id: string): boolean;
  running(id: string): boolean;
}

export interface RunnerOptions {
  /** Present when a trace is kept: the runner then notes transitions and timers for the diagrams. */
  trace?: MachineTrace;
}

/** The parts of XState's transition definitions a microstep report carries that the runner reads. */
interface StateNodeLike {
  path: readonly string[];
  transitions: ReadonlyMap<string, readonly unknown[]>;
  always?: readonly unknown[];
}
interface TransitionLike {
  source: StateNodeLike;
  target?: readonly StateNodeLike[];
  eventType: string;
}

/** What XState reports of a step (`@xstate.microstep`, with the transitions taken). */
interface InspectionEvent {
  type: string;
  _transitions?: readonly TransitionLike[];
}

/**
 * The runner whose machine is in a transition now. Runners nest (an action may send an event to
 * another machine, which then runs its transition at once), so each sets itself here and puts the
 * one before back when it is done.
 */
let active: MachineRunner<EventObject> | undefined;

function runnerNow(): MachineRunner<EventObject> {
  if (!active) throw new Error('MachineRunner: the actor scope was used outside a transition');
  return active;
}

const noop = (): void => {};

/** The parts of XState's machine snapshot that are empty in most snapshots, and replaced by shared ones. */
interface SnapshotParts {
  tags?: ReadonlySet<string>;
  historyValue?: object;
  children?: object;
}
const NO_TAGS: ReadonlySet<string> = new Set<string>();
const NO_HISTORY = Object.freeze({});
const NO_CHILDREN = Object.freeze({});

/**
 * Shares what is empty in a snapshot: XState makes a new tags Set, and often new history and children
 * objects, with each snapshot, though most machines have no tags, history states or children. XState
 * never changes these in place (it copies history and children when they change), so one shared empty
 * value serves every runner. A runner keeps its snapshot as long as its machine lives (a transaction
 * waits out Timer J, K, L or M for 32 s), so this is memory per concurrent call.
 */
function shareEmptyParts(snapshot: RunnerSnapshot): RunnerSnapshot {
  const parts = snapshot as RunnerSnapshot & SnapshotParts;
  if (parts.tags !== undefined && parts.tags.size === 0) parts.tags = NO_TAGS;
  if (parts.historyValue !== undefined && isEmpty(parts.historyValue))
    parts.historyValue = NO_HISTORY;
  if (parts.children !== undefined && isEmpty(parts.children)) parts.children = NO_CHILDREN;
  return snapshot;
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/**
 * The members of an actor scope a machine's transition uses (XState v5): itself, the scheduler of
 * delayed events, somewhere to defer work to, and the executor of actions. One scope serves every
 * runner — it acts for the runner in a transition now — so a runner costs no closures of its own.
 */
const SCOPE = {
  self: {
    id: 'machine',
    sessionId: 'machine',
    send: (event: EventObject) => runnerNow().send(event),
  },
  id: 'machine',
  sessionId: 'machine',
  logger: noop,
  defer: (fn: () => void) => runnerNow().defer(fn),
  emit: noop,
  stopChild: noop,
  system: {
    scheduler: {
      schedule: (
        _source: unknown,
        _target: unknown,
        event: EventObject,
        delay: number,
        id: string,
      ) => runnerNow().schedule(id, event, delay, id),
      cancel: (_source: unknown, id: string) => void runnerNow().unschedule(id),
      cancelAll: () => runnerNow().stopTimers(),
    },
    // XState reports each microstep with the transitions it took: with a trace, the last one is noted.
    _sendInspectionEvent: (e: InspectionEvent) => {
      const t = e._transitions?.[0];
      if (e.type === '@xstate.microstep' && t !== undefined) runnerNow().noteTransition(t);
    },
    _unregister: noop,
    _relay: noop,
  },
  actionExecutor: (action: {
    exec?: (info: unknown, params: unknown) => void;
    info: unknown;
    params: unknown;
  }) => {
    action.exec?.(action.info, action.params);
  },
} as unknown as AnyActorScope;

/** A runner's timers as its machine's actions see them (MachineTimers): no closures per runner. */
class RunnerTimers implements MachineTimers {
  constructor(private readonly runner: MachineRunner<EventObject>) {}
  start(id: string, ms: number, name = id): void {
    this.runner.schedule(id, { type: `timer.${id}` }, ms, name);
  }
  stop(id: string): boolean {
    return this.runner.unschedule(id);
  }
  running(id: string): boolean {
    return this.runner.hasTimer(id);
  }
}

export class MachineRunner<E extends EventObject> {
  private snapshot: RunnerSnapshot;
  /** Clock handles of the running timers, by id (made when the first one starts). */
  private timers: Map<string, number> | undefined;
  /** Work the transition deferred (made when there is any). */
  private deferred: (() => void)[] | undefined;
  /** Events sent while a transition runs (made when there is any). */
  private mailbox: E[] | undefined;
  private busy = false;
  private done = false;
  private readonly trace: MachineTrace | undefined;
  /** With a trace: the running timers (by delayed event id) and the transition last taken. */
  private readonly runs: Map<string, MachineTimer> | undefined;
  private lastTaken: TakenTransition | undefined;
  /** True until the first microstep of the current event (the next one starts a new lastTaken). */
  private fresh = true;

  constructor(
    private readonly machine: AnyStateMachine,
    private readonly clock: Clock,
    /** The machine's input, or a function that makes it from the runner's timers (MachineTimers). */
    input: unknown,
    /** Called once when the machine reaches its final state. */
    private readonly onDone: () => void,
    options: RunnerOptions = {},
  ) {
    this.trace = options.trace;
    this.runs = this.trace ? new Map() : undefined;
    this.busy = true;
    if (this.trace) {
      this.lastTaken = {
        from: '',
        to: '',
        event: 'xstate.init',
        edges: [edgeId('', 'xstate.init', 0)],
        time: this.clock.now(),
      };
      this.fresh = false;
    }
    const before = active;
    active = this as unknown as MachineRunner<EventObject>;
    try {
      this.snapshot = shareEmptyParts(
        this.machine.getInitialSnapshot(
          SCOPE,
          typeof input === 'function'
            ? (input as (t: MachineTimers) => unknown)(
                new RunnerTimers(this as unknown as MachineRunner<EventObject>),
              )
            : input,
        ) as RunnerSnapshot,
      );
      // Created: the initial transition, then any eventless one out of a transient first state.
      if (this.lastTaken) {
        this.lastTaken.to = statePath(this.snapshot.value);
        Object.assign(this.lastTaken, this.causeOf(undefined));
      }
      this.settle();
      this.drain();
    } finally {
      active = before;
      this.busy = false;
    }
  }

  /**
   * Passes an event to the machine (ignored once it has terminated). `timerMark` is the trace id the
   * next trace event had when one of the machine's own timers fired (see causeOf).
   */
  send(event: E, timerMark?: number): void {
    if (this.done) return;
    if (this.busy) {
      (this.mailbox ??= []).push(event);
      return;
    }
    this.busy = true;
    const before = active;
    active = this as unknown as MachineRunner<EventObject>;
    try {
      this.step(event, timerMark);
      this.drain();
    } finally {
      active = before;
      this.busy = false;
      this.mailbox = undefined;
    }
  }

  getSnapshot(): RunnerSnapshot {
    return this.snapshot;
  }

  /** True once the machine has reached its final state or was stopped. */
  get stopped(): boolean {
    return this.done;
  }

  /** Stops it: its timers are cancelled and it takes no more events. */
  stop(): void {
    this.done = true;
    this.stopTimers();
  }

  /** The instance as the diagrams show it (with a trace; without one, its state only). */
  view(id: string, machine: string, label: string): MachineInstance {
    const timers = this.runs
      ? [...this.runs.values()].sort((a, b) => (a.name < b.name ? -1 : 1))
      : [];
    const out: MachineInstance = {
      id,
      machine,
      label,
      state: statePath(this.snapshot.value),
      done: this.snapshot.status === 'done',
      timers: timers.map((t) => ({ ...t })),
    };
    if (this.lastTaken) out.last = { ...this.lastTaken, edges: [...this.lastTaken.edges] };
    return out;
  }

  private step(event: E, timerMark: number | undefined): void {
    const before = this.lastTaken;
    this.fresh = true;
    this.snapshot = shareEmptyParts(
      this.machine.transition(this.snapshot as never, event, SCOPE) as RunnerSnapshot,
    );
    if (this.lastTaken !== before && this.lastTaken !== undefined)
      Object.assign(this.lastTaken, this.causeOf(timerMark));
    this.settle();
  }

  private drain(): void {
    const mailbox = this.mailbox;
    while (mailbox && mailbox.length > 0 && !this.done) this.step(mailbox.shift()!, undefined);
  }

  /**
   * The trace event behind a transition: what the simulation is handling (a datagram's arrival, a
   * user action); or, when one of the machine's timers fired, the first event the transition recorded
   * (the timer's "fires" event), if it recorded any.
   */
  private causeOf(timerMark: number | undefined): { traceId?: number } {
    const trace = this.trace;
    if (!trace) return {};
    const id = (timerMark !== undefined ? trace.causeSince(timerMark) : undefined) ?? trace.cause();
    return id === undefined ? {} : { traceId: id };
  }

  /** Notes a microstep XState reported (only with a trace). */
  noteTransition(t: TransitionLike): void {
    if (!this.trace) return;
    const from = t.source.path.join('.');
    const target = t.target?.[0];
    const to = target ? target.path.join('.') : from;
    const list = t.eventType === '' ? t.source.always : t.source.transitions.get(t.eventType);
    const edge = edgeId(from, t.eventType, list ? list.indexOf(t) : 0);
    if (!this.fresh && this.lastTaken) {
      this.lastTaken.edges.push(edge);
      this.lastTaken.to = to;
      return;
    }
    this.fresh = false;
    this.lastTaken = { from, to, event: t.eventType, edges: [edge], time: this.clock.now() };
  }

  /** Work a transition deferred to its end (XState's scheduling of delayed events). */
  defer(fn: () => void): void {
    (this.deferred ??= []).push(fn);
  }

  /** Whether timer `id` runs. */
  hasTimer(id: string): boolean {
    return this.timers?.has(id) ?? false;
  }

  /** Starts (or restarts) timer `id` on the simulation clock: `event` is sent when it fires. */
  schedule(id: string, event: E, delay: number, name: string): void {
    const timers = (this.timers ??= new Map());
    const old = timers.get(id);
    if (old !== undefined) this.clock.clearTimeout(old);
    this.runs?.delete(id);
    timers.set(
      id,
      this.clock.setTimeout(() => {
        timers.delete(id);
        this.runs?.delete(id);
        this.send(event, this.trace?.nextId());
      }, delay),
    );
    this.runs?.set(id, { name, startedAt: this.clock.now(), durationMs: delay });
  }

  /** Stops timer `id`; true when it was running. */
  unschedule(id: string): boolean {
    const handle = this.timers?.get(id);
    if (handle === undefined) return false;
    this.timers!.delete(id);
    this.runs?.delete(id);
    this.clock.clearTimeout(handle);
    return true;
  }

  /** Stops every timer. */
  stopTimers(): void {
    if (this.timers) for (const handle of this.timers.values()) this.clock.clearTimeout(handle);
    this.timers = undefined;
    this.runs?.clear();
  }

  /** Runs the work the transition deferred (timers to schedule or cancel), then notes the end. */
  private settle(): void {
    const deferred = this.deferred;
    if (deferred) {
      while (deferred.length > 0) deferred.shift()!();
      this.deferred = undefined;
    }
    if (!this.done && this.snapshot.status === 'done') {
      this.done = true;
      this.stopTimers();
      this.onDone();
    }
  }
}
