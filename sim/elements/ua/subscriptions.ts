/**
 * Subscriptions by a user agent (RFC 6665 §4.1): each runs the subscription machine
 * (subscription-machine.ts) — SUBSCRIBE to an event package (presence by default), refresh before it
 * expires, unsubscribe with Expires: 0, and NOTIFYs that report the state, even one that arrives before
 * the 200 of the SUBSCRIBE (§4.1.2.4) — and this host finds the subscription each response, NOTIFY or
 * user action is for, and answers the NOTIFYs.
 */
import { paramValue, type SipRequest, type SipResponse } from '../../codec';
import { Dialog } from '../../dialog';
import {
  MachineRunner,
  type ClientTransaction,
  type MachineInstance,
  type MachineTimers,
  type ServerTransaction,
} from '../../transaction';
import { ActionError, type ActivitySnapshot } from '../element-types';
import type { SubscriptionEvent } from './subscription-actions';
import { SUBSCRIPTION_ACTIVITY, subscriptionMachine } from './subscription-machine';
import type { UaCore } from './ua-core';
import { activityWord, runUaMachine } from './ua-machine';

/** What a subscription keeps; its state is that of its machine. */
export class Subscription {
  cseq: number;
  /** The last SUBSCRIBE sent outside the dialog (a NOTIFY that comes first makes the dialog from it). */
  request: SipRequest | undefined;
  dialog: Dialog | undefined;
  lastNotify = '';
  private readonly machine: MachineRunner<SubscriptionEvent>;

  constructor(
    ua: UaCore,
    readonly target: string,
    readonly event: string,
    readonly expires: number,
    readonly callId: string,
    readonly localTag: string,
  ) {
    this.cseq = (ua.config.firstCSeq ?? 1) - 1;
    this.machine = runUaMachine<SubscriptionEvent>(
      ua,
      subscriptionMachine,
      (timers: MachineTimers) => ({ ua, sub: this, timers }),
    );
  }

  /** subscribing, pending, active, terminated or failed (the activity's words). */
  get state(): (typeof SUBSCRIPTION_ACTIVITY)[keyof typeof SUBSCRIPTION_ACTIVITY] {
    return activityWord(SUBSCRIPTION_ACTIVITY, this.machine);
  }

  send(event: SubscriptionEvent): void {
    this.machine.send(event);
  }

  view(): MachineInstance {
    return this.machine.view(
      `subscription ${this.callId}`,
      subscriptionMachine.id,
      `${this.event} of ${this.target}`,
    );
  }
}

export class Subscriptions {
  private readonly subscriptions: Subscription[] = [];

  constructor(private readonly ua: UaCore) {}

  subscribe(to: string, event: string, expires: number): string {
    const callId = this.ua.newCallId();
    const localTag = this.ua.newTag();
    this.subscriptions.push(new Subscription(this.ua, to, event, expires, callId, localTag));
    return `${this.ua.name} subscribes to ${event} of ${to}`;
  }

  /** Ends the first live subscription (to `to`, if given) with Expires: 0 (§4.1.2.3). */
  unsubscribe(to: string | undefined): string {
    const sub = this.subscriptions.find(
      (s) => s.state !== 'terminated' && (to === undefined || s.target === to),
    );
    if (!sub || !sub.dialog) throw new ActionError('there is no active subscription');
    sub.send({ type: 'unsubscribe' });
    return `${this.ua.name} ends its subscription to ${sub.target}`;
  }

  onResponse(tx: ClientTransaction, res: SipResponse): void {
    const callId = tx.requireRequest().callId();
    const sub = this.subscriptions.find((s) => s.callId === callId);
    if (!sub || res.status < 200) return;
    sub.send(
      res.status >= 300 ? { type: 'failure', response: res } : { type: '2xx', response: res, tx },
    );
  }

  onNotify(tx: ServerTransaction, req: SipRequest): void {
    const callId = req.callId();
    const toTag = req.to() ? paramValue(req.to()!.params, 'tag') : undefined;
    const sub = this.subscriptions.find((s) => s.callId === callId && s.localTag === toTag);
    // No subscription, or one that has ended: nothing matches the NOTIFY (RFC 6665 §4.1.3).
    if (!sub || sub.state === 'terminated') {
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
    sub.send({ type: 'NOTIFY', request: req });
    this.ua.respond(tx, 200, { toTag: sub.localTag });
  }

  machines(): MachineInstance[] {
    return this.subscriptions.map((s) => s.view());
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
