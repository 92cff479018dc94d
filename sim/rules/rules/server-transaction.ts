/**
 * Server transactions (RFC 3261 §17.2.1, §17.2.2, §17.1): an INVITE gets a response within 200 ms
 * (100 Trying if nothing else); a 300–699 answer to an INVITE is retransmitted over UDP at T1 doubling
 * up to T2 (Timer G) until the ACK comes, for at most 64·T1 (Timer H); a retransmitted request is
 * answered with the last response; a non-INVITE request gets its final response.
 */
import {
  isStatefulProxy,
  serverHasTransaction,
  serverIsUas,
  type HopTransaction,
  type Model,
  type Msg,
} from '../model';
import { defineRule, type Emit } from '../rule';
import { interval, near, timerCopies } from '../support/backoff';
import { at, ms, what } from '../support/describe';

/** Servers known to be SIP elements (they sent something) that run a server transaction. */
function served(model: Model, tx: HopTransaction): boolean {
  return model.nodes.has(tx.server) && serverHasTransaction(model, tx);
}

export const invite100Trying = defineRule(
  {
    id: 'invite-100-trying',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§17.2.1',
    title:
      "An INVITE server transaction sends a response within 200 ms of the INVITE's arrival — 100 (Trying) unless another response goes out first.",
  },
  (model, emit) => {
    const s = model.settings;
    for (const tx of model.transactions) {
      const q = tx.delivered[0];
      if (tx.method !== 'INVITE' || !q || q.destination !== tx.server || !served(model, tx))
        continue;
      const deadline = q.arrival + 200 + s.tolerance;
      const first = tx.responses.find(
        (r) => r.source === tx.server && r.time >= q.arrival - s.tolerance,
      );
      if (first && first.time > deadline)
        emit(
          first,
          `The first response to the INVITE (this ${what(first)}) left ${ms(first.time - q.arrival)} after the INVITE arrived; the server must send 100 (Trying) within 200 ms unless another response goes out sooner.`,
          [q],
        );
      else if (!first && s.endTime >= deadline)
        emit(
          q,
          'Nothing answered this INVITE within 200 ms of its arrival; the INVITE server transaction must send 100 (Trying) to stop the retransmissions.',
          [],
        );
    }
  },
);

interface FinalTimeline {
  tx: HopTransaction;
  /** The first 300–699 response the server sent, then the copies it sent on Timer G. */
  copies: Msg[];
  ackAt: number | undefined;
  keepsState: boolean;
}

function finals(model: Model): FinalTimeline[] {
  const out: FinalTimeline[] = [];
  for (const tx of model.transactions) {
    if (tx.method !== 'INVITE' || tx.transport !== 'UDP' || !served(model, tx)) continue;
    const first = tx.responses.find((r) => r.source === tx.server && r.status >= 300);
    if (!first) continue;
    const all = tx.responses.filter(
      (r) => r.source === tx.server && r.status === first.status && r.toTag === first.toTag,
    );
    const requests = tx.delivered.filter((q) => q.arrival >= first.time - model.settings.tolerance);
    const copies = timerCopies(all, requests, model.settings);
    const ack = tx.acks
      .filter((a) => a.delivered && a.destination === tx.server)
      .sort((a, b) => a.arrival - b.arrival)[0];
    const provisionalFirst = tx.responses.some(
      (r) => r.source === tx.server && r.status < 200 && r.time <= first.time,
    );
    out.push({
      tx,
      copies,
      ackAt: ack?.arrival,
      keepsState: isStatefulProxy(model, tx.server) || provisionalFirst || copies.length > 1,
    });
  }
  return out;
}

const timerGInfo = {
  id: 'invite-final-retransmit-timer-g',
  level: 'MUST',
  rfc: 'RFC 3261',
  section: '§17.2.1',
  title:
    'Over UDP a 300–699 response to an INVITE is retransmitted at T1, then doubling up to T2 (Timer G), until the ACK arrives.',
} as const;
const timerHInfo = {
  id: 'invite-final-retransmit-timer-h',
  level: 'MUST',
  rfc: 'RFC 3261',
  section: '§17.2.1',
  title:
    'A 300–699 response to an INVITE is not retransmitted after Timer H (64·T1 from the first send).',
} as const;
const afterAckInfo = {
  id: 'invite-final-retransmit-after-ack',
  level: 'MUST',
  rfc: 'RFC 3261',
  section: '§17.2.1',
  title: 'Once the ACK has arrived, the 300–699 response is no longer retransmitted.',
} as const;

function checkFinal(model: Model, f: FinalTimeline, emit: Emit, rule: string): void {
  const s = model.settings;
  const c = f.copies;
  const t0 = c[0]!.time;
  const limit = t0 + 64 * s.T1;
  for (let i = 1; i < c.length; i++) {
    const m = c[i]!;
    if (f.ackAt !== undefined && m.time > f.ackAt + s.tolerance) {
      if (rule === afterAckInfo.id)
        emit(
          m,
          `The ${what(m)} was retransmitted at ${at(m.time)} although the ACK had arrived at ${at(f.ackAt)}; the ACK stops Timer G.`,
        );
    } else if (m.time > limit + s.tolerance) {
      if (rule === timerHInfo.id)
        emit(
          m,
          `The ${what(m)} was retransmitted at ${at(m.time)}, after Timer H (64·T1 = ${ms(64 * s.T1)} from ${at(t0)}) should have ended the transaction.`,
          [c[0]],
        );
    } else if (rule === timerGInfo.id) {
      const want = interval(i, s, true);
      if (!near(m.time - c[i - 1]!.time, want, s))
        emit(
          m,
          `This retransmission of the ${what(m)} came ${ms(m.time - c[i - 1]!.time)} after the previous one; Timer G makes it ${ms(want)}.`,
          [c[i - 1]],
        );
    }
  }
  if (rule !== timerGInfo.id || !f.keepsState) return;
  const last = c[c.length - 1]!;
  if (f.ackAt !== undefined && f.ackAt <= last.time + s.tolerance) return;
  const due = last.time + interval(c.length, s, true);
  if (due >= limit - s.tolerance || s.endTime < due + s.tolerance) return;
  if (f.ackAt !== undefined && f.ackAt <= due + s.tolerance) return;
  emit(
    last,
    `No retransmission of the ${what(last)} came at ${at(due)}: no ACK had arrived, so Timer G should have sent it again ${ms(due - last.time)} after this send.`,
  );
}

