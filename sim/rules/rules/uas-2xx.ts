/**
 * The callee after it accepts (RFC 3261 §13.3.1.4, §15, §15.1.2): it retransmits its 2xx at T1
 * doubling up to T2 until the ACK arrives (and stops then, and by 64·T1); it sends no BYE before that
 * ACK nor on an early dialog; a BYE in a live dialog gets a 2xx.
 */
import { reached, type Dialog, type Model, type Msg } from '../model';
import { defineRule, type Emit } from '../rule';
import { interval, near, timerCopies } from '../support/backoff';
import { at, ms, what } from '../support/describe';

interface Accepted {
  dialog: Dialog;
  /** The 2xx copies the UAS sent on its own timer. */
  copies: Msg[];
  /** When the first ACK of this 2xx reached the UAS. */
  ackAt: number | undefined;
  /**
   * When another request of the caller in this dialog (a BYE, a re-INVITE) reached the UAS: proof
   * that the 2xx arrived, after which no retransmission is expected any more.
   */
  peerAt: number | undefined;
}

/** ACKs of 2xx that reached the UAS of each INVITE dialog, by dialog. */
function acksAt(model: Model, d: Dialog): Msg[] {
  return model.messages.filter(
    (a) =>
      a.method === 'ACK' &&
      a.request !== undefined &&
      a.delivered &&
      a.destination === d.uas &&
      a.callId === d.callId &&
      a.fromTag === d.uacTag &&
      a.toTag === d.uasTag &&
      a.cseq?.seq === d.request.cseq?.seq,
  );
}

function accepted(model: Model): Accepted[] {
  const out: Accepted[] = [];
  for (const d of model.dialogs) {
    if (d.method !== 'INVITE') continue;
    const all = d.responses.filter((r) => r.status >= 200 && r.status < 300);
    if (all.length === 0) continue;
    const tx = all[0]!.tx!;
    const requests = tx.delivered.filter(
      (q) => q.arrival >= all[0]!.time - model.settings.tolerance,
    );
    const acks = acksAt(model, d).sort((a, b) => a.arrival - b.arrival);
    let peerAt: number | undefined;
    for (const e of d.requests) {
      if (e.side !== 'uac' || e.msg.method === 'ACK' || e.msg.method === 'CANCEL') continue;
      const got = reached(e.msg, d.uas);
      if (got && (peerAt === undefined || got.arrival < peerAt)) peerAt = got.arrival;
    }
    out.push({
      dialog: d,
      copies: timerCopies(all, requests, model.settings),
      ackAt: acks[0]?.arrival,
      peerAt,
    });
  }
  return out;
}

const retransmitInfo = {
  id: 'uas-2xx-retransmit',
  level: 'MUST',
  rfc: 'RFC 3261',
  section: '§13.3.1.4',
  title:
    'The UAS retransmits its 2xx to an INVITE at T1, then doubling up to T2, until the ACK arrives (for up to 64·T1), whatever the transport.',
} as const;
const stopsInfo = {
  id: 'uas-2xx-retransmit-stops',
  level: 'SHOULD',
  rfc: 'RFC 3261',
  section: '§13.3.1.4',
  title: 'The UAS stops retransmitting its 2xx when the ACK arrives, and after 64·T1.',
} as const;

function check(model: Model, a: Accepted, emit: Emit, rule: string): void {
  const s = model.settings;
  const c = a.copies;
  const t0 = c[0]!.time;
  const limit = t0 + 64 * s.T1;
  for (let i = 1; i < c.length; i++) {
    const m = c[i]!;
    if (a.ackAt !== undefined && m.time > a.ackAt + s.tolerance) {
      if (rule === stopsInfo.id)
        emit(
          m,
          `The ${what(m)} was sent again at ${at(m.time)} although its ACK had arrived at ${at(a.ackAt)}; retransmissions of a 2xx cease when the ACK arrives.`,
        );
    } else if (m.time > limit + s.tolerance) {
      if (rule === stopsInfo.id)
        emit(
          m,
          `The ${what(m)} was still retransmitted at ${at(m.time)}, more than 64·T1 after it was first sent (${at(t0)}).`,
          [c[0]],
        );
    } else if (rule === retransmitInfo.id) {
      const want = interval(i, s, true);
      if (!near(m.time - c[i - 1]!.time, want, s))
        emit(
          m,
          `This retransmission of the ${what(m)} came ${ms(m.time - c[i - 1]!.time)} after the previous one; a 2xx is resent at T1, then doubling up to T2 — here ${ms(want)}.`,
          [c[i - 1]],
        );
    }
  }
  if (rule !== retransmitInfo.id) return;
  const last = c[c.length - 1]!;
  const quenched = Math.min(a.ackAt ?? Infinity, a.peerAt ?? Infinity);
  if (quenched <= last.time + s.tolerance) return;
  const due = last.time + interval(c.length, s, true);
  if (due >= limit - s.tolerance || s.endTime < due + s.tolerance) return;
  if (quenched <= due + s.tolerance) return;
  emit(
    last,
    `No retransmission of the ${what(last)} came at ${at(due)}: no ACK had arrived, so the UAS should have resent its 2xx ${ms(due - last.time)} after this send.`,
  );
}

