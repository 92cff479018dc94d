/**
 * What the incoming call machine does (RFC 3261 §13.3), as named actions and guards over the call it
 * runs: ringing (180 and an early dialog, §13.3.1.1), the user's answer with SDP or a refusal
 * (§13.3.1.3, §13.3.1.4), the 2xx resent until its ACK arrives and BYE after 64·T1 without one
 * (§13.3.1.4), the invitation's Expires (§13.3.1 step 1), CANCEL (§9.2), and BYE (§15).
 * incoming-call-machine.ts says when.
 */
import { makeAnswer, makeOffer, type SipRequest } from '../../codec';
import { Dialog } from '../../dialog';
import type { MachineTimers } from '../../transaction';
import type { UserAgentConfig } from '../config';
import type { IncomingCall } from './calls';
import { ALLOW, type UaCore } from './ua-core';

export type IncomingCallEvent =
  /** The user answers (200), declines (603) or is busy (486). */
  | { type: 'answer'; status: number }
  /** The INVITE was cancelled (the CANCEL itself is answered by the UA core, §9.2). */
  | { type: 'CANCEL' }
  /** The ACK of the 2xx (§13.3.1.4). */
  | { type: 'ACK' }
  /** The user hangs up (§15). */
  | { type: 'hang-up' }
  /** The other side's BYE (answered by the UA core, §15.1.2). */
  | { type: 'BYE' }
  /** The final response to the call's BYE came, or its transaction timed out. */
  | { type: 'bye-answered' }
  /** The answer policy's ring time is over: the user answers, declines or gives up. */
  | { type: 'timer.answer' }
  /** The invitation's Expires ran out before the user answered (§13.3.1). */
  | { type: 'timer.expiry' }
  /** Time to resend the 2xx, or to give up on the ACK (§13.3.1.4). */
  | { type: 'timer.retransmit' };

export interface IncomingCallContext {
  ua: UaCore;
  call: IncomingCall;
  timers: MachineTimers;
  /** The UA was busy with another call when the INVITE came. */
  busy: boolean;
  policy: NonNullable<UserAgentConfig['answer']>;
}

type Args = { context: IncomingCallContext; event: IncomingCallEvent };

// ---- helpers -------------------------------------------------------------------------------------------

function sdpAnswer(ua: UaCore, req: SipRequest): string {
  const ct = req.contentType();
  const sid = 2000 + ua.rng.int(9000);
  const local = { user: ua.user, address: ua.address, port: 3456, sessionId: sid };
  if (ct && ct.type === 'application' && ct.subtype === 'sdp' && req.body.length > 0) {
    try {
      return makeAnswer(req.body, local);
    } catch {
      /* an offer sdp-transform cannot read: answer with our own description */
    }
  }
  return makeOffer(local);
}

/** The status the answer policy gives when its ring time is over (0: the user decides by hand). */
function policyStatus(policy: IncomingCallContext['policy']): number {
  switch (policy.mode) {
    case 'answer':
      return 200;
    case 'decline':
      return 603;
    case 'no-answer':
      return 480;
    default:
      return 0;
  }
}

/**
 * §13.3.1.4: the UAS core resends the 2xx at T1, 2·T1, ... up to T2 until the ACK arrives; the
 * retransmissions last 64·T1 from the first 2xx (as long as Timer H would), so the last wait is cut
 * short and the BYE goes out exactly then.
 */
function armRetransmit({ ua, call, timers }: IncomingCallContext): void {
  const left = 64 * ua.timers.T1 - (ua.clock.now() - call.okSentAt);
  const delay = Math.max(0, Math.min(call.retransmitInterval, left));
  ua.record({
    type: 'timer-start',
    element: ua.name,
    timer: '2xx retransmit',
    durationMs: delay,
    ...(call.dialog ? { dialogId: call.dialog.id } : {}),
    detail:
      delay < call.retransmitInterval
        ? `${ua.name} will stop resending its 200 OK in ${delay} ms, 64·T1 after the first (RFC 3261 §13.3.1.4)`
        : `${ua.name} will resend its 200 OK in ${delay} ms unless the ACK arrives (RFC 3261 §13.3.1.4)`,
  });
  timers.start('retransmit', delay, '2xx retransmit');
}

/** Sends a final non-2xx answer: the early dialog, if any, ends with it (§12.3). */
function refuse({ ua, call, timers }: IncomingCallContext, status: number, result: string): void {
  timers.stop('expiry');
  ua.respond(call.tx, status, { toTag: call.localTag });
  call.result = result;
  call.dialog?.terminate('non-2xx');
}

// ---- actions -------------------------------------------------------------------------------------------

/** §13.3.1 step 1: an invitation with Expires that runs out before the user answers ends with 487. */
export function startExpiry({ context }: Args): void {
  const expires = context.call.invite.expires();
  if (expires !== undefined && expires > 0)
    context.timers.start('expiry', expires * 1000, 'Expires');
}

/** Busy with another call (or always busy): 486 at once (§21.4.24). */
export function refuseBusy({ context }: Args): void {
  refuse(context, 486, '486');
}

/** The user is alerted: 180 with an early dialog unless the policy rings silently (§13.3.1.1). */
export function ring({ context }: Args): void {
  const { ua, call, policy, timers } = context;
  if (policy.ring !== false) {
    ua.respond(call.tx, 180, { toTag: call.localTag, headers: [['Contact', ua.contact()]] });
    call.dialog = Dialog.fromUas(call.invite, call.localTag, false, ua.machineEnv);
  }
  const status = policyStatus(policy);
  if (status !== 0) {
    call.answerStatus = status;
    timers.start('answer', policy.ringMs ?? 2000, 'ring time');
  }
}

