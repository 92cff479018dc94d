/**
 * The ACK of a non-2xx final response (RFC 3261 §17.1.1.2, §17.1.1.3): the client transaction builds
 * it from its INVITE (Call-ID, From, Request-URI, CSeq number, Route, the top Via as the only Via) and
 * the response (To), sends it where the INVITE went, and sends it again for every retransmission of
 * the response.
 */
import { uriEquals } from '../../codec';
import { clientGaveUpAt, clientHasTransaction, type Msg } from '../model';
import { sameVia } from '../model/hops';
import { defineRule } from '../rule';
import { sameRoutes, what } from '../support/describe';

/** ACKs of non-2xx responses that a client transaction built itself (first sends). */
function ownAcks(messages: readonly Msg[]): Msg[] {
  return messages.filter(
    (m) =>
      m.method === 'ACK' && m.request && !m.forwardOf && m.ack?.kind === 'non-2xx' && m.ack.invite,
  );
}

export const ackNon2xxMatchesInvite = defineRule(
  {
    id: 'ack-non2xx-matches-invite',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§17.1.1.3',
    title:
      "The ACK of a non-2xx response has the INVITE's Call-ID, From, Request-URI, CSeq number and Route, the response's To, and one Via equal to the INVITE's top Via.",
  },
  (model, emit) => {
    for (const a of ownAcks(model.messages)) {
      if (a.copyOf) continue;
      const q = a.ack!.invite!.requests[0]!;
      const r = a.ack!.response;
      const wrong: string[] = [];
      if (a.callId !== q.callId) wrong.push('Call-ID');
      if (!a.from || !q.from || a.fromTag !== q.fromTag || !uriEquals(a.from.uri, q.from.uri))
        wrong.push('From');
      if (!a.requestUri || !q.requestUri || !uriEquals(a.requestUri, q.requestUri))
        wrong.push('Request-URI');
      if (a.cseq?.seq !== q.cseq?.seq) wrong.push('CSeq number');
      if (a.vias.length !== 1 || !sameVia(a.vias[0], q.vias[0]))
        wrong.push("Via (one Via, equal to the INVITE's top Via)");
      if (!sameRoutes(a.routes, q.routes)) wrong.push('Route');
      const to = r?.to ?? q.to;
      if (!a.to || !to || !uriEquals(a.to.uri, to.uri) || (r !== undefined && a.toTag !== r.toTag))
        wrong.push(r ? `To (that of the ${what(r)})` : 'To');
      if (wrong.length > 0)
        emit(
          a,
          `This ACK of a non-2xx answer does not match its INVITE in: ${wrong.join(', ')}. The client transaction builds it from the INVITE it sent and the response it acknowledges.`,
          [q, r],
        );
    }
  },
);

export const ackNon2xxSameDestination = defineRule(
  {
    id: 'ack-non2xx-same-destination',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§17.1.1.2',
    title:
      'The ACK of a non-2xx response goes to the address, port and transport the INVITE went to.',
  },
  (model, emit) => {
    for (const a of ownAcks(model.messages)) {
      const tx = a.ack!.invite!;
      if (a.destination !== tx.server || a.transport !== tx.transport)
        emit(
          a,
          `This ACK went to ${a.destination} but its INVITE went to ${tx.server}; the ACK of a non-2xx answer goes hop by hop, to the same place.`,
          [tx.requests[0]],
        );
    }
  },
);

export const ackNon2xxSent = defineRule(
  {
    id: 'ack-non2xx-sent',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§17.1.1.2',
    title:
      'An INVITE client transaction sends an ACK for the 300–699 final response it receives and again for each retransmission of it.',
  },
  (model, emit) => {
    const { settings } = model;
    for (const tx of model.transactions) {
      if (tx.method !== 'INVITE' || !clientHasTransaction(model, tx)) continue;
      const finals = tx.responses
        .filter((r) => r.status >= 300 && r.delivered && r.destination === tx.client)
        .sort((a, b) => a.arrival - b.arrival);
      if (finals.length === 0) continue;
      const reliable = tx.transport !== 'UDP';
      // Timer D: at least 32 s on UDP, zero on reliable transports.
      const until = finals[0]!.arrival + (reliable ? 0 : Math.max(32_000, 64 * settings.T1));
      // A response that comes after Timer B ended the transaction finds none to acknowledge it.
      const gaveUp = clientGaveUpAt(tx, settings);
      const acks = tx.acks
        .filter((a) => a.source === tx.client && a.ack?.kind === 'non-2xx')
        .map((a) => a.time)
        .sort((a, b) => a - b);
      let next = 0;
      for (const r of finals) {
        if (r.arrival > until + settings.tolerance || r.arrival > gaveUp + settings.tolerance)
          break;
        while (next < acks.length && acks[next]! < r.arrival - settings.tolerance) next++;
        if (next < acks.length) {
          next++;
          continue;
        }
        if (settings.endTime >= r.arrival + settings.prompt)
          emit(
            r,
            `No ACK followed this ${what(r)}${r.copyOf ? ' (a retransmission)' : ''}; the INVITE client transaction must acknowledge every 300–699 final response it receives.`,
            [tx.requests[0]],
          );
      }
    }
  },
);
