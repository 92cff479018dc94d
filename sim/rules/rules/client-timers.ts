/**
 * Client transaction retransmissions over UDP (RFC 3261 §17.1.1.2, §17.1.2.2): an INVITE at T1, 2T1,
 * 4T1 … (Timer A) while nothing came back and never after 64·T1 (Timer B); a non-INVITE request at T1
 * doubling up to T2, at T2 once a provisional came (Timer E), never after 64·T1 (Timer F); none once a
 * final response (or, for INVITE, any response) arrived.
 */
import { clientHasTransaction, firstArrival, type HopTransaction, type Model } from '../model';
import { defineRule, type Emit } from '../rule';
import { interval, near } from '../support/backoff';
import { at, ms, what } from '../support/describe';

const timerA = {
  id: 'invite-retransmit-timer-a',
  level: 'MUST',
  rfc: 'RFC 3261',
  section: '§17.1.1.2',
  title:
    'Over UDP an INVITE client transaction retransmits its INVITE at intervals of T1, 2·T1, 4·T1 … as long as no response has arrived.',
} as const;
const timerB = {
  id: 'invite-retransmit-timer-b',
  level: 'MUST',
  rfc: 'RFC 3261',
  section: '§17.1.1.2',
  title: 'An INVITE is never retransmitted after Timer B (64·T1 from the first send) has fired.',
} as const;
const afterProvisional = {
  id: 'invite-retransmit-after-provisional',
  level: 'SHOULD',
  rfc: 'RFC 3261',
  section: '§17.1.1.2',
  title:
    'An INVITE client transaction stops retransmitting once a provisional response has arrived.',
} as const;
const inviteAfterFinal = {
  id: 'invite-retransmit-after-final',
  level: 'MUST',
  rfc: 'RFC 3261',
  section: '§17.1.1.2',
  title: 'An INVITE is not retransmitted once a final response has arrived.',
} as const;
const timerE = {
  id: 'non-invite-retransmit-timer-e',
  level: 'MUST',
  rfc: 'RFC 3261',
  section: '§17.1.2.2',
  title:
    'Over UDP a non-INVITE client transaction retransmits at T1, then doubling up to T2, and every T2 once a provisional response has arrived, until a final response comes.',
} as const;
const timerF = {
  id: 'non-invite-retransmit-timer-f',
  level: 'SHOULD',
  rfc: 'RFC 3261',
  section: '§17.1.2.2',
  title: 'A non-INVITE request is not retransmitted after Timer F (64·T1 from the first send).',
} as const;
const nonInviteAfterFinal = {
  id: 'non-invite-retransmit-after-final',
  level: 'MUST',
  rfc: 'RFC 3261',
  section: '§17.1.2.2',
  title: 'A non-INVITE request is not retransmitted once a final response has arrived.',
} as const;

/** Transactions whose client runs the retransmission timers (a UA or stateful proxy, over UDP). */
function timed(model: Model, invite: boolean): HopTransaction[] {
  return model.transactions.filter(
    (t) =>
      (t.method === 'INVITE') === invite &&
      t.transport === 'UDP' &&
      (t.requests[0]!.vias[0]?.transport.toUpperCase() ?? 'UDP') === 'UDP' &&
      clientHasTransaction(model, t),
  );
}

function checkInvite(model: Model, tx: HopTransaction, emit: Emit, rule: string): void {
  const s = model.settings;
  const sends = tx.requests;
  const s0 = sends[0]!.time;
  const response = firstArrival(tx, 'any');
  const final = firstArrival(tx, 'final');
  const limit = s0 + 64 * s.T1;
  for (let i = 1; i < sends.length; i++) {
    const m = sends[i]!;
    const prev = sends[i - 1]!;
    if (final && final.arrival < m.time - s.tolerance) {
      if (rule === inviteAfterFinal.id)
        emit(
          m,
          `The INVITE was sent again at ${at(m.time)} although the ${what(final)} had arrived at ${at(final.arrival)}; a final response ends retransmissions.`,
          [final],
        );
    } else if (response && response.arrival < m.time - s.tolerance) {
      if (rule === afterProvisional.id)
        emit(
          m,
          `The INVITE was sent again at ${at(m.time)} although the ${what(response)} had arrived at ${at(response.arrival)}; retransmissions should stop once a response arrives.`,
          [response],
        );
    } else if (m.time > limit + s.tolerance) {
      if (rule === timerB.id)
        emit(
          m,
          `The INVITE was retransmitted at ${at(m.time)}, after Timer B (64·T1 = ${ms(64 * s.T1)} from ${at(s0)}) had ended the transaction.`,
          [sends[0]],
        );
    } else if (rule === timerA.id) {
      const want = interval(i, s, false);
      if (!near(m.time - prev.time, want, s))
        emit(
          m,
          `This retransmission of the INVITE came ${ms(m.time - prev.time)} after the previous send; Timer A makes retransmission ${i} come ${ms(want)} after it.`,
          [prev],
        );
    }
  }
  if (rule !== timerA.id) return;
  const last = sends[sends.length - 1]!;
  if (response && response.arrival <= last.time + s.tolerance) return;
  const due = last.time + interval(sends.length, s, false);
  if (due >= limit - s.tolerance || s.endTime < due + s.tolerance) return;
  if (response && response.arrival <= due + s.tolerance) return;
  emit(
    last,
    `No retransmission of the INVITE came at ${at(due)}: no response had arrived, so Timer A should have sent it again ${ms(due - last.time)} after this send.`,
    [sends[0]],
  );
}

