/**
 * Stateful proxy (RFC 3261 §16): a server transaction for each request it receives and a client
 * transaction for each branch it forwards, tied by a response context. It answers 100 Trying to an
 * INVITE, checks Max-Forwards (483) and loops (482), optionally asks for credentials (407), looks the
 * target up in the location service or DNS, forks in parallel or in sequence by q-value, may
 * record-route, runs Timer C, cancels the other branches when one answers, and picks the best final
 * response (§16.7).
 */
import {
  flatCopy,
  responseTo,
  type SipRequest,
  type SipResponse,
  type ValidationOptions,
} from '../codec';
import type { Destination } from '../network';
import {
  EndedMachines,
  MachineRunner,
  cancelFor,
  responseDestination,
  serverBranchKey,
  type ClientTransaction,
  type MachineInstance,
  type MachineTimers,
  type ServerTransaction,
  type Transaction,
} from '../transaction';
import { BaseElement, type ElementContext } from './base-element';
import type { ProxyConfig } from './config';
import { DigestServer } from './digest-auth';
import type { ActivityState, ElementState } from './element-types';
import type { LocationService } from './location-service';
import {
  consumeOwnRoute,
  copyMessage,
  determineTargets,
  hash32,
  loopHash,
  nextHop,
  prepareForward,
  type ForwardTarget,
  type ProxyIdentity,
} from './proxy-common';
import { Registrar } from './registrar';
import { contextRequest, newBranch, type Branch, type ResponseContext } from './response-context';
import {
  responseContextMachine,
  type BranchTimer,
  type ResponseContextEvent,
  type ResponseContextHost,
} from './response-context-machine';

/** Timer C: "greater than 3 minutes" (§16.6 step 11). */
export const DEFAULT_TIMER_C_MS = 181_000;

/** A response context and the machine that runs it. */
interface LiveContext {
  ctx: ResponseContext;
  machine: MachineRunner<ResponseContextEvent>;
}

/** The start of the branches of requests this stateful proxy forwards statelessly (§16.10, §16.11). */
const STATELESS_BRANCH = 'z9hG4bKsl';

export class StatefulProxy extends BaseElement {
  readonly kind = 'stateful-proxy' as const;
  /** Live response contexts, by the server transaction they answer (§16.7). */
  private readonly contexts = new Map<Transaction, LiveContext>();
  private readonly byClientTx = new Map<Transaction, { live: LiveContext; branch: Branch }>();
  /** Live response contexts by the branch key of their request (§17.2.3), for CANCEL (§16.10). */
  private readonly byKey = new Map<string, LiveContext>();
  private readonly digest: DigestServer | undefined;
  private contextIds = 0;
  /** The last few contexts that ended, for their drawings (only while a trace is kept). */
  private readonly endedContexts = new EndedMachines();
  /** What the response context machines ask of the proxy (one object, no closure per context). */
  private readonly host: ResponseContextHost = {
    forward: (ctx, target, hash) => this.forward(ctx, target, hash),
    forwardResponse: (ctx, response) => {
      // A 2xx goes on also when the server transaction is gone (§16.7 step 5, RFC 6026).
      if (!this.layer.respond(ctx.serverTx, response) && response.status >= 200)
        this.forwardResponseStatelessly(response);
    },
    sendBest: (ctx, best) => this.sendBest(ctx, best),
    // Only a branch still waiting for its final response is cancelled: it has its request.
    sendCancel: (branch) =>
      branch.request &&
      branch.tx &&
      this.layer.sendRequest(cancelFor(branch.request), branch.tx.destination),
    abandon: (branch) => void (branch.tx && this.layer.abandon(branch.tx)),
    madeUp: (ctx, status) => this.madeUp(ctx, status),
    timer: (which, what, branch, ms) => this.recordTimer(which, what, branch, ms),
    note: (detail) => this.note(`${this.name} ${detail}`),
    checkEnded: (ctx) => this.contexts.get(ctx.serverTx)?.machine.send({ type: 'ended' }),
  };

