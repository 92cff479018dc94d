/**
 * Incoming calls, the UAS side of INVITE (RFC 3261 §13.3): each call runs the incoming call machine
 * (incoming-call-machine.ts) — ringing, answering or refusing as the user's policy says, the 2xx resent
 * until its ACK arrives (§13.3.1.4), CANCEL (§9.2) — and this host finds the call each request or user
 * action is for. Re-INVITEs in a dialog (§14.2) and the same INVITE twice (§8.2.2.2) are answered here.
 */
import { makeAnswer, makeOffer, paramValue, type SipRequest } from '../../codec';
import { dialogIdFor } from '../../dialog';
import type { ServerTransaction } from '../../transaction';
import { ActionError } from '../element-types';
import { IncomingCall, callDialog, type CallList } from './calls';
import type { UaCore } from './ua-core';

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
      const ok =
        retransmission && (same.state === 'answered' || same.state === 'confirmed')
          ? same.sent2xx()
          : undefined;
      if (ok) {
        this.ua.note(
          `${this.ua.name} receives the INVITE again after answering it: it resends its 200 OK (RFC 3261 §13.3.1.4)`,
        );
        this.ua.respondWith(tx, ok);
      } else {
        this.ua.note(
          `${this.ua.name} already has this INVITE (same From tag, Call-ID and CSeq)${retransmission ? '' : ' by another path'}: 482 (RFC 3261 §8.2.2.2)`,
        );
        this.ua.respond(tx, 482);
      }
      return;
    }
    const busy = this.calls.busy();
    const policy = this.ua.config.answer ?? { mode: 'answer' as const };
    this.calls.add(new IncomingCall(this.ua, tx, req, this.ua.newTag(), busy, policy));
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

  /** The user answers (200), declines (603) or is busy (486) on the newest ringing call. */
  answer(status: number): string {
    const call = this.calls.latest(
      (c): c is IncomingCall => c.role === 'uas' && c.state === 'ringing',
    );
    if (!call) throw new ActionError('no call is ringing');
    call.send({ type: 'answer', status });
    return `${this.ua.name} ${status === 200 ? 'answers' : status === 486 ? 'is busy' : 'declines'}`;
  }

  /** A CANCEL (§9.2) matched to an INVITE server transaction, or to none. */
  onCancel(tx: ServerTransaction, target: ServerTransaction | undefined): void {
    const call = target ? this.calls.incomingByTransaction(target) : undefined;
    if (!target || !call) {
      this.ua.respond(tx, 481);
      return;
    }
    // §9.2: the 200 for the CANCEL SHOULD carry the To tag of the INVITE's response; the call's
    // machine answers the INVITE 487 if it still rings.
    this.ua.respond(tx, 200, { toTag: call.localTag });
    call.send({ type: 'CANCEL' });
  }

  /** The ACK of the 2xx (§13.3.1.4): the call is connected, or hung up if the user already did. */
  onAck(ack: SipRequest): void {
    const call = this.calls.byDialog(dialogIdFor(ack, 'received-request'));
    if (call && call.role === 'uas' && call.state === 'answered') call.send({ type: 'ACK' });
  }
}
