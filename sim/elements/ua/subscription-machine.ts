/**
 * A subscription, the subscriber's side (RFC 6665 §4.1.2, with the states of §4.1.3's
 * Subscription-State): Subscribing from the first SUBSCRIBE until a NOTIFY reports the state; then
 * Pending, Active or Terminated as each NOTIFY says (a NOTIFY may come before the 200 of the SUBSCRIBE,
 * §4.1.2.4); Failed when a SUBSCRIBE is refused. The 200s, refreshes (§4.1.2.2) and the unsubscribe
 * (§4.1.2.3) leave the state as it is: only a NOTIFY changes it. Terminated is the end: nothing
 * brings the subscription back (a new SUBSCRIBE makes a new one). What each transition does is in
 * subscription-actions.ts.
 */
import { setup } from 'xstate';
import {
  accepted,
  endSubscription,
  noteNotify,
  refresh,
  refused,
  subscribe,
  subscriptionGuards,
  unsubscribe,
  type SubscriptionContext,
  type SubscriptionEvent,
} from './subscription-actions';

/** The state names, and what the UA's activity list has always called them. */
export const SUBSCRIPTION_ACTIVITY = {
  Subscribing: 'subscribing',
  Pending: 'pending',
  Active: 'active',
  Terminated: 'terminated',
  Failed: 'failed',
} as const;

/** A NOTIFY's Subscription-State leads to that state; one without a known state leaves it (§4.1.3). */
const notify = [
  {
    description: 'NOTIFY active / 200 OK (RFC 6665 §4.1.3)',
    guard: 'notifyActive',
    target: 'Active',
    actions: 'noteNotify',
  },
  {
    description: 'NOTIFY pending / 200 OK (RFC 6665 §4.1.3)',
    guard: 'notifyPending',
    target: 'Pending',
    actions: 'noteNotify',
  },
  {
    description: 'NOTIFY terminated / 200 OK; dialog ends (RFC 6665 §4.4.1)',
    guard: 'notifyTerminated',
    target: 'Terminated',
    actions: ['noteNotify', 'endSubscription'],
  },
  { description: 'NOTIFY, no known state / 200 OK', actions: 'noteNotify' },
] as const;

/** What every state does besides NOTIFY (only a refusal changes the state). */
const common = {
  '2xx': {
    description: '2xx / dialog made if none; refresh timer started (RFC 6665 §4.1.2.1)',
    actions: 'accepted',
  },
  failure: {
    description: '300-699 to a SUBSCRIBE / -',
    target: 'Failed',
    actions: 'refused',
  },
  'timer.refresh': {
    description: 'refresh timer fires / SUBSCRIBE sent (RFC 6665 §4.1.2.2)',
    actions: 'refresh',
  },
  unsubscribe: {
    description: 'user unsubscribes / SUBSCRIBE Expires: 0 sent (RFC 6665 §4.1.2.3)',
    actions: 'unsubscribe',
  },
} as const;

export const subscriptionMachine = setup({
  types: {
    context: {} as SubscriptionContext,
    events: {} as SubscriptionEvent,
    input: {} as SubscriptionContext,
  },
  guards: subscriptionGuards,
  actions: { accepted, endSubscription, noteNotify, refresh, refused, subscribe, unsubscribe },
}).createMachine({
  id: 'subscription',
  meta: {
    title: 'Subscription (subscriber)',
    source: 'RFC 6665 §4.1.2 (subscriber), §4.1.3 (Subscription-State), §4.4.1',
    created: 'user subscribes / SUBSCRIBE sent (RFC 6665 §4.1.2.1)',
  },
  context: ({ input }) => input,
  entry: 'subscribe',
  initial: 'Subscribing',
  states: {
    Subscribing: {
      description: 'SUBSCRIBE sent: waiting for the NOTIFY that tells the state (§4.1.2.4)',
      on: { ...common, NOTIFY: notify },
    },
    Pending: {
      description: 'The notifier has not authorised the subscription yet',
      on: { ...common, NOTIFY: notify },
    },
    Active: {
      description: 'Authorised: NOTIFYs report the resource state',
      on: { ...common, NOTIFY: notify },
    },
    // Over for good (RFC 6665 §4.4.1): a later NOTIFY matches no subscription and gets 481 from the
    // host (§4.1.3), and the 2xx of a SUBSCRIBE still out (a refresh the NOTIFY crossed) revives
    // nothing: no refresh is armed.
    Terminated: {
      description: 'Ended by the notifier, or after the user unsubscribed',
      on: {
        '2xx': { description: '2xx after the end / - (no refresh: the subscription stays over)' },
      },
    },
    Failed: {
      description: 'A SUBSCRIBE was refused',
      on: { ...common, NOTIFY: notify },
    },
  },
});
