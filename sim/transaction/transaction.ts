/**
 * A transaction as the transaction user sees it (RFC 3261 §17): its identity, the request that created
 * it, its state in the words of Figures 5–8, and its running timers. The layer creates them.
 */
import type { SipRequest, SipResponse } from '../codec';
import type { Clock, Destination } from './env';
import { TransactionError } from './errors';
import { lastToTag, type LastResponse } from './last-response';
import type { MachineInstance } from './machine-view';
import type { TimerName } from './timers';
import {
  runningTimers,
  type AbandonEvent,
  type AckEvent,
  type Book,
  type RequestEvent,
  type RespondEvent,
  type ResponseEvent,
  type TransactionState,
  type TransportErrorEvent,
} from './transaction-machine';

export type TransactionKind =
  'INVITE client' | 'non-INVITE client' | 'INVITE server' | 'non-INVITE server';

/** One live transaction as the UI's state panel shows it. */
export interface TransactionSnapshot {
  id: string;
  kind: TransactionKind;
  method: string;
  branch: string;
  state: TransactionState;
  timers: RunningTimer[];
}

export interface RunningTimer {
  name: TimerName;
  durationMs: number;
  /** Virtual time (ms) it started. */
  startedAt: number;
  remainingMs: number;
}

/** What the layer reads of any of the four machines' snapshots. */
export interface TransactionMachineSnapshot {
  value: unknown;
  context: { book: Book; sent?: LastResponse };
}

/** The running machine of a transaction, as the layer drives it (see machine-runner.ts). */
export interface TransactionActor<E> {
  send(event: E): void;
  getSnapshot(): TransactionMachineSnapshot;
  /** The machine as the diagrams show it. */
  view(): MachineInstance;
}

export type ClientEvent = ResponseEvent | TransportErrorEvent | AbandonEvent;
export type ServerEvent = RequestEvent | AckEvent | RespondEvent | TransportErrorEvent;

abstract class TransactionBase<E> {
  actor: TransactionActor<E> | null = null;

  constructor(
    /** Readable and deterministic: `${element}:${branch}:${method}`. */
    readonly id: string,
    readonly kind: TransactionKind,
    request: SipRequest,
    /** The top Via branch ('' for an RFC 2543 request without one). */
    readonly branch: string,
    protected readonly clock: Clock,
  ) {
    this.request = request;
    this.method = request.method;
  }

  /**
   * The request that created the transaction; null once the transaction only waits out a timer
   * (Completed, Confirmed, Accepted: see `letGoOfRequest` in transaction-machine.ts).
   */
  request: SipRequest | null;
  readonly method: string;

  /**
   * The request, for a TU that reads it while it hears of a response or answers a request. After the
   * final response the transaction has let go of it, and asking is a TU error.
   */
  requireRequest(): SipRequest {
    if (this.request) return this.request;
    throw new TransactionError(
      `${this.id} has let go of its ${this.method}: a ${this.kind} transaction that only waits out a timer keeps no more than what a retransmission needs`,
      this.kind.startsWith('INVITE') ? 'RFC 3261 §17, RFC 6026 §8' : 'RFC 3261 §17',
    );
  }

  /** The machine let go of the request (RFC 3261 §17): so does this view of the transaction. */
  letGoOfRequest(): void {
    this.request = null;
  }

  /** The state, named as in the RFC's figure. */
  state(): TransactionState {
    return (this.actor?.getSnapshot().value ?? 'Terminated') as TransactionState;
  }

  snapshot(): TransactionSnapshot {
    return {
      id: this.id,
      kind: this.kind,
      method: this.method,
      branch: this.branch,
      state: this.state(),
      timers: this.timers(),
    };
  }

  /** The timers running now and what is left of each, from the simulation clock. */
  timers(): RunningTimer[] {
    if (!this.actor) return [];
    const running = this.actor.getSnapshot().context.book.timers;
    const now = this.clock.now();
    return runningTimers(running).flatMap((name) => {
      const run = running[name];
      return run
        ? [
            {
              name,
              durationMs: run.durationMs,
              startedAt: run.startedAt,
              remainingMs: Math.max(0, run.startedAt + run.durationMs - now),
            },
          ]
        : [];
    });
  }
}

export class ClientTransaction extends TransactionBase<ClientEvent> {
  readonly side = 'client' as const;

  constructor(
    id: string,
    kind: 'INVITE client' | 'non-INVITE client',
    request: SipRequest,
    branch: string,
    clock: Clock,
    /** Where the request (and, for INVITE, the ACK of a 300–699 response) goes. */
    readonly destination: Destination,
  ) {
    super(id, kind, request, branch, clock);
  }
}

export class ServerTransaction extends TransactionBase<ServerEvent> {
  readonly side = 'server' as const;

  constructor(
    id: string,
    kind: 'INVITE server' | 'non-INVITE server',
    request: SipRequest,
    branch: string,
    clock: Clock,
    /** Where the request came from. */
    readonly source: Destination,
    /** Where responses go (§18.2.2). */
    readonly responseDestination: Destination,
    /** Branch and sent-by (§17.2.3), or undefined for an RFC 2543 request without a cookie branch. */
    readonly branchKey: string | undefined,
  ) {
    super(id, kind, request, branch, clock);
  }

  /** An RFC 2543 transaction is matched by the fields of its request (§17.2.3): it keeps it. */
  override letGoOfRequest(): void {
    if (this.branchKey !== undefined) super.letGoOfRequest();
  }

  /** The response most recently sent (what a request retransmission gets). */
  lastResponse(): SipResponse | null {
    return this.actor?.getSnapshot().context.sent?.last ?? null;
  }

  /** The To tag of the response most recently sent (an RFC 2543 ACK must carry it, §17.2.3). */
  responseToTag(): string | undefined {
    const sent = this.actor?.getSnapshot().context.sent;
    return sent ? lastToTag(sent) : undefined;
  }
}

export type Transaction = ClientTransaction | ServerTransaction;
