/**
 * Responses through a proxy (RFC 3261 §16.7 steps 5, 6; RFC 6026 §7.1): a stateful proxy keeps 100
 * (Trying) to itself, forwards every other provisional response before its final one and every 2xx at
 * once, picks the best final response (6xx first, else the lowest class, never a 503), leaves the To
 * tag of 1xx/2xx alone, and absorbs an INVITE retransmitted after it forwarded a 2xx.
 */
import { isStatefulProxy, type HopTransaction, type Model, type Msg } from '../model';
import type { Settings } from '../model/settings';
import { defineRule } from '../rule';
import { interval, near } from '../support/backoff';
import { at, what } from '../support/describe';

export const proxyNo100Forward = defineRule(
  {
    id: 'proxy-no-100-forward',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§16.7',
    title: 'A stateful proxy does not forward a 100 (Trying) response (step 5).',
  },
  (model, emit) => {
    for (const y of model.messages)
      if (y.status === 100 && y.forwardOf && isStatefulProxy(model, y.source))
        emit(
          y,
          'This stateful proxy forwarded a 100 (Trying) it received; a 100 only quenches retransmissions on its own hop and must not be forwarded.',
          [y.forwardOf],
        );
  },
);

/** For each branch a proxy forwarded: the proxy, the upstream hop, the branch hop. */
function branches(model: Model): { proxy: string; up: HopTransaction; down: HopTransaction }[] {
  const out: { proxy: string; up: HopTransaction; down: HopTransaction }[] = [];
  for (const down of model.transactions) {
    const up = down.upstream;
    if (up && down.client === up.server) out.push({ proxy: down.client, up, down });
  }
  return out;
}

/** Pairs each delivered response with a later send upstream; returns those left unmatched. */
function unforwarded(model: Model, received: readonly Msg[], sent: readonly Msg[]): Msg[] {
  const s = model.settings;
  const times = sent.map((m) => m.time).sort((a, b) => a - b);
  const out: Msg[] = [];
  let next = 0;
  for (const r of [...received].sort((a, b) => a.arrival - b.arrival)) {
    while (next < times.length && times[next]! < r.arrival - s.tolerance) next++;
    if (next < times.length && times[next]! <= r.arrival + s.prompt) {
      next++;
      continue;
    }
    if (s.endTime >= r.arrival + s.prompt) out.push(r);
  }
  return out;
}

export const proxyForwards2xx = defineRule(
  {
    id: 'proxy-forwards-2xx',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§16.7',
    title:
      'A proxy forwards at once every 2xx to an INVITE it receives, from every branch, retransmissions included (step 5), while its client transaction takes them (Timer M of RFC 6026).',
  },
  (model, emit) => {
    for (const { proxy, up, down } of branches(model)) {
      if (down.method !== 'INVITE') continue;
      const all = down.responses.filter(
        (r) => r.status >= 200 && r.status < 300 && r.delivered && r.destination === proxy,
      );
      // RFC 6026 §8.4: the branch's client transaction takes 2xx in Accepted for 64·T1 (Timer M) after
      // the first; a 2xx later than that matches no transaction, and a proxy does not forward it.
      const first = Math.min(...all.map((r) => r.arrival));
      const got = all.filter(
        (r) => r.arrival <= first + 64 * model.settings.T1 + model.settings.tolerance,
      );
      const tags = new Set(got.map((r) => r.toTag));
      for (const tag of tags) {
        const received = got.filter((r) => r.toTag === tag);
        const sent = up.responses.filter(
          (r) => r.source === proxy && r.status >= 200 && r.status < 300 && r.toTag === tag,
        );
        for (const r of unforwarded(model, received, sent))
          emit(
            r,
            `The proxy ${proxy} received this ${what(r)}${r.copyOf ? ' (a retransmission)' : ''} at ${at(r.arrival)} and did not forward it upstream; every 2xx to an INVITE must be forwarded at once.`,
            [up.requests[0]],
          );
      }
    }
  },
);

export const proxyForwardsProvisional = defineRule(
  {
    id: 'proxy-forwards-provisional',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§16.7',
    title:
      'Until it has sent a final response, a proxy forwards at once every provisional response other than 100 (step 5).',
  },
  (model, emit) => {
    for (const { proxy, up, down } of branches(model)) {
      const finalAt =
        up.responses.find((r) => r.source === proxy && r.status >= 200)?.time ?? Infinity;
      const got = down.responses.filter(
        (r) =>
          r.status > 100 &&
          r.status < 200 &&
          r.delivered &&
          r.destination === proxy &&
          r.arrival < finalAt - model.settings.tolerance,
      );
      const keys = new Set(got.map((r) => `${r.status} ${r.toTag}`));
      for (const k of keys) {
        const received = got.filter((r) => `${r.status} ${r.toTag}` === k);
        const sent = up.responses.filter(
          (r) => r.source === proxy && `${r.status} ${r.toTag}` === k,
        );
        for (const r of unforwarded(model, received, sent))
          emit(
            r,
            `The proxy ${proxy} received this ${what(r)} at ${at(r.arrival)}, before its final response, and did not forward it; provisional responses other than 100 must be forwarded at once.`,
            [up.requests[0]],
          );
      }
    }
  },
);

interface Choice {
  proxy: string;
  up: HopTransaction;
  final: Msg;
  candidates: Msg[];
}

