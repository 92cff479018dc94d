/**
 * Dialogs (RFC 3261 §12.1.1, §12.2.1.1, §8.1.2): the UAS's dialog-making response copies the
 * request's Record-Route and gives a Contact; each request in the dialog carries the dialog's tags and
 * URIs, the next CSeq number, the remote target as Request-URI and the route set as Route — and is
 * sent to the first Route.
 */
import { isSipUri, isStar, uriEquals, uriParam, type NameAddr } from '../../codec';
import type { InDialogRequest, Model, Msg } from '../model';
import { formatAddress, sameAddress, uriAddress } from '../model/address';
import { defineRule } from '../rule';
import { routeList, sameRoutes, uri, what } from '../support/describe';

/** In-dialog requests whose sender's state is known (not CANCEL, not the ACK of a non-2xx). */
function inDialog(model: Model): { e: InDialogRequest; d: Model['dialogs'][number] }[] {
  const out: { e: InDialogRequest; d: Model['dialogs'][number] }[] = [];
  for (const d of model.dialogs)
    for (const e of d.requests) {
      if (e.msg.method === 'CANCEL' || (e.msg.method === 'ACK' && e.msg.ack?.kind === 'non-2xx'))
        continue;
      out.push({ e, d });
    }
  return out;
}

export const inDialogIdentifiers = defineRule(
  {
    id: 'in-dialog-identifiers',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§12.2.1.1',
    title:
      "A request in a dialog carries the sender's local tag and URI in From and the remote tag and URI in To.",
  },
  (model, emit) => {
    for (const { e, d } of inDialog(model)) {
      const m = e.msg;
      const uacSends = e.side === 'uac';
      const local = uacSends ? d.uacTag : d.uasTag;
      const remote = uacSends ? d.uasTag : d.uacTag;
      const localUri = (uacSends ? d.request.from : d.request.to)?.uri;
      const remoteUri = (uacSends ? d.request.to : d.request.from)?.uri;
      const wrong: string[] = [];
      if (m.fromTag !== local || m.toTag !== remote)
        wrong.push(`tags (From tag should be ${local}, To tag ${remote})`);
      if (localUri && m.from && !uriEquals(m.from.uri, localUri))
        wrong.push(`From URI (should be ${uri(localUri)})`);
      if (remoteUri && m.to && !uriEquals(m.to.uri, remoteUri))
        wrong.push(`To URI (should be ${uri(remoteUri)})`);
      if (wrong.length > 0)
        emit(
          m,
          `This ${m.method} from the ${uacSends ? 'caller' : 'callee'} side of the dialog has the wrong ${wrong.join(' and ')}.`,
          [d.request],
        );
    }
  },
);

export const inDialogCSeq = defineRule(
  {
    id: 'in-dialog-cseq',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§12.2.1.1',
    title:
      'Each new request a side sends in a dialog has a CSeq number one higher than its previous one (ACK and CANCEL excepted).',
  },
  (model, emit) => {
    for (const { e } of inDialog(model)) {
      const m = e.msg;
      if (m.method === 'ACK' || !m.cseq || e.previousLocalSeq === undefined) continue;
      if (m.cseq.seq !== e.previousLocalSeq + 1)
        emit(
          m,
          `This ${m.method} has CSeq ${m.cseq.seq}, but the previous request this side sent in the dialog had ${e.previousLocalSeq}; in-dialog CSeq numbers go up by exactly one.`,
        );
    }
  },
);

function loose(routeSet: readonly NameAddr[]): boolean {
  return routeSet.length === 0 || uriParam(routeSet[0]!.uri, 'lr') !== undefined;
}

