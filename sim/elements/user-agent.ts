/**
 * User agent (RFC 3261 §8, §10.2, §12–§15, §22; RFC 6665 for subscriptions; RFC 3428 for MESSAGE):
 * a phone that is both a UAC and a UAS. It registers (and refreshes, answering digest challenges),
 * calls with an SDP offer, rings and answers (or refuses), cancels, hangs up, follows redirections,
 * sends and receives instant messages, and subscribes to presence.
 */
import {
  createRequest,
  formatNameAddr,
  isSipUri,
  isStar,
  makeAnswer,
  makeOffer,
  paramValue,
  parseUri,
  type SipRequest,
  type SipResponse,
  type SipUri,
} from '../codec';
import { Dialog, dialogIdFor } from '../dialog';
import type { Destination } from '../network';
import type { ClientTransaction, ServerTransaction } from '../transaction';
import { BaseElement, type ElementContext } from './base-element';
import type { UserAgentConfig } from './config';
import { answerChallenge } from './digest-auth';
import {
  ActionError,
  type ActivitySnapshot,
  type ElementAction,
  type ElementSnapshot,
} from './element-types';

/** How many ended calls and past messages a snapshot shows. */
const RECENT = 3;

const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, NOTIFY';
const KNOWN_METHODS = new Set([
  'INVITE',
  'ACK',
  'CANCEL',
  'BYE',
  'OPTIONS',
  'MESSAGE',
  'NOTIFY',
  'REGISTER',
  'SUBSCRIBE',
  'PRACK',
  'UPDATE',
  'INFO',
  'REFER',
  'PUBLISH',
]);

/** An outgoing call (UAC side of an INVITE), through redirections and challenges. */
interface OutgoingCall {
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
  /** The ACK sent for the 2xx, resent if the 2xx is retransmitted (§13.2.2.4). */
  ack: SipRequest | undefined;
  ackDestination: Destination | undefined;
  cancelPending: boolean;
  authAttempts: number;
  redirects: string[];
  result: string;
}

/** An incoming call (UAS side). */
interface IncomingCall {
  role: 'uas';
  state: 'ringing' | 'answered' | 'confirmed' | 'terminated';
  tx: ServerTransaction;
  invite: SipRequest;
  localTag: string;
  dialog: Dialog | undefined;
  ok: SipResponse | undefined;
  answerTimer: number | undefined;
  retransmitTimer: number | undefined;
  retransmitInterval: number;
  okSentAt: number;
  /** The user hung up before the ACK came: the BYE waits for it (§15). */
  hangUpPending: boolean;
  result: string;
}

type Call = OutgoingCall | IncomingCall;

interface Registration {
  state: 'unregistered' | 'registering' | 'registered' | 'failed';
  callId: string;
  cseq: number;
  expires: number;
  registeredUntil: number;
  refreshTimer: number | undefined;
  authAttempts: number;
  /** The From tag of the REGISTER in progress: a retry after 401/407/423 keeps it (§8.1.3.5). */
  fromTag: string;
  /** Remove every binding of the AOR (Contact: *, §10.2.2). */
  all: boolean;
  result: string;
}

interface Subscription {
  target: string;
  event: string;
  callId: string;
  localTag: string;
  cseq: number;
  dialog: Dialog | undefined;
  state: 'subscribing' | 'active' | 'pending' | 'terminated' | 'failed';
  expires: number;
  refreshTimer: number | undefined;
  lastNotify: string;
}

export class UserAgent extends BaseElement {
  readonly kind = 'user-agent' as const;
  private readonly aor: SipUri;
  private readonly calls: Call[] = [];
  private registration: Registration | undefined;
  private readonly subscriptions: Subscription[] = [];
  private readonly messages: string[] = [];
  private nonceCount = 0;

  constructor(
    override readonly config: UserAgentConfig,
    ctx: ElementContext,
  ) {
    super(config, ctx);
    const uri = parseUri(config.aor);
    if (!isSipUri(uri)) throw new ActionError(`the AOR ${config.aor} is not a SIP URI`);
    this.aor = uri;
  }

  protected override sendsTrying(): boolean {
    return false;
  }

  // ---- addresses -----------------------------------------------------------------------------------

  private get user(): string {
    return this.aor.user ?? this.name;
  }
  private contact(): string {
    return `<sip:${this.user}@${this.address}:${this.port}>`;
  }
  private fromHeader(tag: string): string {
    return formatNameAddr({
      displayName: this.config.displayName ?? null,
      uri: this.aor,
      params: [{ name: 'tag', value: tag }],
    });
  }
  private aorHeader(): string {
    return formatNameAddr({
      displayName: this.config.displayName ?? null,
      uri: this.aor,
      params: [],
    });
  }

  /** Where a request out of dialog goes (§8.1.2): the outbound proxy if any, else the Request-URI, found by DNS (RFC 3263). */
  private nextHop(requestUri: string): Destination | undefined {
    const hop = this.config.outboundProxy ?? requestUri;
    const uri = parseUri(hop);
    if (!isSipUri(uri)) return undefined;
    const maddr = paramValue(uri.params, 'maddr');
    const r = this.network.resolve(this.name, maddr ?? uri.host, uri.port);
    return r ? { address: r.address, port: r.port } : undefined;
  }