/** What the user does when the ring time is over, for the trace. */
export function noteUserChoice({ context }: Args): void {
  const { ua, call } = context;
  const status = call.answerStatus;
  ua.record({
    type: 'note',
    element: ua.name,
    detail:
      status === 200
        ? `The user answers ${ua.name}`
        : status === 603
          ? `The user declines the call on ${ua.name}`
          : `Nobody answers ${ua.name}; it gives up ringing`,
  });
}

/** The user answers: 200 with the SDP answer; the dialog is confirmed; the 2xx resent until ACKed. */
export function answer({ context }: Args): void {
  const { ua, call, timers } = context;
  timers.stop('expiry');
  const ok = ua.respond(call.tx, 200, {
    toTag: call.localTag,
    headers: [
      ['Contact', ua.contact()],
      ['Allow', ALLOW],
      ['Content-Type', 'application/sdp'],
    ],
    body: sdpAnswer(ua, call.invite),
  });
  call.ok = ok;
  if (call.dialog) call.dialog.confirm();
  else call.dialog = Dialog.fromUas(call.invite, call.localTag, true, ua.machineEnv);
  call.okSentAt = ua.clock.now();
  call.retransmitInterval = ua.timers.T1;
  armRetransmit(context);
}

/** The ring time is over with a refusal (603, 480), or the user refuses (486, 603). */
export function refuseAnswer({ context, event }: Args): void {
  const status = event.type === 'answer' ? event.status : context.call.answerStatus;
  refuse(context, status, `${status}`);
}

/** The invitation's Expires ran out: 487 (§13.3.1). */
export function expire({ context }: Args): void {
  const { ua, call } = context;
  ua.note(
    `The invitation to ${ua.name} expires (Expires: ${call.invite.expires()}) before the user answers: 487 (RFC 3261 §13.3.1)`,
  );
  stopTimers({ context, event: { type: 'timer.expiry' } });
  refuse(context, 487, 'the invitation expired');
}

/** §9.2: the INVITE is answered 487 Request Terminated. */
export function cancelled({ context, event }: Args): void {
  stopTimers({ context, event });
  refuse(context, 487, 'cancelled by the caller');
}

/** Stops the call's timers: the 2xx retransmissions (noted in the trace), the Expires, the ring time. */
export function stopTimers({ context }: Args): void {
  const { ua, timers } = context;
  if (timers.stop('retransmit'))
    ua.record({
      type: 'timer-stop',
      element: ua.name,
      timer: '2xx retransmit',
      detail: `${ua.name} stops resending its 200 OK`,
    });
  timers.stop('expiry');
  timers.stop('answer');
}

/** The ACK came: the call is connected. */
export function connect({ context }: Args): void {
  context.call.result = 'connected';
  context.call.keep2xxAsBytes();
}

/** Hang up: BYE (§15.1.1). */
export function hangUp({ context }: Args): void {
  const { ua, call } = context;
  call.result = 'hung up';
  call.byeTx = call.dialog ? ua.sendBye(call.dialog) : undefined;
}

/** No ACK 64·T1 after the first 2xx: the call is ended with BYE (§13.3.1.4). */
export function byeWithoutAck({ context }: Args): void {
  const { ua, call } = context;
  ua.record({
    type: 'timer-fire',
    element: ua.name,
    timer: '2xx retransmit',
    detail: `No ACK for ${ua.name}'s 200 OK within 64·T1: the call is ended with BYE`,
  });
  call.result = 'no ACK';
  call.byeTx = call.dialog ? ua.sendBye(call.dialog) : undefined;
}

/** No ACK yet: the 2xx again, through the INVITE server transaction while it is in Accepted. */
export function resend2xx({ context }: Args): void {
  const { ua, call } = context;
  ua.record({
    type: 'timer-fire',
    element: ua.name,
    timer: '2xx retransmit',
    detail: `${ua.name} has no ACK yet and resends its 200 OK`,
  });
  // Through the INVITE server transaction, which waits in Accepted for as long (RFC 6026 §8.7).
  if (call.ok && !ua.respondWith(call.tx, call.ok))
    ua.send(call.tx.responseDestination, call.ok, {
      retransmission: true,
      ...(call.dialog ? { dialogId: call.dialog.id } : {}),
    });
  call.retransmitInterval = Math.min(call.retransmitInterval * 2, ua.timers.T2);
  armRetransmit(context);
}

/** The other side hung up (its BYE is answered by the UA core, §15.1.2). */
export function hungUpByPeer({ context }: Args): void {
  context.call.result = 'the other side hung up';
}

// ---- guards --------------------------------------------------------------------------------------------

export const guards = {
  busy: ({ context }: Args) => context.busy || context.policy.mode === 'busy',
  /** The answer (the user's, or the policy's when the ring time is over) is 200. */
  answers: ({ context, event }: Args) =>
    (event.type === 'answer' ? event.status : context.call.answerStatus) === 200,
  /** 64·T1 have passed since the first 2xx (§13.3.1.4). */
  noAckInTime: ({ context }: Args) =>
    context.ua.clock.now() - context.call.okSentAt >= 64 * context.ua.timers.T1,
  byeUnsent: ({ context }: Args) => context.call.byeTx === undefined,
};
