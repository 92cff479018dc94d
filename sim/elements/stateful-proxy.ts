/**
 * Stateful proxy (RFC 3261 §16): a server transaction for each request it receives and a client
 * transaction for each branch it forwards, tied by a response context. It answers 100 Trying to an
 * INVITE, checks Max-Forwards (483) and loops (482), optionally asks for credentials (407), looks the
 * target up in the location service or DNS, forks in parallel or in sequence by q-value, may
 * record-route, runs Timer C, cancels the other branches when one answers, and picks the best final
 * response (§16.7).
 */
import { responseTo, type SipRequest, type SipResponse, type ValidationOptions } from '../codec';
import type { Destination } from '../network';
import {
  cancelFor,
  responseDestination,
  type ClientTransaction,
  type ServerTransaction,
  type Transaction,
} from '../transaction';
import { BaseElement, type ElementContext } from './base-element';
import type { ProxyConfig } from './config';
import { DigestServer } from './digest-auth';
import type { ActivitySnapshot, ElementSnapshot } from './element-types';
import type { LocationService } from './location-service';
import {
  consumeOwnRoute,
  copyMessage,
  determineTargets,
  loopHash,
  nextHop,
  prepareForward,
  type ForwardTarget,
  type ProxyIdentity,
} from './proxy-common';
import { Registrar } from './registrar';

interface Branch {
  target: ForwardTarget;
  request: SipRequest;
  tx: ClientTransaction | undefined;
  /** 'pending' until a final response (or its timeout); 'cancelled' once a CANCEL went out. */
  state: 'pending' | 'proceeding' | 'done' | 'cancelled';
  final: SipResponse | undefined;
  timerC: number | undefined;
}

/** The response context of one forwarded request (§16.7). */
interface ResponseContext {
  id: number;
  serverTx: ServerTransaction;
  request: SipRequest;
  branches: Branch[];
  /** Targets not tried yet (sequential forking), most preferred group first. */
  waiting: ForwardTarget[][];
  sent2xx: boolean;
  finalSent: boolean;
  /** The server transaction has terminated. */
  serverDone: boolean;
  cancelled: boolean;
}

/** §16.7 step 6: 6xx first, else the lowest class; 503 is rewritten as 500. */
function better(a: SipResponse, b: SipResponse | undefined): boolean {
  if (b === undefined) return true;
  const ca = Math.floor(a.status / 100);
  const cb = Math.floor(b.status / 100);
  if (ca === 6 || cb === 6) return ca === 6 && cb !== 6;
  return ca < cb;
}

