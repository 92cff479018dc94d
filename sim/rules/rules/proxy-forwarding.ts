/**
 * What a proxy does to a request it forwards and a response it sends back (RFC 3261 §16.3 step 3,
 * §16.6 steps 1, 3, 4, 8, §16.7 steps 3, 9): its own Via on top (and off again on the response),
 * Max-Forwards one less (and nothing forwarded at 0, which gets 483), the body untouched, and a
 * Record-Route that is a loose-routing SIP URI naming the proxy.
 */
import { isSipUri, uriParam } from '../../codec';
import type { Msg } from '../model';
import { sameAddress, uriAddress } from '../model/address';
import { defineRule } from '../rule';
import { at, what } from '../support/describe';

export const proxyAddsVia = defineRule(
  {
    id: 'proxy-adds-via',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§16.6',
    title:
      'A proxy inserts its own Via (with a new branch) above the Vias of a request it forwards (step 8).',
  },
  (model, emit) => {
    for (const { sent, received } of model.viaNotAdded)
      emit(
        sent,
        `This ${sent.method} is the request ${sent.source} received at ${at(received.arrival)}, forwarded with the same Via header fields; a proxy must put its own Via on top, or the response cannot find its way back through it.`,
        [received],
      );
  },
);

export const proxyRemovesVia = defineRule(
  {
    id: 'proxy-removes-via',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§16.7',
    title: 'A proxy removes its own (topmost) Via from a response before forwarding it (step 3).',
  },
  (model, emit) => {
    for (const { sent, received } of model.viaNotRemoved)
      emit(
        sent,
        `This ${what(sent)} is the response ${sent.source} received at ${at(received.arrival)}, sent on with its Via still on top; a proxy must remove its own Via first.`,
        [received],
      );
  },
);

function forwardedRequests(messages: readonly Msg[]): { y: Msg; x: Msg }[] {
  const out: { y: Msg; x: Msg }[] = [];
  for (const y of messages) if (y.request && y.forwardOf) out.push({ y, x: y.forwardOf });
  return out;
}

export const maxForwardsDecremented = defineRule(
  {
    id: 'max-forwards-decremented',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§16.6',
    title:
      'A proxy forwards a request with Max-Forwards one less than it received (or adds one when there was none) (step 3).',
  },
  (model, emit) => {
    for (const { y, x } of forwardedRequests(model.messages)) {
      if (x.maxForwards === undefined) {
        if (y.maxForwards === undefined)
          emit(
            y,
            `The ${y.method} arrived without Max-Forwards and was forwarded without one; a proxy must add Max-Forwards (70).`,
            [x],
          );
      } else if (y.maxForwards !== x.maxForwards - 1)
        emit(
          y,
          `The ${y.method} arrived with Max-Forwards ${x.maxForwards} and was forwarded with ${y.maxForwards ?? 'none'}; a proxy must decrement it by exactly one.`,
          [x],
        );
    }
  },
);

export const maxForwardsZero = defineRule(
  {
    id: 'max-forwards-zero',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§16.3',
    title:
      'A proxy never forwards a request that arrived with Max-Forwards 0; it answers 483 (Too Many Hops), or, for OPTIONS, may answer itself (step 3).',
  },
  (model, emit) => {
    const proxies = new Map<string, Set<string>>();
    for (const { y } of forwardedRequests(model.messages)) {
      const set = proxies.get(y.source) ?? new Set<string>();
      set.add(y.method);
      proxies.set(y.source, set);
    }
    for (const x of model.messages) {
      if (!x.request || !x.delivered || x.maxForwards !== 0) continue;
      for (const y of x.forwards)
        emit(
          y,
          `This ${y.method} forwards a request that arrived with Max-Forwards 0; such a request must not be forwarded.`,
          [x],
        );
      if (x.forwards.length > 0 || x.method === 'OPTIONS' || x.method === 'ACK') continue;
      if (!proxies.get(x.destination)?.has(x.method) || !x.tx) continue;
      const final = x.tx.responses.find(
        (r) =>
          r.source === x.destination &&
          r.status >= 200 &&
          r.time >= x.arrival - model.settings.tolerance,
      );
      if (final && ![400, 416, 483].includes(final.status))
        emit(
          final,
          `A proxy received this ${x.method} with Max-Forwards 0 and answered ${what(final)}; it must answer 483 (Too Many Hops).`,
          [x],
        );
    }
  },
);

export const proxyRequestBodyUnchanged = defineRule(
  {
    id: 'proxy-request-body-unchanged',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§16.6',
    title: 'A proxy does not add to, change or remove the body of a request it forwards (step 1).',
  },
  (model, emit) => {
    for (const { y, x } of forwardedRequests(model.messages))
      if (y.sip.body !== x.sip.body)
        emit(
          y,
          `The body of this forwarded ${y.method} differs from the body of the request the proxy received (${x.sip.body.length} bytes then, ${y.sip.body.length} now); a proxy must not touch the body.`,
          [x],
        );
  },
);

export const proxyResponseBodyUnchanged = defineRule(
  {
    id: 'proxy-response-body-unchanged',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§16.7',
    title: 'A proxy does not add to, change or remove the body of a response it forwards (step 9).',
  },
  (model, emit) => {
    for (const y of model.messages) {
      const x = y.forwardOf;
      if (!y.response || !x) continue;
      if (y.sip.body !== x.sip.body)
        emit(
          y,
          `The body of this forwarded ${what(y)} differs from the body of the response the proxy received; a proxy must not touch the body.`,
          [x],
        );
    }
  },
);

/** The Record-Route values a proxy added on top when forwarding. */
function addedRecordRoutes(y: Msg, x: Msg) {
  const added = y.recordRoutes.length - x.recordRoutes.length;
  return added > 0 ? y.recordRoutes.slice(0, added) : [];
}

export const recordRouteLr = defineRule(
  {
    id: 'record-route-lr',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§16.6',
    title:
      'The Record-Route value a proxy inserts is a SIP or SIPS URI with the lr parameter (step 4).',
  },
  (model, emit) => {
    for (const { y, x } of forwardedRequests(model.messages))
      for (const rr of addedRecordRoutes(y, x)) {
        if (!isSipUri(rr.uri))
          emit(y, `The Record-Route this proxy added is not a SIP or SIPS URI.`, [x]);
        else if (uriParam(rr.uri, 'lr') === undefined)
          emit(
            y,
            `The Record-Route this proxy added (<${rr.uri.scheme}:${rr.uri.host}…>) has no lr parameter; RFC 3261 proxies are loose routers and must say so with lr.`,
            [x],
          );
      }
  },
);

export const recordRouteNamesProxy = defineRule(
  {
    id: 'record-route-names-proxy',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§16.6',
    title:
      'The URI a proxy puts in Record-Route resolves to that proxy, so later requests reach it (step 4).',
  },
  (model, emit) => {
    for (const { y, x } of forwardedRequests(model.messages))
      for (const rr of addedRecordRoutes(y, x)) {
        const a = uriAddress(rr.uri, model.settings);
        if (a && a.resolved && !sameAddress(y.source, a))
          emit(
            y,
            `The Record-Route this proxy added points to ${a.host}${a.port !== undefined ? `:${a.port}` : ''}, not to the proxy itself (${y.source}); requests in the dialog would miss it.`,
            [x],
          );
      }
  },
);