function checkNonInvite(model: Model, tx: HopTransaction, emit: Emit, rule: string): void {
  const s = model.settings;
  const sends = tx.requests;
  const s0 = sends[0]!.time;
  const provisional = firstArrival(tx, 'provisional');
  const final = firstArrival(tx, 'final');
  const limit = s0 + 64 * s.T1;
  const allowed = (i: number, prev: number): number[] => {
    const normal = interval(i, s, true);
    if (!provisional || provisional.arrival > prev + s.tolerance) return [normal];
    if (provisional.arrival < prev - s.tolerance) return [s.T2];
    return [s.T2, normal];
  };
  for (let i = 1; i < sends.length; i++) {
    const m = sends[i]!;
    const prev = sends[i - 1]!;
    if (final && final.arrival < m.time - s.tolerance) {
      if (rule === nonInviteAfterFinal.id)
        emit(
          m,
          `The ${m.method} was sent again at ${at(m.time)} although the ${what(final)} had arrived at ${at(final.arrival)}; a final response ends retransmissions.`,
          [final],
        );
    } else if (m.time > limit + s.tolerance) {
      if (rule === timerF.id)
        emit(
          m,
          `The ${m.method} was retransmitted at ${at(m.time)}, after Timer F (64·T1 = ${ms(64 * s.T1)} from ${at(s0)}) should have ended the transaction.`,
          [sends[0]],
        );
    } else if (rule === timerE.id) {
      const want = allowed(i, prev.time);
      if (!want.some((w) => near(m.time - prev.time, w, s)))
        emit(
          m,
          `This retransmission of the ${m.method} came ${ms(m.time - prev.time)} after the previous send; Timer E makes it ${want.map(ms).join(' or ')}${provisional && provisional.arrival <= prev.time + s.tolerance ? ' (T2, since a provisional response had arrived)' : ''}.`,
          [prev],
        );
    }
  }
  if (rule !== timerE.id) return;
  const last = sends[sends.length - 1]!;
  if (final && final.arrival <= last.time + s.tolerance) return;
  const wants = allowed(sends.length, last.time);
  const due = last.time + Math.max(...wants);
  if (due >= limit - s.tolerance || s.endTime < due + s.tolerance) return;
  if (final && final.arrival <= due + s.tolerance) return;
  emit(
    last,
    `No retransmission of the ${last.method} came by ${at(due)}: no final response had arrived, so Timer E should have sent it again ${ms(due - last.time)} after this send.`,
    [sends[0]],
  );
}

function inviteRule(
  info: typeof timerA | typeof timerB | typeof afterProvisional | typeof inviteAfterFinal,
) {
  return defineRule(info, (model, emit) => {
    for (const tx of timed(model, true)) checkInvite(model, tx, emit, info.id);
  });
}

function nonInviteRule(info: typeof timerE | typeof timerF | typeof nonInviteAfterFinal) {
  return defineRule(info, (model, emit) => {
    for (const tx of timed(model, false)) checkNonInvite(model, tx, emit, info.id);
  });
}

export const inviteRetransmitTimerA = inviteRule(timerA);
export const inviteRetransmitTimerB = inviteRule(timerB);
export const inviteRetransmitAfterProvisional = inviteRule(afterProvisional);
export const inviteRetransmitAfterFinal = inviteRule(inviteAfterFinal);
export const nonInviteRetransmitTimerE = nonInviteRule(timerE);
export const nonInviteRetransmitTimerF = nonInviteRule(timerF);
export const nonInviteRetransmitAfterFinal = nonInviteRule(nonInviteAfterFinal);
