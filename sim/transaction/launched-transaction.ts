/**
 * One running transaction of a layer (RFC 3261 §17): its machine's runner, what the machine tells the
 * transaction user (a response, a timeout, a transport error), and how it leaves the layer's matching
 * tables (§17.1.3, §17.2.3) when it terminates.
 *
 * One object with methods rather than a closure for each callback: a stateful proxy keeps thousands of
 * transactions alive while they wait out Timers J, K, L and M, and each closure brings its own context.
 */
import type { AnyStateMachine, EventObject, MachineContext } from 'xstate';
import type { SipResponse } from '../codec';
import type { TransactionEnv } from './env';
import { MachineRunner } from './machine-runner';
import type { MachineInstance } from './machine-view';
import type { TimerName } from './timers';
import type { Transaction, TransactionActor, TransactionMachineSnapshot } from './transaction';
import type { TransactionUser } from './transaction-user';
import type { TuCalls } from './tu-calls';

/** What a launched transaction needs of its layer. */
export interface LaunchHost {
  readonly env: TransactionEnv;
  readonly tu: TransactionUser;
  readonly calls: TuCalls;
  /** Its machine reached Terminated: the layer destroys it. */
  terminated(launched: LaunchedTransaction): void;
}

export class LaunchedTransaction implements TransactionActor<EventObject> {
  private readonly runner: MachineRunner<EventObject>;

  constructor(
    private readonly host: LaunchHost,
    readonly tx: Transaction,
    private readonly machine: AnyStateMachine,
    /** The machine's input without its TU, which is this object (ClientTransactionUser / ServerTransactionUser). */
    input: MachineContext,
    /** Its key in the layer's client or server table; undefined for an RFC 2543 server transaction. */
    readonly key: string | undefined,
    /** An event type this kind of transaction never takes (the layer drops it), if any. */
    private readonly refuses: string | undefined,
  ) {
    const env = host.env;
    this.runner = new MachineRunner<EventObject>(
      machine,
      host.calls.machineClock,
      { ...input, tu: this },
      () => host.terminated(this),
      env.trace ? { trace: env.trace } : {},
    );
  }

  // ---- the layer drives the machine (TransactionActor) ---------------------------------------------

  send(event: EventObject): void {
    if (event.type !== this.refuses) this.runner.send(event);
  }

  /** The four machines' contexts all hold the book (and a server's last response). */
  getSnapshot(): TransactionMachineSnapshot {
    return this.runner.getSnapshot() as TransactionMachineSnapshot;
  }

  view(): MachineInstance {
    const tx = this.tx;
    const label = `${tx.kind} transaction, ${tx.method} ${tx.branch || 'without branch'}`;
    return this.runner.view(tx.id, this.machine.id, label);
  }

  /** Stops the machine: its timers are cancelled and it takes no more events. */
  stop(): void {
    this.runner.stop();
  }

  // ---- the machine tells its TU, once its transition is over (tu-calls.ts) -----------------------

  passResponse(response: SipResponse): void {
    const { host, tx } = this;
    if (tx.side === 'client') host.calls.call(() => host.tu.onResponse(tx, response));
  }

  /** After what the TU is being told of the message that led the machine to let go of its request. */
  letGoOfRequest(): void {
    const tx = this.tx;
    this.host.calls.call(() => tx.letGoOfRequest());
  }

  timeout(timer: TimerName): void {
    const { host, tx } = this;
    host.calls.call(() => host.tu.onTimeout(tx, timer));
  }

  transportError(): void {
    const { host, tx } = this;
    host.calls.call(() => host.tu.onTransportError?.(tx));
  }
}
