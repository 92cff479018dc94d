/**
 * Presence server (RFC 6665 SIP-specific event notification, with the presence package of RFC 3856 and
 * PIDF bodies of RFC 3863): accepts SUBSCRIBE for Event: presence, sends a NOTIFY at once with the
 * presentity's state and another each time the state changes, and ends subscriptions that expire.
 */
import { isSipUri, type SipRequest, type SipResponse } from '../codec';
import { Dialog, dialogIdFor } from '../dialog';
import type { ClientTransaction, MachineInstance, ServerTransaction } from '../transaction';
import { BaseElement, type ElementContext } from './base-element';
import type { PresenceServerConfig } from './config';
import {
  ActionError,
  type ActivityState,
  type ElementAction,
  type ElementState,
} from './element-types';
import { canonicalAor } from './location-service';

interface Subscription {
  presentity: string;
  dialog: Dialog;
  subscriber: string;
  expiresAt: number;
  timer: number | undefined;
  state: 'active' | 'terminated';
}

export function pidf(entity: string, basic: 'open' | 'closed'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\r\n<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="${entity}">\r\n <tuple id="t1"><status><basic>${basic}</basic></status></tuple>\r\n</presence>\r\n`;
}

export class PresenceServer extends BaseElement {
  readonly kind = 'presence-server' as const;
  private readonly status = new Map<string, 'open' | 'closed'>();
  private readonly subscriptions: Subscription[] = [];

  constructor(
    override readonly config: PresenceServerConfig,
    ctx: ElementContext,
  ) {
    super(config, ctx);
    for (const [aor, s] of Object.entries(config.initial ?? {}))
      this.status.set(canonicalAor(aor), s);
  }

  private get maxExpires(): number {
    return this.config.maxExpires ?? 3600;
  }

  protected override onRequest(tx: ServerTransaction, req: SipRequest): void {
    if (req.method === 'OPTIONS') {
      this.respond(tx, 200, {
        headers: [
          ['Allow', 'SUBSCRIBE, OPTIONS'],
          ['Allow-Events', 'presence'],
        ],
      });
      return;
    }
    if (req.method !== 'SUBSCRIBE') {
      this.respond(tx, 405, { headers: [['Allow', 'SUBSCRIBE, OPTIONS']] });
      return;
    }
    const event = req.event();
    if (!event || event.type.toLowerCase() !== 'presence') {
      this.respond(tx, 489, { headers: [['Allow-Events', 'presence']] });
      return;
    }
    const requested = req.expires() ?? 3600;
    const expires = Math.min(requested, this.maxExpires);
    const existingId = dialogIdFor(req, 'received-request');
    if (existingId !== undefined) {
      // A refresh or an unsubscribe inside the subscription's dialog (RFC 6665 §4.2.1.2).
      const sub = this.subscriptions.find(
        (s) => s.dialog.id === existingId && s.state === 'active',
      );
      if (!sub) {
        this.respond(tx, 481);
        return;
      }
      const err = sub.dialog.receiveRequest(req);
      if (err) {
        this.respond(tx, err.status, { reason: err.reason, toTag: sub.dialog.localTag });
        return;
      }
      // A 2xx to SUBSCRIBE carries a Contact, refreshes and unsubscribes too (RFC 6665 §4.2.1.1).
      this.respond(tx, 200, {
        toTag: sub.dialog.localTag,
        headers: [
          ['Expires', String(expires)],
          ['Contact', `<sip:${this.address}:${this.port}>`],
        ],
      });
      this.renew(sub, expires);
      return;
    }
    const uri = req.uri();
    if (!isSipUri(uri) || uri.host.toLowerCase() !== this.config.domain.toLowerCase()) {
      this.respond(tx, 404, { reason: 'Not Found (not a domain of this server)' });
      return;
    }
    const presentity = canonicalAor(uri);
    const tag = this.newTag();
    const dialog = Dialog.fromUas(req, tag, true, this.machineEnv);
    if (!dialog) {
      this.respond(tx, 400, { reason: 'SUBSCRIBE needs a From tag and a Contact' });
      return;
    }
    this.respond(tx, 200, {
      toTag: tag,
      headers: [
        ['Expires', String(expires)],
        ['Contact', `<sip:${this.address}:${this.port}>`],
      ],
    });
    const sub: Subscription = {
      presentity,
      dialog,
      subscriber: req.headerValue('from') ?? '',
      expiresAt: 0,
      timer: undefined,
      state: 'active',
    };
    this.subscriptions.push(sub);
    this.renew(sub, expires);
  }

  /** Sets the expiry, then notifies the current state (RFC 6665 §4.2.1.2: a NOTIFY follows every accepted SUBSCRIBE). */
  private renew(sub: Subscription, expires: number): void {
    const q = this.network.queue;
    if (sub.timer !== undefined) q.clearTimeout(sub.timer);
    sub.timer = undefined;
    if (expires === 0) {
      this.notify(sub, 'terminated;reason=timeout');
      sub.state = 'terminated';
      sub.dialog.terminate('subscription-ended');
      return;
    }
    sub.expiresAt = q.now() + expires * 1000;
    sub.timer = q.setTimeout(() => {
      sub.timer = undefined;
      this.network.record({
        type: 'timer-fire',
        element: this.name,
        timer: 'subscription expiry',
        detail: `The subscription of ${sub.subscriber} to ${sub.presentity} expires`,
      });
      this.notify(sub, 'terminated;reason=timeout');
      sub.state = 'terminated';
      sub.dialog.terminate('subscription-ended');
    }, expires * 1000);
    this.notify(sub, `active;expires=${expires}`);
  }

  private notify(sub: Subscription, state: string): void {
    const basic = this.status.get(sub.presentity) ?? 'closed';
    const req = sub.dialog.createRequest('NOTIFY', {
      contact: `<sip:${this.address}:${this.port}>`,
      headers: [
        ['Event', 'presence'],
        ['Subscription-State', state],
      ],
      body: pidf(sub.presentity, basic),
      contentType: 'application/pidf+xml',
    });
    req.prependHeader('via', this.via(this.newBranch()));
    // Inside the dialog the route set decides where the NOTIFY goes (§12.2.1.1, §8.1.2).
    const destination = this.dialogNextHop(req);
    if (destination) this.layer.sendRequest(req, destination);
    else this.note(`${this.name} cannot find where to send the NOTIFY (no DNS record)`);
  }

  override perform(a: ElementAction): string {
    if (a.action !== 'set-status') return super.perform(a);
    const aor = canonicalAor(String(a.aor));
    const status = a.status === 'open' ? 'open' : 'closed';
    this.status.set(aor, status);
    const subs = this.subscriptions.filter((s) => s.presentity === aor && s.state === 'active');
    for (const s of subs)
      this.notify(
        s,
        `active;expires=${Math.max(0, Math.ceil((s.expiresAt - this.network.queue.now()) / 1000))}`,
      );
    if (subs.length === 0 && !this.status.has(aor))
      throw new ActionError(`nobody is subscribed to ${aor}`);
    return `${aor} is now ${status}; ${subs.length} subscriber(s) notified`;
  }

  protected override onResponse(tx: ClientTransaction, res: SipResponse): void {
    if (tx.method !== 'NOTIFY' || res.status < 300) return;
    // A NOTIFY answered 481 (or any failure) ends the subscription (RFC 6665 §4.2.2).
    const id = dialogIdFor(res, 'received-response');
    const sub = this.subscriptions.find((s) => s.dialog.id === id);
    if (sub) {
      sub.state = 'terminated';
      if (sub.timer !== undefined) this.network.queue.clearTimeout(sub.timer);
    }
  }

  protected override settings(): Record<string, string | number | boolean> {
    return { domain: this.config.domain };
  }

  protected override machines(): MachineInstance[] {
    return this.subscriptions.map((s) => s.dialog.view());
  }

  override state(): ElementState {
    const activities: ActivityState[] = [
      ...[...this.status.entries()].map(([aor, s]) => ({
        kind: 'subscription' as const,
        state: s,
        summary: `${aor} is ${s}`,
      })),
      ...this.subscriptions.map((s) => ({
        kind: 'subscription' as const,
        state: s.state,
        peer: s.subscriber,
        summary: `${s.subscriber} watches ${s.presentity}: ${s.state}`,
        ...(s.state === 'active' ? { until: s.expiresAt } : {}),
      })),
    ];
    return {
      ...super.state(),
      dialogs: this.subscriptions.map((s) => s.dialog.snapshot()),
      activities,
    };
  }
}