export const uas2xxRetransmit = defineRule(retransmitInfo, (model, emit) => {
  for (const a of accepted(model)) check(model, a, emit, retransmitInfo.id);
});

export const uas2xxRetransmitStops = defineRule(stopsInfo, (model, emit) => {
  for (const a of accepted(model)) check(model, a, emit, stopsInfo.id);
});

/** BYEs the callee of an INVITE dialog sent itself. */
function calleeByes(d: Dialog): Msg[] {
  return d.requests.filter((r) => r.side === 'uas' && r.msg.method === 'BYE').map((r) => r.msg);
}

export const calleeByeAfterAck = defineRule(
  {
    id: 'callee-bye-after-ack',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§15',
    title:
      'The callee sends no BYE on a confirmed dialog before the ACK of its 2xx has arrived (or its 2xx retransmissions have timed out).',
  },
  (model, emit) => {
    const s = model.settings;
    for (const d of model.dialogs) {
      if (d.method !== 'INVITE') continue;
      const first2xx = d.responses.find((r) => r.status >= 200 && r.status < 300);
      if (!first2xx) continue;
      const acks = acksAt(model, d);
      for (const bye of calleeByes(d)) {
        if (bye.time < first2xx.time) continue;
        const acked = acks.some((a) => a.arrival <= bye.time + s.tolerance);
        if (!acked && bye.time < first2xx.time + 64 * s.T1 - s.tolerance)
          emit(
            bye,
            `The callee sent this BYE at ${at(bye.time)}, before the ACK of its ${what(first2xx)} had arrived and before 64·T1 had passed; it must wait for the ACK.`,
            [first2xx],
          );
      }
    }
  },
);

export const calleeNoByeEarly = defineRule(
  {
    id: 'callee-no-bye-early',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§15',
    title: 'The callee never sends a BYE on an early dialog (before it sent a 2xx in that dialog).',
  },
  (model, emit) => {
    for (const d of model.dialogs) {
      if (d.method !== 'INVITE') continue;
      for (const bye of calleeByes(d)) {
        const confirmed = d.responses.some(
          (r) => r.status >= 200 && r.status < 300 && r.time <= bye.time,
        );
        if (!confirmed)
          emit(
            bye,
            'The callee sent this BYE on an early dialog (it had sent no 2xx yet); the callee must not send BYE on an early dialog — it rejects the INVITE with a final response instead.',
            [d.request],
          );
      }
    }
  },
);

export const byeExistingDialog2xx = defineRule(
  {
    id: 'bye-existing-dialog-2xx',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§15.1.2',
    title:
      'A UAS answers a BYE that matches one of its live, confirmed dialogs with a 2xx response.',
  },
  (model, emit) => {
    for (const d of model.dialogs) {
      if (d.method !== 'INVITE') continue;
      const first2xx = d.responses.find((r) => r.status >= 200 && r.status < 300);
      if (!first2xx) continue;
      const byes = d.requests.filter((r) => r.msg.method === 'BYE');
      const firstBye = byes[0];
      if (!firstBye) continue;
      const bye = firstBye.msg;
      const peer = firstBye.side === 'uac' ? d.uas : d.uac;
      const delivered = reached(bye, peer);
      if (!delivered) continue;
      // The peer surely knows the dialog: the callee once it sent its 2xx, the caller once it ACKed it.
      const known =
        firstBye.side === 'uac'
          ? first2xx.time <= delivered.arrival
          : acksAt(model, d).some((a) => a.time <= delivered.arrival);
      if (!known) continue;
      const answer = delivered.tx?.responses.find(
        (r) => r.source === peer && r.status >= 200 && !r.forwardOf,
      );
      if (answer && answer.status === 481)
        emit(
          answer,
          `The BYE matched a confirmed dialog of this UA, which answered ${what(answer)}; a BYE for an existing dialog must get a 2xx.`,
          [bye],
        );
    }
  },
);