  constructor(
    override readonly config: ProxyConfig,
    ctx: ElementContext,
  ) {
    super(config, ctx);
    if (config.authenticate)
      this.digest = new DigestServer(config.realm ?? config.domain, config.users ?? [], () =>
        this.network.rng.token(24),
      );
  }

  private get me(): ProxyIdentity {
    return {
      address: this.address,
      port: this.port,
      host: this.config.host,
      domain: this.config.domain,
    };
  }

  /** The registrar of the proxy's domain, to which REGISTER requests for the domain are forwarded. */
  private registrarAddress(): { address: string; port: number } | undefined {
    const r = this.config.registrar ? this.ctx.element(this.config.registrar) : undefined;
    return r instanceof Registrar ? { address: r.address, port: r.port } : undefined;
  }

  private location(): LocationService | undefined {
    const r = this.config.registrar ? this.ctx.element(this.config.registrar) : undefined;
    return r instanceof Registrar ? r.location : undefined;
  }

  private get timerC(): number {
    return this.config.timerCMs ?? DEFAULT_TIMER_C_MS;
  }

  protected override validationOptions(): ValidationOptions {
    return { supported: [], proxy: true };
  }

  /**
   * The proxy core sends the 100 (Trying) itself, once it knows it will forward the INVITE: a request
   * it answers at once (400, 407, 482, 483, 404 …) needs none (§17.2.1, §16.2), as in RFC 3665 §3.2,
   * where the 407 (F2) is the first answer to the INVITE.
   */
  protected override sendsTrying(): boolean {
    return false;
  }

  // ---- requests (§16.3–§16.6) ----------------------------------------------------------------------

  protected override onRequest(tx: ServerTransaction, req: SipRequest): void {
    // §16.3 step 3: Max-Forwards.
    const mf = req.maxForwards();
    if (mf === 0) {
      this.note(
        `${this.name}: Max-Forwards is 0, so the ${req.method} may go no further (RFC 3261 §16.3 step 3)`,
      );
      this.respond(tx, 483);
      return;
    }
    // §16.3 step 4: loop detection — our own Via with the same loop hash means the request came back unchanged.
    const hash = loopHash(req);
    for (const v of req.vias()) {
      const b = v.params.find((p) => p.name.toLowerCase() === 'branch')?.value ?? '';
      if (
        v.host === this.address &&
        (v.port ?? 5060) === this.port &&
        b.startsWith(`z9hG4bK${hash}.`)
      ) {
        this.note(
          `${this.name} finds its own Via with the same loop hash: the request has looped (RFC 3261 §16.3 step 4)`,
        );
        this.respond(tx, 482);
        return;
      }
    }
    // §16.3 step 8 (optional): proxy authorization for new calls and messages.
    if (
      this.digest &&
      (req.method === 'INVITE' || req.method === 'MESSAGE' || req.method === 'SUBSCRIBE') &&
      !req.to()?.params.some((p) => p.name === 'tag')
    ) {
      const check = this.digest.verify(req, 'proxy');
      if (!check.ok) {
        this.note(`${this.name} asks for credentials: ${check.why}`);
        this.respond(tx, 407, { headers: [['Proxy-Authenticate', this.digest.challenge()]] });
        return;
      }
    }
    consumeOwnRoute(req, this.me);
    const targets = determineTargets(
      req,
      this.me,
      this.location(),
      this.network.queue.now(),
      this.registrarAddress(),
    );
    if (!Array.isArray(targets)) {
      this.respond(tx, targets.status, { reason: targets.reason });
      return;
    }
    // §16.6: parallel forking sends to every target at once; sequential tries groups of equal q in turn.
    const groups: ForwardTarget[][] = [];
    if (this.config.forking === 'sequential') {
      for (const t of targets) {
        const g = groups.find((x) => x[0]!.q === t.q);
        if (g) g.push(t);
        else groups.push([t]);
      }
    } else groups.push(targets);
    const key = serverBranchKey(req);
    const ctx: ResponseContext = {
      id: ++this.contextIds,
      serverTx: tx,
      request: req,
      method: req.method,
      // Kept after the request is let go of: not a slice of the datagram.
      requestUri: flatCopy(req.requestUri),
      key,
      branches: [],
      waiting: groups.slice(1),
      sent2xx: false,
      serverDone: false,
      finalSent: false,
      cancelled: false,
    };
    const live: LiveContext = {
      ctx,
      machine: new MachineRunner<ResponseContextEvent>(
        responseContextMachine,
        this.machineEnv.clock,
        (timers: MachineTimers) => ({
          ctx,
          host: this.host,
          timers,
          timerCMs: this.timerC,
          giveUpMs: 64 * this.timers.T1,
        }),
        () => this.drop(live),
        this.machineTrace ? { trace: this.machineTrace } : {},
      ),
    };
    this.contexts.set(tx, live);
    if (key !== undefined) this.byKey.set(`${key} ${req.method}`, live);
    if (req.method === 'INVITE') this.respond(tx, 100);
    if (targets.length > 1)
      this.note(
        `${this.name} forks the ${req.method} to ${targets.length} contacts${this.config.forking === 'sequential' ? ' one group after another (sequential, by q-value)' : ' at once (parallel)'}`,
      );
    live.machine.send({ type: 'forward', targets: groups[0]!, hash });
  }