function finalRule(info: typeof timerGInfo | typeof timerHInfo | typeof afterAckInfo) {
  return defineRule(info, (model, emit) => {
    for (const f of finals(model)) checkFinal(model, f, emit, info.id);
  });
}

export const inviteFinalRetransmitTimerG = finalRule(timerGInfo);
export const inviteFinalRetransmitTimerH = finalRule(timerHInfo);
export const inviteFinalRetransmitAfterAck = finalRule(afterAckInfo);

/**
 * Each retransmitted request that reached the server, with the last response the server had sent
 * before it and whether any response followed promptly.
 */
function retransmissions(
  model: Model,
  invite: boolean,
): { tx: HopTransaction; copy: Msg; last: Msg; answered: boolean }[] {
  const s = model.settings;
  const out: { tx: HopTransaction; copy: Msg; last: Msg; answered: boolean }[] = [];
  for (const tx of model.transactions) {
    if ((tx.method === 'INVITE') !== invite || !served(model, tx)) continue;
    const own = tx.responses.filter((r) => r.source === tx.server);
    for (const copy of tx.delivered.slice(1)) {
      if (copy.destination !== tx.server) continue;
      const a = copy.arrival;
      let last: Msg | undefined;
      for (const r of own) if (r.time <= a - s.tolerance) last = r;
      if (!last) continue;
      if (s.endTime < a + s.prompt) continue;
      const answered = own.some((r) => r.time >= a - s.tolerance && r.time <= a + s.prompt);
      out.push({ tx, copy, last, answered });
    }
  }
  return out;
}

export const inviteRetransmissionProvisional = defineRule(
  {
    id: 'invite-retransmission-provisional',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§17.2.1',
    title:
      'While an INVITE server transaction is proceeding, each retransmitted INVITE is answered with the most recent provisional response.',
  },
  (model, emit) => {
    for (const { copy, last, answered } of retransmissions(model, true))
      if (last.status < 200 && !answered)
        emit(
          copy,
          `This retransmitted INVITE got no answer; the server transaction, still proceeding, must resend its last provisional response (the ${what(last)}).`,
          [last],
        );
  },
);

export const inviteRetransmissionFinal = defineRule(
  {
    id: 'invite-retransmission-final',
    level: 'SHOULD',
    rfc: 'RFC 3261',
    section: '§17.2.1',
    title:
      'While an INVITE server transaction waits for the ACK of its 300–699 response, a retransmitted INVITE is answered with that response again.',
  },
  (model, emit) => {
    const s = model.settings;
    for (const { tx, copy, last, answered } of retransmissions(model, true)) {
      if (last.status < 300 || answered) continue;
      if (copy.arrival > last.time + 64 * s.T1) continue;
      const acked = tx.acks.some(
        (a) => a.delivered && a.destination === tx.server && a.arrival <= copy.arrival,
      );
      if (!acked)
        emit(
          copy,
          `This retransmitted INVITE got no answer; while waiting for the ACK the server should resend its final response (the ${what(last)}).`,
          [last],
        );
    }
  },
);

export const nonInviteRetransmissionAnswered = defineRule(
  {
    id: 'non-invite-retransmission-answered',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§17.2.2',
    title:
      'A non-INVITE server transaction answers each retransmitted request with its last response: the last provisional one, or the final one until Timer J ends.',
  },
  (model, emit) => {
    const s = model.settings;
    for (const { tx, copy, last, answered } of retransmissions(model, false)) {
      if (answered) continue;
      if (last.status >= 200 && (tx.transport !== 'UDP' || copy.arrival > last.time + 64 * s.T1))
        continue;
      emit(
        copy,
        `This retransmitted ${copy.method} got no answer; the server transaction must resend its last response (the ${what(last)}).`,
        [last],
      );
    }
  },
);

export const nonInviteFinalResponse = defineRule(
  {
    id: 'non-invite-final-response',
    level: 'SHOULD',
    rfc: 'RFC 3261',
    section: '§17.1',
    title: 'A UAS answers a non-INVITE request with a final response at once, well within 64·T1.',
  },
  (model, emit) => {
    const s = model.settings;
    for (const tx of model.transactions) {
      const q = tx.delivered[0];
      if (tx.method === 'INVITE' || !q || q.destination !== tx.server) continue;
      if (!model.nodes.has(tx.server) || !serverIsUas(tx)) continue;
      const window = q.arrival + 64 * s.T1;
      if (s.endTime < window) continue;
      const final = tx.responses.some(
        (r) => r.source === tx.server && r.status >= 200 && r.time <= window,
      );
      if (!final)
        emit(
          q,
          `The ${q.method} reached ${tx.server} at ${at(q.arrival)} but no final response came back within 64·T1; a UAS should answer non-INVITE requests immediately.`,
        );
    }
  },
);
