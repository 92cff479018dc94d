/**
 * The calls of a user agent, as UAC and as UAS (RFC 3261 §12, §13): what each call keeps — its state is
 * that of its machine (outgoing-call-machine.ts, incoming-call-machine.ts), which the call hosts — and
 * the list that finds a call by its transaction or its dialog (§12.2) and shows the live ones and the
 * last few that ended.
 */
import {
  formatNameAddr,
  keepBytes,
  keptMessage,
  paramValue,
  type KeptRequest,
  type KeptResponse,
  type SipRequest,
  type SipResponse,
} from '../../codec';
import type { Dialog } from '../../dialog';
import type { Destination } from '../../network';
import {
  MachineRunner,
  type ClientTransaction,
  type MachineInstance,
  type MachineTimers,
  type ServerTransaction,
} from '../../transaction';
import type { ActivitySnapshot } from '../element-types';
import type { IncomingCallContext, IncomingCallEvent } from './incoming-call-actions';
import { INCOMING_CALL_ACTIVITY, incomingCallMachine } from './incoming-call-machine';
import type { OutgoingCallEvent } from './outgoing-call-actions';
import { OUTGOING_CALL_ACTIVITY, outgoingCallMachine } from './outgoing-call-machine';
import { RECENT, type UaCore } from './ua-core';
import { activityWord, runUaMachine } from './ua-machine';

/** An outgoing call (UAC side of an INVITE), through redirections and challenges. */
export class OutgoingCall {
  readonly role = 'uac' as const;
  invite: SipRequest;
  tx: ClientTransaction;
  cseq: number;
  /** Early and confirmed dialogs by remote tag (a forked INVITE may create several, §12.1.2). */
  readonly dialogs = new Map<string, Dialog>();
  confirmed: Dialog | undefined;
  /**
   * The ACK sent for each 2xx (by dialog id: a forked INVITE may be answered twice), resent each time
   * that 2xx is retransmitted (§13.2.2.4).
   */
  readonly acks = new Map<string, { ack: KeptRequest; destination: Destination | undefined }>();
  /** The dialog of the 2xx just ACKed (for the BYE that may follow it). */
  acked: Dialog | undefined;
  /** The user cancelled before any provisional response: the CANCEL waits for one (§9.1). */
  cancelPending = false;
  authAttempts = 0;
  /** The contacts of redirections already tried (§8.1.3.4: each URI at most once). */
  redirects: string[] = [];
  /** Contacts of redirections not tried yet, in the order they will be. */
  targets: string[] = [];
  /** Whether the INVITE went out again after a failure or a timeout (see "Try again?"). */
  retry: 'sent' | 'no-route' | undefined;
  /** How the call fails if it is not tried again. */
  failure: { result: string; final: boolean } | undefined;
  /** The call's own BYE, while it waits for its answer. */
  byeTx: ClientTransaction | undefined;
  result = '';
  private readonly machine: MachineRunner<OutgoingCallEvent>;

  constructor(
    ua: UaCore,
    readonly target: string,
    readonly callId: string,
    readonly localTag: string,
    invite: SipRequest,
    tx: ClientTransaction,
  ) {
    this.invite = invite;
    this.tx = tx;
    this.cseq = invite.cseq()?.seq ?? 1;
    this.machine = runUaMachine<OutgoingCallEvent>(
      ua,
      outgoingCallMachine,
      (timers: MachineTimers) => ({ ua, call: this, timers }),
    );
  }

  /** calling, proceeding, ringing, cancelling, confirmed, terminated or failed (the activity's words). */
  get state(): (typeof OUTGOING_CALL_ACTIVITY)[keyof typeof OUTGOING_CALL_ACTIVITY] {
    return activityWord(OUTGOING_CALL_ACTIVITY, this.machine);
  }

  send(event: OutgoingCallEvent): void {
    this.machine.send(event);
  }

  view(): MachineInstance {
    return this.machine.view(
      `uac ${this.callId}`,
      outgoingCallMachine.id,
      `call to ${this.target}`,
    );
  }
}

/** An incoming call (UAS side). */
export class IncomingCall {
  readonly role = 'uas' as const;
  dialog: Dialog | undefined;
  /** The 2xx sent, resent until its ACK comes (§13.3.1.4). */
  ok: SipResponse | undefined;
  /** Once ACKed: the 2xx's bytes, for an INVITE retransmission that outlives its transaction. */
  okBytes: KeptResponse | undefined;
  /** What the answer policy answers when the ring time is over. */
  answerStatus = 0;
  retransmitInterval: number;
  okSentAt = 0;
  /** The call's own BYE, while it waits for its answer. */
  byeTx: ClientTransaction | undefined;
  result = '';
  private readonly machine: MachineRunner<IncomingCallEvent>;

  constructor(
    ua: UaCore,
    readonly tx: ServerTransaction,
    readonly invite: SipRequest,
    readonly localTag: string,
    /** The UA was busy with another call when the INVITE came. */
    busy: boolean,
    policy: IncomingCallContext['policy'],
  ) {
    this.retransmitInterval = ua.timers.T1;
    this.machine = runUaMachine<IncomingCallEvent>(
      ua,
      incomingCallMachine,
      (timers: MachineTimers) => ({ ua, call: this, timers, busy, policy }),
    );
  }

  /** ringing, answered, confirmed or terminated (the activity's words). */
  get state(): (typeof INCOMING_CALL_ACTIVITY)[keyof typeof INCOMING_CALL_ACTIVITY] {
    return activityWord(INCOMING_CALL_ACTIVITY, this.machine);
  }

  send(event: IncomingCallEvent): void {
    this.machine.send(event);
  }

  /** The 2xx to send again, if one was sent. */
  sent2xx(): SipResponse | undefined {
    return this.ok ?? (this.okBytes ? keptMessage(this.okBytes) : undefined);
  }

  /**
   * The ACK came (§13.3.1.4): the 2xx is no longer resent by the timer, only for a late INVITE
   * retransmission, so its bytes are kept rather than the response.
   */
  keep2xxAsBytes(): void {
    if (!this.ok) return;
    this.okBytes = keepBytes(this.ok);
    this.ok = undefined;
  }

  view(): MachineInstance {
    const from = this.invite.from();
    return this.machine.view(
      `uas ${this.invite.callId() ?? ''};${this.localTag}`,
      incomingCallMachine.id,
      `call from ${from ? formatNameAddr({ ...from, params: [] }) : '?'}`,
    );
  }
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

  /** The call whose BYE this transaction carries. */
  byBye(tx: ClientTransaction): Call | undefined {
    return this.calls.find((c) => c.byeTx === tx);
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
