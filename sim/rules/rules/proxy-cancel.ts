/**
 * A stateful proxy and CANCEL (RFC 3261 §16.6 step 11, §16.7 step 10, §16.8, §16.10): it cancels its
 * pending branches when it forwards a final response (and should on a 6xx), answers 200 to a CANCEL
 * for a request it is handling and cancels that request's pending branches, and runs Timer C for
 * more than three minutes before giving up on a ringing branch.
 */
import { isStatefulProxy, type HopTransaction, type Model, type Msg } from '../model';
import { defineRule, type Emit } from '../rule';
import { at, what } from '../support/describe';

/** A branch is pending at `t` when a provisional response had arrived and no final one. */
function pendingAt(model: Model, down: HopTransaction, t: number): boolean {
  const tol = model.settings.tolerance;
  const mine = down.responses.filter((r) => r.delivered && r.destination === down.client);
  const provisional = mine.some((r) => r.status < 200 && r.arrival <= t + tol);
  const final = mine.some((r) => r.status >= 200 && r.arrival <= t + tol);
  const cancelled = down.cancels.some((c) => c.requests[0]!.time < t - tol);
  return provisional && !final && !cancelled;
}

/** Checks that each pending INVITE branch of `up` got a CANCEL promptly after `t`. */
function requireCancels(
  model: Model,
  up: HopTransaction,
  t: number,
  cause: Msg,
  except: HopTransaction | undefined,
  emit: Emit,
  text: (down: HopTransaction) => string,
): void {
  const s = model.settings;
  if (s.endTime < t + s.prompt) return;
  for (const down of up.downstream) {
    if (down === except || down.method !== 'INVITE' || !pendingAt(model, down, t)) continue;
    const cancel = down.cancels.find(
      (c) => c.requests[0]!.time >= t - s.tolerance && c.requests[0]!.time <= t + s.prompt,
    );
    if (cancel) continue;
    const finalSoon = down.responses.some(
      (r) =>
        r.status >= 200 &&
        r.delivered &&
        r.destination === down.client &&
        r.arrival <= t + s.prompt,
    );
    if (!finalSoon) emit(cause, text(down), [down.requests[0]]);
  }
}

export const proxyCancelsAfterFinal = defineRule(
  {
    id: 'proxy-cancels-after-final',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§16.7',
    title:
      'When a proxy forwards a final response, it CANCELs every branch still pending (step 10).',
  },
  (model, emit) => {
    for (const up of model.transactions) {
      if (
        up.method !== 'INVITE' ||
        up.downstream.length === 0 ||
        !isStatefulProxy(model, up.server)
      )
        continue;
      const final = up.responses.find((r) => r.source === up.server && r.status >= 200);
      if (!final) continue;
      const from = final.forwardOf?.tx;
      requireCancels(
        model,
        up,
        final.time,
        final,
        from,
        emit,
        (d) =>
          `After the proxy sent this ${what(final)} upstream, its branch to ${d.server} was still ringing and got no CANCEL; a proxy must cancel every pending branch once it forwards a final response.`,
      );
    }
  },
);

export const proxyCancelsOn6xx = defineRule(
  {
    id: 'proxy-cancels-on-6xx',
    level: 'SHOULD',
    rfc: 'RFC 3261',
    section: '§16.7',
    title:
      'When a branch returns a 6xx, the proxy CANCELs its other pending branches (steps 5 and 10).',
  },
  (model, emit) => {
    for (const up of model.transactions) {
      if (up.method !== 'INVITE' || up.downstream.length < 2 || !isStatefulProxy(model, up.server))
        continue;
      for (const down of up.downstream) {
        const six = down.responses.find(
          (r) => r.status >= 600 && r.delivered && r.destination === up.server,
        );
        if (!six) continue;
        requireCancels(
          model,
          up,
          six.arrival,
          six,
          down,
          emit,
          (d) =>
            `After this ${what(six)} arrived, the proxy's branch to ${d.server} was still ringing and got no CANCEL; a 6xx should end the other branches.`,
        );
      }
    }
  },
);

/** CANCELs that reached a stateful proxy for a request it forwarded and had not answered finally. */
function cancelsAtProxy(model: Model): { cancel: Msg; up: HopTransaction }[] {
  const out: { cancel: Msg; up: HopTransaction }[] = [];
  for (const tx of model.transactions) {
    const up = tx.cancelled;
    const c = tx.delivered[0];
    if (tx.method !== 'CANCEL' || !up || !c || c.destination !== up.server) continue;
    if (up.downstream.length === 0 || !isStatefulProxy(model, up.server)) continue;
    const final = up.responses.find((r) => r.source === up.server && r.status >= 200);
    if (final && final.time < c.arrival) continue;
    out.push({ cancel: c, up });
  }
  return out;
}