  /**
   * Makes a branch and sends its request (§16.6): the context's machine asks for it. A branch with no
   * next hop is final at once, with a 404 made up as if received.
   */
  private forward(ctx: ResponseContext, target: ForwardTarget, hash: string | undefined): Branch {
    const request = contextRequest(ctx);
    const out = prepareForward(request, target, this.me, this.config.recordRoute === true);
    out.prependHeader(
      'via',
      this.via(`z9hG4bK${hash ?? loopHash(request)}.${this.network.rng.token(6)}`),
    );
    const branch = newBranch(ctx.branches.length, target, out);
    ctx.branches.push(branch);
    const dest = target.destination ?? nextHop(this.network, this.name, out);
    if (!dest) {
      branch.state = 'done';
      branch.final = this.madeUp(ctx, 404, 'Not Found (no DNS record for the next hop)');
      return branch;
    }
    branch.tx = this.layer.sendRequest(out, dest);
    const live = this.contexts.get(ctx.serverTx);
    if (live) this.byClientTx.set(branch.tx, { live, branch });
    return branch;
  }

  /** The trace records of a branch's timers: Timer C (§16.6 step 11, §16.8) and 64·T1 after CANCEL (§9.1). */
  private recordTimer(
    which: BranchTimer,
    what: 'start' | 'fire' | 'stop',
    branch: Branch,
    ms: number,
  ): void {
    const to = branch.target.requestUri;
    const tx = branch.tx ? { transactionId: branch.tx.id } : {};
    if (which === 'C') {
      if (what === 'start')
        this.network.record({
          type: 'timer-start',
          element: this.name,
          timer: 'C',
          durationMs: ms,
          ...tx,
          detail: `Timer C starts (${ms / 1000} s) for the branch to ${to}`,
        });
      else
        this.network.record({
          type: what === 'fire' ? 'timer-fire' : 'timer-stop',
          element: this.name,
          timer: 'C',
          detail: `Timer C ${what === 'fire' ? 'fires' : 'stops'} for the branch to ${to}`,
        });
      return;
    }
    const timer = '64·T1 after CANCEL';
    if (what === 'start')
      this.network.record({
        type: 'timer-start',
        element: this.name,
        timer,
        durationMs: ms,
        ...tx,
        detail: `${this.name} waits 64·T1 (${ms / 1000} s) for the final response of the branch to ${to} after its CANCEL (RFC 3261 §9.1)`,
      });
    else if (what === 'fire')
      this.network.record({
        type: 'timer-fire',
        element: this.name,
        timer,
        ...tx,
        detail: `No final response on the branch to ${to} 64·T1 after its CANCEL: ${this.name} gives the branch up (RFC 3261 §9.1)`,
      });
    else
      this.network.record({
        type: 'timer-stop',
        element: this.name,
        timer,
        ...tx,
        detail: `The branch to ${to} has its final response: ${this.name} stops waiting`,
      });
  }

  // ---- responses (§16.7) ---------------------------------------------------------------------------

