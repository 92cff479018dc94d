/**
 * CANCEL (RFC 3261 §9.1, §9.2): built from the request it cancels (Request-URI, Call-ID, To, From,
 * CSeq number, its top Via as the only Via, its Route), sent where that request went and only after a
 * provisional response; meant for INVITE; answered 200 by the UAS, which then ends the INVITE with 487.
 */
import { uriEquals } from '../../codec';
import { serverIsUas, type HopTransaction, type Model, type Msg } from '../model';
import { sameVia } from '../model/hops';
import { defineRule } from '../rule';
import { at, sameRoutes, what } from '../support/describe';

type Cancel = { cancel: Msg; target: HopTransaction | undefined };

const cancelLists = new WeakMap<Model, Cancel[]>();

/** What a CANCEL without a matching Via is matched on: its client, Call-ID, CSeq number and From tag. */
function looseKey(client: string, m: Msg): string {
  return JSON.stringify([client, m.callId ?? null, m.cseq?.seq ?? null, m.fromTag ?? null]);
}

/**
 * CANCELs a client built itself (a UA, or a stateful proxy for its branch), first sends only. Found
 * once per model (five rules read them), the requests of the loose match indexed by their key.
 */
function cancels(model: Model): Cancel[] {
  const known = cancelLists.get(model);
  if (known) return known;
  let loose: Map<string, HopTransaction[]> | undefined;
  const out: Cancel[] = [];
  for (const m of model.messages) {
    if (m.method !== 'CANCEL' || !m.request || m.forwardOf || m.copyOf) continue;
    let target = m.tx?.cancelled;
    if (!target && m.callId !== undefined) {
      // A CANCEL whose Via matches nothing: find its request by Call-ID, CSeq number and From tag.
      if (loose === undefined) {
        loose = new Map();
        for (const t of model.transactions) {
          if (t.method === 'CANCEL') continue;
          const k = looseKey(t.client, t.requests[0]!);
          const list = loose.get(k);
          if (list) list.push(t);
          else loose.set(k, [t]);
        }
      }
      target = loose.get(looseKey(m.source, m))?.find((t) => t.requests[0]!.time <= m.time);
    }
    out.push({ cancel: m, target });
  }
  cancelLists.set(model, out);
  return out;
}

export const cancelMatchesRequest = defineRule(
  {
    id: 'cancel-matches-request',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§9.1',
    title:
      "A CANCEL has the Request-URI, Call-ID, To, From, CSeq number and Route of the request it cancels, and a single Via equal to that request's top Via.",
  },
  (model, emit) => {
    for (const { cancel: c, target } of cancels(model)) {
      if (!target) continue;
      const q = target.requests[0]!;
      const wrong: string[] = [];
      if (!c.requestUri || !q.requestUri || !uriEquals(c.requestUri, q.requestUri))
        wrong.push('Request-URI');
      if (c.callId !== q.callId) wrong.push('Call-ID');
      if (!c.to || !q.to || c.toTag !== q.toTag || !uriEquals(c.to.uri, q.to.uri)) wrong.push('To');
      if (!c.from || !q.from || c.fromTag !== q.fromTag || !uriEquals(c.from.uri, q.from.uri))
        wrong.push('From');
      if (c.cseq?.seq !== q.cseq?.seq) wrong.push('CSeq number');
      if (c.vias.length !== 1 || !sameVia(c.vias[0], q.vias[0]))
        wrong.push('Via (one Via, equal to the top Via of the request)');
      if (!sameRoutes(c.routes, q.routes)) wrong.push('Route');
      if (wrong.length > 0)
        emit(
          c,
          `This CANCEL differs from the ${q.method} it cancels in: ${wrong.join(', ')}. Those fields must be identical so that the CANCEL matches its request.`,
          [q],
        );
    }
  },
);

export const cancelAfterProvisional = defineRule(
  {
    id: 'cancel-after-provisional',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§9.1',
    title: 'A client sends a CANCEL only after a provisional response to the request arrived.',
  },
  (model, emit) => {
    for (const { cancel: c, target } of cancels(model)) {
      if (!target) continue;
      const any = target.responses.some(
        (r) => r.delivered && r.destination === target.client && r.arrival <= c.time,
      );
      if (!any)
        emit(
          c,
          `This CANCEL left at ${at(c.time)} before any response to the ${target.method} had arrived; a client must wait for a provisional response, else the CANCEL may overtake its request.`,
          [target.requests[0]],
        );
    }
  },
);

export const cancelSameDestination = defineRule(
  {
    id: 'cancel-same-destination',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§9.1',
    title: 'A CANCEL goes to the same address, port and transport as the request it cancels.',
  },
  (model, emit) => {
    for (const { cancel: c, target } of cancels(model)) {
      if (!target) continue;
      if (c.destination !== target.server || c.transport !== target.transport)
        emit(
          c,
          `This CANCEL went to ${c.destination} (${c.transport}) but the ${target.method} it cancels went to ${target.server} (${target.transport}).`,
          [target.requests[0]],
        );
    }
  },
);