export const proxyCancel200 = defineRule(
  {
    id: 'proxy-cancel-200',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§16.10',
    title:
      'A stateful proxy immediately answers 200 (OK) to a CANCEL that matches a request it is still handling — never 481.',
  },
  (model, emit) => {
    const s = model.settings;
    for (const { cancel, up } of cancelsAtProxy(model)) {
      const answer = cancel.tx?.responses.find((r) => r.source === up.server && r.status >= 200);
      if (answer && answer.status >= 300)
        emit(
          answer,
          `The proxy answered ${what(answer)} to a CANCEL for the ${up.method} it was still handling; it must answer 200 (OK) and cancel its branches.`,
          [cancel],
        );
      else if (
        (!answer || answer.time > cancel.arrival + s.prompt) &&
        s.endTime >= cancel.arrival + s.prompt
      )
        emit(
          cancel,
          `The proxy did not answer this CANCEL with 200 (OK) immediately although it still had the ${up.method}'s response context.`,
          [up.requests[0]],
        );
    }
  },
);

export const proxyCancelForwarded = defineRule(
  {
    id: 'proxy-cancel-forwarded',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§16.10',
    title: 'A proxy that receives a matching CANCEL cancels every pending branch of that request.',
  },
  (model, emit) => {
    for (const { cancel, up } of cancelsAtProxy(model))
      requireCancels(
        model,
        up,
        cancel.arrival,
        cancel,
        undefined,
        emit,
        (d) =>
          `The proxy got this CANCEL at ${at(cancel.arrival)} but did not cancel its pending branch to ${d.server}.`,
      );
  },
);

export const timerC = defineRule(
  {
    id: 'timer-c',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§16.6',
    title:
      "A proxy gives up on an INVITE branch (CANCEL, or 408 upstream) on its own only after Timer C, more than 3 minutes after the branch's last provisional response (step 11, §16.8).",
  },
  (model, emit) => {
    const LIMIT = 180_000;
    const tol = model.settings.tolerance;
    for (const up of model.transactions) {
      const proxy = up.server;
      if (up.method !== 'INVITE' || up.downstream.length === 0 || !isStatefulProxy(model, proxy))
        continue;
      const upstreamCancel = up.cancels
        .flatMap((c) => c.delivered)
        .find((c) => c.destination === proxy);
      const final = up.responses.find((r) => r.source === proxy && r.status >= 200);
      const sixAt = up.downstream
        .flatMap((d) =>
          d.responses.filter((r) => r.status >= 600 && r.delivered && r.destination === proxy),
        )
        .map((r) => r.arrival);
      const explained = (t: number) =>
        (upstreamCancel !== undefined && upstreamCancel.arrival <= t + tol) ||
        (final !== undefined && final.time <= t + tol) ||
        sixAt.some((a) => a <= t + tol);
      const lastProvisional = (d: HopTransaction, t: number): number | undefined => {
        let p: number | undefined;
        for (const r of d.responses)
          if (
            r.status > 100 &&
            r.status < 200 &&
            r.delivered &&
            r.destination === proxy &&
            r.arrival <= t
          )
            p = r.arrival;
        return p;
      };
      for (const d of up.downstream) {
        if (d.method !== 'INVITE') continue;
        const c = d.cancels[0]?.requests[0];
        if (!c || c.forwardOf || explained(c.time)) continue;
        const base = lastProvisional(d, c.time) ?? d.requests[0]!.time;
        if (c.time - base <= LIMIT)
          emit(
            c,
            `The proxy cancelled its branch to ${d.server} ${((c.time - base) / 1000).toFixed(3)} s after the branch's last provisional response, with no CANCEL, 2xx or 6xx behind it; Timer C must be longer than 3 minutes.`,
            [d.requests[0]],
          );
      }
      if (final && final.status === 408 && !final.forwardOf && !explained(final.time - 2 * tol)) {
        for (const d of up.downstream) {
          const p = lastProvisional(d, final.time);
          const ended = d.responses.some(
            (r) =>
              r.status >= 200 && r.delivered && r.destination === proxy && r.arrival <= final.time,
          );
          if (p !== undefined && !ended && final.time - p <= LIMIT)
            emit(
              final,
              `The proxy answered 408 (Request Timeout) ${((final.time - p) / 1000).toFixed(3)} s after its branch to ${d.server} last rang; Timer C must run more than 3 minutes.`,
              [d.requests[0]],
            );
        }
      }
    }
  },
);
