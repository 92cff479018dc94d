/**
 * What the outgoing call machine does (RFC 3261 §13.2, §9.1, §8.1.3.4, §22.2), as named actions and
 * guards over the call it runs: early dialogs from provisional responses (§12.1.2), an ACK for every
 * 2xx and again for its retransmissions (§13.2.2.4), CANCEL only after a provisional response and the
 * 64·T1 wait for the final one (§9.1), redirections followed and digest challenges answered with a new
 * INVITE (outgoing-call-retry.ts), the invitation's Expires (§13.2.1), and BYE (§15). outgoing-call-machine.ts says when.
 */
import { keepBytes, keptMessage, paramValue, type SipRequest, type SipResponse } from '../../codec';
import { Dialog } from '../../dialog';
import type { Destination } from '../../network';
import { cancelFor, type ClientTransaction, type MachineTimers } from '../../transaction';
import type { OutgoingCall } from './calls';
import { answerChallenge, followRedirect, tryNextTarget } from './outgoing-call-retry';
import type { UaCore } from './ua-core';

export type OutgoingCallEvent =
  /** A provisional response to the call's INVITE. */
  | { type: 'provisional'; response: SipResponse; tx: ClientTransaction }
  /**
   * A 2xx to one of its INVITEs: through the INVITE's transaction, or (`stray`) after it ended,
   * straight to the UA core (§13.2.2.4).
   */
  | { type: '2xx'; response: SipResponse; stray: boolean }
  /** A 300–699 response to its INVITE (the transaction has ACKed it, §17.1.1.3). */
  | { type: 'failure'; response: SipResponse; tx: ClientTransaction }
  /** Timer B (or a transport error) on its INVITE: no final response (§17.1.1.2). */
  | { type: 'timeout' }
  /** The user cancels (§9.1). */
  | { type: 'cancel' }
  /** The user hangs up (§15.1.1). */
  | { type: 'hang-up' }
  /** The other side's BYE (§15.1.2). */
  | { type: 'BYE' }
  /** The final response to the call's BYE came, or its transaction timed out. */
  | { type: 'bye-answered' }
  /** The invitation's Expires ran out with no final response (§13.2.1). */
  | { type: 'timer.expires' }
  /** 64·T1 after the CANCEL with no final response (§9.1). */
  | { type: 'timer.cancel' };

export interface OutgoingCallContext {
  ua: UaCore;
  call: OutgoingCall;
  timers: MachineTimers;
}

type Args = { context: OutgoingCallContext; event: OutgoingCallEvent };

// ---- helpers -------------------------------------------------------------------------------------------

function toTagOf(res: SipResponse): string | undefined {
  const to = res.to();
  return to ? (paramValue(to.params, 'tag') ?? undefined) : undefined;
}

/** The credentials of an INVITE, which its ACK for a 2xx carries too (§13.2.2.4). */
function credentialsOf(invite: SipRequest): [string, string][] {
  return invite.headers
    .filter((h) => h.key === 'authorization' || h.key === 'proxy-authorization')
    .map((h) => [h.name, h.value]);
}

function stopCancelTimer({ ua, call, timers }: OutgoingCallContext): void {
  if (!timers.stop('cancel')) return;
  ua.record({
    type: 'timer-stop',
    element: ua.name,
    timer: '64·T1 after CANCEL',
    transactionId: call.tx.id,
    detail: `${ua.name} has the INVITE's final response: it stops waiting`,
  });
}

// ---- actions -------------------------------------------------------------------------------------------

/** The invitation's Expires (§13.2.1) runs from the first INVITE, through every retry. */
export function startExpires({ context }: Args): void {
  const expires = context.ua.config.inviteExpires;
  if (expires !== undefined) context.timers.start('expires', expires * 1000, 'Expires');
}

/** A provisional response with a To tag creates an early dialog (§12.1.2), one per remote tag. */
export function createEarlyDialog({ context, event }: Args): void {
  if (event.type !== 'provisional') return;
  const { call, ua } = context;
  const res = event.response;
  const toTag = toTagOf(res);
  if (res.status > 100 && toTag && !call.dialogs.has(toTag)) {
    const d = Dialog.fromUac(event.tx.requireRequest(), res, ua.machineEnv);
    if (d) call.dialogs.set(toTag, d);
  }
}

/** The user (or the Expires) cancels before any provisional response: the CANCEL waits (§9.1). */
export function holdCancel({ context }: Args): void {
  context.call.cancelPending = true;
}

