/**
 * Runs one transaction's XState machine without an actor (RFC 3261 §17 machines, see the four
 * *-transaction.ts files): the machine's own logic — XState's `getInitialSnapshot` and `transition`,
 * the ActorLogic interface every machine implements — driven with a small actor scope of our own.
 *
 * Why: an XState actor brings an actor system per root actor (maps, a scheduler, an inspection bus),
 * a mailbox and observers, which a stateful proxy creating thousands of transactions pays for each time.
 * The machine definitions, their states, guards, actions and delays stay exactly as XState runs them;
 * only the hosting is lean: delayed events go straight to the simulation clock, actions run as the
 * transition resolves them, and deferred work runs when it ends.
 */
import type { AnyActorScope, AnyStateMachine, EventObject } from 'xstate';
import type { Clock } from './env';

/** What the layer reads of a machine's snapshot. */
export interface RunnerSnapshot {
  value: unknown;
  status: string;
  context: unknown;
}

export class MachineRunner<E extends EventObject> {
  private snapshot: RunnerSnapshot;
  private readonly scope: AnyActorScope;
  private readonly timers = new Map<string, number>();
  private readonly deferred: (() => void)[] = [];
  private done = false;

  constructor(
    private readonly machine: AnyStateMachine,
    private readonly clock: Clock,
    input: unknown,
    /** Called once when the machine reaches its final state (Terminated). */
    private readonly onDone: () => void,
  ) {
    const self = {
      id: 'transaction',
      sessionId: 'transaction',
      send: (event: E) => this.send(event),
    };
    const scheduler = {
      schedule: (_source: unknown, _target: unknown, event: E, delay: number, id: string) => {
        const old = this.timers.get(id);
        if (old !== undefined) this.clock.clearTimeout(old);
        this.timers.set(
          id,
          this.clock.setTimeout(() => {
            this.timers.delete(id);
            this.send(event);
          }, delay),
        );
      },
      cancel: (_source: unknown, id: string) => {
        const handle = this.timers.get(id);
        if (handle === undefined) return;
        this.timers.delete(id);
        this.clock.clearTimeout(handle);
      },
      cancelAll: () => this.stopTimers(),
    };
    const noop = (): void => {};
    // The members of an actor scope a machine's transition uses (XState v5): itself, the scheduler of
    // delayed events, somewhere to defer work to, and the executor of actions.
    this.scope = {
      self,
      id: 'transaction',
      sessionId: 'transaction',
      logger: noop,
      defer: (fn: () => void) => void this.deferred.push(fn),
      emit: noop,
      stopChild: noop,
      system: { scheduler, _sendInspectionEvent: noop, _unregister: noop, _relay: noop },
      actionExecutor: (action: {
        exec?: (info: unknown, params: unknown) => void;
        info: unknown;
        params: unknown;
      }) => {
        action.exec?.(action.info, action.params);
      },
    } as unknown as AnyActorScope;
    this.snapshot = this.machine.getInitialSnapshot(this.scope, input) as RunnerSnapshot;
    this.settle();
  }

  /** Passes an event to the machine (ignored once it has terminated). */
  send(event: E): void {
    if (this.done) return;
    this.snapshot = this.machine.transition(
      this.snapshot as never,
      event,
      this.scope,
    ) as RunnerSnapshot;
    this.settle();
  }

  getSnapshot(): RunnerSnapshot {
    return this.snapshot;
  }

  /** Stops it: its timers are cancelled and it takes no more events. */
  stop(): void {
    this.done = true;
    this.stopTimers();
  }

  private stopTimers(): void {
    for (const handle of this.timers.values()) this.clock.clearTimeout(handle);
    this.timers.clear();
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
