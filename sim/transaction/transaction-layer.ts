/**
 * The transaction layer of one element (RFC 3261 §17): creates client transactions for the requests
 * its TU sends, matches responses to them (§17.1.3), matches requests to server transactions or
 * creates them (§17.2.3), finds the transaction a CANCEL targets (§9.2), and shows it all as a snapshot.
 */
import type { AnyStateMachine, MachineContext } from 'xstate';
import { flatCopy, type SipRequest, type SipResponse } from '../codec';
import type { Destination, TransactionEnv } from './env';
import { TransactionError } from './errors';
import { LaunchedTransaction, type LaunchHost } from './launched-transaction';
import { EndedMachines, type MachineInstance } from './machine-view';
import {
  inviteClientTransaction,
  reliableInviteClientTransaction,
} from './invite-client-transaction';
import {
  inviteServerTransaction,
  reliableInviteServerTransaction,
} from './invite-server-transaction';
import {
  nonInviteClientTransaction,
  reliableNonInviteClientTransaction,
} from './non-invite-client-transaction';
import { nonInviteServerTransaction } from './non-invite-server-transaction';
import {
  clientKey,
  clientKeyOfResponse,
  isRfc3261Branch,
  matchesRfc2543,
  serverBranchKey,
  topBranch,
} from './matching';
import { responseDestination } from './response-destination';
import {
  ClientTransaction,
  ServerTransaction,
  type Transaction,
  type TransactionSnapshot,
} from './transaction';
import type { ReceivedRequest, TransactionUser } from './transaction-user';
import { TuCalls } from './tu-calls';

export interface TransactionLayerOptions {
  /** The element's name, the first part of every transaction id. */
  element: string;
  env: TransactionEnv;
  tu: TransactionUser;
  /**
   * Whether INVITE server transactions send 100 (Trying) at once (default true): §17.2.1 requires it
   * unless the TU will answer within 200 ms. A UAS that rings at once may pass false.
   */
  sendTrying?: boolean;
}

export interface TransactionLayerSnapshot {
  element: string;
  transactions: TransactionSnapshot[];
  /** How many transactions have terminated (and been destroyed) so far. */
  terminated: number;
}

export class TransactionLayer implements LaunchHost {
  readonly element: string;
  readonly env: TransactionEnv;
  readonly tu: TransactionUser;
  private readonly sendTrying: boolean;
  /** Live transactions by id, in the order they were created. */
  private readonly live = new Map<string, Transaction>();
  /** Client transactions by branch and method (§17.1.3). */
  private readonly clients = new Map<string, ClientTransaction>();
  /** Server transactions by branch, sent-by and method (§17.2.3). */
  private readonly servers = new Map<string, ServerTransaction>();
  /** Server transactions of RFC 2543 requests (no magic cookie), compared field by field. */
  private readonly legacy = new Set<ServerTransaction>();
  private readonly idUses = new Map<string, number>();
  /** Each live transaction's machine, and its key in the matching tables. */
  private readonly launched = new Map<Transaction, LaunchedTransaction>();
  private legacyCount = 0;
  private terminatedCount = 0;
  /** The last few transactions that ended, as their machines' drawings show them (with a trace). */
  private readonly ended = new EndedMachines();
  readonly calls: TuCalls;

  constructor(options: TransactionLayerOptions) {
    this.element = options.element;
    this.env = options.env;
    this.tu = options.tu;
    this.sendTrying = options.sendTrying ?? true;
    this.calls = new TuCalls(options.env.clock);
  }

  /** §17.1: starts a client transaction; the request must carry its top Via with a branch. */
  sendRequest(request: SipRequest, destination: Destination): ClientTransaction {
    if (request.method === 'ACK')
      throw new TransactionError('There is no client transaction for ACK', 'RFC 3261 §17.1');
    const branch = topBranch(request);
    if (!isRfc3261Branch(branch))
      throw new TransactionError(
        'The request needs a top Via with a branch that starts with "z9hG4bK"',
        'RFC 3261 §8.1.1.7',
      );
    const key = clientKey(branch, request.method);
    if (this.clients.has(key))
      throw new TransactionError(
        `Branch ${branch} is already used by a ${request.method} client transaction`,
        'RFC 3261 §8.1.1.7',
      );
    const invite = request.method === 'INVITE';
    const tx = new ClientTransaction(
      this.newId(branch, request.method),
      invite ? 'INVITE client' : 'non-INVITE client',
      request,
      branch,
      this.env.clock,
      destination,
    );
    const input = { id: tx.id, env: this.env, request, destination };
    this.clients.set(key, tx);
    const reliable = this.env.reliable;
    if (invite)
      this.launch(
        tx,
        reliable ? reliableInviteClientTransaction : inviteClientTransaction,
        input,
        key,
      );
    // Only an INVITE client transaction can be abandoned (§9.1).
    else
      this.launch(
        tx,
        reliable ? reliableNonInviteClientTransaction : nonInviteClientTransaction,
        input,
        key,
        'abandon',
      );
    return tx;
  }