export function noteExpired({ context }: Args): void {
  const { ua } = context;
  ua.note(
    `The invitation of ${ua.name} expires (Expires: ${ua.config.inviteExpires}) with no final answer: it cancels the call (RFC 3261 §13.2.1)`,
  );
}

/**
 * CANCEL (§9.1): same Request-URI, Call-ID, To, From, CSeq number and top Via (so the same branch) as
 * the INVITE. If no final response comes within 64·T1, the INVITE is considered cancelled and its
 * client transaction destroyed.
 */
export function sendCancel({ context }: Args): void {
  const { ua, call, timers } = context;
  call.cancelPending = false;
  ua.sendRequest(cancelFor(call.invite), call.tx.destination);
  const wait = 64 * ua.timers.T1;
  ua.record({
    type: 'timer-start',
    element: ua.name,
    timer: '64·T1 after CANCEL',
    durationMs: wait,
    transactionId: call.tx.id,
    detail: `${ua.name} waits 64·T1 (${wait / 1000} s) for the INVITE's final response after its CANCEL (RFC 3261 §9.1)`,
  });
  timers.start('cancel', wait, '64·T1 after CANCEL');
}

/** 64·T1 after the CANCEL: the INVITE's transaction is destroyed and the call has failed (§9.1). */
export function giveUp({ context }: Args): void {
  const { ua, call } = context;
  const tx = call.tx;
  ua.abandon(tx);
  ua.record({
    type: 'timer-fire',
    element: ua.name,
    timer: '64·T1 after CANCEL',
    transactionId: tx.id,
    detail: `No final response 64·T1 after the CANCEL: ${ua.name} considers the INVITE cancelled and destroys its transaction (RFC 3261 §9.1)`,
  });
  call.result = 'cancelled (no final response after the CANCEL)';
  for (const d of call.dialogs.values()) d.terminate('given-up');
}

/** A 2xx came on the INVITE's transaction: the timers that wait for a final response stop. */
export function stopWaiting({ context, event }: Args): void {
  if (event.type !== '2xx' || event.stray) return;
  stopCancelTimer(context);
  context.timers.stop('expires');
}

/**
 * A 2xx that needs no new ACK of its own: a retransmission of one already ACKed (the ACK goes again,
 * §13.2.2.4), or one no dialog can be made of.
 */
export function absorb2xx({ context, event }: Args): void {
  if (event.type !== '2xx') return;
  const { ua, call } = context;
  const toTag = toTagOf(event.response);
  if (!toTag) return;
  const known = call.dialogs.get(toTag);
  const sent = known ? call.acks.get(known.id) : undefined;
  if (known && sent) {
    ua.note(
      `${ua.name} receives the 200 OK again: its ACK was lost or is late, so it sends the ACK again`,
    );
    if (sent.destination)
      ua.send(sent.destination, keptMessage(sent.ack), {
        retransmission: true,
        dialogId: known.id,
      });
    return;
  }
  ua.note(`${ua.name} cannot make a dialog from this 200 OK (no Contact or tag)`);
}

/** Every new 2xx confirms (or creates) its dialog and gets an ACK, built once per dialog (§13.2.2.4). */
export function acknowledge2xx({ context, event }: Args): void {
  if (event.type !== '2xx') return;
  const { ua, call } = context;
  const res = event.response;
  const toTag = toTagOf(res)!;
  let dialog = call.dialogs.get(toTag);
  if (dialog) dialog.confirm(res);
  else {
    dialog = Dialog.fromUac(call.invite, res, ua.machineEnv)!;
    call.dialogs.set(toTag, dialog);
  }
  const ack = dialog.createRequest('ACK', {
    cseq: call.cseq,
    headers: credentialsOf(call.invite),
  });
  ua.addVia(ack);
  const destination: Destination | undefined = ua.dialogNextHop(ack);
  // Kept for every 2xx retransmission of the call (§13.2.2.4), as bytes.
  call.acks.set(dialog.id, { ack: keepBytes(ack), destination });
  if (destination) ua.send(destination, ack, { dialogId: dialog.id });
  call.acked = dialog;
}

/** A second answer (another fork's) to a call already answered: ACKed, then ended with BYE (§13.2.2.4). */
export function byeSecondAnswer({ context }: Args): void {
  const { ua, call } = context;
  ua.note(
    `${ua.name} already has an answered call; it acknowledges this second answer and ends it with BYE (RFC 3261 §13.2.2.4)`,
  );
  if (call.acked) ua.sendBye(call.acked);
}

/** The first 2xx: the call is connected. */
export function connect({ context }: Args): void {
  const { call } = context;
  call.confirmed = call.acked;
  call.result = 'answered';
}

