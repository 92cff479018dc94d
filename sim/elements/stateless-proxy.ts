/**
 * Stateless proxy (RFC 3261 §16.11): forwards each request and response as it comes, keeping no
 * transaction state. It computes the branch of its Via from the request itself, so a retransmission is
 * forwarded with the same branch (and a CANCEL with its INVITE's), and it absorbs nothing: every
 * retransmission passes through — which a lesson contrasts with the stateful proxy.
 */
import {
  responseTo,
  type SipRequest,
  type SipResponse,
  type ValidationIssue,
  type ValidationOptions,
} from '../codec';
import type { Destination, Received } from '../network';
import {
  responseDestination,
  serverBranchKey,
  type ClientTransaction,
  type ServerTransaction,
} from '../transaction';
import { BaseElement, type ElementContext } from './base-element';
import type { ProxyConfig } from './config';
import type { ElementState } from './element-types';
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

export class StatelessProxy extends BaseElement {
  readonly kind = 'stateless-proxy' as const;
  /** The routing choice made for each branch (§16.11), kept for 64·T1. */
  private readonly choices = new Map<
    string,
    { choice: ForwardTarget | { status: number; reason: string }; until: number }
  >();
  private sweepAt = 64;

  constructor(
    override readonly config: ProxyConfig,
    ctx: ElementContext,
  ) {
    super(config, ctx);
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

  protected override validationOptions(): ValidationOptions {
    return { supported: [], proxy: true };
  }

  override receive(d: Received): void {
    // No transaction layer: every datagram is handled on its own.
    if (d.message === undefined || d.error !== undefined) {
      super.receive(d);
      return;
    }
    const msg = d.message;
    if (msg.kind === 'response') {
      super.receive(d);
      return;
    }
    const issue = this.validate(msg);
    if (issue) {
      this.rejectRequest(msg, issue, d.source);
      return;
    }
    this.forwardRequest(msg);
  }

  /** Stateless answers (§16.11: a stateless proxy answers without a transaction). */
  protected override rejectRequest(
    req: SipRequest,
    issue: ValidationIssue,
    _source: Destination,
  ): void {
    this.problems.push(`${issue.status} ${issue.reason}`);
    if (req.method === 'ACK') return;
    this.answer(req, issue.status, issue.reason);
  }

  private answer(req: SipRequest, status: number, reason?: string): void {
    if (req.method === 'ACK') {
      // An ACK takes no response (§17.1.1.3, §22.1): one that cannot go on is dropped.
      this.network.record({
        type: 'discard',
        element: this.name,
        detail: `${this.name} cannot forward this ACK (${reason ?? status}) and drops it: an ACK is never answered`,
      });
      return;
    }
    const via = req.topVia();
    if (!via) return;
    this.network.send(
      this,
      responseDestination(via),
      responseTo(req, status, {
        ...(reason ? { reason } : {}),
        toTag: status > 100 ? hash32(req.callId() ?? '') : undefined,
      }),
    );
  }

  private forwardRequest(req: SipRequest): void {
    const mf = req.maxForwards();
    if (mf === 0) {
      this.note(
        `${this.name}: Max-Forwards is 0, the request may go no further (RFC 3261 §16.3 step 3)`,
      );
      this.answer(req, 483);
      return;
    }
    consumeOwnRoute(req, this.me);
    const choice = this.choose(req);
    if ('status' in choice) {
      this.answer(req, choice.status, choice.reason);
      return;
    }
    const target = choice;
    const out = prepareForward(req, target, this.me, this.config.recordRoute === true);
    // The branch depends only on the request, never on time (§16.11). With a magic-cookie branch
    // upstream, its first part is a hash of that branch, as §16.11 recommends: a CANCEL and the ACK
    // of a non-2xx answer carry their INVITE's branch, so they get the same branch here and match the
    // INVITE's transaction downstream (§9.2, §17.2.3). Otherwise: a hash of the request's fields.
    const topBranch =
      req.topVia()?.params.find((p) => p.name.toLowerCase() === 'branch')?.value ?? '';
    const first = topBranch.startsWith('z9hG4bK') ? hash32(topBranch) : loopHash(req);
    const branch = `z9hG4bK${first}${hash32(topBranch + '|' + target.requestUri).slice(0, 6)}`;
    out.prependHeader('via', this.via(branch));
    const dest = target.destination ?? nextHop(this.network, this.name, out);
    if (!dest) {
      this.answer(req, 404, 'Not Found (no DNS record for the next hop)');
      return;
    }
    this.network.send(this, dest, out, {});
  }

  /**
   * §16.11: one target — a stateless proxy cannot fork — and the same choice for a request, its
   * retransmissions, its CANCEL and the ACK of a non-2xx answer. The location service changes as phones
   * register, so the choice made for a branch is kept for the life of a transaction (64·T1): the only
   * thing this proxy remembers, so that a registration arriving between two retransmissions cannot send
   * them different ways. Among several bindings it takes the oldest (a new one does not change it).
   */
  private choose(req: SipRequest): ForwardTarget | { status: number; reason: string } {
    const now = this.network.queue.now();
    const key = serverBranchKey(req);
    const kept = key !== undefined ? this.choices.get(key) : undefined;
    if (kept && kept.until > now) return kept.choice;
    const targets = determineTargets(
      req,
      this.me,
      this.location(),
      now,
      this.registrarAddress(),
      'registration',
    );
    const choice = Array.isArray(targets) ? targets[0]! : targets;
    if (key !== undefined) {
      // Old choices are swept when the table has doubled since the last sweep (amortised O(1)).
      if (this.choices.size >= this.sweepAt) {
        for (const [k, c] of this.choices) if (c.until <= now) this.choices.delete(k);
        this.sweepAt = Math.max(64, 2 * this.choices.size);
      }
      this.choices.set(key, { choice, until: now + 64 * this.timers.T1 });
    }
    return choice;
  }

  protected override receiveResponse(res: SipResponse): void {
    // §16.11 / §16.7 step 3: remove our Via and send the response where the next Via says.
    const out = copyMessage(res);
    out.removeFirstValue('via');
    const via = out.topVia();
    if (!via) {
      this.network.record({
        type: 'discard',
        element: this.name,
        detail: `${this.name} drops a response with no Via left under its own`,
      });
      return;
    }
    this.network.send(this, responseDestination(via), out, {});
  }

  protected override onRequest(_tx: ServerTransaction, _req: SipRequest): void {
    /* never called: requests bypass the transaction layer */
  }
  protected override onResponse(_tx: ClientTransaction, _res: SipResponse): void {
    /* never called */
  }

  protected override settings(): Record<string, string | number | boolean> {
    return {
      kind: 'stateless-proxy',
      domain: this.config.domain,
      recordRoute: this.config.recordRoute === true,
    };
  }

  override state(): ElementState {
    return super.state();
  }
}
