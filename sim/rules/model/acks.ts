/**
 * What each ACK acknowledges (RFC 3261 §17.1.1.3, §13.2.2.4): the ACK of a non-2xx final response is
 * part of the INVITE's hop transaction (same branch); the ACK of a 2xx is a request of its own in the
 * dialog the 2xx made (new branch, same CSeq number). The originator's ACK is matched by its To tag
 * against the final responses it had received; a forwarded ACK is whatever the ACK it forwards is.
 */
import { type Msg } from './message';
import type { HopTransaction } from './transactions';

export interface Ack {
  kind: '2xx' | 'non-2xx';
  /** The INVITE hop transaction whose response it acknowledges (for a forwarded 2xx ACK: undefined). */
  invite: HopTransaction | undefined;
  /** The final response it acknowledges, when known. */
  response: Msg | undefined;
}

export function classifyAcks(messages: readonly Msg[], invitesByCall: Map<string, HopTransaction[]>) {
  for (const a of messages) {
    if (a.method !== 'ACK' || a.request === undefined) continue;
    if (a.forwardOf?.ack) {
      const up = a.forwardOf.ack;
      a.ack = {
        kind: up.kind,
        invite: up.kind === 'non-2xx' ? a.tx : undefined,
        response: undefined,
      };
      continue;
    }
    if (a.callId === undefined || a.cseq === undefined) continue;
    const invites = (invitesByCall.get(a.callId) ?? []).filter(
      (t) =>
        t.client === a.source &&
        t.requests[0]!.cseq?.seq === a.cseq!.seq &&
        t.requests[0]!.fromTag === a.fromTag &&
        t.requests[0]!.time <= a.time,
    );
    let non2xx: { tx: HopTransaction; r: Msg } | undefined;
    let ok: { tx: HopTransaction; r: Msg } | undefined;
    for (const tx of invites) {
      for (const r of tx.responses) {
        if (r.status < 200 || !r.delivered || r.destination !== a.source) continue;
        if (r.arrival > a.time) continue;
        if (r.toTag !== a.toTag) continue;
        if (r.status < 300) ok ??= { tx, r };
        else non2xx ??= { tx, r };
      }
    }
    if (ok) a.ack = { kind: '2xx', invite: ok.tx, response: ok.r };
    else if (non2xx) a.ack = { kind: 'non-2xx', invite: non2xx.tx, response: non2xx.r };
    else if (a.tx) a.ack = { kind: 'non-2xx', invite: a.tx, response: undefined };
  }
}
