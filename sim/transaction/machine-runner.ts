/**
 * Runs one XState machine's logic without an actor: the §17 transaction machines (the four
 * *-transaction.ts files) and the machines built on them in the layers above (dialogs §12, a user
 * agent's calls, registration and subscriptions, a proxy's response contexts §16.7). It drives the
 * machine's own logic — XState's `getInitialSnapshot` and `transition`, the ActorLogic interface every
 * machine implements — with a small actor scope of our own.
 *
 * Why: an XState actor brings an actor system per root actor (maps, a scheduler, an inspection bus),
 * a mailbox and observers, which a stateful proxy creating thousands of transactions pays for each time.
 * The machine definitions, their states, guards, actions and delays stay exactly as XState runs them;
 * only the hosting is lean: delayed events go straight to the simulation clock, actions run as the
 * transition resolves them, and deferred work runs when it ends. An event sent to the machine while it
 * is in a transition (an action that leads back to it) waits for that transition to end, as in an
 * actor's mailbox.
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

export class MachineRunner<E extends EventObject> {
  private snapshot: RunnerSnapshot;
  private readonly scope: AnyActorScope;
  private readonly timers = new Map<string, number>();
  private readonly deferred: (() => void)[] = [];
  private readonly mailbox: E[] = [];
  private busy = false;
  private done = false;
  private readonly trace: MachineTrace | undefined;
  /** With a trace: the running timers (by delayed event id) and the transition last taken. */
  private readonly runs: Map<string, MachineTimer> | undefined;
  private lastTaken: TakenTransition | undefined;

  constructor(
    private readonly machine: AnyStateMachine,
    private readonly clock: Clock,
    input: unknown,
    /** Called once when the machine reaches its final state. */
    private readonly onDone: () => void,
    options: RunnerOptions = {},
  ) {
    this.trace = options.trace;
    this.runs = this.trace ? new Map() : undefined;
    const self = {
      id: 'machine',
      sessionId: 'machine',
      send: (event: E) => this.send(event),
    };
    const scheduler = {
      schedule: (_source: unknown, _target: unknown, event: E, delay: number, id: string) => {
        const old = this.timers.get(id);
        if (old !== undefined) this.clock.clearTimeout(old);
        this.runs?.delete(id);
        this.timers.set(
          id,
          this.clock.setTimeout(() => {
            this.timers.delete(id);
            this.runs?.delete(id);
            this.send(event, this.trace?.nextId());
          }, delay),
        );
        this.runs?.set(id, { name: id, startedAt: this.clock.now(), durationMs: delay });
      },
      cancel: (_source: unknown, id: string) => {
        const handle = this.timers.get(id);
        if (handle === undefined) return;
        this.timers.delete(id);
        this.runs?.delete(id);
        this.clock.clearTimeout(handle);
      },
      cancelAll: () => this.stopTimers(),
    };
    const noop = (): void => {};
    // XState reports each microstep with the transitions it took: with a trace, the last one is noted.
    const inspect = this.trace
      ? (e: { type: string; _transitions?: readonly TransitionLike[] }): void => {
          const t = e._transitions?.[0];
          if (e.type === '@xstate.microstep' && t !== undefined) this.noteTransition(t);
        }
      : noop;
    // The members of an actor scope a machine's transition uses (XState v5): itself, the scheduler of
    // delayed events, somewhere to defer work to, and the executor of actions.
    this.scope = {
      self,
      id: 'machine',
      sessionId: 'machine',
      logger: noop,
      defer: (fn: () => void) => void this.deferred.push(fn),
      emit: noop,
      stopChild: noop,
      system: { scheduler, _sendInspectionEvent: inspect, _unregister: noop, _relay: noop },
      actionExecutor: (action: {
        exec?: (info: unknown, params: unknown) => void;
        info: unknown;
        params: unknown;
      }) => {
        action.exec?.(action.info, action.params);
      },
    } as unknown as AnyActorScope;
    this.busy = true;
    try {
      this.snapshot = this.machine.getInitialSnapshot(this.scope, input) as RunnerSnapshot;
      // Created: the initial transition, or the eventless one that left a transient first state.
      if (this.trace)
        this.lastTaken = {
          ...(this.lastTaken ?? {
            from: '',
            to: statePath(this.snapshot.value),
            event: 'xstate.init',
            edge: edgeId('', 'xstate.init', 0),
            time: this.clock.now(),
          }),
          ...this.causeOf(undefined),
        };
      this.settle();
      this.drain();
    } finally {
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
      this.mailbox.push(event);
      return;
    }
    this.busy = true;
    try {
      this.step(event, timerMark);
      this.drain();
    } finally {
      this.busy = false;
      this.mailbox.length = 0;
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
    if (this.lastTaken) out.last = { ...this.lastTaken };
    return out;
  }

  private step(event: E, timerMark: number | undefined): void {
    const before = this.lastTaken;
    this.snapshot = this.machine.transition(
      this.snapshot as never,
      event,
      this.scope,
    ) as RunnerSnapshot;
    if (this.lastTaken !== before && this.lastTaken !== undefined)
      Object.assign(this.lastTaken, this.causeOf(timerMark));
    this.settle();
  }

  private drain(): void {
    while (this.mailbox.length > 0 && !this.done) this.step(this.mailbox.shift()!, undefined);
  }

  /**
   * The trace event behind a transition: what the simulation is handling (a datagram's arrival, a
   * user action); or, when one of the machine's timers fired, the first event the transition recorded
   * (the timer's "fires" event), if it recorded any.
   */
  private causeOf(timerMark: number | undefined): { traceId?: number } {
    const trace = this.trace;
    if (!trace) return {};
    const id = timerMark !== undefined && trace.nextId() > timerMark ? timerMark : trace.cause();
    return id === undefined ? {} : { traceId: id };
  }

  private noteTransition(t: TransitionLike): void {
    const from = t.source.path.join('.');
    const target = t.target?.[0];
    const to = target ? target.path.join('.') : from;
    const list = t.eventType === '' ? t.source.always : t.source.transitions.get(t.eventType);
    this.lastTaken = {
      from,
      to,
      event: t.eventType,
      edge: edgeId(from, t.eventType, list ? list.indexOf(t) : 0),
      time: this.clock.now(),
    };
  }

  private stopTimers(): void {
    for (const handle of this.timers.values()) this.clock.clearTimeout(handle);
    this.timers.clear();
    this.runs?.clear();
  }

  /** Runs the work the transition deferred (timers to schedule or cancel), then notes the end. */
  private settle(): void {
    while (this.deferred.length > 0) this.deferred.shift()!();
    if (!this.done && this.snapshot.status === 'done') {
      this.done = true;
      this.stopTimers();
      this.onDone();
    }
  }
}
