/**
 * Incoming calls, the UAS side of INVITE (RFC 3261 §13.3): ringing, then answering with SDP or
 * refusing as the user's policy says; the 2xx resent until its ACK arrives (§13.3.1.4); CANCEL
 * (§9.2); re-INVITE in a dialog (§14.2); and the same INVITE twice (§8.2.2.2).
 */
import { makeAnswer, makeOffer, paramValue, type SipRequest } from '../../codec';
import { Dialog, dialogIdFor } from '../../dialog';
import type { ServerTransaction } from '../../transaction';
import { ActionError } from '../element-types';
import { callDialog, type Call, type CallList, type IncomingCall } from './calls';
import { ALLOW, type UaCore } from './ua-core';

export class IncomingCalls {
  constructor(
    private readonly ua: UaCore,
    private readonly calls: CallList,
  ) {}

  /** True when no response to this INVITE will leave within `ms` (so 100 Trying must, §17.2.1). */
  respondsLaterThan(req: SipRequest, ms: number): boolean {
    const toTag = req.to() ? paramValue(req.to()!.params, 'tag') : undefined;
    if (toTag) return false; // a re-INVITE is answered at once
    if (this.calls.sameInvite(req) || this.calls.busy()) return false; // 482 / 486 at once
    const policy = this.ua.config.answer ?? { mode: 'answer' as const };
    if (policy.mode === 'busy') return false;
    if (policy.ring !== false) return false; // 180 at once
    if (policy.mode === 'manual') return true;
    return (policy.ringMs ?? 2000) > ms;
  }

  onInvite(tx: ServerTransaction, req: SipRequest): void {
    const toTag = req.to() ? paramValue(req.to()!.params, 'tag') : undefined;
    if (toTag) {
      this.onReInvite(tx, req);
      return;
    }
    // An INVITE with the From tag, Call-ID and CSeq of one already received (§8.2.2.2). Through the
    // same branch it is a retransmission that outlived its transaction (a retransmission within 64·T1
    // of the 2xx is absorbed by the transaction in Accepted, RFC 6026 §8.6): the UAS core answers it
    // with its 2xx again (§13.3.1.4). Through another branch it is the same request by another path
    // (a merge): 482.
    const same = this.calls.sameInvite(req);
    if (same) {
      const retransmission = same.tx.branch === tx.branch;
      if (retransmission && same.ok && (same.state === 'answered' || same.state === 'confirmed')) {
        this.ua.note(
          `${this.ua.name} receives the INVITE again after answering it: it resends its 200 OK (RFC 3261 §13.3.1.4)`,
        );
        this.ua.respondWith(tx, same.ok);
      } else {
        this.ua.note(
          `${this.ua.name} already has this INVITE (same From tag, Call-ID and CSeq)${retransmission ? '' : ' by another path'}: 482 (RFC 3261 §8.2.2.2)`,
        );
        this.ua.respond(tx, 482);
      }
      return;
    }
    const busyNow = this.calls.busy();
    const policy = this.ua.config.answer ?? { mode: 'answer' as const };
    const call: IncomingCall = {
      role: 'uas',
      state: 'ringing',
      tx,
      invite: req,
      localTag: this.ua.newTag(),
      dialog: undefined,
      ok: undefined,
      answerTimer: undefined,
      expiryTimer: undefined,
      retransmitTimer: undefined,
      retransmitInterval: this.ua.timers.T1,
      okSentAt: 0,
      hangUpPending: false,
      result: '',
    };
    this.calls.add(call);
    // §13.3.1 step 1: an invitation with Expires that runs out before the user answers ends with 487.
    const expires = req.expires();
    if (expires !== undefined && expires > 0) {
      call.expiryTimer = this.ua.clock.setTimeout(() => {
        call.expiryTimer = undefined;
        if (call.state !== 'ringing') return;
        this.ua.note(
          `The invitation to ${this.ua.name} expires (Expires: ${expires}) before the user answers: 487 (RFC 3261 §13.3.1)`,
        );
        this.stopRetransmitting(call);
        this.ua.respond(call.tx, 487, { toTag: call.localTag });
        call.state = 'terminated';
        call.result = 'the invitation expired';
        call.dialog?.terminate('non-2xx');
      }, expires * 1000);
    }
    if (policy.mode === 'busy' || busyNow) {
      this.finish(call, 486);
      return;
    }
    if (policy.ring !== false) {
      this.ua.respond(tx, 180, { toTag: call.localTag, headers: [['Contact', this.ua.contact()]] });
      call.dialog = Dialog.fromUas(req, call.localTag, false, this.ua.machineEnv);
    }
    const delay = policy.ringMs ?? 2000;
    const status =
      policy.mode === 'answer'
        ? 200
        : policy.mode === 'decline'
          ? 603
          : policy.mode === 'no-answer'
            ? 480
            : 0;
    if (status !== 0) {
      call.answerTimer = this.ua.clock.setTimeout(() => {
        call.answerTimer = undefined;
        this.ua.record({
          type: 'note',
          element: this.ua.name,
          detail:
            status === 200
              ? `The user answers ${this.ua.name}`
              : status === 603
                ? `The user declines the call on ${this.ua.name}`
                : `Nobody answers ${this.ua.name}; it gives up ringing`,
        });
        this.finish(call, status);
      }, delay);
    }
  }

