/**
 * Subscriptions by a user agent (RFC 6665 §4.1): SUBSCRIBE to an event package (presence by default),
 * refresh before it expires, unsubscribe with Expires: 0, and NOTIFYs that report the state, even one
 * that arrives before the 200 of the SUBSCRIBE (§4.1.2.4).
 */
import { paramValue, type SipRequest, type SipResponse } from '../../codec';
import { Dialog } from '../../dialog';
import type { ClientTransaction, ServerTransaction } from '../../transaction';
import { ActionError, type ActivitySnapshot } from '../element-types';
import type { UaCore } from './ua-core';

interface Subscription {
  target: string;
  event: string;
  callId: string;
  localTag: string;
  cseq: number;
  /** The last SUBSCRIBE sent outside the dialog (a NOTIFY that comes first makes the dialog from it). */
  request: SipRequest | undefined;
  dialog: Dialog | undefined;
  state: 'subscribing' | 'active' | 'pending' | 'terminated' | 'failed';
  expires: number;
  refreshTimer: number | undefined;
  lastNotify: string;
}

export class Subscriptions {
  private readonly subscriptions: Subscription[] = [];

  constructor(private readonly ua: UaCore) {}

  subscribe(to: string, event: string, expires: number): string {
    const sub: Subscription = {
      target: to,
      event,
      callId: this.ua.newCallId(),
      localTag: this.ua.newTag(),
      cseq: (this.ua.config.firstCSeq ?? 1) - 1,
      request: undefined,
      dialog: undefined,
      state: 'subscribing',
      expires,
      refreshTimer: undefined,
      lastNotify: '',
    };
    this.subscriptions.push(sub);
    this.sendSubscribe(sub, expires);
    return `${this.ua.name} subscribes to ${event} of ${to}`;
  }

  /** The first SUBSCRIBE creates the dialog; refreshes and the unsubscribe go inside it (§4.1.2). */
  private sendSubscribe(sub: Subscription, expires: number): void {
    const extra: [string, string][] = [
      ['Event', sub.event],
      ['Expires', String(expires)],
      ['Accept', 'application/pidf+xml'],
    ];
    if (sub.dialog) {
      const req = sub.dialog.createRequest('SUBSCRIBE', {
        contact: this.ua.contact(),
        headers: extra,
      });
      this.ua.addVia(req);
      this.ua.sendRequest(req, this.ua.dialogNextHop(req));
    } else {
      sub.cseq++;
      const req = this.ua.newRequest(
        'SUBSCRIBE',
        sub.target,
        `<${sub.target}>`,
        sub.callId,
        sub.localTag,
        sub.cseq,
        [['Contact', this.ua.contact()], ...extra],
      );
      sub.request = req;
      this.ua.sendRequest(req, this.ua.nextHop(sub.target));
    }
  }

  /** Ends the first live subscription (to `to`, if given) with Expires: 0 (§4.1.2.3). */
  unsubscribe(to: string | undefined): string {
    const sub = this.subscriptions.find(
      (s) => s.state !== 'terminated' && (to === undefined || s.target === to),
    );
    if (!sub || !sub.dialog) throw new ActionError('there is no active subscription');
    if (sub.refreshTimer !== undefined) this.ua.clock.clearTimeout(sub.refreshTimer);
    sub.refreshTimer = undefined;
    this.sendSubscribe(sub, 0);
    return `${this.ua.name} ends its subscription to ${sub.target}`;
  }

  onResponse(tx: ClientTransaction, res: SipResponse): void {
    const callId = tx.request.callId();
    const sub = this.subscriptions.find((s) => s.callId === callId);
    if (!sub || res.status < 200) return;
    if (res.status >= 300) {
      sub.state = 'failed';
      sub.lastNotify = `${res.status} ${res.reason}`;
      return;
    }
    // The 2xx of the SUBSCRIBE that created the subscription makes the dialog, unless a NOTIFY that
    // came first made it already (RFC 6665 §4.1.2.4): that dialog stands as the NOTIFY set it up.
    if (!sub.dialog) sub.dialog = Dialog.fromUac(tx.request, res, this.ua.machineEnv);
    const granted = res.expires() ?? sub.expires;
    if (granted === 0 || tx.request.expires() === 0) return;
    if (this.ua.config.refresh !== false) this.armRefresh(sub, granted);
  }

  private armRefresh(sub: Subscription, granted: number): void {
    if (sub.refreshTimer !== undefined) this.ua.clock.clearTimeout(sub.refreshTimer);
    const at = Math.max(granted / 2, granted - 60) * 1000;
    this.ua.record({
      type: 'timer-start',
      element: this.ua.name,
      timer: 'subscription refresh',
      durationMs: at,
      detail: `${this.ua.name} will refresh its subscription in ${at / 1000} s`,
    });
    sub.refreshTimer = this.ua.clock.setTimeout(() => {
      sub.refreshTimer = undefined;
      this.ua.record({
        type: 'timer-fire',
        element: this.ua.name,
        timer: 'subscription refresh',
        detail: `${this.ua.name} refreshes its subscription to ${sub.target}`,
      });
      this.sendSubscribe(sub, sub.expires);
    }, at);
  }

  onNotify(tx: ServerTransaction, req: SipRequest): void {
    const callId = req.callId();
    const toTag = req.to() ? paramValue(req.to()!.params, 'tag') : undefined;
    const sub = this.subscriptions.find((s) => s.callId === callId && s.localTag === toTag);
    if (!sub) {
      this.ua.respond(tx, 481);
      return;
    }
    if (!sub.dialog && sub.request) {
      // The NOTIFY came before the 200 of the SUBSCRIBE: it creates the dialog (RFC 6665 §4.1.2.4).
      sub.dialog = Dialog.fromNotify(sub.request, req, this.ua.machineEnv);
    } else if (sub.dialog) {
      // A NOTIFY inside the dialog: its CSeq must grow (§12.2.2).
      const err = sub.dialog.receiveRequest(req);
      if (err) {
        this.ua.respond(tx, err.status, { reason: err.reason, toTag: sub.localTag });
        return;
      }
    }
    const state = req.subscriptionState();
    sub.state =
      state?.state === 'active' || state?.state === 'pending' || state?.state === 'terminated'
        ? state.state
        : sub.state;
    const basic = /<basic>\s*([a-z]+)\s*<\/basic>/i.exec(req.body)?.[1];
    sub.lastNotify = basic ? `${sub.target} is ${basic}` : `NOTIFY (${state?.state ?? 'no state'})`;
    if (state?.state === 'terminated') {
      if (sub.refreshTimer !== undefined) this.ua.clock.clearTimeout(sub.refreshTimer);
      sub.refreshTimer = undefined;
      sub.dialog?.terminate('subscription-ended');
    }
    this.ua.respond(tx, 200, { toTag: sub.localTag });
  }

  activities(): ActivitySnapshot[] {
    return this.subscriptions.map((s) => ({
      kind: 'subscription',
      state: s.state,
      peer: s.target,
      summary: `${s.event} of ${s.target}: ${s.state}${s.lastNotify ? ` — ${s.lastNotify}` : ''}`,
    }));
  }

  dialogs(): Dialog[] {
    return this.subscriptions.flatMap((s) => (s.dialog ? [s.dialog] : []));
  }
}
