/**
 * What every SIP element shares (RFC 3261 §8.2, §16.3, §18): it is a network endpoint with a transaction
 * layer; it checks each request as a server must before looking at the method, answering 400 / 416 /
 * 420 / 415 / 505 with the reason, and discards malformed responses; and it never throws on bad input —
 * what it rejected or discarded, and why, goes into the trace.
 */
import {
  formatNameAddr,
  formatVia,
  isSipUri,
  paramValue,
  parseUri,
  responseTo,
  validateMessage,
  type HeaderInit,
  type SipRequest,
  type SipResponse,
  type ValidationIssue,
  type ValidationOptions,
} from '../codec';
import type { Network, Received, TraceEvent, Destination } from '../network';
import {
  TransactionLayer,
  type ClientTransaction,
  type MachineEnv,
  type MachineInstance,
  type MachineTrace,
  type ServerTransaction,
  type TimerConfig,
} from '../transaction';
import type { ElementConfig, ElementKind } from './config';
import {
  ActionError,
  snapshotAt,
  type ElementAction,
  type ElementSnapshot,
  type ElementState,
  type SimElement,
} from './element-types';

export interface ElementContext {
  network: Network;
  timers: TimerConfig;
  /** Another element of the scenario, by name (a proxy reads its registrar's location service). */
  element(name: string): SimElement | undefined;
}

export abstract class BaseElement implements SimElement {
  abstract readonly kind: ElementKind;
  readonly name: string;
  readonly address: string;
  readonly port: number;
  readonly network: Network;
  readonly timers: TimerConfig;
  readonly layer: TransactionLayer;
  protected readonly problems: string[] = [];
  /**
   * With a trace kept: what the machines' drawings link each transition to — the trace event being
   * handled, and the id the next one gets (see MachineRunner). Undefined without a trace.
   */
  readonly machineTrace: MachineTrace | undefined;
  /** What the element's machines run on: the simulation clock, and the trace when one is kept. */
  readonly machineEnv: MachineEnv;

  constructor(
    readonly config: ElementConfig,
    protected readonly ctx: ElementContext,
  ) {
    this.name = config.name;
    this.address = config.address;
    this.port = config.port ?? 5060;
    this.network = ctx.network;
    this.timers = ctx.timers;
    const queue = this.network.queue;
    const trace = this.network.trace;
    this.machineTrace = trace.recording
      ? {
          cause: () => queue.currentCause,
          nextId: () => trace.count,
          causeSince: (mark) => {
            // While a trace is kept, an event's id is its index in it.
            const events = trace.events;
            for (let i = mark; i < events.length; i++)
              if (events[i]!.type === 'timer-fire') return events[i]!.id;
            return events[mark]?.id;
          },
        }
      : undefined;
    this.machineEnv = this.machineTrace
      ? { clock: queue, trace: this.machineTrace }
      : { clock: queue };
    // The layer's callbacks are methods reading the element through `element` (not arrow functions
    // each given a name of its own): a load of thousands of elements keeps one set each.
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the methods below reach the element through it
    const element = this;
    this.layer = new TransactionLayer({
      element: this.name,
      env: {
        clock: this.network.queue,
        timers: ctx.timers,
        reliable: false,
        send(message, destination, info) {
          element.network.send(element, destination, message, info);
        },
        ...(this.machineTrace ? { trace: this.machineTrace } : {}),
        // Trace records are built only when a trace is kept (the load benchmark keeps none).
        record: !this.network.trace.recording
          ? undefined
          : (e) => {
              if (e.type === 'state') {
                this.network.record({
                  type: 'state',
                  element: this.name,
                  transactionId: e.transactionId,
                  detail: `${e.transactionId}: ${e.from || 'new'} → ${e.to}${e.detail ? ` (${e.detail})` : ''}`,
                });
              } else {
                this.network.record({
                  type: e.type,
                  element: this.name,
                  transactionId: e.transactionId,
                  timer: e.timer,
                  ...(e.type === 'timer-start' ? { durationMs: e.durationMs } : {}),
                  detail: `Timer ${e.timer} ${e.type === 'timer-start' ? `starts (${e.durationMs} ms)` : e.type === 'timer-fire' ? 'fires' : 'stops'} in ${e.transactionId}`,
                });
              }
            },
      },
      tu: {
        onResponse(tx, response) {
          element.onResponse(tx, response);
        },
        onTimeout(tx) {
          element.onTimeout(tx);
        },
        onTransportError(tx) {
          element.onTimeout(tx);
        },
        onTerminated(tx) {
          element.onTransactionTerminated(tx);
        },
      },
      sendTrying: this.sendsTrying(),
    });
  }

