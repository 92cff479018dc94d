/**
 * User agent (RFC 3261 §8, §10.2, §12–§15, §22; RFC 6665 for subscriptions; RFC 3428 for MESSAGE):
 * a phone that is both a UAC and a UAS. It registers (and refreshes, answering digest challenges),
 * calls with an SDP offer, rings and answers (or refuses), cancels, hangs up, follows redirections,
 * sends and receives instant messages, and subscribes to presence. This file is the UA core (§8): its
 * addresses, where its requests go, and the dispatch of actions, requests and responses to its parts
 * in ua/, each of which sees only the narrow UaCore view of it.
 */
import {
  createRequest,
  formatNameAddr,
  isSipUri,
  parseUri,
  type SipRequest,
  type SipResponse,
  type SipUri,
} from '../codec';
import type { Dialog } from '../dialog';
import type { Destination } from '../network';
import type { ClientTransaction, MachineInstance, ServerTransaction } from '../transaction';
import { BaseElement, type ElementContext } from './base-element';
import type { UserAgentConfig } from './config';
import { answerChallenge } from './digest-auth';
import {
  ActionError,
  type ActivityState,
  type ElementAction,
  type ElementState,
} from './element-types';
import { CallList, callActivity, callDialogs } from './ua/calls';
import { HangUp } from './ua/hang-up';
import { IncomingCalls } from './ua/incoming-call';
import { Messages } from './ua/messages';
import { OutgoingCalls } from './ua/outgoing-call';
import { Registerer } from './ua/registration';
import { Subscriptions } from './ua/subscriptions';
import { ALLOW, type UaCore } from './ua/ua-core';

/** Methods this UA knows but does not accept: 405 with Allow (§8.2.1), not 501. */
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

export class UserAgent extends BaseElement {
  readonly kind = 'user-agent' as const;
  private readonly aor: SipUri;
  private readonly calls = new CallList();
  private readonly registerer: Registerer;
  private readonly outgoing: OutgoingCalls;
  private readonly incoming: IncomingCalls;
  private readonly hangUp: HangUp;
  private readonly messages: Messages;
  private readonly subscriptions: Subscriptions;
  private nonceCount = 0;

  constructor(
    override readonly config: UserAgentConfig,
    ctx: ElementContext,
  ) {
    super(config, ctx);
    const uri = parseUri(config.aor);
    if (!isSipUri(uri)) throw new ActionError(`the AOR ${config.aor} is not a SIP URI`);
    this.aor = uri;
    const core = this.core();
    this.registerer = new Registerer(core);
    this.outgoing = new OutgoingCalls(core, this.calls);
    this.incoming = new IncomingCalls(core, this.calls);
    this.hangUp = new HangUp(core, this.calls);
    this.messages = new Messages(core);
    this.subscriptions = new Subscriptions(core);
  }

  protected override sendsTrying(): boolean {
    return false;
  }

  /**
   * §17.2.1: a UA whose user rings at once (180) or answers within 200 ms needs no 100 Trying; one that
   * stays silent longer — no ringing and a later answer, or a user who decides by hand — sends it.
   */
  protected override sendsTryingFor(req: SipRequest): boolean {
    return this.incoming.respondsLaterThan(req, 200);
  }