  /** A re-INVITE inside a dialog (§14.2): accept it with the same session. */
  private onReInvite(tx: ServerTransaction, req: SipRequest): void {
    const call = this.calls.byDialog(dialogIdFor(req, 'received-request'));
    const dialog = call ? callDialog(call) : undefined;
    if (!call || !dialog) {
      this.ua.respond(tx, 481);
      return;
    }
    const err = dialog.receiveRequest(req);
    if (err) {
      this.ua.respond(tx, err.status, { reason: err.reason, toTag: dialog.localTag });
      return;
    }
    this.ua.respond(tx, 200, {
      toTag: dialog.localTag,
      headers: [
        ['Contact', this.ua.contact()],
        ['Content-Type', 'application/sdp'],
      ],
      body: this.sdpAnswer(req),
    });
  }

  private sdpAnswer(req: SipRequest): string {
    const ct = req.contentType();
    const sid = 2000 + this.ua.rng.int(9000);
    const local = { user: this.ua.user, address: this.ua.address, port: 3456, sessionId: sid };
    if (ct && ct.type === 'application' && ct.subtype === 'sdp' && req.body.length > 0) {
      try {
        return makeAnswer(req.body, local);
      } catch {
        /* an offer sdp-transform cannot read: answer with our own description */
      }
    }
    return makeOffer(local);
  }

  /** Sends the final answer to an incoming INVITE. */
  private finish(call: IncomingCall, status: number): void {
    if (call.state !== 'ringing') return;
    if (call.expiryTimer !== undefined) {
      this.ua.clock.clearTimeout(call.expiryTimer);
      call.expiryTimer = undefined;
    }
    if (status !== 200) {
      this.ua.respond(call.tx, status, { toTag: call.localTag });
      call.state = 'terminated';
      call.result = `${status}`;
      call.dialog?.terminate('non-2xx');
      return;
    }
    const ok = this.ua.respond(call.tx, 200, {
      toTag: call.localTag,
      headers: [
        ['Contact', this.ua.contact()],
        ['Allow', ALLOW],
        ['Content-Type', 'application/sdp'],
      ],
      body: this.sdpAnswer(call.invite),
    });
    call.ok = ok;
    call.state = 'answered';
    if (call.dialog) call.dialog.confirm();
    else call.dialog = Dialog.fromUas(call.invite, call.localTag, true, this.ua.machineEnv);
    call.okSentAt = this.ua.clock.now();
    call.retransmitInterval = this.ua.timers.T1;
    this.armRetransmit(call);
  }