  /** Where a request inside a dialog goes: the first Route if there is a route set, else the remote target (§12.2.1.1, §8.1.2). */
  private dialogNextHop(req: SipRequest): Destination | undefined {
    // Inside a dialog the route set decides, not the outbound proxy (§12.2.1.1).
    const route = req.routes()[0];
    return this.nextHopDirect(
      route
        ? formatNameAddr({ displayName: null, uri: route.uri, params: [] }).slice(1, -1)
        : req.requestUri,
    );
  }

  /** A request out of dialog (§8.1.1), with the outbound proxy as a loose route when there is one. */
  private newRequest(
    method: string,
    requestUri: string,
    to: string,
    callId: string,
    fromTag: string,
    cseq: number,
    extra: [string, string][] = [],
    body = '',
  ): SipRequest {
    const headers: [string, string][] = [['Max-Forwards', '70']];
    if (this.config.outboundProxy) headers.push(['Route', `<${this.config.outboundProxy};lr>`]);
    headers.push(
      ['From', this.fromHeader(fromTag)],
      ['To', to],
      ['Call-ID', callId],
      ['CSeq', `${cseq} ${method}`],
      ...extra,
    );
    const req = createRequest(method, requestUri, headers, body);
    req.prependHeader('via', this.via(this.newBranch()));
    return req;
  }

  private sendRequest(
    req: SipRequest,
    destination: Destination | undefined,
  ): ClientTransaction | undefined {
    if (!destination) {
      this.note(`${this.name} cannot find where to send the ${req.method} (no DNS record)`);
      return undefined;
    }
    return this.layer.sendRequest(req, destination);
  }

  // ---- actions -------------------------------------------------------------------------------------

  override perform(a: ElementAction): string {
    switch (a.action) {
      case 'register':
        return this.register(
          typeof a.expires === 'number' ? a.expires : (this.config.registerExpires ?? 3600),
        );
      case 'unregister':
        return this.register(0, a.all === true);
      case 'invite':
        return this.invite(String(a.to));
      case 'cancel':
        return this.cancel();
      case 'bye':
        return this.bye();
      case 'answer':
        return this.answerCall(200);
      case 'decline':
        return this.answerCall(603);
      case 'busy':
        return this.answerCall(486);
      case 'message':
        return this.sendMessage(String(a.to), String(a.text));
      case 'subscribe':
        return this.subscribe(
          String(a.to),
          typeof a.event === 'string' ? a.event : 'presence',
          typeof a.expires === 'number' ? a.expires : (this.config.subscribeExpires ?? 600),
        );
      case 'unsubscribe':
        return this.unsubscribe(typeof a.to === 'string' ? a.to : undefined);
      default:
        return super.perform(a);
    }
  }

  // ---- registration (§10.2) ------------------------------------------------------------------------

  private registrarUri(): string {
    return this.config.registrar ?? `sip:${this.aor.host}`;
  }

  private register(expires: number, all = false): string {
    const reg = (this.registration ??= {
      state: 'unregistered',
      callId: this.newCallId(),
      cseq: 0,
      expires,
      registeredUntil: 0,
      refreshTimer: undefined,
      authAttempts: 0,
      fromTag: '',
      all: false,
      result: '',
    });
    if (reg.refreshTimer !== undefined) this.network.queue.clearTimeout(reg.refreshTimer);
    reg.refreshTimer = undefined;
    reg.expires = expires;
    reg.all = all;
    reg.authAttempts = 0;
    reg.state = 'registering';
    this.sendRegister([]);
    return expires === 0
      ? `${this.name} removes ${all ? 'all its bindings' : 'its binding'}`
      : `${this.name} registers for ${expires} s`;
  }

  /**
   * A REGISTER (§10.2): same Call-ID for every registration, CSeq one higher each time. A new request
   * gets a new From tag (§8.1.1.3); a retry after 401/407/423 keeps Call-ID, To and From (§8.1.3.5).
   */
  private sendRegister(extra: [string, string][], retry = false): void {
    const reg = this.registration!;
    reg.cseq++;
    if (!retry) reg.fromTag = this.newTag();
    const ruri = this.registrarUri();
    const contact = reg.all && reg.expires === 0 ? '*' : this.contact();
    const req = this.newRequest(
      'REGISTER',
      ruri,
      this.aorHeader(),
      reg.callId,
      reg.fromTag,
      reg.cseq,
      [['Contact', contact], ['Expires', String(reg.expires)], ...extra],
    );
    this.sendRequest(req, this.nextHop(ruri));
  }