/** The non-2xx final response each stateful proxy sent upstream, with the finals its branches had returned. */
function choices(model: Model): Choice[] {
  const out: Choice[] = [];
  for (const up of model.transactions) {
    const proxy = up.server;
    if (up.downstream.length === 0 || !isStatefulProxy(model, proxy)) continue;
    const final = up.responses.find((r) => r.source === proxy && r.status >= 200);
    if (!final || final.status < 300) continue;
    const candidates = up.downstream.flatMap((d) =>
      d.responses.filter(
        (r) =>
          r.status >= 300 &&
          r.delivered &&
          r.destination === proxy &&
          r.arrival <= final.time + model.settings.tolerance,
      ),
    );
    if (candidates.length > 0) out.push({ proxy, up, final, candidates });
  }
  return out;
}

export const proxyBestResponse6xx = defineRule(
  {
    id: 'proxy-best-response-6xx',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§16.7',
    title:
      'When a branch returned a 6xx, the final response a stateful proxy sends is a 6xx (step 6).',
  },
  (model, emit) => {
    for (const { final, candidates } of choices(model)) {
      const six = candidates.find((r) => r.status >= 600);
      if (six && final.status < 600)
        emit(
          final,
          `The proxy answered ${what(final)} although a branch had returned ${what(six)}; a 6xx (the callee declines everywhere) must win.`,
          [six],
        );
    }
  },
);

export const proxyBestResponseClass = defineRule(
  {
    id: 'proxy-best-response-class',
    level: 'SHOULD',
    rfc: 'RFC 3261',
    section: '§16.7',
    title:
      'Without a 6xx, a stateful proxy answers with a response from the lowest class its branches returned (step 6).',
  },
  (model, emit) => {
    for (const { final, candidates } of choices(model)) {
      if (candidates.some((r) => r.status >= 600)) continue;
      const lowest = candidates.reduce((a, b) =>
        Math.floor(b.status / 100) < Math.floor(a.status / 100) ? b : a,
      );
      if (Math.floor(final.status / 100) > Math.floor(lowest.status / 100))
        emit(
          final,
          `The proxy answered ${what(final)} although a branch had returned ${what(lowest)}, from a lower class; the best response comes from the lowest class.`,
          [lowest],
        );
    }
  },
);

export const proxy503NotForwarded = defineRule(
  {
    id: 'proxy-503-not-forwarded',
    level: 'SHOULD',
    rfc: 'RFC 3261',
    section: '§16.7',
    title:
      'A proxy does not pass a 503 (Service Unavailable) upstream; it answers 500 instead (step 6).',
  },
  (model, emit) => {
    for (const { final } of choices(model))
      if (final.status === 503 && final.forwardOf?.status === 503)
        emit(
          final,
          'The proxy forwarded a 503 (Service Unavailable) it received; upstream that would mean the proxy itself is unavailable, so it should answer 500 instead.',
          [final.forwardOf],
        );
  },
);

export const proxyToTagUnchanged = defineRule(
  {
    id: 'proxy-to-tag-unchanged',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§16.7',
    title:
      'A proxy does not add, change or remove the To tag of a 1xx or 2xx response it forwards (step 6).',
  },
  (model, emit) => {
    for (const y of model.messages) {
      const x = y.forwardOf;
      if (!y.response || !x || y.status <= 100 || y.status >= 300) continue;
      if (y.toTag !== x.toTag)
        emit(
          y,
          `This forwarded ${what(y)} carries To tag "${y.toTag ?? '(none)'}" but the response the proxy received carried "${x.toTag ?? '(none)'}"; the tag identifies the callee's dialog and must pass unchanged.`,
          [x],
        );
    }
  },
);

export const proxyAbsorbsInviteRetransmission = defineRule(
  {
    id: 'proxy-absorbs-invite-retransmission',
    level: 'SHOULD',
    rfc: 'RFC 6026',
    section: '§7.1',
    title:
      'A stateful proxy that forwarded a 2xx absorbs later retransmissions of that INVITE instead of forwarding them as a new request.',
  },
  (model, emit) => {
    for (const up of model.transactions) {
      const proxy = up.server;
      if (up.method !== 'INVITE' || up.downstream.length === 0 || !isStatefulProxy(model, proxy))
        continue;
      const ok = up.responses.find((r) => r.source === proxy && r.status >= 200 && r.status < 300);
      if (!ok) continue;
      for (const c of up.delivered)
        if (c.arrival > ok.time + model.settings.tolerance)
          for (const y of c.forwards)
            // A copy that falls on the downstream transaction's own Timer A schedule is the client
            // transaction retransmitting (it had no response yet), not a forward of this one.
            if (!onTimerASchedule(y, model.settings))
              emit(
                y,
                `The proxy forwarded this retransmitted INVITE (arrived ${at(c.arrival)}) after it had forwarded the ${what(ok)}; its server transaction, now Accepted, should absorb it.`,
                [c, ok],
              );
    }
  },
);

/** True when a request copy leaves exactly when Timer A (T1 doubling) would resend its transaction's request. */
function onTimerASchedule(y: Msg, settings: Settings): boolean {
  const sent = y.tx?.requests;
  if (!sent || sent.length < 2 || sent[0] === y) return false;
  let due = sent[0]!.time;
  for (let i = 1; i < sent.length + 1; i++) {
    due += interval(i, settings, false);
    if (near(y.time, due, settings)) return true;
    if (due > y.time + settings.tolerance) return false;
  }
  return false;
}