  /** Whether INVITE server transactions send 100 Trying at once (§17.2.1); a UA that rings at once need not. */
  protected sendsTrying(): boolean {
    return true;
  }

  // ---- identifiers (from the seeded generator) ------------------------------------------------------

  newBranch(): string {
    return 'z9hG4bK' + this.network.rng.token(10);
  }
  newTag(): string {
    return this.network.rng.token(8);
  }
  newCallId(): string {
    return `${this.network.rng.token(12)}@${this.address}`;
  }
  /** The Via value this element puts on requests it sends (§8.1.1.7, §18.1.1). */
  via(branch: string): string {
    return formatVia({
      protocol: 'SIP',
      version: '2.0',
      transport: 'UDP',
      host: this.address,
      port: this.port,
      params: [{ name: 'branch', value: branch }],
    });
  }

  /** Where a URI resolves (its maddr, else its host, by DNS: RFC 3263 simplified). */
  protected resolveUri(uriText: string): Destination | undefined {
    let uri;
    try {
      uri = parseUri(uriText);
    } catch {
      return undefined;
    }
    if (!isSipUri(uri)) return undefined;
    const maddr = paramValue(uri.params, 'maddr');
    const r = this.network.resolve(this.name, maddr ?? uri.host, uri.port);
    return r ? { address: r.address, port: r.port } : undefined;
  }

  /**
   * Where a request inside a dialog goes (§12.2.1.1, §8.1.2): its first Route when the route set is not
   * empty (with a strict router, the Request-URI already names it), else its Request-URI, the remote
   * target.
   */
  dialogNextHop(req: SipRequest): Destination | undefined {
    const route = req.routes()[0];
    return this.resolveUri(
      route
        ? formatNameAddr({ displayName: null, uri: route.uri, params: [] }).slice(1, -1)
        : req.requestUri,
    );
  }

  note(detail: string, extra: Partial<TraceEvent> = {}): void {
    this.network.record({ type: 'note', element: this.name, detail, ...extra });
  }

  // ---- receiving ------------------------------------------------------------------------------------

  /** Checks a request as this element must (overridden by proxies: §16.3 differs from §8.2). */
  protected validationOptions(): ValidationOptions {
    return { supported: [] };
  }

  protected validate(msg: SipRequest | SipResponse): ValidationIssue | null {
    return validateMessage(msg, this.validationOptions());
  }

  receive(d: Received): void {
    if (d.error !== undefined || d.message === undefined) {
      const why = d.error?.message ?? 'not a SIP message';
      this.problems.push(`malformed datagram: ${d.error?.problem ?? why}`);
      this.network.record({
        type: 'discard',
        element: this.name,
        detail: `${this.name} cannot read this datagram (${why}); with no readable Via there is nowhere to send a 400, so it is discarded`,
      });
      return;
    }
    const msg = d.message;
    const issue = this.validate(msg);
    if (msg.kind === 'response') {
      if (issue) {
        this.problems.push(`discarded response: ${issue.reason}`);
        this.network.record({
          type: 'discard',
          element: this.name,
          detail: `${this.name} discards a malformed response: ${issue.detail}`,
        });
        return;
      }
      this.receiveResponse(msg);
      return;
    }
    if (issue) {
      this.rejectRequest(msg, issue, d.source);
      return;
    }
    this.receiveRequest(msg, d.source);
  }

  /** Answers a request that failed the checks of §8.2 / §16.3, or discards it when no answer is possible. */
  protected rejectRequest(req: SipRequest, issue: ValidationIssue, source: Destination): void {
    this.problems.push(`${issue.status} ${issue.reason}`);
    if (req.method === 'ACK') {
      this.network.record({
        type: 'discard',
        element: this.name,
        detail: `${this.name} discards a bad ACK (an ACK is never answered): ${issue.detail}`,
      });
      return;
    }
    let canAnswer = true;
    try {
      canAnswer = req.topVia() !== undefined && req.cseq() !== undefined;
    } catch {
      canAnswer = false;
    }
    if (!canAnswer || issue.header === 'via' || issue.header === 'cseq') {
      this.network.record({
        type: 'discard',
        element: this.name,
        detail: `${this.name} cannot answer (${issue.detail}) because the Via or CSeq it would answer with is unreadable; the request is discarded`,
      });
      return;
    }
    const headers: [string, string][] = [];
    if (issue.unsupported) headers.push(['Unsupported', issue.unsupported.join(', ')]);
    if (issue.accept) headers.push(['Accept', issue.accept.join(', ')]);
    if (issue.acceptEncoding) headers.push(['Accept-Encoding', issue.acceptEncoding.join(', ')]);
    this.network.record({
      type: 'note',
      element: this.name,
      detail: `${this.name} rejects the ${req.method}: ${issue.detail}`,
    });
    const r = this.layer.receiveRequest(req, source);
    if (r.kind === 'new' || r.kind === 'cancel')
      this.layer.respond(
        r.transaction,
        responseTo(req, issue.status, { reason: issue.reason, toTag: this.newTag(), headers }),
      );
  }