  private onRegisterResponse(tx: ClientTransaction, res: SipResponse): void {
    const reg = this.registration;
    if (!reg || res.status < 200) return;
    if (
      (res.status === 401 || res.status === 407) &&
      reg.authAttempts < 1 &&
      this.config.password !== undefined
    ) {
      reg.authAttempts++;
      const creds = answerChallenge(
        res,
        tx.request,
        { username: this.config.username ?? this.user, password: this.config.password },
        this.network.rng.token(8),
        ++this.nonceCount,
      );
      if (creds) {
        this.note(
          `${this.name} answers the challenge of realm "${creds.realm}" with digest credentials`,
        );
        this.sendRegister(
          [
            [
              creds.header === 'authorization' ? 'Authorization' : 'Proxy-Authorization',
              creds.value,
            ],
          ],
          true,
        );
        return;
      }
    }
    if (res.status === 423) {
      const min = res.minExpires();
      if (min !== undefined && min > reg.expires) {
        reg.expires = min;
        this.sendRegister([], true);
        return;
      }
    }
    if (res.status >= 300) {
      reg.state = 'failed';
      reg.result = `${res.status} ${res.reason}`;
      return;
    }
    if (reg.expires === 0) {
      reg.state = 'unregistered';
      reg.result = 'unregistered';
      return;
    }
    // The registrar may grant a shorter time: read it from our Contact in the 200 (§10.2.4).
    let granted = reg.expires;
    for (const c of res.contacts()) {
      if (
        !isStar(c) &&
        isSipUri(c.uri) &&
        c.uri.host === this.address &&
        (c.uri.port ?? 5060) === this.port
      ) {
        const e = paramValue(c.params, 'expires');
        if (e) granted = Number(e);
      }
    }
    if (res.expires() !== undefined && granted === reg.expires)
      granted = Math.min(granted, res.expires()!);
    const now = this.network.queue.now();
    reg.state = 'registered';
    reg.registeredUntil = now + granted * 1000;
    reg.result = `registered for ${granted} s`;
    if (this.config.refresh !== false && granted > 0) {
      // Refresh before the binding expires: halfway for short registrations, else a minute early.
      const at = Math.max(granted / 2, granted - 60) * 1000;
      reg.refreshTimer = this.network.queue.setTimeout(() => {
        reg.refreshTimer = undefined;
        this.network.record({
          type: 'timer-fire',
          element: this.name,
          timer: 'registration refresh',
          detail: `${this.name} refreshes its registration before it expires`,
        });
        reg.authAttempts = 0;
        reg.state = 'registering';
        this.sendRegister([]);
      }, at);
      this.network.record({
        type: 'timer-start',
        element: this.name,
        timer: 'registration refresh',
        durationMs: at,
        detail: `${this.name} will refresh its registration in ${at / 1000} s`,
      });
    }
  }

  // ---- outgoing calls (§13.2, §9.1, §15) -----------------------------------------------------------

  private sdpOffer(): string {
    return makeOffer({
      user: this.user,
      address: this.address,
      port: 49170,
      sessionId: 1000 + this.network.rng.int(9000),
    });
  }

  private invite(target: string): string {
    const callId = this.newCallId();
    const localTag = this.newTag();
    const cseq = 1;
    const req = this.newRequest(
      'INVITE',
      target,
      `<${target}>`,
      callId,
      localTag,
      cseq,
      [
        ['Contact', this.contact()],
        ['Allow', ALLOW],
        ['Content-Type', 'application/sdp'],
      ],
      this.sdpOffer(),
    );
    const tx = this.sendRequest(req, this.nextHop(target));
    if (!tx) throw new ActionError(`no route to ${target}`);
    this.calls.push({
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
      ack: undefined,
      ackDestination: undefined,
      cancelPending: false,
      authAttempts: 0,
      redirects: [],
      result: '',
    });
    return `${this.name} calls ${target}`;
  }

  private currentOutgoing(): OutgoingCall | undefined {
    for (let i = this.calls.length - 1; i >= 0; i--) {
      const c = this.calls[i]!;
      if (c.role === 'uac' && c.state !== 'terminated' && c.state !== 'failed') return c;
    }
    return undefined;
  }

  /** Resends the INVITE as a new transaction (after a challenge or a redirection), same Call-ID and From tag (§8.1.3.4, §22.2). */
  private reinviteAfter(call: OutgoingCall, requestUri: string, extra: [string, string][]): void {
    call.cseq++;
    const req = this.newRequest(
      'INVITE',
      requestUri,
      `<${call.target}>`,
      call.callId,
      call.localTag,
      call.cseq,
      [
        ['Contact', this.contact()],
        ['Allow', ALLOW],
        ['Content-Type', 'application/sdp'],
        ...extra,
      ],
      call.invite.body,
    );
    const dest =
      requestUri === call.target ? this.nextHop(requestUri) : this.nextHopDirect(requestUri);
    const tx = this.sendRequest(req, dest);
    if (!tx) {
      call.state = 'failed';
      call.result = `no route to ${requestUri}`;
      return;
    }
    call.invite = req;
    call.tx = tx;
    call.state = 'calling';
  }

  /** Resolves a URI itself, without the outbound proxy (a redirection's contact, a dialog's next hop). */
  private nextHopDirect(requestUri: string): Destination | undefined {
    const uri = parseUri(requestUri);
    if (!isSipUri(uri)) return undefined;
    const maddr = paramValue(uri.params, 'maddr');
    const r = this.network.resolve(this.name, maddr ?? uri.host, uri.port);
    return r ? { address: r.address, port: r.port } : undefined;
  }