  /**
   * The view of this UA its parts get. Its functions are methods reading the UA through `ua`, not
   * arrow functions each given a name of its own: a load of thousands of UAs keeps one of these each.
   */
  private core(): UaCore {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the methods below reach the UA through it
    const ua = this;
    return {
      name: this.name,
      address: this.address,
      port: this.port,
      config: this.config,
      aor: this.aor,
      user: this.user,
      timers: this.timers,
      clock: this.network.queue,
      machineEnv: this.machineEnv,
      rng: this.network.rng,
      record(e) {
        ua.network.record(e);
      },
      note(detail) {
        ua.note(detail);
      },
      newTag() {
        return ua.newTag();
      },
      newCallId() {
        return ua.newCallId();
      },
      contact() {
        return ua.contact();
      },
      newRequest(...args) {
        return ua.newRequest(...args);
      },
      addVia(req) {
        req.prependHeader('via', ua.via(ua.newBranch()));
      },
      nextHop(uri) {
        return ua.nextHop(uri);
      },
      nextHopDirect(uri) {
        return ua.resolveUri(uri);
      },
      dialogNextHop(req) {
        return ua.dialogNextHop(req);
      },
      sendRequest(req, destination) {
        return ua.sendRequest(req, destination);
      },
      send(destination, message, info) {
        ua.network.send(ua, destination, message, info);
      },
      sendBye(dialog) {
        return ua.sendBye(dialog);
      },
      respond(tx, status, opts) {
        return ua.respond(tx, status, opts);
      },
      respondWith(tx, res) {
        return ua.layer.respond(tx, res);
      },
      abandon(tx) {
        return ua.layer.abandon(tx);
      },
      authorize(challenge, request) {
        return ua.authorize(challenge, request);
      },
    };
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

  /** Where a request out of dialog goes (§8.1.2): the outbound proxy if any, else the Request-URI, found by DNS (RFC 3263). */
  private nextHop(requestUri: string): Destination | undefined {
    return this.resolveUri(this.config.outboundProxy ?? requestUri);
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

  private sendBye(dialog: Dialog): ClientTransaction | undefined {
    const bye = dialog.createRequest('BYE');
    bye.prependHeader('via', this.via(this.newBranch()));
    dialog.terminate('BYE');
    return this.sendRequest(bye, this.dialogNextHop(bye));
  }

  /** Digest credentials for a 401/407 (§22.2), one nonce count for the whole UA. */
  private authorize(challenge: SipResponse, request: SipRequest): [string, string] | undefined {
    const password = this.config.password;
    if (password === undefined) return undefined;
    const creds = answerChallenge(
      challenge,
      request,
      { username: this.config.username ?? this.user, password },
      this.network.rng.token(8),
      ++this.nonceCount,
    );
    if (!creds) return undefined;
    this.note(
      `${this.name} answers the challenge of realm "${creds.realm}" with digest credentials`,
    );
    return [
      creds.header === 'authorization' ? 'Authorization' : 'Proxy-Authorization',
      creds.value,
    ];
  }

  // ---- actions -------------------------------------------------------------------------------------

  override perform(a: ElementAction): string {
    switch (a.action) {
      case 'register':
        return this.registerer.register(
          typeof a.expires === 'number' ? a.expires : (this.config.registerExpires ?? 3600),
        );
      case 'unregister':
        return this.registerer.register(0, a.all === true);
      case 'invite':
        return this.outgoing.invite(String(a.to));
      case 'cancel':
        return this.outgoing.cancel();
      case 'bye':
        return this.hangUp.bye();
      case 'answer':
        return this.incoming.answer(200);
      case 'decline':
        return this.incoming.answer(603);
      case 'busy':
        return this.incoming.answer(486);
      case 'message':
        return this.messages.send(String(a.to), String(a.text));
      case 'subscribe':
        return this.subscriptions.subscribe(
          String(a.to),
          typeof a.event === 'string' ? a.event : 'presence',
          typeof a.expires === 'number' ? a.expires : (this.config.subscribeExpires ?? 600),
        );
      case 'unsubscribe':
        return this.subscriptions.unsubscribe(typeof a.to === 'string' ? a.to : undefined);
      default:
        return super.perform(a);
    }
  }

  // ---- requests received ---------------------------------------------------------------------------

  protected override onRequest(tx: ServerTransaction, req: SipRequest): void {
    switch (req.method) {
      case 'INVITE':
        this.incoming.onInvite(tx, req);
        return;
      case 'BYE':
        this.hangUp.onBye(tx, req);
        return;
      case 'MESSAGE':
        this.messages.onMessage(tx, req);
        return;
      case 'NOTIFY':
        this.subscriptions.onNotify(tx, req);
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
    this.incoming.onCancel(tx, target);
  }

  protected override onAck(ack: SipRequest): void {
    this.incoming.onAck(ack);
  }

  // ---- responses received --------------------------------------------------------------------------

  protected override onResponse(tx: ClientTransaction, res: SipResponse): void {
    switch (tx.method) {
      case 'REGISTER':
        this.registerer.onResponse(tx, res);
        return;
      case 'INVITE':
        this.outgoing.onResponse(tx, res);
        return;
      case 'SUBSCRIBE':
        this.subscriptions.onResponse(tx, res);
        return;
      case 'MESSAGE':
        this.messages.onResponse(tx, res);
        return;
      case 'BYE':
        if (res.status >= 200) this.hangUp.onByeAnswered(tx);
        return;
    }
  }

  protected override onTimeout(tx: ClientTransaction | ServerTransaction): void {
    if (tx.side !== 'client') return;
    this.outgoing.onTimeout(tx);
    if (tx.method === 'REGISTER') this.registerer.onTimeout();
    if (tx.method === 'BYE') this.hangUp.onByeAnswered(tx);
  }

  protected override onTransactionTerminated(tx: ClientTransaction | ServerTransaction): void {
    if (tx.side === 'client' && tx.method === 'INVITE') this.outgoing.onTransactionTerminated(tx);
  }

  /** A 2xx retransmission reaches the UA core directly (§13.2.2.4): the outgoing call resends its ACK. */
  protected override onStrayResponse(res: SipResponse): void {
    if (this.outgoing.onStrayResponse(res)) return;
    super.onStrayResponse(res);
  }

  // ---- state for the UI ----------------------------------------------------------------------------

  protected override settings(): Record<string, string | number | boolean> {
    return {
      aor: this.config.aor,
      answer: this.config.answer?.mode ?? 'answer',
      outboundProxy: this.config.outboundProxy ?? '',
    };
  }

  /** The dialogs the state panel shows (those of live and recent calls, and of subscriptions). */
  private shownDialogs(): Dialog[] {
    const dialogs = new Map<string, Dialog>();
    for (const d of [...this.calls.recent().flatMap(callDialogs), ...this.subscriptions.dialogs()])
      dialogs.set(d.id, d);
    return [...dialogs.values()];
  }

  protected override machines(): MachineInstance[] {
    return [
      ...this.registerer.machines(),
      ...this.calls.recent().map((c) => c.view()),
      ...this.subscriptions.machines(),
      ...this.shownDialogs().map((d) => d.view()),
    ];
  }

  override state(): ElementState {
    const activities: ActivityState[] = [];
    const registration = this.registerer.activity();
    if (registration) activities.push(registration);
    // The state panel shows what is going on: live calls and the last few that ended (a long run
    // must not make every step's snapshot longer).
    const shown = this.calls.recent();
    activities.push(
      ...shown.map(callActivity),
      ...this.subscriptions.activities(),
      ...this.messages.activities(),
    );
    return {
      ...super.state(),
      dialogs: this.shownDialogs().map((d) => d.snapshot()),
      activities,
    };
  }
}