  /** A response on a branch goes to the context's machine, its top Via removed (§16.7 step 3). */
  protected override onResponse(tx: ClientTransaction, res: SipResponse): void {
    if (tx.method === 'CANCEL') return; // the 200 for our CANCEL ends there
    const found = this.byClientTx.get(tx);
    if (!found) return;
    const { live, branch } = found;
    // A 100 is not forwarded (§16.7 step 5): no copy needed.
    const out = res.status === 100 ? res : copyMessage(res);
    if (out !== res) out.removeFirstValue('via');
    live.machine.send(
      res.status < 200
        ? { type: 'provisional', branch, response: out }
        : { type: res.status < 300 ? '2xx' : 'final', branch, response: out },
    );
  }

  /** A response context ends when its server transaction and every branch's client transaction have. */
  protected override onTransactionTerminated(tx: Transaction): void {
    const hit = this.byClientTx.get(tx);
    if (hit) {
      this.byClientTx.delete(tx);
      hit.branch.tx = undefined;
      hit.live.machine.send({ type: 'ended' });
      return;
    }
    const live = this.contexts.get(tx);
    if (live) {
      live.ctx.serverDone = true;
      live.machine.send({ type: 'ended' });
    }
  }

  /** The context's machine has terminated: the proxy forgets the context. */
  private drop(live: LiveContext): void {
    const { ctx } = live;
    this.contexts.delete(ctx.serverTx);
    if (ctx.key !== undefined) {
      const k = `${ctx.key} ${ctx.method}`;
      if (this.byKey.get(k) === live) this.byKey.delete(k);
    }
    if (this.machineTrace) this.endedContexts.add(this.contextView(live));
  }

  protected override onTimeout(tx: Transaction): void {
    const found = this.byClientTx.get(tx);
    if (found) found.live.machine.send({ type: 'timeout', branch: found.branch });
  }

  /**
   * The final response a branch gets when none came (§16.7 step 6 after a timeout, §16.8): made as if
   * received, so from the request the proxy received (its own Via already gone, §16.7 step 3), with
   * a To tag as any final response (§8.2.6.2).
   */
  private madeUp(ctx: ResponseContext, status: number, reason?: string): SipResponse {
    return responseTo(contextRequest(ctx), status, {
      toTag: this.newTag(),
      ...(reason !== undefined ? { reason } : {}),
    });
  }

  /** The best final response, as the machine chose it (§16.7 step 6), built and sent (steps 7–8). */
  private sendBest(ctx: ResponseContext, best: SipResponse | undefined): void {
    if (!best) {
      this.respond(ctx.serverTx, 408);
      return;
    }
    // §16.7 step 6: a 503 is passed on as 500 (the proxy's own downstream being unavailable says
    // nothing of the proxy itself).
    const out = best.status === 503 ? this.madeUp(ctx, 500) : best;
    // §16.7 step 7: gather every challenge when answering 401/407.
    if (out.status === 401 || out.status === 407) {
      for (const b of ctx.branches) {
        if (b.final && b.final !== best && (b.final.status === 401 || b.final.status === 407)) {
          for (const h of b.final.headers)
            if (h.key === 'www-authenticate' || h.key === 'proxy-authenticate')
              out.appendHeader(h.key, h.value);
        }
      }
    }
    this.layer.respond(ctx.serverTx, out);
  }

  // ---- CANCEL, ACK, stray responses ----------------------------------------------------------------

  /**
   * §16.10: a CANCEL that finds the response context of its INVITE is answered 200 at once — also when
   * the final response was sent already — and cancels every pending branch. Without a context the proxy
   * knows nothing of the request, so it forwards the CANCEL statelessly.
   */
  protected override onCancel(
    tx: ServerTransaction,
    cancel: SipRequest,
    target: ServerTransaction | undefined,
  ): void {
    const key = serverBranchKey(cancel);
    const live =
      (target ? this.contexts.get(target) : undefined) ??
      (key !== undefined ? this.byKey.get(`${key} INVITE`) : undefined);
    if (!live) {
      this.note(
        `${this.name} has no response context for this CANCEL, so it forwards it statelessly (RFC 3261 §16.10)`,
      );
      this.layer.forget(tx);
      this.forwardStateless(cancel);
      return;
    }
    this.respond(tx, 200);
    live.machine.send({ type: 'CANCEL' });
  }