  private onInviteResponse(call: OutgoingCall, tx: ClientTransaction, res: SipResponse): void {
    const toTag = res.to() ? paramValue(res.to()!.params, 'tag') : undefined;
    if (res.status < 200) {
      if (res.status > 100 && toTag && !call.dialogs.has(toTag)) {
        const d = Dialog.fromUac(tx.request, res);
        if (d) call.dialogs.set(toTag, d);
      }
      if (call.state === 'calling' || call.state === 'proceeding')
        call.state = res.status === 180 ? 'ringing' : 'proceeding';
      if (call.cancelPending) this.sendCancel(call);
      return;
    }
    if (res.status < 300) {
      this.onInvite2xx(call, res);
      return;
    }
    // 300–699: the INVITE client transaction has acknowledged it (§17.1.1.3).
    if (
      res.status >= 300 &&
      res.status < 400 &&
      this.config.followRedirects !== false &&
      call.state !== 'cancelling'
    ) {
      const contacts = res.contacts().filter((c) => !isStar(c));
      const next = contacts
        .map((c) =>
          formatNameAddr({ displayName: null, uri: (c as { uri: SipUri }).uri, params: [] }).slice(
            1,
            -1,
          ),
        )
        .find((u) => !call.redirects.includes(u));
      if (next && call.redirects.length < 5) {
        call.redirects.push(next);
        this.note(`${this.name} follows the redirection to ${next}`);
        this.reinviteAfter(call, next, []);
        return;
      }
    }
    if (
      (res.status === 401 || res.status === 407) &&
      call.authAttempts < 1 &&
      this.config.password !== undefined &&
      call.state !== 'cancelling'
    ) {
      call.authAttempts++;
      const creds = answerChallenge(
        res,
        tx.request,
        { username: this.config.username ?? this.user, password: this.config.password },
        this.network.rng.token(8),
        ++this.nonceCount,
      );
      if (creds) {
        this.note(
          `${this.name} answers the challenge of realm "${creds.realm}" with digest credentials`,
        );
        this.reinviteAfter(call, call.invite.requestUri, [
          [creds.header === 'authorization' ? 'Authorization' : 'Proxy-Authorization', creds.value],
        ]);
        return;
      }
    }
    call.state = 'failed';
    call.result = `${res.status} ${res.reason}`;
    for (const d of call.dialogs.values()) d.terminate();
  }

  private onInvite2xx(call: OutgoingCall, res: SipResponse): void {
    const toTag = res.to() ? paramValue(res.to()!.params, 'tag') : undefined;
    if (!toTag) return;
    let dialog = call.dialogs.get(toTag);
    if (dialog) dialog.confirm(res);
    else {
      dialog = Dialog.fromUac(call.invite, res);
      if (!dialog) {
        this.note(`${this.name} cannot make a dialog from this 200 OK (no Contact or tag)`);
        return;
      }
      call.dialogs.set(toTag, dialog);
    }
    // §13.2.2.4: ACK every 2xx; a second answer from another fork gets an ACK and a BYE.
    const ack = dialog.createRequest('ACK', { cseq: call.cseq });
    ack.prependHeader('via', this.via(this.newBranch()));
    const dest = this.dialogNextHop(ack);
    if (dest) this.network.send(this, dest, ack, { dialogId: dialog.id });
    if (call.confirmed && call.confirmed !== dialog) {
      this.note(`${this.name} already has an answered call; it ends this second answer with BYE`);
      this.sendBye(dialog);
      return;
    }
    call.confirmed = dialog;
    call.ack = ack;
    call.ackDestination = dest;
    call.state = call.state === 'cancelling' ? 'confirmed' : 'confirmed';
    call.result = 'answered';
    for (const [tag, d] of call.dialogs) if (tag !== toTag && d.state === 'early') d.terminate();
  }

  private cancel(): string {
    const call = this.currentOutgoing();
    if (!call || call.state === 'confirmed')
      throw new ActionError('there is no unanswered outgoing call to cancel');
    // One CANCEL per INVITE: a second would reuse its branch, that is, its transaction (§9.1).
    if (call.state === 'cancelling' || call.cancelPending)
      throw new ActionError('the call is already being cancelled');
    // §9.1: CANCEL only after a provisional response; until then it waits.
    if (call.state === 'calling') {
      call.cancelPending = true;
      return `${this.name} will cancel as soon as the INVITE gets a provisional response`;
    }
    this.sendCancel(call);
    return `${this.name} cancels the call to ${call.target}`;
  }

  /** CANCEL (§9.1): same Request-URI, Call-ID, To, From, CSeq number and top Via (so the same branch) as the INVITE. */
  private sendCancel(call: OutgoingCall): void {
    call.cancelPending = false;
    call.state = 'cancelling';
    const inv = call.invite;
    const headers: [string, string][] = [
      ['Via', inv.headerValue('via')!],
      ['Max-Forwards', '70'],
    ];
    for (const h of inv.headersOf('route')) headers.push(['Route', h.value]);
    headers.push(
      ['From', inv.headerValue('from')!],
      ['To', inv.headerValue('to')!],
      ['Call-ID', inv.headerValue('call-id')!],
      ['CSeq', `${call.cseq} CANCEL`],
    );
    const cancel = createRequest('CANCEL', inv.requestUri, headers);
    this.layer.sendRequest(cancel, call.tx.destination);
  }

  private bye(): string {
    for (let i = this.calls.length - 1; i >= 0; i--) {
      const c = this.calls[i]!;
      const dialog = c.role === 'uac' ? c.confirmed : c.dialog;
      if (
        dialog &&
        dialog.state === 'confirmed' &&
        (c.state === 'confirmed' || c.state === 'answered')
      ) {
        if (c.role === 'uas' && c.state === 'answered') {
          // §15: the callee MUST NOT send a BYE before the ACK of its 2xx (or the end of its
          // retransmissions); it keeps resending the 2xx and hangs up when the ACK arrives.
          c.hangUpPending = true;
          return `${this.name} will hang up as soon as the ACK of its 200 OK arrives (RFC 3261 §15)`;
        }
        this.stopRetransmitting(c);
        c.state = 'terminated';
        c.result = 'hung up';
        this.sendBye(dialog);
        return `${this.name} hangs up`;
      }
    }
    throw new ActionError('there is no answered call to hang up');
  }

  private sendBye(dialog: Dialog): void {
    const bye = dialog.createRequest('BYE');
    bye.prependHeader('via', this.via(this.newBranch()));
    dialog.terminate();
    this.sendRequest(bye, this.dialogNextHop(bye));
  }

