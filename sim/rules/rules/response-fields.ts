/**
 * How a response is built (RFC 3261 §8.2.6, §16.2, §17.2.1): it copies From, Call-ID, CSeq, the Vias
 * and To of its request; a UAS tags To on every response but 100 and keeps one tag per request; a 100
 * should carry no tag; no provisional answers to non-INVITE requests.
 */
import { uriEquals } from '../../codec';
import { serverIsUas, type Msg } from '../model';
import { sameVia } from '../model/hops';
import { defineRule } from '../rule';
import { what } from '../support/describe';

/** The request as the server received it. */
function requestOf(r: Msg): Msg | undefined {
  const tx = r.tx;
  if (!tx) return undefined;
  return tx.delivered[0] ?? tx.requests[0];
}

export const responseCopiesRequest = defineRule(
  {
    id: 'response-copies-request',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§8.2.6.2',
    title:
      'A response copies From, Call-ID, CSeq and every Via (in order) of its request, and its To: the whole To when the request had a tag, else the URI.',
  },
  (model, emit) => {
    for (const r of model.messages) {
      if (!r.response || r.forwardOf || r.copyOf) continue;
      const q = requestOf(r);
      if (!q) continue;
      const wrong: string[] = [];
      if (q.from && r.from && (r.fromTag !== q.fromTag || !uriEquals(r.from.uri, q.from.uri)))
        wrong.push('From');
      if (q.callId !== r.callId) wrong.push('Call-ID');
      if (q.cseq && r.cseq && (q.cseq.seq !== r.cseq.seq || q.cseq.method !== r.cseq.method))
        wrong.push('CSeq');
      if (r.vias.length !== q.vias.length || r.vias.some((v, i) => !sameVia(v, q.vias[i])))
        wrong.push('Via');
      if (q.to && r.to) {
        if (!uriEquals(r.to.uri, q.to.uri)) wrong.push('To URI');
        else if (q.toTag !== undefined && r.toTag !== q.toTag) wrong.push('To tag');
      }
      if (wrong.length > 0)
        emit(
          r,
          `This ${what(r)} does not copy the ${wrong.join(', ')} of the ${q.method} it answers; a response must carry the same values as its request.`,
          [q],
        );
    }
  },
);

export const responseToTag = defineRule(
  {
    id: 'response-to-tag',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§8.2.6.2',
    title: 'Every response except 100 (Trying) to a request without a To tag adds a To tag.',
  },
  (model, emit) => {
    for (const r of model.messages) {
      if (!r.response || r.forwardOf || r.status === 100 || r.toTag !== undefined) continue;
      const q = requestOf(r);
      if (q && q.toTag === undefined)
        emit(
          r,
          `This ${what(r)} has no To tag. A UAS adds a tag to the To of every response but 100 (Trying); the tag identifies who answered.`,
          [q],
        );
    }
  },
);

export const responseToTagStable = defineRule(
  {
    id: 'response-to-tag-stable',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§8.2.6.2',
    title: 'An element uses the same To tag in all its responses to one request (100 excepted).',
  },
  (model, emit) => {
    for (const tx of model.transactions) {
      let first: Msg | undefined;
      for (const r of tx.responses) {
        if (r.forwardOf || r.status === 100 || r.source !== tx.server) continue;
        if (first === undefined) {
          first = r;
          continue;
        }
        if (r.toTag !== first.toTag)
          emit(
            r,
            `This ${what(r)} carries To tag "${r.toTag ?? '(none)'}" but the ${what(first)} the same element sent to the same ${tx.method} carried "${first.toTag ?? '(none)'}"; one request gets one tag.`,
            [first],
          );
      }
    }
  },
);

export const tryingNoToTag = defineRule(
  {
    id: 'trying-no-to-tag',
    level: 'SHOULD',
    rfc: 'RFC 3261',
    section: '§17.2.1',
    title: 'A 100 (Trying) to an INVITE without a To tag adds no tag.',
  },
  (model, emit) => {
    for (const r of model.messages) {
      if (r.status !== 100 || r.method !== 'INVITE' || r.forwardOf || r.toTag === undefined)
        continue;
      const q = requestOf(r);
      if (q && q.toTag === undefined)
        emit(
          r,
          'This 100 (Trying) adds a To tag; the INVITE server transaction should not tag a 100, which only stops retransmissions.',
          [q],
        );
    }
  },
);

export const uasNonInviteProvisional = defineRule(
  {
    id: 'uas-non-invite-provisional',
    level: 'SHOULD',
    rfc: 'RFC 3261',
    section: '§8.2.6.1',
    title:
      'A UAS answers a non-INVITE request with a final response at once, not a provisional one.',
  },
  (model, emit) => {
    for (const r of model.messages) {
      if (!r.response || r.forwardOf || r.status >= 200 || r.method === 'INVITE' || !r.tx) continue;
      if (r.source !== r.tx.server || !serverIsUas(r.tx)) continue;
      emit(
        r,
        `This ${what(r)} answers a ${r.method}; a UAS should answer a non-INVITE request with a final response as soon as possible instead.`,
      );
    }
  },
);

export const proxyNonInvite100 = defineRule(
  {
    id: 'proxy-non-invite-100',
    level: 'SHOULD',
    rfc: 'RFC 3261',
    section: '§16.2',
    title: 'A stateful proxy does not send 100 (Trying) to a non-INVITE request.',
  },
  (model, emit) => {
    for (const r of model.messages) {
      if (r.status !== 100 || r.forwardOf || r.method === 'INVITE' || !r.tx) continue;
      if (r.source !== r.tx.server || serverIsUas(r.tx)) continue;
      emit(
        r,
        `This proxy answered 100 (Trying) to a ${r.method}; a stateful proxy should not send 100 to non-INVITE requests.`,
      );
    }
  },
);
