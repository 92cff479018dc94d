/**
 * Outgoing calls, the UAC side of INVITE (RFC 3261 §13.2): an SDP offer, early dialogs from forked
 * provisional responses (§12.1.2), ACK for every 2xx and again for its retransmissions (§13.2.2.4),
 * CANCEL (§9.1), redirections followed (§8.1.3.4) and digest challenges answered (§22.2).
 */
import {
  formatNameAddr,
  isStar,
  makeOffer,
  paramValue,
  type SipRequest,
  type SipResponse,
  type SipUri,
} from '../../codec';
import { Dialog, dialogIdFor } from '../../dialog';
import { cancelFor, type ClientTransaction } from '../../transaction';
import { ActionError } from '../element-types';
import type { CallList, OutgoingCall } from './calls';
import { ALLOW, type UaCore } from './ua-core';

/** How many redirections a call follows before it gives up. */
const MAX_REDIRECTS = 5;

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

  /**
   * The header fields of an INVITE besides those of every request: Contact (§8.1.1.8), Allow, the SDP
   * offer's type, and Expires when the user limits how long the invitation stands (§13.2.1).
   */
  private inviteHeaders(): [string, string][] {
    const headers: [string, string][] = [
      ['Contact', this.ua.contact()],
      ['Allow', ALLOW],
      ['Content-Type', 'application/sdp'],
    ];
    const expires = this.ua.config.inviteExpires;
    if (expires !== undefined) headers.push(['Expires', String(expires)]);
    return headers;
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
      this.inviteHeaders(),
      this.sdpOffer(),
    );
    const tx = this.ua.sendRequest(req, this.ua.nextHop(target));
    if (!tx) throw new ActionError(`no route to ${target}`);
    this.calls.add({
      role: 'uac',
      target,
      state: 'calling',
      invite: req,
      tx,
      callId,
      localTag,
      cseq,
      dialogs: new Map(),
      confirmed: undefined,
      acks: new Map(),
      cancelPending: false,
      cancelTimer: undefined,
      expiryTimer: undefined,
      authAttempts: 0,
      redirects: [],
      targets: [],
      result: '',
    });
    const expires = this.ua.config.inviteExpires;
    if (expires !== undefined) {
      const call = this.calls.outgoingByTransaction(tx)!;
      call.expiryTimer = this.ua.clock.setTimeout(() => {
        call.expiryTimer = undefined;
        if (call.state !== 'calling' && call.state !== 'proceeding' && call.state !== 'ringing')
          return;
        if (call.cancelPending) return;
        this.ua.note(
          `The invitation of ${this.ua.name} expires (Expires: ${expires}) with no final answer: it cancels the call (RFC 3261 §13.2.1)`,
        );
        this.cancelCall(call);
      }, expires * 1000);
    }
    return `${this.ua.name} calls ${target}`;
  }

  /** Resends the INVITE as a new transaction (after a challenge or a redirection), same Call-ID and From tag (§8.1.3.4, §22.2). */
  private reinviteAfter(call: OutgoingCall, requestUri: string, extra: [string, string][]): void {
    call.cseq++;
    const req = this.ua.newRequest(
      'INVITE',
      requestUri,
      `<${call.target}>`,
      call.callId,
      call.localTag,
      call.cseq,
      [...this.inviteHeaders(), ...extra],
      call.invite.body,
    );
    // Out of dialog still: through the outbound proxy when there is one (its Route is on the request,
    // §8.1.2), else to the redirected contact itself.
    const dest = this.ua.nextHop(requestUri);
    const tx = this.ua.sendRequest(req, dest);
    if (!tx) {
      call.state = 'failed';
      call.result = `no route to ${requestUri}`;
      return;
    }
    call.invite = req;
    call.tx = tx;
    call.state = 'calling';
  }

  /** A response to one of the UA's INVITE client transactions. */
  onResponse(tx: ClientTransaction, res: SipResponse): void {
    const call = this.calls.outgoingByTransaction(tx);
    if (call) this.onInviteResponse(call, tx, res);
  }

  private onInviteResponse(call: OutgoingCall, tx: ClientTransaction, res: SipResponse): void {
    if (res.status >= 200) this.stopCancelTimer(call);
    const toTag = res.to() ? paramValue(res.to()!.params, 'tag') : undefined;
    if (res.status < 200) {
      if (res.status > 100 && toTag && !call.dialogs.has(toTag)) {
        const d = Dialog.fromUac(tx.request, res, this.ua.machineEnv);
        if (d) call.dialogs.set(toTag, d);
      }
      if (call.state === 'calling' || call.state === 'proceeding')
        call.state = res.status === 180 ? 'ringing' : 'proceeding';
      if (call.cancelPending) this.sendCancel(call);
      return;
    }
    if (res.status < 300) {
      this.stopExpiry(call);
      this.onInvite2xx(call, res);
      return;
    }
    // 300–699: the INVITE client transaction has acknowledged it (§17.1.1.3). A retry (after a
    // redirection or a challenge) is the same invitation: its Expires keeps running.
    if (
      this.followRedirect(call, res) ||
      this.answerChallenge(call, tx, res) ||
      (res.status >= 400 && this.tryNextTarget(call, res))
    )
      return;
    this.stopExpiry(call);
    call.state = 'failed';
    call.result = `${res.status} ${res.reason}`;
    for (const d of call.dialogs.values()) d.terminate('non-2xx');
  }

  /**
   * A 3xx (§8.1.3.4): its contacts join the target set — each URI at most once, most preferred q-value
   * first — and the next one is tried. True when the INVITE went out again.
   */
  private followRedirect(call: OutgoingCall, res: SipResponse): boolean {
    if (
      res.status >= 400 ||
      this.ua.config.followRedirects === false ||
      call.state === 'cancelling'
    )
      return false;
    const contacts = res
      .contacts()
      .filter((c) => !isStar(c))
      .map((c, i) => {
        const contact = c as {
          uri: SipUri;
          params: readonly { name: string; value: string | null }[];
        };
        const q = Number(contact.params.find((p) => p.name.toLowerCase() === 'q')?.value ?? '1');
        const uri = formatNameAddr({ displayName: null, uri: contact.uri, params: [] }).slice(
          1,
          -1,
        );
        return { uri, q: Number.isFinite(q) ? q : 0, i };
      })
      .sort((a, b) => b.q - a.q || a.i - b.i);
    for (const c of contacts)
      if (!call.redirects.includes(c.uri) && !call.targets.includes(c.uri))
        call.targets.push(c.uri);
    return this.tryNextTarget(call);
  }

  /**
   * A failure (4xx, 5xx) of a redirected INVITE: the next contact of the target set is tried (§8.1.3.4).
   * A 6xx is definitive (§21.6): no other contact is tried. True when the INVITE went out again.
   */
  private tryNextTarget(call: OutgoingCall, res?: SipResponse): boolean {
    if (res && (res.status >= 600 || call.state === 'cancelling')) return false;
    const next = call.targets.shift();
    if (next === undefined) return false;
    if (call.redirects.length >= MAX_REDIRECTS) {
      call.targets = [];
      return false;
    }
    call.redirects.push(next);
    this.ua.note(
      res
        ? `${this.ua.name} gets ${res.status} ${res.reason} from ${call.invite.requestUri} and tries the next contact of the redirection, ${next} (RFC 3261 §8.1.3.4)`
        : `${this.ua.name} follows the redirection to ${next}`,
    );
    this.reinviteAfter(call, next, []);
    return true;
  }

  /** A 401/407: send the INVITE again once, with credentials (§22.2). True when it went out again. */
  private answerChallenge(call: OutgoingCall, tx: ClientTransaction, res: SipResponse): boolean {
    if (
      !(res.status === 401 || res.status === 407) ||
      call.authAttempts >= 1 ||
      this.ua.config.password === undefined ||
      call.state === 'cancelling'
    )
      return false;
    call.authAttempts++;
    const credentials = this.ua.authorize(res, tx.request);
    if (!credentials) return false;
    this.reinviteAfter(call, call.invite.requestUri, [credentials]);
    return true;
  }

  /**
   * §13.2.2.4: every 2xx confirms (or creates) its dialog and gets an ACK — built once per dialog and
   * passed to the transport again for each retransmission of that 2xx. A second answer from another
   * fork, or an answer that crossed the caller's CANCEL, is ACKed and then ended with BYE (§15).
   */
  private onInvite2xx(call: OutgoingCall, res: SipResponse): void {
    const toTag = res.to() ? paramValue(res.to()!.params, 'tag') : undefined;
    if (!toTag) return;
    const known = call.dialogs.get(toTag);
    const sent = known ? call.acks.get(known.id) : undefined;
    if (known && sent) {
      this.ua.note(
        `${this.ua.name} receives the 200 OK again: its ACK was lost or is late, so it sends the ACK again`,
      );
      if (sent.destination)
        this.ua.send(sent.destination, sent.ack, { retransmission: true, dialogId: known.id });
      return;
    }
    let dialog = known;
    if (dialog) dialog.confirm(res);
    else {
      dialog = Dialog.fromUac(call.invite, res, this.ua.machineEnv);
      if (!dialog) {
        this.ua.note(`${this.ua.name} cannot make a dialog from this 200 OK (no Contact or tag)`);
        return;
      }
      call.dialogs.set(toTag, dialog);
    }
    const ack = dialog.createRequest('ACK', {
      cseq: call.cseq,
      headers: credentialsOf(call.invite),
    });
    this.ua.addVia(ack);
    const destination = this.ua.dialogNextHop(ack);
    call.acks.set(dialog.id, { ack, destination });
    if (destination) this.ua.send(destination, ack, { dialogId: dialog.id });
    if (call.confirmed && call.confirmed !== dialog) {
      this.ua.note(
        `${this.ua.name} already has an answered call; it acknowledges this second answer and ends it with BYE (RFC 3261 §13.2.2.4)`,
      );
      this.ua.sendBye(dialog);
      return;
    }
    if (call.state === 'cancelling' || call.state === 'terminated' || call.state === 'failed') {
      const gaveUp = call.state === 'failed';
      this.ua.note(
        gaveUp
          ? `${this.ua.name} had given the call up (${call.result}), but a 200 OK came after all: it acknowledges it and hangs up with BYE (RFC 3261 §13.2.2.4, §15)`
          : `${this.ua.name} had cancelled the call, but the 200 OK crossed its CANCEL: it acknowledges it and hangs up with BYE (RFC 3261 §15)`,
      );
      call.confirmed = dialog;
      call.state = 'terminated';
      call.result = gaveUp
        ? 'answered too late, then hung up'
        : 'answered after the CANCEL, then hung up';
      this.ua.sendBye(dialog);
      return;
    }
    call.confirmed = dialog;
    call.state = 'confirmed';
    call.result = 'answered';
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

  cancel(): string {
    const call = this.calls.latest(
      (c): c is OutgoingCall =>
        c.role === 'uac' && c.state !== 'terminated' && c.state !== 'failed',
    );
    if (!call || call.state === 'confirmed')
      throw new ActionError('there is no unanswered outgoing call to cancel');
    // One CANCEL per INVITE: a second would reuse its branch, that is, its transaction (§9.1).
    if (call.state === 'cancelling' || call.cancelPending)
      throw new ActionError('the call is already being cancelled');
    return this.cancelCall(call);
  }

  private cancelCall(call: OutgoingCall): string {
    // §9.1: CANCEL only after a provisional response; until then it waits.
    if (call.state === 'calling') {
      call.cancelPending = true;
      return `${this.ua.name} will cancel as soon as the INVITE gets a provisional response`;
    }
    this.sendCancel(call);
    return `${this.ua.name} cancels the call to ${call.target}`;
  }

  /**
   * CANCEL (§9.1): same Request-URI, Call-ID, To, From, CSeq number and top Via (so the same branch) as
   * the INVITE. If no final response comes within 64·T1, the INVITE is considered cancelled and its
   * client transaction destroyed (§9.1).
   */
  private sendCancel(call: OutgoingCall): void {
    call.cancelPending = false;
    call.state = 'cancelling';
    const cancel = cancelFor(call.invite);
    this.ua.sendRequest(cancel, call.tx.destination);
    const tx = call.tx;
    const wait = 64 * this.ua.timers.T1;
    this.ua.record({
      type: 'timer-start',
      element: this.ua.name,
      timer: '64·T1 after CANCEL',
      durationMs: wait,
      transactionId: tx.id,
      detail: `${this.ua.name} waits 64·T1 (${wait / 1000} s) for the INVITE's final response after its CANCEL (RFC 3261 §9.1)`,
    });
    call.cancelTimer = this.ua.clock.setTimeout(() => {
      call.cancelTimer = undefined;
      this.ua.abandon(tx);
      this.ua.record({
        type: 'timer-fire',
        element: this.ua.name,
        timer: '64·T1 after CANCEL',
        transactionId: tx.id,
        detail: `No final response 64·T1 after the CANCEL: ${this.ua.name} considers the INVITE cancelled and destroys its transaction (RFC 3261 §9.1)`,
      });
      if (call.tx === tx && call.state === 'cancelling') {
        call.state = 'failed';
        call.result = 'cancelled (no final response after the CANCEL)';
        for (const d of call.dialogs.values()) d.terminate('given-up');
      }
    }, wait);
  }

  private stopExpiry(call: OutgoingCall): void {
    if (call.expiryTimer === undefined) return;
    this.ua.clock.clearTimeout(call.expiryTimer);
    call.expiryTimer = undefined;
  }

  private stopCancelTimer(call: OutgoingCall): void {
    if (call.cancelTimer === undefined) return;
    this.ua.clock.clearTimeout(call.cancelTimer);
    call.cancelTimer = undefined;
    this.ua.record({
      type: 'timer-stop',
      element: this.ua.name,
      timer: '64·T1 after CANCEL',
      transactionId: call.tx.id,
      detail: `${this.ua.name} has the INVITE's final response: it stops waiting`,
    });
  }

  /** Timer B fired on an INVITE: nobody answered. */
  onTimeout(tx: ClientTransaction): void {
    const call = this.calls.outgoingByTransaction(tx);
    if (call) {
      // A transport failure of one contact is a failure too: the next one is tried (§8.1.3.4).
      if (call.state !== 'cancelling' && this.tryNextTarget(call)) return;
      call.state = 'failed';
      call.result = 'no answer from the network (Timer B)';
    }
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
      this.onInvite2xx(late, res);
      return true;
    }
    this.ua.note(
      `${this.ua.name} receives the 200 OK again: its ACK was lost or is late, so it sends the ACK again`,
    );
    this.ua.send(sent.destination, sent.ack, { retransmission: true, dialogId: id! });
    return true;
  }
}

/** The credentials of an INVITE, which its ACK for a 2xx carries too (§13.2.2.4). */
function credentialsOf(invite: SipRequest): [string, string][] {
  return invite.headers
    .filter((h) => h.key === 'authorization' || h.key === 'proxy-authorization')
    .map((h) => [h.name, h.value]);
}