  // ---- incoming calls (§13.3) ----------------------------------------------------------------------

  private onInvite(tx: ServerTransaction, req: SipRequest): void {
    const toTag = req.to() ? paramValue(req.to()!.params, 'tag') : undefined;
    if (toTag) {
      // A re-INVITE inside a dialog (§14.2): accept it with the same session.
      const call = this.findCallByDialog(dialogIdFor(req, 'received-request'));
      const dialog = call ? (call.role === 'uac' ? call.confirmed : call.dialog) : undefined;
      if (!call || !dialog) {
        this.respond(tx, 481);
        return;
      }
      const err = dialog.receiveRequest(req);
      if (err) {
        this.respond(tx, err.status, { reason: err.reason, toTag: dialog.localTag });
        return;
      }
      this.respond(tx, 200, {
        toTag: dialog.localTag,
        headers: [
          ['Contact', this.contact()],
          ['Content-Type', 'application/sdp'],
        ],
        body: this.sdpAnswer(req),
      });
      return;
    }
    // An INVITE with the From tag, Call-ID and CSeq of one already received (§8.2.2.2). Through the
    // same branch it is a retransmission that outlived its transaction, which ended with the 2xx
    // (§17.2.1): the UAS core answers it with its 2xx again (§13.3.1.4; RFC 6026 §7.1 absorbs it).
    // Through another branch it is the same request by another path (a merge): 482.
    const same = this.calls.find(
      (c): c is IncomingCall =>
        c.role === 'uas' &&
        c.invite.callId() === req.callId() &&
        c.invite.cseq()?.seq === req.cseq()?.seq &&
        paramValue(c.invite.from()?.params ?? [], 'tag') ===
          paramValue(req.from()?.params ?? [], 'tag'),
    );
    if (same) {
      const retransmission = same.tx.branch === tx.branch;
      if (retransmission && same.ok && (same.state === 'answered' || same.state === 'confirmed')) {
        this.note(
          `${this.name} receives the INVITE again after answering it: it resends its 200 OK (RFC 3261 §13.3.1.4)`,
        );
        this.layer.respond(tx, same.ok);
      } else {
        this.note(
          `${this.name} already has this INVITE (same From tag, Call-ID and CSeq)${retransmission ? '' : ' by another path'}: 482 (RFC 3261 §8.2.2.2)`,
        );
        this.respond(tx, 482);
      }
      return;
    }
    const busyNow = this.calls.some(
      (c) => c.state === 'confirmed' || c.state === 'answered' || c.state === 'ringing',
    );
    const policy = this.config.answer ?? { mode: 'answer' as const };
    const call: IncomingCall = {
      role: 'uas',
      state: 'ringing',
      tx,
      invite: req,
      localTag: this.newTag(),
      dialog: undefined,
      ok: undefined,
      answerTimer: undefined,
      retransmitTimer: undefined,
      retransmitInterval: this.timers.T1,
      okSentAt: 0,
      hangUpPending: false,
      result: '',
    };
    this.calls.push(call);
    if (policy.mode === 'busy' || busyNow) {
      this.finishIncoming(call, 486);
      return;
    }
    if (policy.ring !== false) {
      this.respond(tx, 180, { toTag: call.localTag, headers: [['Contact', this.contact()]] });
      call.dialog = Dialog.fromUas(req, call.localTag, false);
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
      call.answerTimer = this.network.queue.setTimeout(() => {
        call.answerTimer = undefined;
        this.network.record({
          type: 'note',
          element: this.name,
          detail:
            status === 200
              ? `The user answers ${this.name}`
              : status === 603
                ? `The user declines the call on ${this.name}`
                : `Nobody answers ${this.name}; it gives up ringing`,
        });
        this.finishIncoming(call, status);
      }, delay);
    }
  }

  private sdpAnswer(req: SipRequest): string {
    const ct = req.contentType();
    const sid = 2000 + this.network.rng.int(9000);
    if (ct && ct.type === 'application' && ct.subtype === 'sdp' && req.body.length > 0) {
      try {
        return makeAnswer(req.body, {
          user: this.user,
          address: this.address,
          port: 3456,
          sessionId: sid,
        });
      } catch {
        /* an offer sdp-transform cannot read: answer with our own description */
      }
    }
    return makeOffer({ user: this.user, address: this.address, port: 3456, sessionId: sid });
  }

  /** Sends the final answer to an incoming INVITE. */
  private finishIncoming(call: IncomingCall, status: number): void {
    if (call.state !== 'ringing') return;
    if (status !== 200) {
      this.respond(call.tx, status, { toTag: call.localTag });
      call.state = 'terminated';
      call.result = `${status}`;
      call.dialog?.terminate();
      return;
    }
    const ok = this.respond(call.tx, 200, {
      toTag: call.localTag,
      headers: [
        ['Contact', this.contact()],
        ['Allow', ALLOW],
        ['Content-Type', 'application/sdp'],
      ],
      body: this.sdpAnswer(call.invite),
    });
    call.ok = ok;
    call.state = 'answered';
    if (call.dialog) call.dialog.confirm();
    else call.dialog = Dialog.fromUas(call.invite, call.localTag, true);
    call.okSentAt = this.network.queue.now();
    call.retransmitInterval = this.timers.T1;
    this.armRetransmit(call);
  }