  /** The ACK for a 2xx is its own transaction: forwarded statelessly along its Route (§16.4, §16.6). */
  protected override onAck(ack: SipRequest, _source: Destination): void {
    this.forwardStateless(ack);
  }

  /**
   * Stateless forwarding (§16.11) inside a stateful proxy: the branch is computed from the request, with
   * a mark ("sl") by which the responses that come back are recognised and passed on statelessly too.
   */
  private forwardStateless(req: SipRequest): void {
    const mf = req.maxForwards();
    if (mf === 0) return;
    consumeOwnRoute(req, this.me);
    const targets = determineTargets(
      req,
      this.me,
      this.location(),
      this.network.queue.now(),
      this.registrarAddress(),
    );
    if (!Array.isArray(targets)) return;
    const out = prepareForward(req, targets[0]!, this.me, false);
    const upstream =
      req.topVia()?.params.find((p) => p.name.toLowerCase() === 'branch')?.value ?? '';
    out.prependHeader(
      'via',
      this.via(`${STATELESS_BRANCH}${hash32(upstream + '|' + loopHash(req))}`),
    );
    const dest = nextHop(this.network, this.name, out);
    if (dest) this.network.send(this, dest, out, {});
  }

  /** A response passed on without a transaction: this proxy's Via comes off, the next Via says where. */
  private forwardResponseStatelessly(out: SipResponse): void {
    const via = out.topVia();
    if (via) this.network.send(this, responseDestination(via), out, {});
  }

  /**
   * A response that matches no client transaction. One to a request this proxy forwarded statelessly
   * (its branch mark) goes on statelessly (§16.11). Any other is dropped: with the Accepted state of
   * RFC 6026 every legitimate 2xx retransmission matches a transaction, and RFC 6026 stops proxies
   * from forwarding stray responses.
   */
  protected override onStrayResponse(res: SipResponse): void {
    const branch = res.topVia()?.params.find((p) => p.name.toLowerCase() === 'branch')?.value;
    if (branch?.startsWith(STATELESS_BRANCH)) {
      const out = copyMessage(res);
      out.removeFirstValue('via');
      this.forwardResponseStatelessly(out);
      return;
    }
    this.network.record({
      type: 'discard',
      element: this.name,
      detail: `${this.name} has no transaction for this ${res.status} response and does not forward it (RFC 6026 changes RFC 3261 §16.7: stray responses are not forwarded)`,
    });
  }

  // ---- state for the UI ----------------------------------------------------------------------------

  protected override settings(): Record<string, string | number | boolean> {
    return {
      kind: 'stateful-proxy',
      domain: this.config.domain,
      recordRoute: this.config.recordRoute === true,
      forking: this.config.forking ?? 'parallel',
    };
  }

  private contextView(live: LiveContext): MachineInstance {
    const { ctx } = live;
    return live.machine.view(
      `context ${ctx.id}`,
      responseContextMachine.id,
      `Response context ${ctx.id}: ${ctx.method} ${ctx.requestUri}`,
    );
  }

  protected override machines(): MachineInstance[] {
    return [
      ...this.endedContexts.list(),
      ...[...this.contexts.values()].map((live) => this.contextView(live)),
    ];
  }

  override state(): ElementState {
    const activities: ActivityState[] = [...this.contexts.values()]
      .map((live) => live.ctx)
      .filter((c) => !c.finalSent || c.branches.some((b) => b.state !== 'done'))
      .map((c) => ({
        kind: 'call' as const,
        state: c.cancelled ? 'cancelling' : c.sent2xx ? 'answered' : 'forwarding',
        summary: `${c.method} ${c.requestUri}: ${c.branches.map((b) => `${b.target.requestUri} (${b.cancel === 'sent' ? 'cancelled' : b.state})`).join(', ')}`,
      }));
    return { ...super.state(), activities };
  }
}