  /**
   * §13.3.1.4: the UAS core resends the 2xx at T1, 2·T1, ... up to T2, until the ACK arrives; after
   * 64·T1 without an ACK it ends the dialog with BYE.
   */
  private armRetransmit(call: IncomingCall): void {
    const { T1, T2 } = this.ua.timers;
    // The retransmissions last 64·T1 from the first 2xx (as long as Timer H would): the last wait is
    // cut short so that the BYE goes out exactly then.
    const left = 64 * T1 - (this.ua.clock.now() - call.okSentAt);
    const delay = Math.max(0, Math.min(call.retransmitInterval, left));
    this.ua.record({
      type: 'timer-start',
      element: this.ua.name,
      timer: '2xx retransmit',
      durationMs: delay,
      ...(call.dialog ? { dialogId: call.dialog.id } : {}),
      detail:
        delay < call.retransmitInterval
          ? `${this.ua.name} will stop resending its 200 OK in ${delay} ms, 64·T1 after the first (RFC 3261 §13.3.1.4)`
          : `${this.ua.name} will resend its 200 OK in ${delay} ms unless the ACK arrives (RFC 3261 §13.3.1.4)`,
    });
    call.retransmitTimer = this.ua.clock.setTimeout(() => {
      call.retransmitTimer = undefined;
      const elapsed = this.ua.clock.now() - call.okSentAt;
      if (elapsed >= 64 * T1) {
        this.ua.record({
          type: 'timer-fire',
          element: this.ua.name,
          timer: '2xx retransmit',
          detail: `No ACK for ${this.ua.name}'s 200 OK within 64·T1: the call is ended with BYE`,
        });
        call.state = 'terminated';
        call.result = 'no ACK';
        if (call.dialog) this.ua.sendBye(call.dialog);
        return;
      }
      this.ua.record({
        type: 'timer-fire',
        element: this.ua.name,
        timer: '2xx retransmit',
        detail: `${this.ua.name} has no ACK yet and resends its 200 OK`,
      });
      // Through the INVITE server transaction, which waits in Accepted for as long (RFC 6026 §8.7).
      if (call.ok && !this.ua.respondWith(call.tx, call.ok))
        this.ua.send(call.tx.responseDestination, call.ok, {
          retransmission: true,
          ...(call.dialog ? { dialogId: call.dialog.id } : {}),
        });
      call.retransmitInterval = Math.min(call.retransmitInterval * 2, T2);
      this.armRetransmit(call);
    }, delay);
  }

  /** Stops an incoming call's timers: the 2xx retransmissions and the user's answer (no-op for a UAC call). */
  stopRetransmitting(call: Call): void {
    if (call.role !== 'uas') return;
    if (call.retransmitTimer !== undefined) {
      this.ua.clock.clearTimeout(call.retransmitTimer);
      call.retransmitTimer = undefined;
      this.ua.record({
        type: 'timer-stop',
        element: this.ua.name,
        timer: '2xx retransmit',
        detail: `${this.ua.name} stops resending its 200 OK`,
      });
    }
    if (call.expiryTimer !== undefined) {
      this.ua.clock.clearTimeout(call.expiryTimer);
      call.expiryTimer = undefined;
    }
    if (call.answerTimer !== undefined) {
      this.ua.clock.clearTimeout(call.answerTimer);
      call.answerTimer = undefined;
    }
  }

  /** The user answers (200), declines (603) or is busy (486) on the newest ringing call. */
  answer(status: number): string {
    const call = this.calls.latest(
      (c): c is IncomingCall => c.role === 'uas' && c.state === 'ringing',
    );
    if (!call) throw new ActionError('no call is ringing');
    this.stopRetransmitting(call);
    this.finish(call, status);
    return `${this.ua.name} ${status === 200 ? 'answers' : status === 486 ? 'is busy' : 'declines'}`;
  }

  /** A CANCEL (§9.2) matched to an INVITE server transaction, or to none. */
  onCancel(tx: ServerTransaction, target: ServerTransaction | undefined): void {
    const call = target ? this.calls.incomingByTransaction(target) : undefined;
    if (!target || !call) {
      this.ua.respond(tx, 481);
      return;
    }
    // §9.2: the 200 for the CANCEL SHOULD carry the To tag of the INVITE's response.
    this.ua.respond(tx, 200, { toTag: call.localTag });
    if (call.state === 'ringing') {
      // §9.2: the INVITE is answered 487 Request Terminated.
      this.stopRetransmitting(call);
      this.ua.respond(call.tx, 487, { toTag: call.localTag });
      call.state = 'terminated';
      call.result = 'cancelled by the caller';
      call.dialog?.terminate('non-2xx');
    }
  }

  /** The ACK of the 2xx (§13.3.1.4): the call is connected, or hung up if the user already did. */
  onAck(ack: SipRequest): void {
    const call = this.calls.byDialog(dialogIdFor(ack, 'received-request'));
    if (call && call.role === 'uas' && call.state === 'answered') {
      this.stopRetransmitting(call);
      call.state = 'confirmed';
      call.result = 'connected';
      if (call.hangUpPending && call.dialog) {
        call.state = 'terminated';
        call.result = 'hung up';
        this.ua.sendBye(call.dialog);
      }
    }
  }
}