  /**
   * §13.3.1.4: the UAS core resends the 2xx at T1, 2·T1, ... up to T2, until the ACK arrives; after
   * 64·T1 without an ACK it ends the dialog with BYE.
   */
  private armRetransmit(call: IncomingCall): void {
    // The retransmissions last 64·T1 from the first 2xx (as long as Timer H would): the last wait is
    // cut short so that the BYE goes out exactly then.
    const left = 64 * this.timers.T1 - (this.network.queue.now() - call.okSentAt);
    const delay = Math.max(0, Math.min(call.retransmitInterval, left));
    this.network.record({
      type: 'timer-start',
      element: this.name,
      timer: '2xx retransmit',
      durationMs: delay,
      ...(call.dialog ? { dialogId: call.dialog.id } : {}),
      detail:
        delay < call.retransmitInterval
          ? `${this.name} will stop resending its 200 OK in ${delay} ms, 64·T1 after the first (RFC 3261 §13.3.1.4)`
          : `${this.name} will resend its 200 OK in ${delay} ms unless the ACK arrives (RFC 3261 §13.3.1.4)`,
    });
    call.retransmitTimer = this.network.queue.setTimeout(() => {
      call.retransmitTimer = undefined;
      const elapsed = this.network.queue.now() - call.okSentAt;
      if (elapsed >= 64 * this.timers.T1) {
        this.network.record({
          type: 'timer-fire',
          element: this.name,
          timer: '2xx retransmit',
          detail: `No ACK for ${this.name}'s 200 OK within 64·T1: the call is ended with BYE`,
        });
        call.state = 'terminated';
        call.result = 'no ACK';
        if (call.dialog) this.sendBye(call.dialog);
        return;
      }
      this.network.record({
        type: 'timer-fire',
        element: this.name,
        timer: '2xx retransmit',
        detail: `${this.name} has no ACK yet and resends its 200 OK`,
      });
      if (call.ok)
        this.network.send(this, call.tx.responseDestination, call.ok, {
          retransmission: true,
          ...(call.dialog ? { dialogId: call.dialog.id } : {}),
        });
      call.retransmitInterval = Math.min(call.retransmitInterval * 2, this.timers.T2);
      this.armRetransmit(call);
    }, delay);
  }

  private stopRetransmitting(call: Call): void {
    if (call.role !== 'uas') return;
    if (call.retransmitTimer !== undefined) {
      this.network.queue.clearTimeout(call.retransmitTimer);
      call.retransmitTimer = undefined;
      this.network.record({
        type: 'timer-stop',
        element: this.name,
        timer: '2xx retransmit',
        detail: `${this.name} stops resending its 200 OK`,
      });
    }
    if (call.answerTimer !== undefined) {
      this.network.queue.clearTimeout(call.answerTimer);
      call.answerTimer = undefined;
    }
  }

  private answerCall(status: number): string {
    for (let i = this.calls.length - 1; i >= 0; i--) {
      const c = this.calls[i]!;
      if (c.role === 'uas' && c.state === 'ringing') {
        this.stopRetransmitting(c);
        this.finishIncoming(c, status);
        return `${this.name} ${status === 200 ? 'answers' : status === 486 ? 'is busy' : 'declines'}`;
      }
    }
    throw new ActionError('no call is ringing');
  }

  private findCallByDialog(id: string | undefined): Call | undefined {
    if (id === undefined) return undefined;
    return this.calls.find((c) =>
      c.role === 'uac' ? [...c.dialogs.values()].some((d) => d.id === id) : c.dialog?.id === id,
    );
  }

  // ---- requests received ---------------------------------------------------------------------------

  protected override onRequest(tx: ServerTransaction, req: SipRequest): void {
    switch (req.method) {
      case 'INVITE':
        this.onInvite(tx, req);
        return;
      case 'BYE': {
        const id = dialogIdFor(req, 'received-request');
        const call = this.findCallByDialog(id);
        const dialog = call ? (call.role === 'uac' ? call.confirmed : call.dialog) : undefined;
        if (!call || !dialog || dialog.id !== id) {
          this.respond(tx, 481);
          return;
        }
        const err = dialog.receiveRequest(req);
        if (err) {
          this.respond(tx, err.status, { reason: err.reason, toTag: dialog.localTag });
          return;
        }
        this.stopRetransmitting(call);
        dialog.terminate();
        call.state = 'terminated';
        call.result = 'the other side hung up';
        this.respond(tx, 200, { toTag: dialog.localTag });
        return;
      }
      case 'MESSAGE': {
        const text = req.body;
        this.messages.push(
          `from ${req.from() ? formatNameAddr({ ...req.from()!, params: [] }) : '?'}: ${text}`,
        );
        this.respond(tx, 200);
        return;
      }
      case 'NOTIFY':
        this.onNotify(tx, req);
        return;
      case 'OPTIONS':
        this.respond(tx, 200, {
          headers: [
            ['Allow', ALLOW],
            ['Accept', 'application/sdp, text/plain, application/pidf+xml'],
          ],
        });
        return;
      case 'SUBSCRIBE':
        this.respond(tx, 489, { headers: [['Allow-Events', '']] });
        return;
      default:
        if (KNOWN_METHODS.has(req.method)) this.respond(tx, 405, { headers: [['Allow', ALLOW]] });
        else this.respond(tx, 501, { reason: `Not Implemented (${req.method})` });
    }
  }

