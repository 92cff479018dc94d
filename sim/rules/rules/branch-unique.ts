/**
 * Branch uniqueness (RFC 3261 §8.1.1.7, §16.6 step 8, §13.2.2.4): every new request an element sends
 * has a branch it never used before — except a CANCEL and the ACK of a non-2xx response, which reuse
 * the branch of the request they cancel or acknowledge. The ACK of a 2xx is a new request: new branch.
 */
import type { HopTransaction, Msg } from '../model';
import { defineRule } from '../rule';
import { at } from '../support/describe';

export const branchUnique = defineRule(
  {
    id: 'branch-unique',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§8.1.1.7',
    title:
      'Each new request an element sends has a branch it never used before; only a CANCEL and the ACK of a non-2xx response reuse the branch of their request, and the ACK of a 2xx has a new one.',
  },
  (model, emit) => {
    const used = new Map<string, HopTransaction[]>();
    for (const tx of model.transactions) {
      if (tx.branch === undefined) continue;
      const k = `${tx.client}\u0000${tx.branch}`;
      const before = used.get(k) ?? [];
      for (const p of before) {
        if (tx.cancelled === p || p.cancelled === tx) continue;
        const a = p.requests[0]!;
        const b = tx.requests[0]!;
        emit(
          b,
          `This ${b.method} reuses the branch "${tx.branch}" of the ${a.method} the same element sent at ${at(a.time)}, but it is a new request${a.destination !== b.destination ? ` to another destination` : ''}; a new transaction needs a new branch.`,
          [a],
        );
        break;
      }
      before.push(tx);
      used.set(k, before);
    }
    for (const m of model.messages) {
      if (m.method !== 'ACK' || !m.request || m.forwardOf || m.ack?.kind !== '2xx') continue;
      const invite: Msg | undefined = m.tx?.requests[0];
      if (
        invite &&
        invite.source === m.source &&
        m.branch !== undefined &&
        m.branch === invite.branch
      )
        emit(
          m,
          `This ACK acknowledges a 2xx but reuses the INVITE's branch "${m.branch}"; the ACK of a 2xx is a transaction of its own and needs a new branch (only the ACK of a non-2xx answer shares the INVITE's).`,
          [invite],
        );
    }
  },
);