export const inDialogRequestUri = defineRule(
  {
    id: 'in-dialog-request-uri',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§12.2.1.1',
    title:
      "A request in a dialog has the remote target as its Request-URI (or, towards a strict router, the route set's first URI).",
  },
  (model, emit) => {
    for (const { e } of inDialog(model)) {
      const m = e.msg;
      if (!e.routeSet || !e.remoteTarget || !m.requestUri) continue;
      const want = loose(e.routeSet) ? e.remoteTarget : e.routeSet[0]!.uri;
      const ok = loose(e.routeSet)
        ? uriEquals(m.requestUri, want)
        : isSipUri(m.requestUri) &&
          isSipUri(want) &&
          m.requestUri.host.toLowerCase() === want.host.toLowerCase();
      if (!ok)
        emit(
          m,
          `This ${m.method} is addressed to ${uri(m.requestUri)}, but the sender's ${loose(e.routeSet) ? 'remote target' : 'first (strict) route'} in this dialog is ${uri(want)}.`,
        );
    }
  },
);

export const inDialogRoute = defineRule(
  {
    id: 'in-dialog-route',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§12.2.1.1',
    title:
      'A request in a dialog carries the route set as Route, in order (no Route when the route set is empty).',
  },
  (model, emit) => {
    for (const { e } of inDialog(model)) {
      const m = e.msg;
      if (!e.routeSet) continue;
      const want = loose(e.routeSet)
        ? e.routeSet
        : [
            ...e.routeSet.slice(1),
            ...(e.remoteTarget ? [{ displayName: null, uri: e.remoteTarget, params: [] }] : []),
          ];
      if (!sameRoutes(m.routes, want))
        emit(
          m,
          `This ${m.method} carries Route: ${routeList(m.routes)}, but the dialog's route set calls for ${routeList(want)}.`,
        );
    }
  },
);

export const requestSentToRoute = defineRule(
  {
    id: 'request-sent-to-route',
    level: 'SHOULD',
    rfc: 'RFC 3261',
    section: '§8.1.2',
    title:
      'A UA sends a request that carries a (loose) Route header field to the address of its first Route.',
  },
  (model, emit) => {
    for (const m of model.messages) {
      if (!m.request || m.forwardOf || m.copyOf) continue;
      const top = m.routes[0];
      if (!top || uriParam(top.uri, 'lr') === undefined) continue;
      const a = uriAddress(top.uri, model.settings);
      if (!a || !a.resolved || sameAddress(m.destination, a)) continue;
      emit(
        m,
        `This ${m.method} carries Route <${uri(top.uri)}> but was sent to ${m.destination}; it should go to the first Route (${formatAddress(a)}).`,
      );
    }
  },
);

/** Responses the UAS itself sent that make or confirm a dialog. */
function dialogResponses(model: Model): { r: Msg; q: Msg }[] {
  const out: { r: Msg; q: Msg }[] = [];
  for (const d of model.dialogs)
    for (const r of d.responses) {
      if (r.copyOf) continue;
      const q = r.tx?.delivered[0] ?? r.tx?.requests[0];
      if (q) out.push({ r, q });
    }
  return out;
}

export const dialogResponseRecordRoute = defineRule(
  {
    id: 'dialog-response-record-route',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§12.1.1',
    title:
      'A response that makes a dialog (2xx, or tagged 1xx, to INVITE) copies all Record-Route values of the request, in order.',
  },
  (model, emit) => {
    for (const { r, q } of dialogResponses(model))
      if (!sameRoutes(r.recordRoutes, q.recordRoutes))
        emit(
          r,
          `This ${what(r)} carries Record-Route: ${routeList(r.recordRoutes)}, but the ${q.method} it answers carried ${routeList(q.recordRoutes)}; the UAS must copy them all, in order.`,
          [q],
        );
  },
);

export const dialogResponseContact = defineRule(
  {
    id: 'dialog-response-contact',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§12.1.1',
    title: 'A response that makes a dialog carries a Contact with a SIP or SIPS URI.',
  },
  (model, emit) => {
    for (const { r, q } of dialogResponses(model)) {
      const c = r.contacts[0];
      if (!c)
        emit(
          r,
          `This ${what(r)} makes a dialog but has no Contact; the caller would not know where to send the ACK and later requests.`,
          [q],
        );
      else if (isStar(c) || !isSipUri(c.uri))
        emit(r, `The Contact of this ${what(r)} is not a SIP or SIPS URI.`, [q]);
    }
  },
);