  /**
   * The TU gives up on an INVITE client transaction still waiting for a final response (§9.1: 64·T1
   * after its CANCEL; §16.8 for a proxy): it is destroyed. False when it is gone already.
   */
  abandon(tx: ClientTransaction): boolean {
    if (this.live.get(tx.id) !== tx || !tx.actor || tx.method !== 'INVITE') return false;
    const actor = tx.actor;
    this.calls.run(() => actor.send({ type: 'abandon' }));
    return this.live.get(tx.id) !== tx;
  }

  /** §17.1.3: passes a response to its client transaction; false when none matches (the TU's case). */
  receiveResponse(response: SipResponse): boolean {
    const key = clientKeyOfResponse(response);
    const tx = key === undefined ? undefined : this.clients.get(key);
    if (!tx?.actor) return false;
    const actor = tx.actor;
    this.calls.run(() => actor.send({ type: 'response', response }));
    return true;
  }

  /** §17.2.3: matches a request to a server transaction, or creates one. */
  receiveRequest(
    request: SipRequest,
    source: Destination,
    options: { sendTrying?: boolean } = {},
  ): ReceivedRequest {
    let branchKey: string | undefined;
    try {
      const via = request.topVia();
      if (!via) return { kind: 'malformed', reason: 'no Via header field (RFC 3261 §8.1.1.7)' };
      branchKey = serverBranchKey(request);
      // Kept for the transaction's life: not a slice of the datagram (flat-copy.ts).
      if (branchKey !== undefined) branchKey = flatCopy(branchKey);
    } catch (e) {
      return { kind: 'malformed', reason: e instanceof Error ? e.message : String(e) };
    }
    if (request.method === 'ACK') {
      const tx =
        branchKey !== undefined
          ? this.servers.get(`${branchKey} INVITE`)
          : this.findLegacy((t, original) =>
              matchesRfc2543(original, request, 'ack', t.responseToTag()),
            );
      // An ACK that matches an INVITE transaction in Accepted goes to the TU (RFC 6026 §8.6).
      if (!tx?.actor || tx.state() === 'Accepted') return { kind: 'ack-for-2xx' };
      const actor = tx.actor;
      this.calls.run(() => actor.send({ type: 'ack', request }));
      return { kind: 'ack-absorbed', transaction: tx };
    }
    const existing =
      branchKey !== undefined
        ? this.servers.get(`${branchKey} ${request.method}`)
        : this.findLegacy((_, original) => matchesRfc2543(original, request, 'same'));
    if (existing?.actor) {
      const actor = existing.actor;
      this.calls.run(() => actor.send({ type: 'request', request }));
      return { kind: 'retransmission', transaction: existing };
    }
    const tx = this.createServer(request, source, branchKey, options.sendTrying ?? this.sendTrying);
    if (request.method !== 'CANCEL') return { kind: 'new', transaction: tx };
    const target = this.cancelTarget(tx);
    return target
      ? { kind: 'cancel', transaction: tx, target }
      : { kind: 'cancel', transaction: tx };
  }

  /** Passes the TU's response to its server transaction; false when the transaction is gone. */
  respond(tx: ServerTransaction, response: SipResponse): boolean {
    if (this.live.get(tx.id) !== tx || !tx.actor) return false;
    const actor = tx.actor;
    this.calls.run(() => actor.send({ type: 'respond', response }));
    return true;
  }

  /** The transport failed to send a message of this transaction (§17.1.4, §17.2.4). */
  transportError(transactionId: string): boolean {
    const tx = this.live.get(transactionId);
    if (!tx?.actor) return false;
    const actor = tx.actor;
    this.calls.run(() => actor.send({ type: 'transportError' }));
    return true;
  }

  get(transactionId: string): Transaction | undefined {
    return this.live.get(transactionId);
  }

  transactions(): Transaction[] {
    return [...this.live.values()];
  }

  /**
   * Every live transaction's machine, then the last few that ended (oldest first), for the state
   * panel's diagrams. Only meaningful when a trace is kept (env.trace).
   */
  machines(): MachineInstance[] {
    const live: MachineInstance[] = [];
    for (const tx of this.live.values()) if (tx.actor) live.push(tx.actor.view());
    return [...this.ended.list(), ...live];
  }

  snapshot(): TransactionLayerSnapshot {
    return {
      element: this.element,
      transactions: this.transactions().map((tx) => tx.snapshot()),
      terminated: this.terminatedCount,
    };
  }

  // ---- inside -------------------------------------------------------------------------------------