  /**
   * Whether the INVITE server transaction for this request sends 100 Trying at once: §17.2.1 requires
   * it unless the TU will answer within 200 ms (by default, what sendsTrying() says for every INVITE).
   */
  protected sendsTryingFor(_req: SipRequest): boolean {
    return this.sendsTrying();
  }

  protected receiveRequest(req: SipRequest, source: Destination): void {
    const r = this.layer.receiveRequest(req, source, {
      sendTrying: req.method === 'INVITE' && this.sendsTryingFor(req),
    });
    switch (r.kind) {
      case 'new':
        this.onRequest(r.transaction, req);
        break;
      case 'cancel':
        this.onCancel(r.transaction, req, r.target);
        break;
      case 'ack-for-2xx':
        this.onAck(req, source);
        break;
      case 'malformed':
        this.problems.push(r.reason);
        this.network.record({
          type: 'discard',
          element: this.name,
          detail: `${this.name} cannot answer this ${req.method}: ${r.reason}`,
        });
        break;
      default:
        // Retransmissions and the ACK of a non-2xx answer are absorbed by the transaction.
        break;
    }
  }

  protected receiveResponse(res: SipResponse): void {
    if (!this.layer.receiveResponse(res)) this.onStrayResponse(res);
  }

  /** Answers a request in its server transaction (§8.2.6), with a To tag for final responses unless given. */
  respond(
    tx: ServerTransaction,
    status: number,
    opts: { reason?: string; toTag?: string; headers?: HeaderInit; body?: string } = {},
  ): SipResponse {
    const res = responseTo(tx.requireRequest(), status, {
      ...opts,
      toTag: opts.toTag ?? (status > 100 ? this.newTag() : undefined),
    });
    this.layer.respond(tx, res);
    return res;
  }

  // ---- what each kind does ------------------------------------------------------------------------

  /** A new request in its server transaction. */
  protected abstract onRequest(tx: ServerTransaction, req: SipRequest): void;

  /** A CANCEL (§9.2): answered 200 by default when it matches, 481 when not. */
  protected onCancel(
    tx: ServerTransaction,
    _cancel: SipRequest,
    target: ServerTransaction | undefined,
  ): void {
    this.respond(tx, target ? 200 : 481);
  }

  /** An ACK for a 2xx (a transaction of its own, §13.2.2.4, §17.1.1.3). */
  protected onAck(_ack: SipRequest, _source: Destination): void {
    /* nothing by default */
  }

  /** A response to one of this element's client transactions. */
  protected onResponse(_tx: ClientTransaction, _res: SipResponse): void {
    /* nothing by default */
  }

  /** A transaction ended and was destroyed (elements drop what they kept for it). */
  protected onTransactionTerminated(_tx: ClientTransaction | ServerTransaction): void {
    /* nothing by default */
  }

  /** Timer B or F (or H) fired. */
  protected onTimeout(_tx: ClientTransaction | ServerTransaction): void {
    /* nothing by default */
  }

  /** A response no transaction matches (a retransmitted 2xx, §17.1.1.2). */
  protected onStrayResponse(res: SipResponse): void {
    this.network.record({
      type: 'discard',
      element: this.name,
      detail: `${this.name} has no transaction for this ${res.status} response and drops it`,
    });
  }

  perform(action: ElementAction): string {
    throw new ActionError(`a ${this.kind} has no action "${action.action}"`);
  }

  protected settings(): Record<string, string | number | boolean> {
    return {};
  }

  /** The element's own machines (calls, dialogs, response contexts …) besides its transactions'. */
  protected machines(): MachineInstance[] {
    return [];
  }

  /** What the UI shows of it now. */
  snapshot(): ElementSnapshot {
    return snapshotAt(this.state(), this.network.queue.now());
  }

  state(): ElementState {
    return {
      name: this.name,
      kind: this.kind,
      address: this.address,
      port: this.port,
      transactions: this.layer.snapshot().transactions.map((t) => ({
        id: t.id,
        kind: t.kind,
        method: t.method,
        branch: t.branch,
        state: t.state,
        timers: t.timers.map((x) => ({
          name: x.name,
          startedAt: x.startedAt,
          durationMs: x.durationMs,
        })),
      })),
      dialogs: [],
      settings: this.settings(),
      problems: [...this.problems],
      machines: [...this.layer.machines(), ...this.machines()],
    };
  }
}
