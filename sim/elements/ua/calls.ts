/**
 * The calls of a user agent, as UAC and as UAS (RFC 3261 §12, §13): what each call keeps, and the list
 * that finds a call by its transaction or its dialog (§12.2) and shows the live ones and the last few
 * that ended.
 */
import { formatNameAddr, paramValue, type SipRequest, type SipResponse } from '../../codec';
import type { Dialog } from '../../dialog';
import type { Destination } from '../../network';
import type { ClientTransaction, ServerTransaction } from '../../transaction';
import type { ActivitySnapshot } from '../element-types';
import { RECENT } from './ua-core';

/** An outgoing call (UAC side of an INVITE), through redirections and challenges. */
export interface OutgoingCall {
  role: 'uac';
  target: string;
  state:
    'calling' | 'proceeding' | 'ringing' | 'confirmed' | 'cancelling' | 'terminated' | 'failed';
  invite: SipRequest;
  tx: ClientTransaction;
  callId: string;
  localTag: string;
  cseq: number;
  /** Early and confirmed dialogs by remote tag (a forked INVITE may create several, §12.1.2). */
  dialogs: Map<string, Dialog>;
  confirmed: Dialog | undefined;
  /**
   * The ACK sent for each 2xx (by dialog id: a forked INVITE may be answered twice), resent each time
   * that 2xx is retransmitted (§13.2.2.4).
   */
  acks: Map<string, { ack: SipRequest; destination: Destination | undefined }>;
  cancelPending: boolean;
  /** The 64·T1 wait for a final response after the CANCEL (§9.1), while it runs. */
  cancelTimer: number | undefined;
  /** When the INVITE's Expires runs out with no final response, the call is cancelled (§13.2.1). */
  expiryTimer: number | undefined;
  authAttempts: number;
  /** The contacts of redirections already tried (§8.1.3.4: each URI at most once). */
  redirects: string[];
  /** Contacts of redirections not tried yet, in the order they will be. */
  targets: string[];
  result: string;
}

/** An incoming call (UAS side). */
export interface IncomingCall {
  role: 'uas';
  state: 'ringing' | 'answered' | 'confirmed' | 'terminated';
  tx: ServerTransaction;
  invite: SipRequest;
  localTag: string;
  dialog: Dialog | undefined;
  ok: SipResponse | undefined;
  answerTimer: number | undefined;
  /** The INVITE's Expires running out before the user answers (§13.3.1 step 1). */
  expiryTimer: number | undefined;
  retransmitTimer: number | undefined;
  retransmitInterval: number;
  okSentAt: number;
  /** The user hung up before the ACK came: the BYE waits for it (§15). */
  hangUpPending: boolean;
  result: string;
}

export type Call = OutgoingCall | IncomingCall;

/** Every call the UA has made or received, oldest first. */
export class CallList {
  private readonly calls: Call[] = [];

  add(call: Call): void {
    this.calls.push(call);
  }

  /** The newest call that fits (a user action applies to the latest call it can). */
  latest<T extends Call>(fits: (c: Call) => c is T): T | undefined;
  latest(fits: (c: Call) => boolean): Call | undefined;
  latest(fits: (c: Call) => boolean): Call | undefined {
    for (let i = this.calls.length - 1; i >= 0; i--) {
      const c = this.calls[i]!;
      if (fits(c)) return c;
    }
    return undefined;
  }

  /** The incoming call whose INVITE has the From tag, Call-ID and CSeq of `req` (§8.2.2.2). */
  sameInvite(req: SipRequest): IncomingCall | undefined {
    return this.calls.find(
      (c): c is IncomingCall =>
        c.role === 'uas' &&
        c.invite.callId() === req.callId() &&
        c.invite.cseq()?.seq === req.cseq()?.seq &&
        paramValue(c.invite.from()?.params ?? [], 'tag') ===
          paramValue(req.from()?.params ?? [], 'tag'),
    );
  }

  /** True while a call is ringing, answered or connected. */
  busy(): boolean {
    return this.calls.some(
      (c) => c.state === 'confirmed' || c.state === 'answered' || c.state === 'ringing',
    );
  }

  outgoingByTransaction(tx: ClientTransaction): OutgoingCall | undefined {
    return this.calls.find((c): c is OutgoingCall => c.role === 'uac' && c.tx === tx);
  }

  incomingByTransaction(tx: ServerTransaction): IncomingCall | undefined {
    return this.calls.find((c): c is IncomingCall => c.role === 'uas' && c.tx === tx);
  }

  /** The outgoing call a response to INVITE belongs to (its Call-ID, From tag and CSeq number). */
  outgoingByInvite(res: SipResponse): OutgoingCall | undefined {
    const callId = res.callId();
    const fromTag = paramValue(res.from()?.params ?? [], 'tag');
    const seq = res.cseq()?.seq;
    return this.calls.find(
      (c): c is OutgoingCall =>
        c.role === 'uac' && c.callId === callId && c.localTag === fromTag && c.cseq === seq,
    );
  }

  /** The outgoing call that acknowledged a 2xx of the dialog with this id. */
  outgoingByAckedDialog(id: string | undefined): OutgoingCall | undefined {
    if (id === undefined) return undefined;
    return this.calls.find((c): c is OutgoingCall => c.role === 'uac' && c.acks.has(id));
  }

  /** The call with a dialog (early or confirmed) of this id. */
  byDialog(id: string | undefined): Call | undefined {
    if (id === undefined) return undefined;
    return this.calls.find((c) =>
      c.role === 'uac' ? [...c.dialogs.values()].some((d) => d.id === id) : c.dialog?.id === id,
    );
  }

  /** Live calls, and the last few that ended. */
  recent(): Call[] {
    const ended = this.calls.filter((c) => c.state === 'terminated' || c.state === 'failed');
    const keep = new Set(ended.slice(-RECENT));
    return this.calls.filter(
      (c) => keep.has(c) || !(c.state === 'terminated' || c.state === 'failed'),
    );
  }
}

/** The dialog a call's requests use: the confirmed one for a UAC, its own for a UAS. */
export function callDialog(call: Call): Dialog | undefined {
  return call.role === 'uac' ? call.confirmed : call.dialog;
}

/** Every dialog a call holds (a forked UAC call may hold several early ones). */
export function callDialogs(call: Call): Dialog[] {
  if (call.role === 'uac') return [...call.dialogs.values()];
  return call.dialog ? [call.dialog] : [];
}

/** How the state panel shows a call. */
export function callActivity(c: Call): ActivitySnapshot {
  return c.role === 'uac'
    ? {
        kind: 'call',
        state: c.state,
        peer: c.target,
        summary: `call to ${c.target}: ${c.state}${c.result ? ` (${c.result})` : ''}`,
      }
    : {
        kind: 'call',
        state: c.state,
        peer: c.invite.headerValue('from') ?? '',
        summary: `call from ${c.invite.from() ? formatNameAddr({ ...c.invite.from()!, params: [] }) : '?'}: ${c.state}${c.result ? ` (${c.result})` : ''}`,
      };
}