export const cancelOnlyInvite = defineRule(
  {
    id: 'cancel-only-invite',
    level: 'SHOULD',
    rfc: 'RFC 3261',
    section: '§9.1',
    title: 'CANCEL is sent only for INVITE requests.',
  },
  (model, emit) => {
    for (const { cancel: c, target } of cancels(model))
      if (target && target.method !== 'INVITE')
        emit(
          c,
          `This CANCEL cancels a ${target.method}; non-INVITE requests are answered at once, so cancelling them only races with the answer.`,
          [target.requests[0]],
        );
  },
);

export const cancelAfterFinal = defineRule(
  {
    id: 'cancel-after-final',
    level: 'SHOULD',
    rfc: 'RFC 3261',
    section: '§9.1',
    title: 'A client does not send a CANCEL once a final response to the request has arrived.',
  },
  (model, emit) => {
    for (const { cancel: c, target } of cancels(model)) {
      if (!target) continue;
      const final = target.responses.find(
        (r) =>
          r.status >= 200 &&
          r.delivered &&
          r.destination === target.client &&
          r.arrival < c.time - model.settings.tolerance,
      );
      if (final)
        emit(
          c,
          `This CANCEL was sent after the ${what(final)} had already ended the ${target.method}; it can have no effect.`,
          [final],
        );
    }
  },
);

/** CANCELs that reached a UAS before it answered the request finally. */
function cancelsAtUas(model: Model): { cancel: Msg; target: HopTransaction; arrival: number }[] {
  const out: { cancel: Msg; target: HopTransaction; arrival: number }[] = [];
  for (const tx of model.transactions) {
    const target = tx.cancelled;
    const first = tx.delivered[0];
    if (tx.method !== 'CANCEL' || !target || !first || !serverIsUas(target)) continue;
    if (first.destination !== target.server || target.delivered.length === 0) continue;
    if (target.delivered[0]!.arrival > first.arrival) continue;
    const final = target.responses.find(
      (r) => r.status >= 200 && r.source === target.server && !r.forwardOf,
    );
    if (final && final.time < first.arrival) continue;
    out.push({ cancel: first, target, arrival: first.arrival });
  }
  return out;
}

export const uasCancel200 = defineRule(
  {
    id: 'uas-cancel-200',
    level: 'SHOULD',
    rfc: 'RFC 3261',
    section: '§9.2',
    title: 'A UAS answers 200 (OK) to a CANCEL that matches a request it is still processing.',
  },
  (model, emit) => {
    for (const { cancel, target } of cancelsAtUas(model)) {
      const answer = cancel.tx?.responses.find(
        (r) => r.status >= 200 && r.source === target.server,
      );
      if (answer && answer.status >= 300)
        emit(
          answer,
          `The UAS answered ${what(answer)} to a CANCEL that matched its ${target.method} still in progress; the RFC has it answer 200 (OK).`,
          [cancel],
        );
    }
  },
);

export const uasCancel487 = defineRule(
  {
    id: 'uas-cancel-487',
    level: 'SHOULD',
    rfc: 'RFC 3261',
    section: '§9.2',
    title:
      'A UAS that receives a CANCEL for an INVITE it has not answered finally answers the INVITE 487 at once.',
  },
  (model, emit) => {
    for (const { cancel, target, arrival } of cancelsAtUas(model)) {
      if (target.method !== 'INVITE') continue;
      const final = target.responses.find(
        (r) => r.status >= 200 && r.source === target.server && !r.forwardOf,
      );
      // A final answer of the very instant the CANCEL arrived, sent before the UAS answered the CANCEL,
      // may have left first: not judged.
      const cancelAnswer = cancel.tx?.responses.find((r) => r.source === target.server);
      if (
        final &&
        final.status !== 487 &&
        final.time <= arrival &&
        (cancelAnswer === undefined || final.index < cancelAnswer.index)
      )
        continue;
      if (final && final.status !== 487)
        emit(
          final,
          `The UAS answered the cancelled INVITE with ${what(final)}; after the CANCEL arrived (at ${at(arrival)}) it should have answered 487 (Request Terminated).`,
          [cancel],
        );
      else if (final && final.time > arrival + model.settings.prompt)
        emit(
          final,
          `The 487 left ${Math.round(final.time - arrival)} ms after the CANCEL arrived; the UAS should answer the INVITE 487 immediately.`,
          [cancel],
        );
      else if (!final && model.settings.endTime >= arrival + model.settings.prompt)
        emit(
          cancel,
          'The UAS never answered the cancelled INVITE with 487 (Request Terminated), which it should do as soon as the CANCEL arrives.',
          [target.requests[0]],
        );
    }
  },
);
