/**
 * SIP events (RFC 6665 §3.1.2, §3.2.1, §4.1.2.2, §4.1.2.3, §4.1.3, §4.2.1.2): SUBSCRIBE and NOTIFY
 * name their event package, NOTIFY carries Subscription-State, an accepted SUBSCRIBE is followed by a
 * NOTIFY (a terminating one after Expires: 0), and a subscription is refreshed inside its dialog.
 */
import type { Model, Msg } from '../model';
import { defineRule } from '../rule';
import { at, what } from '../support/describe';

function own(model: Model, method: string): Msg[] {
  return model.messages.filter(
    (m) => m.method === method && m.request && !m.forwardOf && !m.copyOf,
  );
}

export const subscribeEvent = defineRule(
  {
    id: 'subscribe-event',
    level: 'MUST',
    rfc: 'RFC 6665',
    section: '§3.1.2',
    title: 'A SUBSCRIBE carries exactly one Event header field.',
  },
  (model, emit) => {
    for (const m of own(model, 'SUBSCRIBE')) {
      const n = m.sip.headersOf('event').length;
      if (n !== 1)
        emit(
          m,
          `This SUBSCRIBE carries ${n === 0 ? 'no' : n} Event header field${n === 1 ? '' : 's'}; it must name exactly one event package.`,
        );
    }
  },
);

export const notifyEvent = defineRule(
  {
    id: 'notify-event',
    level: 'SHOULD',
    rfc: 'RFC 6665',
    section: '§3.2.1',
    title: 'A NOTIFY carries one Event header field naming the event package it reports.',
  },
  (model, emit) => {
    for (const m of own(model, 'NOTIFY')) {
      const n = m.sip.headersOf('event').length;
      if (n !== 1)
        emit(
          m,
          `This NOTIFY carries ${n === 0 ? 'no' : n} Event header field${n === 1 ? '' : 's'}; like a SUBSCRIBE, it names a single event package.`,
        );
    }
  },
);

export const notifySubscriptionState = defineRule(
  {
    id: 'notify-subscription-state',
    level: 'MUST',
    rfc: 'RFC 6665',
    section: '§4.1.3',
    title: 'A NOTIFY carries a Subscription-State header field.',
  },
  (model, emit) => {
    for (const m of own(model, 'NOTIFY'))
      if (!m.sip.has('subscription-state'))
        emit(
          m,
          'This NOTIFY has no Subscription-State; the subscriber cannot tell whether the subscription is active, pending or terminated.',
        );
  },
);

interface Accepted {
  ok: Msg;
  subscribe: Msg;
  notifier: string;
  /** NOTIFYs of this subscription the notifier sent after the SUBSCRIBE reached it. */
  notifies: Msg[];
}

function accepted(model: Model): Accepted[] {
  const out: Accepted[] = [];
  const notifies = own(model, 'NOTIFY');
  for (const r of model.messages) {
    if (!r.response || r.method !== 'SUBSCRIBE' || r.status < 200 || r.status >= 300) continue;
    if (r.forwardOf || r.copyOf || !r.tx || r.source !== r.tx.server) continue;
    const subscribe = r.tx.delivered[0];
    if (!subscribe) continue;
    const notifier = r.source;
    out.push({
      ok: r,
      subscribe,
      notifier,
      notifies: notifies.filter(
        (n) =>
          n.source === notifier &&
          n.callId === subscribe.callId &&
          n.toTag === subscribe.fromTag &&
          (r.toTag === undefined || n.fromTag === r.toTag) &&
          // Sent after the SUBSCRIBE arrived: within the tolerance of its arrival, and after it in
          // send order (a NOTIFY of the same millisecond that left before it answers an earlier one).
          n.time >= subscribe.arrival - model.settings.tolerance &&
          n.index > subscribe.index,
      ),
    });
  }
  return out;
}

export const subscribeAcceptedNotify = defineRule(
  {
    id: 'subscribe-accepted-notify',
    level: 'MUST',
    rfc: 'RFC 6665',
    section: '§4.2.1.2',
    title:
      'A notifier that accepts (or refreshes) a subscription with a 2xx sends a NOTIFY at once.',
  },
  (model, emit) => {
    const s = model.settings;
    for (const a of accepted(model)) {
      const window = a.ok.time + 64 * s.T1;
      if (s.endTime < window) continue;
      if (!a.notifies.some((n) => n.time <= window))
        emit(
          a.ok,
          `The notifier accepted the SUBSCRIBE with this ${what(a.ok)} at ${at(a.ok.time)} but sent no NOTIFY; it must send one immediately with the current state.`,
          [a.subscribe],
        );
    }
  },
);

export const unsubscribeNotifyTerminated = defineRule(
  {
    id: 'unsubscribe-notify-terminated',
    level: 'SHOULD',
    rfc: 'RFC 6665',
    section: '§4.1.2.3',
    title:
      'The NOTIFY that follows an accepted SUBSCRIBE with Expires: 0 says the subscription is terminated.',
  },
  (model, emit) => {
    for (const a of accepted(model)) {
      if (a.subscribe.expires !== 0) continue;
      const n = a.notifies[0];
      const state = n?.sip.subscriptionState()?.state;
      if (n && state !== undefined && state !== 'terminated')
        emit(
          n,
          `This NOTIFY follows an unsubscribe (SUBSCRIBE with Expires: 0) but says Subscription-State: ${state}; it should say terminated.`,
          [a.subscribe],
        );
    }
  },
);

export const subscribeRefreshInDialog = defineRule(
  {
    id: 'subscribe-refresh-in-dialog',
    level: 'SHOULD',
    rfc: 'RFC 6665',
    section: '§4.1.2.2',
    title:
      "A subscriber refreshes or ends its subscription with a SUBSCRIBE sent inside the subscription's dialog.",
  },
  (model, emit) => {
    for (const m of own(model, 'SUBSCRIBE')) {
      if (m.toTag !== undefined) continue;
      const d = model.dialogs.find(
        (x) =>
          x.method === 'SUBSCRIBE' &&
          x.callId === m.callId &&
          x.uacTag === m.fromTag &&
          x.uac === m.source,
      );
      if (!d || !d.sides.uac.established) continue;
      const known = model.messages.some(
        (x) =>
          x.delivered &&
          x.destination === m.source &&
          x.callId === m.callId &&
          x.arrival < m.time &&
          ((x.method === 'NOTIFY' && x.request !== undefined && x.toTag === m.fromTag) ||
            (x.response !== undefined &&
              x.method === 'SUBSCRIBE' &&
              x.status >= 200 &&
              x.status < 300 &&
              x.fromTag === m.fromTag &&
              x.toTag !== undefined)),
      );
      if (known)
        emit(
          m,
          'This SUBSCRIBE reuses the Call-ID and From tag of an established subscription but is sent outside its dialog (no To tag); a refresh goes inside the dialog.',
          [d.request],
        );
    }
  },
);
