/**
 * What each ACK acknowledges (RFC 3261 §17.1.1.3, §13.2.2.4): the ACK of a non-2xx final response is
 * part of the INVITE's hop transaction (same branch); the ACK of a 2xx is a request of its own in the
 * dialog the 2xx made (new branch). The originator's ACK is matched by its To tag against the final
 * responses it had received to its INVITEs of that call (the one with the same CSeq number first);
 * a forwarded ACK is whatever the ACK it forwards is.
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

/** Final responses the sender of `a` had received on this INVITE hop before it sent `a`. */
function finalsBefore(tx: HopTransaction, a: Msg): Msg[] {
  return tx.responses.filter(
    (r) => r.status >= 200 && r.delivered && r.destination === a.source && r.arrival <= a.time,
  );
}

export function classifyAcks(
  messages: readonly Msg[],
  invitesByCall: Map<string, HopTransaction[]>,
) {
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
    if (a.callId === undefined) continue;
    const invites = (invitesByCall.get(a.callId) ?? [])
      .filter(
        (t) =>
          t.client === a.source &&
          t.requests[0]!.fromTag === a.fromTag &&
          t.requests[0]!.time <= a.time,
      )
      // The INVITE with the ACK's CSeq number first, then the latest.
      .sort(
        (x, y) =>
          Number(y.requests[0]!.cseq?.seq === a.cseq?.seq) -
            Number(x.requests[0]!.cseq?.seq === a.cseq?.seq) ||
          y.requests[0]!.time - x.requests[0]!.time,
      );
    let found: Ack | undefined;
    for (const tx of invites) {
      const match = finalsBefore(tx, a).find((r) => r.toTag === a.toTag);
      if (match) {
        found = { kind: match.status < 300 ? '2xx' : 'non-2xx', invite: tx, response: match };
        break;
      }
    }
    if (!found && a.tx) {
      // Same branch as an INVITE: the ACK of that INVITE's non-2xx answer, whatever its To says.
      const finals = finalsBefore(a.tx, a);
      const response = finals.filter((r) => r.status >= 300).pop() ?? finals.pop();
      found = { kind: 'non-2xx', invite: a.tx, response };
    }
    a.ack = found;
  }
}
