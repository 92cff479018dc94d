/**
 * What the subscription machine does (RFC 6665 §4.1 subscriber), as named actions and guards over the
 * subscription it runs: the first SUBSCRIBE out of dialog and the later ones inside it (§4.1.2), the
 * 2xx that makes the dialog unless a NOTIFY made it first (§4.1.2.4), the refresh before the
 * subscription expires (§4.1.2.2), unsubscribing with Expires: 0 (§4.1.2.3), and the state each NOTIFY
 * reports (§4.1.3). subscription-machine.ts says when.
 */
import type { SipRequest, SipResponse } from '../../codec';
import { Dialog } from '../../dialog';
import type { ClientTransaction, MachineTimers } from '../../transaction';
import type { Subscription } from './subscriptions';
import type { UaCore } from './ua-core';

export type SubscriptionEvent =
  /** A 2xx to one of its SUBSCRIBEs. */
  | { type: '2xx'; response: SipResponse; tx: ClientTransaction }
  /** A 300–699 response to one of its SUBSCRIBEs. */
  | { type: 'failure'; response: SipResponse }
  /** A NOTIFY of its dialog (already matched and accepted by the host, §4.1.3). */
  | { type: 'NOTIFY'; request: SipRequest }
  /** The user ends the subscription (§4.1.2.3). */
  | { type: 'unsubscribe' }
  /** Time to refresh it (§4.1.2.2). */
  | { type: 'timer.refresh' };

export interface SubscriptionContext {
  ua: UaCore;
  sub: Subscription;
  timers: MachineTimers;
}

type Args = { context: SubscriptionContext; event: SubscriptionEvent };

/** The first SUBSCRIBE creates the dialog; refreshes and the unsubscribe go inside it (§4.1.2). */
function sendSubscribe({ ua, sub }: SubscriptionContext, expires: number): void {
  const extra: [string, string][] = [
    ['Event', sub.event],
    ['Expires', String(expires)],
    ['Accept', 'application/pidf+xml'],
  ];
  if (sub.dialog) {
    const req = sub.dialog.createRequest('SUBSCRIBE', { contact: ua.contact(), headers: extra });
    ua.addVia(req);
    ua.sendRequest(req, ua.dialogNextHop(req));
    return;
  }
  sub.cseq++;
  const req = ua.newRequest(
    'SUBSCRIBE',
    sub.target,
    `<${sub.target}>`,
    sub.callId,
    sub.localTag,
    sub.cseq,
    [['Contact', ua.contact()], ...extra],
  );
  sub.request = req;
  ua.sendRequest(req, ua.nextHop(sub.target));
}

/** The state a NOTIFY reports (§4.1.3), if it is one the subscriber knows. */
function reported(event: SubscriptionEvent): string | undefined {
  return event.type === 'NOTIFY' ? event.request.subscriptionState()?.state : undefined;
}

// ---- actions -------------------------------------------------------------------------------------------

/** The user subscribes: SUBSCRIBE out of dialog (§4.1.2.1). */
export function subscribe({ context }: Args): void {
  sendSubscribe(context, context.sub.expires);
}

/**
 * A 2xx: the SUBSCRIBE that created the subscription makes the dialog, unless a NOTIFY that came
 * first made it already (§4.1.2.4); the refresh is due halfway for short ones, else a minute early.
 */
export function accepted({ context, event }: Args): void {
  if (event.type !== '2xx') return;
  const { ua, sub, timers } = context;
  const res = event.response;
  const request = event.tx.requireRequest();
  if (!sub.dialog) sub.dialog = Dialog.fromUac(request, res, ua.machineEnv);
  const granted = res.expires() ?? sub.expires;
  if (granted === 0 || request.expires() === 0 || ua.config.refresh === false) return;
  const at = Math.max(granted / 2, granted - 60) * 1000;
  ua.record({
    type: 'timer-start',
    element: ua.name,
    timer: 'subscription refresh',
    durationMs: at,
    detail: `${ua.name} will refresh its subscription in ${at / 1000} s`,
  });
  timers.start('refresh', at, 'subscription refresh');
}

/** A SUBSCRIBE refused: the reason is what the activity shows. */
export function refused({ context, event }: Args): void {
  if (event.type === 'failure')
    context.sub.lastNotify = `${event.response.status} ${event.response.reason}`;
}

/** The refresh: SUBSCRIBE again for the same time, inside the dialog (§4.1.2.2). */
export function refresh({ context }: Args): void {
  const { ua, sub } = context;
  ua.record({
    type: 'timer-fire',
    element: ua.name,
    timer: 'subscription refresh',
    detail: `${ua.name} refreshes its subscription to ${sub.target}`,
  });
  sendSubscribe(context, sub.expires);
}

/** The user unsubscribes: SUBSCRIBE with Expires: 0; the NOTIFY that ends it follows (§4.1.2.3). */
export function unsubscribe({ context }: Args): void {
  context.timers.stop('refresh');
  sendSubscribe(context, 0);
}

/** What the NOTIFY says, for the activity: the presentity's basic status, or its state. */
export function noteNotify({ context, event }: Args): void {
  if (event.type !== 'NOTIFY') return;
  const { sub } = context;
  const basic = /<basic>\s*([a-z]+)\s*<\/basic>/i.exec(event.request.body)?.[1];
  sub.lastNotify = basic
    ? `${sub.target} is ${basic}`
    : `NOTIFY (${reported(event) ?? 'no state'})`;
}

/** Subscription-State: terminated: no more refreshes, and the dialog ends with it (§4.4.1). */
export function endSubscription({ context }: Args): void {
  context.timers.stop('refresh');
  context.sub.dialog?.terminate('subscription-ended');
}

// ---- guards --------------------------------------------------------------------------------------------

export const subscriptionGuards = {
  notifyActive: ({ event }: Args) => reported(event) === 'active',
  notifyPending: ({ event }: Args) => reported(event) === 'pending',
  notifyTerminated: ({ event }: Args) => reported(event) === 'terminated',
};