  protected override onCancel(
    tx: ServerTransaction,
    _cancel: SipRequest,
    target: ServerTransaction | undefined,
  ): void {
    const call = target
      ? this.calls.find((c): c is IncomingCall => c.role === 'uas' && c.tx === target)
      : undefined;
    if (!target || !call) {
      this.respond(tx, 481);
      return;
    }
    // §9.2: the 200 for the CANCEL SHOULD carry the To tag of the INVITE's response.
    this.respond(tx, 200, { toTag: call.localTag });
    if (call.state === 'ringing') {
      // §9.2: the INVITE is answered 487 Request Terminated.
      this.stopRetransmitting(call);
      this.respond(call.tx, 487, { toTag: call.localTag });
      call.state = 'terminated';
      call.result = 'cancelled by the caller';
      call.dialog?.terminate();
    }
  }

  protected override onAck(ack: SipRequest): void {
    const call = this.findCallByDialog(dialogIdFor(ack, 'received-request'));
    if (call && call.role === 'uas' && call.state === 'answered') {
      this.stopRetransmitting(call);
      call.state = 'confirmed';
      call.result = 'connected';
      if (call.hangUpPending && call.dialog) {
        call.state = 'terminated';
        call.result = 'hung up';
        this.sendBye(call.dialog);
      }
    }
  }

  // ---- responses received --------------------------------------------------------------------------

  protected override onResponse(tx: ClientTransaction, res: SipResponse): void {
    const method = tx.request.method;
    if (method === 'REGISTER') {
      this.onRegisterResponse(tx, res);
      return;
    }
    if (method === 'INVITE') {
      const call = this.calls.find((c): c is OutgoingCall => c.role === 'uac' && c.tx === tx);
      if (call) this.onInviteResponse(call, tx, res);
      return;
    }
    if (method === 'SUBSCRIBE') {
      this.onSubscribeResponse(tx, res);
      return;
    }
    if (method === 'MESSAGE' && res.status >= 200) {
      this.messages.push(
        `to ${tx.request.requestUri}: ${res.status < 300 ? 'delivered' : `failed (${res.status} ${res.reason})`}`,
      );
    }
  }

  protected override onTimeout(tx: ClientTransaction | ServerTransaction): void {
    if (tx.side !== 'client') return;
    const call = this.calls.find((c): c is OutgoingCall => c.role === 'uac' && c.tx === tx);
    if (call) {
      call.state = 'failed';
      call.result = 'no answer from the network (Timer B)';
    }
    if (tx.request.method === 'REGISTER' && this.registration) {
      this.registration.state = 'failed';
      this.registration.result = 'no answer from the registrar (Timer F)';
    }
  }

  /** A 2xx retransmission reaches the UA core directly (§13.2.2.4): resend the ACK. */
  protected override onStrayResponse(res: SipResponse): void {
    if (res.status >= 200 && res.status < 300 && res.cseq()?.method === 'INVITE') {
      const id = dialogIdFor(res, 'received-response');
      const call = this.calls.find(
        (c): c is OutgoingCall => c.role === 'uac' && c.confirmed?.id === id,
      );
      if (call && call.ack && call.ackDestination) {
        this.note(
          `${this.name} receives the 200 OK again: its ACK was lost or is late, so it sends the ACK again`,
        );
        this.network.send(this, call.ackDestination, call.ack, {
          retransmission: true,
          dialogId: id!,
        });
        return;
      }
    }
    super.onStrayResponse(res);
  }

  // ---- messages (RFC 3428) -------------------------------------------------------------------------

  private sendMessage(to: string, text: string): string {
    const req = this.newRequest(
      'MESSAGE',
      to,
      `<${to}>`,
      this.newCallId(),
      this.newTag(),
      1,
      [['Content-Type', 'text/plain']],
      text,
    );
    if (!this.sendRequest(req, this.nextHop(to))) throw new ActionError(`no route to ${to}`);
    return `${this.name} sends a message to ${to}`;
  }

  // ---- subscriptions (RFC 6665) --------------------------------------------------------------------

  private subscribe(to: string, event: string, expires: number): string {
    const sub: Subscription = {
      target: to,
      event,
      callId: this.newCallId(),
      localTag: this.newTag(),
      cseq: 0,
      dialog: undefined,
      state: 'subscribing',
      expires,
      refreshTimer: undefined,
      lastNotify: '',
    };
    this.subscriptions.push(sub);
    this.sendSubscribe(sub, expires);
    return `${this.name} subscribes to ${event} of ${to}`;
  }

  private sendSubscribe(sub: Subscription, expires: number): void {
    let req: SipRequest;
    const extra: [string, string][] = [
      ['Event', sub.event],
      ['Expires', String(expires)],
      ['Accept', 'application/pidf+xml'],
    ];
    if (sub.dialog) {
      req = sub.dialog.createRequest('SUBSCRIBE', { contact: this.contact(), headers: extra });
      req.prependHeader('via', this.via(this.newBranch()));
      this.sendRequest(req, this.dialogNextHop(req));
    } else {
      sub.cseq++;
      req = this.newRequest(
        'SUBSCRIBE',
        sub.target,
        `<${sub.target}>`,
        sub.callId,
        sub.localTag,
        sub.cseq,
        [['Contact', this.contact()], ...extra],
      );
      this.sendRequest(req, this.nextHop(sub.target));
    }
  }

  private unsubscribe(to: string | undefined): string {
    const sub = this.subscriptions.find(
      (s) => s.state !== 'terminated' && (to === undefined || s.target === to),
    );
    if (!sub || !sub.dialog) throw new ActionError('there is no active subscription');
    if (sub.refreshTimer !== undefined) this.network.queue.clearTimeout(sub.refreshTimer);
    sub.refreshTimer = undefined;
    this.sendSubscribe(sub, 0);
    return `${this.name} ends its subscription to ${sub.target}`;
  }

