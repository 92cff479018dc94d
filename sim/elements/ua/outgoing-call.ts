/**
 * Outgoing calls, the UAC side of INVITE (RFC 3261 §13.2): each call runs the outgoing call machine
 * (outgoing-call-machine.ts) — early dialogs (§12.1.2), an ACK for every 2xx (§13.2.2.4), CANCEL (§9.1),
 * redirections (§8.1.3.4) and challenges (§22.2) — and this host sends the first INVITE and finds the
 * call each response, timeout or user action is for.
 */
import { keptMessage, makeOffer, type SipResponse } from '../../codec';
import { dialogIdFor } from '../../dialog';
import type { ClientTransaction } from '../../transaction';
import { ActionError } from '../element-types';
import { OutgoingCall, type CallList } from './calls';
import { inviteHeaders } from './outgoing-call-retry';
import type { UaCore } from './ua-core';

export class OutgoingCalls {
  constructor(
    private readonly ua: UaCore,
    private readonly calls: CallList,
  ) {}

  private sdpOffer(): string {
    return makeOffer({
      user: this.ua.user,
      address: this.ua.address,
      port: 49170,
      sessionId: 1000 + this.ua.rng.int(9000),
    });
  }

  invite(target: string): string {
    const callId = this.ua.newCallId();
    const localTag = this.ua.newTag();
    const cseq = this.ua.config.firstCSeq ?? 1;
    const req = this.ua.newRequest(
      'INVITE',
      target,
      `<${target}>`,
      callId,
      localTag,
      cseq,
      inviteHeaders(this.ua),
      this.sdpOffer(),
    );
    const tx = this.ua.sendRequest(req, this.ua.nextHop(target));
    if (!tx) throw new ActionError(`no route to ${target}`);
    this.calls.add(new OutgoingCall(this.ua, target, callId, localTag, req, tx));
    return `${this.ua.name} calls ${target}`;
  }

  /** A response to one of the UA's INVITE client transactions. */
  onResponse(tx: ClientTransaction, res: SipResponse): void {
    const call = this.calls.outgoingByTransaction(tx);
    if (!call) return;
    if (res.status < 200) call.send({ type: 'provisional', response: res, tx });
    else if (res.status < 300) call.send({ type: '2xx', response: res, stray: false });
    // 300–699: the INVITE client transaction has acknowledged it (§17.1.1.3).
    else call.send({ type: 'failure', response: res, tx });
  }

  /**
   * The INVITE transaction has ended (64·T1 after the first 2xx, RFC 6026 §8.4; or after a failure): the
   * early dialogs no 2xx confirmed end with it (§13.2.2.4).
   */
  onTransactionTerminated(tx: ClientTransaction): void {
    const call = this.calls.outgoingByTransaction(tx);
    if (!call) return;
    for (const d of call.dialogs.values())
      if (d.state === 'early') d.terminate('transaction-ended');
  }

  /** The user cancels the newest unanswered call (§9.1): one CANCEL per INVITE. */
  cancel(): string {
    const call = this.calls.latest(
      (c): c is OutgoingCall =>
        c.role === 'uac' && c.state !== 'terminated' && c.state !== 'failed',
    );
    if (!call || call.state === 'confirmed')
      throw new ActionError('there is no unanswered outgoing call to cancel');
    // A second CANCEL would reuse the first one's branch, that is, its transaction (§9.1).
    if (call.state === 'cancelling' || call.cancelPending)
      throw new ActionError('the call is already being cancelled');
    // §9.1: CANCEL only after a provisional response; until then the machine holds it.
    const held = call.state === 'calling';
    call.send({ type: 'cancel' });
    return held
      ? `${this.ua.name} will cancel as soon as the INVITE gets a provisional response`
      : `${this.ua.name} cancels the call to ${call.target}`;
  }

  /** Timer B fired on an INVITE (or its transport failed): nobody answered. */
  onTimeout(tx: ClientTransaction): void {
    this.calls.outgoingByTransaction(tx)?.send({ type: 'timeout' });
  }

  /**
   * A 2xx retransmission after the INVITE transaction has ended (Timer M, RFC 6026) reaches the UA core
   * directly (§13.2.2.4): the ACK is sent again. True when handled.
   */
  onStrayResponse(res: SipResponse): boolean {
    if (!(res.status >= 200 && res.status < 300 && res.cseq()?.method === 'INVITE')) return false;
    const id = dialogIdFor(res, 'received-response');
    const call = this.calls.outgoingByAckedDialog(id);
    const sent = id === undefined ? undefined : call?.acks.get(id);
    if (!sent?.destination) {
      // A 2xx for an INVITE whose transaction is gone (Timer B gave it up, or Timer M ended it before
      // this fork answered): the call's UA core still acknowledges it, and hangs up (§13.2.2.4).
      const late = this.calls.outgoingByInvite(res);
      if (!late) return false;
      late.send({ type: '2xx', response: res, stray: true });
      return true;
    }
    this.ua.note(
      `${this.ua.name} receives the 200 OK again: its ACK was lost or is late, so it sends the ACK again`,
    );
    this.ua.send(sent.destination, keptMessage(sent.ack), { retransmission: true, dialogId: id! });
    return true;
  }
}