export class StatefulProxy extends BaseElement {
  readonly kind = 'stateful-proxy' as const;
  /** Live response contexts, by the server transaction they answer (§16.7). */
  private readonly contexts = new Map<Transaction, ResponseContext>();
  private readonly byClientTx = new Map<Transaction, { ctx: ResponseContext; branch: Branch }>();
  private readonly digest: DigestServer | undefined;
  private contextIds = 0;

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
    return this.config.timerCMs ?? 180_000;
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
    const ctx: ResponseContext = {
      id: ++this.contextIds,
      serverTx: tx,
      request: req,
      branches: [],
      waiting: groups.slice(1),
      sent2xx: false,
      serverDone: false,
      finalSent: false,
      cancelled: false,
    };
    this.contexts.set(tx, ctx);
    if (req.method === 'INVITE') this.respond(tx, 100);
    if (targets.length > 1)
      this.note(
        `${this.name} forks the ${req.method} to ${targets.length} contacts${this.config.forking === 'sequential' ? ' one group after another (sequential, by q-value)' : ' at once (parallel)'}`,
      );
    for (const t of groups[0]!) this.forward(ctx, t, hash);
  }

  private forward(ctx: ResponseContext, target: ForwardTarget, hash = loopHash(ctx.request)): void {
    const out = prepareForward(ctx.request, target, this.me, this.config.recordRoute === true);
    out.prependHeader('via', this.via(`z9hG4bK${hash}.${this.network.rng.token(6)}`));
    const branch: Branch = {
      target,
      request: out,
      tx: undefined,
      state: 'pending',
      final: undefined,
      timerC: undefined,
    };
    ctx.branches.push(branch);
    const dest = target.destination ?? nextHop(this.network, this.name, out);
    if (!dest) {
      branch.state = 'done';
      branch.final = this.madeUp(ctx, 404, 'Not Found (no DNS record for the next hop)');
      this.checkComplete(ctx);
      return;
    }
    branch.tx = this.layer.sendRequest(out, dest);
    this.byClientTx.set(branch.tx, { ctx, branch });
    if (out.method === 'INVITE') this.armTimerC(ctx, branch);
  }

  /** Timer C (§16.6 step 11, §16.8): an INVITE branch that stays unanswered too long is cancelled. */
  private armTimerC(ctx: ResponseContext, branch: Branch): void {
    const q = this.network.queue;
    if (branch.timerC !== undefined) q.clearTimeout(branch.timerC);
    this.network.record({
      type: 'timer-start',
      element: this.name,
      timer: 'C',
      durationMs: this.timerC,
      ...(branch.tx ? { transactionId: branch.tx.id } : {}),
      detail: `Timer C starts (${this.timerC / 1000} s) for the branch to ${branch.target.requestUri}`,
    });
    branch.timerC = q.setTimeout(() => {
      branch.timerC = undefined;
      this.network.record({
        type: 'timer-fire',
        element: this.name,
        timer: 'C',
        detail: `Timer C fires for the branch to ${branch.target.requestUri}`,
      });
      if (branch.state === 'proceeding') this.cancelBranch(branch);
      else if (branch.state === 'pending') {
        branch.state = 'done';
        branch.final = this.madeUp(ctx, 408);
        this.checkComplete(ctx);
      }
    }, this.timerC);
  }

  private stopTimerC(branch: Branch): void {
    if (branch.timerC !== undefined) {
      this.network.queue.clearTimeout(branch.timerC);
      branch.timerC = undefined;
      this.network.record({
        type: 'timer-stop',
        element: this.name,
        timer: 'C',
        detail: `Timer C stops for the branch to ${branch.target.requestUri}`,
      });
    }
  }

  /** CANCEL for one branch (§9.1 as the proxy's UAC side): same Request-URI, Call-ID, To, From, CSeq number and top Via. */
  private cancelBranch(branch: Branch): void {
    if (!branch.tx || branch.state === 'done' || branch.state === 'cancelled') return;
    if (branch.state === 'pending') {
      // §9.1: no CANCEL before a provisional response; it is sent when one comes.
      branch.state = 'cancelled';
      return;
    }
    branch.state = 'cancelled';
    this.layer.sendRequest(cancelFor(branch.request), branch.tx.destination);
  }

  // ---- responses (§16.7) ---------------------------------------------------------------------------

  private find(tx: Transaction): { ctx: ResponseContext; branch: Branch } | undefined {
    return this.byClientTx.get(tx);
  }

  protected override onResponse(tx: ClientTransaction, res: SipResponse): void {
    if (tx.request.method === 'CANCEL') return; // the 200 for our CANCEL ends there
    const found = this.find(tx);
    if (!found) return;
    const { ctx, branch } = found;
    if (res.status === 100) return; // §16.7 step 3: 100 is not forwarded
    const out = copyMessage(res);
    out.removeFirstValue('via');
    if (res.status < 200) {
      const wasCancelled = branch.state === 'cancelled';
      if (branch.state === 'pending') branch.state = 'proceeding';
      if (tx.request.method === 'INVITE') this.armTimerC(ctx, branch); // reset on a provisional (§16.7 step 2)
      if (wasCancelled) {
        branch.state = 'proceeding';
        this.cancelBranch(branch);
      }
      if (!ctx.finalSent) this.layer.respond(ctx.serverTx, out);
      return;
    }
    this.stopTimerC(branch);
    branch.state = 'done';
    if (res.status < 300) {
      // §16.7 step 5: every 2xx is forwarded at once; for INVITE the other branches are cancelled (§16.7 step 10).
      ctx.sent2xx = true;
      ctx.finalSent = true;
      this.layer.respond(ctx.serverTx, out);
      if (ctx.request.method === 'INVITE') {
        ctx.waiting = [];
        for (const b of ctx.branches) if (b !== branch) this.cancelBranch(b);
      }
      return;
    }
    branch.final = out;
    if (res.status >= 600 && ctx.request.method === 'INVITE') {
      ctx.waiting = [];
      for (const b of ctx.branches) if (b !== branch) this.cancelBranch(b);
    }
    this.checkComplete(ctx);
  }

  /** A response context ends when its server transaction and every branch's client transaction have. */
  protected override onTransactionTerminated(tx: Transaction): void {
    const hit = this.byClientTx.get(tx);
    if (hit) {
      this.byClientTx.delete(tx);
      hit.branch.tx = undefined;
      this.dropIfDone(hit.ctx);
      return;
    }
    const ctx = this.contexts.get(tx);
    if (ctx) {
      ctx.serverDone = true;
      this.dropIfDone(ctx);
    }
  }

  private dropIfDone(ctx: ResponseContext): void {
    if (!ctx.serverDone || ctx.branches.some((b) => b.tx !== undefined || b.timerC !== undefined))
      return;
    this.contexts.delete(ctx.serverTx);
  }

  protected override onTimeout(tx: Transaction): void {
    const found = this.find(tx);
    if (!found) return;
    const { ctx, branch } = found;
    this.stopTimerC(branch);
    if (branch.state === 'done') return;
    branch.state = 'done';
    branch.final = this.madeUp(ctx, 408);
    this.checkComplete(ctx);
  }

  /**
   * The final response a branch gets when none came (§16.7 step 6 after a timeout, §16.8): made as if
   * received, so from the request the proxy received (its own Via already gone, §16.7 step 3), with
   * a To tag as any final response (§8.2.6.2).
   */
  private madeUp(ctx: ResponseContext, status: number, reason?: string): SipResponse {
    return responseTo(ctx.request, status, {
      toTag: this.newTag(),
      ...(reason !== undefined ? { reason } : {}),
    });
  }

  /** When no branch is pending: try the next sequential group, or send the best final response (§16.7 step 6). */
  private checkComplete(ctx: ResponseContext): void {
    if (ctx.branches.some((b) => b.state !== 'done')) return;
    if (!ctx.sent2xx && !ctx.cancelled && ctx.waiting.length > 0) {
      const next = ctx.waiting.shift()!;
      this.note(
        `${this.name} tries the next contacts (sequential forking): ${next.map((t) => t.requestUri).join(', ')}`,
      );
      for (const t of next) this.forward(ctx, t);
      return;
    }
    if (ctx.finalSent) return;
    let best: SipResponse | undefined;
    for (const b of ctx.branches) if (b.final && better(b.final, best)) best = b.final;
    ctx.finalSent = true;
    if (!best) {
      this.respond(ctx.serverTx, 408);
      return;
    }
    let status = best.status === 503 ? 500 : best.status;
    const out = status === best.status ? best : this.madeUp(ctx, status);
    // §16.7 step 7: gather every challenge when answering 401/407.
    if (status === 401 || status === 407) {
      for (const b of ctx.branches) {
        if (b.final && b.final !== best && (b.final.status === 401 || b.final.status === 407)) {
          for (const h of b.final.headers)
            if (h.key === 'www-authenticate' || h.key === 'proxy-authenticate')
              out.appendHeader(h.key, h.value);
        }
      }
    }
    status = out.status;
    this.layer.respond(ctx.serverTx, out);
  }

  // ---- CANCEL, ACK, stray 2xx ----------------------------------------------------------------------

  /** §16.10: answer the CANCEL, then cancel every pending branch; the branches' 487 becomes the answer. */
  protected override onCancel(
    tx: ServerTransaction,
    _cancel: SipRequest,
    target: ServerTransaction | undefined,
  ): void {
    const ctx = target ? this.contexts.get(target) : undefined;
    if (!ctx) {
      this.respond(tx, 481);
      return;
    }
    this.respond(tx, 200);
    ctx.cancelled = true;
    ctx.waiting = [];
    for (const b of ctx.branches) this.cancelBranch(b);
  }

  /** The ACK for a 2xx is its own transaction: forwarded statelessly along its Route (§16.4, §16.6). */
  protected override onAck(ack: SipRequest, _source: Destination): void {
    this.forwardStateless(ack);
  }

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
    out.prependHeader('via', this.via(`z9hG4bK${loopHash(req)}.${this.network.rng.token(6)}`));
    const dest = nextHop(this.network, this.name, out);
    if (dest) this.network.send(this, dest, out, {});
  }

  /** A 2xx retransmission matches no client transaction (it ended on the first 2xx): forward it anyway (§16.7). */
  protected override onStrayResponse(res: SipResponse): void {
    if (res.status >= 200 && res.status < 300) {
      const out = copyMessage(res);
      out.removeFirstValue('via');
      const via = out.topVia();
      if (via) {
        this.note(
          `${this.name} forwards a retransmitted 2xx statelessly (its transaction ended with the first one)`,
        );
        this.network.send(this, responseDestination(via), out, { retransmission: true });
        return;
      }
    }
    super.onStrayResponse(res);
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

  override snapshot(): ElementSnapshot {
    const activities: ActivitySnapshot[] = [...this.contexts.values()]
      .filter((c) => !c.finalSent || c.branches.some((b) => b.state !== 'done'))
      .map((c) => ({
        kind: 'call' as const,
        state: c.cancelled ? 'cancelling' : c.sent2xx ? 'answered' : 'forwarding',
        summary: `${c.request.method} ${c.request.requestUri}: ${c.branches.map((b) => `${b.target.requestUri} (${b.state})`).join(', ')}`,
      }));
    return { ...super.snapshot(), activities };
  }
}