  private onSubscribeResponse(tx: ClientTransaction, res: SipResponse): void {
    const callId = tx.request.callId();
    const sub = this.subscriptions.find((s) => s.callId === callId);
    if (!sub || res.status < 200) return;
    if (res.status >= 300) {
      sub.state = 'failed';
      sub.lastNotify = `${res.status} ${res.reason}`;
      return;
    }
    if (!sub.dialog) sub.dialog = Dialog.fromUac(tx.request, res);
    const granted = res.expires() ?? sub.expires;
    if (granted === 0 || tx.request.expires() === 0) return;
    if (this.config.refresh !== false) this.armSubscriptionRefresh(sub, granted);
  }

  private armSubscriptionRefresh(sub: Subscription, granted: number): void {
    if (sub.refreshTimer !== undefined) this.network.queue.clearTimeout(sub.refreshTimer);
    const at = Math.max(granted / 2, granted - 60) * 1000;
    this.network.record({
      type: 'timer-start',
      element: this.name,
      timer: 'subscription refresh',
      durationMs: at,
      detail: `${this.name} will refresh its subscription in ${at / 1000} s`,
    });
    sub.refreshTimer = this.network.queue.setTimeout(() => {
      sub.refreshTimer = undefined;
      this.network.record({
        type: 'timer-fire',
        element: this.name,
        timer: 'subscription refresh',
        detail: `${this.name} refreshes its subscription to ${sub.target}`,
      });
      this.sendSubscribe(sub, sub.expires);
    }, at);
  }

  private onNotify(tx: ServerTransaction, req: SipRequest): void {
    const callId = req.callId();
    const toTag = req.to() ? paramValue(req.to()!.params, 'tag') : undefined;
    const sub = this.subscriptions.find((s) => s.callId === callId && s.localTag === toTag);
    if (!sub) {
      this.respond(tx, 481);
      return;
    }
    if (!sub.dialog) {
      // The NOTIFY came before the 200 of the SUBSCRIBE: it creates the dialog (RFC 6665 §4.1.2.4).
      const from = req.from();
      const remoteTag = from ? paramValue(from.params, 'tag') : undefined;
      if (remoteTag) sub.dialog = Dialog.fromUas(req, sub.localTag, true) ?? undefined;
    }
    sub.dialog?.receiveRequest(req);
    const state = req.subscriptionState();
    sub.state =
      state?.state === 'active' || state?.state === 'pending' || state?.state === 'terminated'
        ? state.state
        : sub.state;
    const basic = /<basic>\s*([a-z]+)\s*<\/basic>/i.exec(req.body)?.[1];
    sub.lastNotify = basic ? `${sub.target} is ${basic}` : `NOTIFY (${state?.state ?? 'no state'})`;
    if (state?.state === 'terminated') {
      if (sub.refreshTimer !== undefined) this.network.queue.clearTimeout(sub.refreshTimer);
      sub.refreshTimer = undefined;
      sub.dialog?.terminate();
    }
    this.respond(tx, 200, { toTag: sub.localTag });
  }

  /** Live calls, and the last few that ended. */
  private recentCalls(): Call[] {
    const ended = this.calls.filter((c) => c.state === 'terminated' || c.state === 'failed');
    const keep = new Set(ended.slice(-RECENT));
    return this.calls.filter(
      (c) => keep.has(c) || !(c.state === 'terminated' || c.state === 'failed'),
    );
  }

  // ---- state for the UI ----------------------------------------------------------------------------

  protected override settings(): Record<string, string | number | boolean> {
    return {
      aor: this.config.aor,
      answer: this.config.answer?.mode ?? 'answer',
      outboundProxy: this.config.outboundProxy ?? '',
    };
  }

  override snapshot(): ElementSnapshot {
    const activities: ActivitySnapshot[] = [];
    const reg = this.registration;
    if (reg) {
      const left = Math.max(0, Math.ceil((reg.registeredUntil - this.network.queue.now()) / 1000));
      activities.push({
        kind: 'registration',
        state: reg.state,
        summary:
          reg.state === 'registered' ? `registered, ${left} s left` : reg.result || reg.state,
      });
    }
    // The state panel shows what is going on: live calls and the last few that ended (a long run
    // must not make every step's snapshot longer).
    const shown = this.recentCalls();
    for (const c of shown) {
      activities.push(
        c.role === 'uac'
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
            },
      );
    }
    for (const s of this.subscriptions)
      activities.push({
        kind: 'subscription',
        state: s.state,
        peer: s.target,
        summary: `${s.event} of ${s.target}: ${s.state}${s.lastNotify ? ` — ${s.lastNotify}` : ''}`,
      });
    for (const m of this.messages.slice(-RECENT))
      activities.push({ kind: 'message', state: 'done', summary: m });
    const dialogs = new Map<string, Dialog>();
    for (const c of shown) {
      if (c.role === 'uac') for (const d of c.dialogs.values()) dialogs.set(d.id, d);
      else if (c.dialog) dialogs.set(c.dialog.id, c.dialog);
    }
    for (const s of this.subscriptions) if (s.dialog) dialogs.set(s.dialog.id, s.dialog);
    return {
      ...super.snapshot(),
      dialogs: [...dialogs.values()].map((d) => d.snapshot()),
      activities,
    };
  }
}