  private createServer(
    request: SipRequest,
    source: Destination,
    branchKey: string | undefined,
    sendTrying: boolean,
  ): ServerTransaction {
    const invite = request.method === 'INVITE';
    const via = request.topVia();
    // Over a reliable transport the response goes back on the request's connection (§18.2.2).
    const destination =
      this.env.reliable || !via ? source : flatDestination(responseDestination(via));
    // What the transaction keeps of the request after letting go of it is copied flat (flat-copy.ts).
    const branch = flatCopy(topBranch(request) ?? '');
    const label = branchKey !== undefined ? branch : `rfc2543-${++this.legacyCount}`;
    const tx = new ServerTransaction(
      this.newId(label, request.method),
      invite ? 'INVITE server' : 'non-INVITE server',
      request,
      branch,
      this.env.clock,
      source,
      destination,
      branchKey,
    );
    const input = {
      id: tx.id,
      env: this.env,
      request,
      destination,
      sendTrying: invite && sendTrying,
    };
    const key = branchKey !== undefined ? `${branchKey} ${request.method}` : undefined;
    if (key !== undefined) this.servers.set(key, tx);
    else this.legacy.add(tx);
    if (invite)
      this.launch(
        tx,
        this.env.reliable ? reliableInviteServerTransaction : inviteServerTransaction,
        input,
        key,
      );
    // Only an INVITE transaction takes an ACK (§17.2.3); the layer never passes one here.
    else this.launch(tx, nonInviteServerTransaction, input, key, 'ack');
    return tx;
  }

  /** §9.2: the live server transaction the CANCEL matches, as if its method were not CANCEL. */
  private cancelTarget(cancel: ServerTransaction): ServerTransaction | undefined {
    for (const tx of this.live.values()) {
      if (tx.side !== 'server' || tx === cancel || tx.method === 'CANCEL') continue;
      const match =
        cancel.branchKey !== undefined
          ? tx.branchKey === cancel.branchKey
          : tx.branchKey === undefined &&
            tx.request !== null &&
            matchesRfc2543(tx.request, cancel.requireRequest(), 'cancel');
      if (match) return tx;
    }
    return undefined;
  }

  /**
   * The TU forwards this request statelessly (a stateful proxy's CANCEL without a response context,
   * §16.10): its server transaction is destroyed at once, without a response.
   */
  forget(tx: ServerTransaction): void {
    const launched = this.launched.get(tx);
    if (this.live.get(tx.id) !== tx || !launched) return;
    this.destroy(launched);
    launched.stop();
  }

  /** A transaction's machine reached Terminated (LaunchHost): it is destroyed. */
  terminated(launched: LaunchedTransaction): void {
    this.destroy(launched);
  }

  /**
   * Starts a transaction's machine (launched-transaction.ts, on machine-runner.ts: the XState machine
   * without an actor); it is destroyed (and forgotten) when it reaches Terminated. `key` is its key in
   * the client or server table; events of type `refuses` are never given to it.
   */
  private launch(
    tx: Transaction,
    machine: AnyStateMachine,
    input: MachineContext,
    key: string | undefined,
    refuses?: string,
  ): void {
    this.live.set(tx.id, tx);
    this.calls.run(() => {
      const launched = new LaunchedTransaction(this, tx, machine, input, key, refuses);
      this.launched.set(tx, launched);
      tx.actor = launched;
    });
  }

  /** Removes a transaction from the matching tables (§17.1.3, §17.2.3). */
  private unmatch(launched: LaunchedTransaction): void {
    const { tx, key } = launched;
    if (tx.side === 'client') {
      if (key !== undefined) this.clients.delete(key);
    } else if (key !== undefined) this.servers.delete(key);
    else this.legacy.delete(tx);
  }

  /** An RFC 2543 server transaction never lets go of its request: it is what they are matched by. */
  private findLegacy(
    test: (tx: ServerTransaction, original: SipRequest) => boolean,
  ): ServerTransaction | undefined {
    for (const tx of this.legacy) if (tx.request && test(tx, tx.request)) return tx;
    return undefined;
  }

  /** `${element}:${label}:${method}` (flat: see flat-copy.ts), with ":2", ":3" … when a terminated transaction had it. */
  private newId(label: string, method: string): string {
    const base = `${this.element}:${label}:${method}`;
    const uses = (this.idUses.get(base) ?? 0) + 1;
    this.idUses.set(base, uses);
    return flatCopy(uses === 1 ? base : `${base}:${uses}`);
  }

  private destroy(launched: LaunchedTransaction, error?: unknown): void {
    const tx = launched.tx;
    if (this.live.get(tx.id) !== tx) return;
    this.live.delete(tx.id);
    this.launched.delete(tx);
    this.unmatch(launched);
    if (this.env.trace && tx.actor) this.ended.add(tx.actor.view());
    // A transaction the TU forgot may still have timers: it must no longer act.
    tx.actor = null;
    this.terminatedCount++;
    if (error !== undefined) this.calls.fail(error);
    else this.calls.call(() => this.tu.onTerminated?.(tx));
  }
}

function flatDestination(d: Destination): Destination {
  return { address: flatCopy(d.address), port: d.port };
}