/** A 2xx that crossed the CANCEL: ACKed, then the call is hung up with BYE (§15). */
export function hangUpAnswerAfterCancel({ context }: Args): void {
  const { ua } = context;
  ua.note(
    `${ua.name} had cancelled the call, but the 200 OK crossed its CANCEL: it acknowledges it and hangs up with BYE (RFC 3261 §15)`,
  );
  hangUpAnswered(context, 'answered after the CANCEL, then hung up');
}

/** A 2xx after the call was given up (refused, timed out, or no answer after the CANCEL): ACK, BYE. */
export function hangUpLateAnswer({ context }: Args): void {
  const { ua, call } = context;
  ua.note(
    `${ua.name} had given the call up (${call.result}), but a 200 OK came after all: it acknowledges it and hangs up with BYE (RFC 3261 §13.2.2.4, §15)`,
  );
  hangUpAnswered(context, 'answered too late, then hung up');
}

function hangUpAnswered({ ua, call }: OutgoingCallContext, result: string): void {
  call.confirmed = call.acked;
  call.result = result;
  call.byeTx = call.acked ? ua.sendBye(call.acked) : undefined;
}

/**
 * A 300–699 response: a redirection is followed, a challenge answered, or the next contact of an
 * earlier redirection tried (§8.1.3.4, §22.2); call.retry says whether the INVITE went out again. If
 * not, the call fails (see fail).
 */
export function retryAfterFailure({ context, event }: Args): void {
  if (event.type !== 'failure') return;
  const res = event.response;
  if (!followRedirect(context, res) && !answerChallenge(context, res) && res.status >= 400)
    tryNextTarget(context, res);
}

/** A 300–699 response on the INVITE's transaction: the 64·T1 wait after a CANCEL stops. */
export function failureReceived({ context, event }: Args): void {
  if (event.type !== 'failure') return;
  const { call } = context;
  call.retry = undefined;
  call.failure = { result: `${event.response.status} ${event.response.reason}`, final: true };
  stopCancelTimer(context);
}

/** Timer B: a transport failure of one contact is a failure too: the next one is tried (§8.1.3.4). */
export function retryAfterTimeout({ context }: Args): void {
  const { call } = context;
  call.retry = undefined;
  call.failure = { result: 'no answer from the network (Timer B)', final: false };
  tryNextTarget(context);
}

/**
 * The call has failed: with the result of the failure that ended it; a final response also stops the
 * Expires and ends the early dialogs (§12.3).
 */
export function fail({ context }: Args): void {
  const { call, timers } = context;
  const failure = call.failure;
  if (!failure) return;
  if (failure.final) timers.stop('expires');
  call.result = failure.result;
  if (failure.final) for (const d of call.dialogs.values()) d.terminate('non-2xx');
}

/** Timer B while cancelling: nothing to retry. */
export function timedOut({ context }: Args): void {
  context.call.result = 'no answer from the network (Timer B)';
}

/** The user hangs up: BYE (§15.1.1). */
export function hangUp({ context }: Args): void {
  const { ua, call } = context;
  call.result = 'hung up';
  call.byeTx = call.confirmed ? ua.sendBye(call.confirmed) : undefined;
}

/** The other side hung up (its BYE is answered by the UA core, §15.1.2). */
export function hungUpByPeer({ context }: Args): void {
  context.call.result = 'the other side hung up';
}

// ---- guards --------------------------------------------------------------------------------------------

export const guards = {
  /** A 180 Ringing (other provisional responses mean "proceeding"). */
  ringing: ({ event }: Args) => event.type === 'provisional' && event.response.status === 180,
  /** A 2xx already ACKed (a retransmission), or one no dialog can be made of. */
  nothingNewIn2xx: ({ context, event }: Args) => {
    if (event.type !== '2xx') return false;
    const { call } = context;
    const toTag = toTagOf(event.response);
    if (!toTag) return true;
    const known = call.dialogs.get(toTag);
    if (known) return call.acks.has(known.id);
    return !Dialog.canCreateFromUac(call.invite, event.response);
  },
  /** The call was answered before (this 2xx is another fork's). */
  answeredBefore: ({ context }: Args) => context.call.confirmed !== undefined,
  retriedWhileCancelPending: ({ context }: Args) =>
    context.call.retry === 'sent' && context.call.cancelPending,
  retried: ({ context }: Args) => context.call.retry === 'sent',
  retryUnrouted: ({ context }: Args) => context.call.retry === 'no-route',
  byeUnsent: ({ context }: Args) => context.call.byeTx === undefined,
};
