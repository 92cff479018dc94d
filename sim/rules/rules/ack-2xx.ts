/**
 * The ACK of a 2xx (RFC 3261 §13.2.2.4): the UAC core sends one for every 2xx it receives — each fork,
 * each retransmission — as an in-dialog request with the INVITE's CSeq number and the INVITE's
 * credentials.
 */
import { origin, type Msg } from '../model';
import { defineRule } from '../rule';
import { what } from '../support/describe';

function own2xxAcks(messages: readonly Msg[]): Msg[] {
  return messages.filter(
    (m) =>
      m.method === 'ACK' &&
      m.request &&
      !m.forwardOf &&
      !m.copyOf &&
      m.ack?.kind === '2xx' &&
      m.ack.invite,
  );
}

export const ack2xxCSeq = defineRule(
  {
    id: 'ack-2xx-cseq',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§13.2.2.4',
    title: 'The ACK of a 2xx carries the CSeq number of the INVITE it acknowledges.',
  },
  (model, emit) => {
    for (const a of own2xxAcks(model.messages)) {
      const q = a.ack!.invite!.requests[0]!;
      if (a.cseq && q.cseq && a.cseq.seq !== q.cseq.seq)
        emit(
          a,
          `This ACK has CSeq ${a.cseq.seq} but acknowledges the 2xx to the INVITE with CSeq ${q.cseq.seq}; the numbers must be equal.`,
          [q],
        );
    }
  },
);

function credentials(m: Msg): string[] {
  return [...m.sip.headersOf('authorization'), ...m.sip.headersOf('proxy-authorization')].map(
    (h) => `${h.key}: ${h.value}`,
  );
}

export const ack2xxCredentials = defineRule(
  {
    id: 'ack-2xx-credentials',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§13.2.2.4',
    title:
      'The ACK of a 2xx carries the same Authorization and Proxy-Authorization values as the INVITE.',
  },
  (model, emit) => {
    for (const a of own2xxAcks(model.messages)) {
      const q = a.ack!.invite!.requests[0]!;
      const want = credentials(q);
      const have = new Set(credentials(a));
      const missing = want.filter((c) => !have.has(c));
      if (missing.length > 0) {
        const names = [
          ...new Set(
            missing.map((c) =>
              c.startsWith('authorization') ? 'Authorization' : 'Proxy-Authorization',
            ),
          ),
        ];
        emit(
          a,
          `This ACK lacks the ${names.join(' and ')} the INVITE carried; the ACK of a 2xx must carry the same credentials, since a server cannot challenge an ACK.`,
          [q],
        );
      }
    }
  },
);

export const ack2xxSent = defineRule(
  {
    id: 'ack-2xx-sent',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§13.2.2.4',
    title:
      'The UAC sends an ACK for every 2xx to its INVITE that it receives — each To tag (fork), each retransmission.',
  },
  (model, emit) => {
    const { settings } = model;
    // ACKs of 2xx each UAC sent, by Call-ID, CSeq number and To tag.
    const acks = new Map<string, number[]>();
    for (const a of model.messages) {
      if (a.method !== 'ACK' || !a.request || a.forwardOf || a.ack?.kind !== '2xx') continue;
      const k = `${a.source}\u0000${a.callId}\u0000${a.cseq?.seq}\u0000${a.toTag}`;
      const list = acks.get(k);
      if (list) list.push(a.time);
      else acks.set(k, [a.time]);
    }
    for (const tx of model.transactions) {
      if (tx.method !== 'INVITE' || tx.requests[0]!.forwardOf) continue;
      const uac = tx.client;
      const byTag = new Map<string | undefined, Msg[]>();
      for (const r of tx.responses) {
        if (r.status < 200 || r.status >= 300 || !r.delivered || r.destination !== uac) continue;
        const list = byTag.get(r.toTag);
        if (list) list.push(r);
        else byTag.set(r.toTag, [r]);
      }
      for (const [tag, list] of byTag) {
        list.sort((a, b) => a.arrival - b.arrival);
        const q = tx.requests[0]!;
        const times = acks.get(`${uac}\u0000${q.callId}\u0000${q.cseq?.seq}\u0000${tag}`) ?? [];
        const first = list[0]!.arrival;
        let next = 0;
        for (const r of list) {
          if (r.arrival > first + 64 * settings.T1) break;
          while (next < times.length && times[next]! < r.arrival - settings.tolerance) next++;
          if (next < times.length) {
            next++;
            continue;
          }
          if (settings.endTime >= r.arrival + settings.T1)
            emit(
              r,
              `No ACK followed this ${what(r)}${r.copyOf ? ' (a retransmission)' : ''} from ${tag === undefined ? 'the callee' : `the callee with To tag ${tag}`}; the UAC must acknowledge every 2xx it receives${list.length > 1 ? ', including each retransmission' : ''}.`,
              [origin(q)],
            );
        }
      }
    }
  },
);
