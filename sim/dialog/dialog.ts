/**
 * A dialog (RFC 3261 §12): the peer-to-peer relationship an INVITE (or SUBSCRIBE) sets up, identified by
 * Call-ID, local tag and remote tag, with its sequence numbers, route set and remote target. Created from
 * a 1xx with a To tag (early) or a 2xx (confirmed) at the UAC (§12.1.2), or from the request at the UAS
 * (§12.1.1); several dialogs can come from one forked INVITE, one per remote tag. Its state — early,
 * confirmed, terminated — is that of its machine (dialog-machine.ts).
 */
import {
  createRequest,
  formatNameAddr,
  formatUri,
  isSipUri,
  isStar,
  paramValue,
  parseUri,
  withParam,
  withoutParam,
  type NameAddr,
  type SipRequest,
  type SipResponse,
  type Uri,
} from '../codec';
import { MachineRunner, type MachineEnv, type MachineInstance } from '../transaction';
import { dialogMachine, type DialogMachineEvent } from './dialog-machine';

/** How a dialog ends: the events of its machine that lead to Terminated. */
export type DialogEnd = Exclude<DialogMachineEvent['type'], '2xx'>;

/** For a dialog made without a simulation (tests): a clock that stands still (the machine has no timers). */
const STILL: MachineEnv = {
  clock: {
    now: () => 0,
    setTimeout: () => {
      throw new Error('a dialog has no timers');
    },
    clearTimeout: () => {},
  },
};

const STATE_OF: Readonly<Record<string, DialogState>> = {
  Early: 'early',
  Confirmed: 'confirmed',
  Terminated: 'terminated',
};

export type DialogState = 'early' | 'confirmed' | 'terminated';
export type DialogRole = 'uac' | 'uas';

export function dialogKey(callId: string, localTag: string, remoteTag: string): string {
  return `${callId};${localTag};${remoteTag}`;
}

export interface DialogSnapshot {
  id: string;
  role: DialogRole;
  state: DialogState;
  callId: string;
  localTag: string;
  remoteTag: string;
  localSeq: number | null;
  remoteSeq: number | null;
  localUri: string;
  remoteUri: string;
  remoteTarget: string;
  routeSet: string[];
  /** The method that created it (INVITE or SUBSCRIBE). */
  method: string;
}

function contactUri(msg: SipRequest | SipResponse): Uri | undefined {
  const c = msg.contacts()[0];
  return c === undefined || isStar(c) ? undefined : c.uri;
}

function addressOnly(na: NameAddr): NameAddr {
  return { displayName: na.displayName, uri: na.uri, params: withoutParam(na.params, 'tag') };
}

export class Dialog {
  private readonly machine: MachineRunner<DialogMachineEvent>;
  localSeq: number | null;
  remoteSeq: number | null;
  remoteTarget: Uri;
  /** The route set: Route header values (name-addr text) in the order requests carry them. */
  routeSet: string[];

  private constructor(
    readonly role: DialogRole,
    readonly method: string,
    readonly callId: string,
    readonly localTag: string,
    readonly remoteTag: string,
    readonly localAddress: NameAddr,
    readonly remoteAddress: NameAddr,
    confirmed: boolean,
    localSeq: number | null,
    remoteSeq: number | null,
    remoteTarget: Uri,
    routeSet: string[],
    env: MachineEnv,
  ) {
    this.localSeq = localSeq;
    this.remoteSeq = remoteSeq;
    this.remoteTarget = remoteTarget;
    this.routeSet = routeSet;
    this.machine = new MachineRunner<DialogMachineEvent>(
      dialogMachine,
      env.clock,
      { host: { adoptResponse: (r: SipResponse) => this.adoptResponse(r) }, confirmed },
      () => {},
      env.trace ? { trace: env.trace } : {},
    );
  }

  /** Early, confirmed or terminated (§12), as its machine says. */
  get state(): DialogState {
    return STATE_OF[this.machine.getSnapshot().value as string] ?? 'early';
  }

  /** Its machine as the diagrams show it. */
  view(): MachineInstance {
    return this.machine.view(
      this.id,
      dialogMachine.id,
      `${this.method} dialog as ${this.role.toUpperCase()}, Call-ID ${this.callId}`,
    );
  }

  get id(): string {
    return dialogKey(this.callId, this.localTag, this.remoteTag);
  }

  /** Whether fromUac can make a dialog of this response (a To tag, a From tag and a Contact). */
  static canCreateFromUac(request: SipRequest, response: SipResponse): boolean {
    const to = response.to();
    const from = request.from();
    return Boolean(
      to &&
      from &&
      paramValue(to.params, 'tag') &&
      paramValue(from.params, 'tag') &&
      contactUri(response),
    );
  }

  /**
   * UAC side (§12.1.2): from the request it sent and a response with a To tag (1xx → early, 2xx →
   * confirmed). Route set = Record-Route of the response, reversed; remote target = its Contact.
   */
  static fromUac(
    request: SipRequest,
    response: SipResponse,
    env: MachineEnv = STILL,
  ): Dialog | undefined {
    const to = response.to();
    const from = request.from();
    const remoteTag = to ? paramValue(to.params, 'tag') : undefined;
    const localTag = from ? paramValue(from.params, 'tag') : undefined;
    const target = contactUri(response);
    if (!to || !from || !remoteTag || !localTag || !target) return undefined;
    const routeSet = response.recordRoutes().map(formatNameAddr).reverse();
    return new Dialog(
      'uac',
      request.method,
      request.callId()!,
      localTag,
      remoteTag,
      addressOnly(from),
      addressOnly(to),
      response.status >= 200,
      request.cseq()!.seq,
      null,
      target,
      routeSet,
      env,
    );
  }

  /**
   * UAS side (§12.1.1): from the request and the To tag the UAS chose. Route set = Record-Route of the
   * request, in order; remote target = its Contact; the local sequence number starts empty.
   */
  static fromUas(
    request: SipRequest,
    localTag: string,
    confirmed: boolean,
    env: MachineEnv = STILL,
  ): Dialog | undefined {
    const from = request.from();
    const to = request.to();
    const remoteTag = from ? paramValue(from.params, 'tag') : undefined;
    const target = contactUri(request);
    if (!from || !to || !remoteTag || !target) return undefined;
    return new Dialog(
      'uas',
      request.method,
      request.callId()!,
      localTag,
      remoteTag,
      addressOnly(to),
      addressOnly(from),
      confirmed,
      null,
      request.cseq()!.seq,
      target,
      request.recordRoutes().map(formatNameAddr),
      env,
    );
  }

  /**
   * Subscriber side, when a NOTIFY arrives before the 2xx of its SUBSCRIBE (RFC 6665 §4.1.2.4): the
   * NOTIFY creates the dialog, confirmed. The subscriber is the UAC of the SUBSCRIBE, so its local
   * sequence number is the SUBSCRIBE's; the NOTIFY is a request it received, so the route set is the
   * NOTIFY's Record-Route in order (§12.1.1) and the remote target its Contact.
   */
  static fromNotify(
    subscribe: SipRequest,
    notify: SipRequest,
    env: MachineEnv = STILL,
  ): Dialog | undefined {
    const from = subscribe.from();
    const to = notify.from();
    const localTag = from ? paramValue(from.params, 'tag') : undefined;
    const remoteTag = to ? paramValue(to.params, 'tag') : undefined;
    const target = contactUri(notify);
    if (!from || !to || !localTag || !remoteTag || !target) return undefined;
    return new Dialog(
      'uac',
      subscribe.method,
      subscribe.callId()!,
      localTag,
      remoteTag,
      addressOnly(from),
      addressOnly(to),
      true,
      subscribe.cseq()!.seq,
      notify.cseq()!.seq,
      target,
      notify.recordRoutes().map(formatNameAddr),
      env,
    );
  }

  /** A 2xx confirms an early dialog; the UAC recomputes the route set and target from it (§13.2.2.4). */
  confirm(response?: SipResponse): void {
    this.machine.send(response ? { type: '2xx', response } : { type: '2xx' });
  }

  /** Ends it for the reason given (by default a BYE, §15): its machine says whether that ends it now. */
  terminate(reason: DialogEnd = 'BYE'): void {
    this.machine.send({ type: reason });
  }

  private adoptResponse(response: SipResponse): void {
    if (this.role !== 'uac') return;
    this.routeSet = response.recordRoutes().map(formatNameAddr).reverse();
    const target = contactUri(response);
    if (target) this.remoteTarget = target;
  }

  /**
   * A request received inside this dialog (§12.2.2): a CSeq lower than the last one is out of order
   * (500); otherwise it becomes the remote sequence number. A target refresh (re-INVITE) updates the
   * remote target from its Contact.
   */
  receiveRequest(req: SipRequest): { status: 500; reason: string } | null {
    const seq = req.cseq()!.seq;
    if (req.method !== 'ACK' && req.method !== 'CANCEL') {
      if (this.remoteSeq !== null && seq <= this.remoteSeq) {
        return {
          status: 500,
          reason: `CSeq ${seq} is not above ${this.remoteSeq}, the last one in this dialog (RFC 3261 §12.2.2)`,
        };
      }
      this.remoteSeq = seq;
    }
    if (req.method === 'INVITE' || req.method === 'UPDATE' || req.method === 'NOTIFY') {
      const target = contactUri(req);
      if (target) this.remoteTarget = target;
    }
    return null;
  }

  /** The next local CSeq number (§12.2.1.1: one more than the last; the UAS starts anywhere, here at 1). */
  nextSeq(): number {
    this.localSeq = (this.localSeq ?? 0) + 1;
    return this.localSeq;
  }

  /**
   * Builds a request inside the dialog (§12.2.1.1): To = remote URI and tag, From = local URI and tag,
   * Call-ID; with loose routing the Request-URI is the remote target and Route is the route set; with a
   * strict router first (no ;lr) the Request-URI is that router and the remote target goes last in
   * Route. The caller adds the Via (the transaction's) and anything else.
   */
  createRequest(
    method: string,
    opts: {
      cseq?: number;
      maxForwards?: number;
      contact?: string;
      headers?: readonly (readonly [string, string])[];
      body?: string;
      contentType?: string;
    } = {},
  ): SipRequest {
    const seq = opts.cseq ?? this.nextSeq();
    let requestUri = formatUri(this.remoteTarget);
    let routes = this.routeSet;
    const first = routes[0];
    if (first !== undefined) {
      const m = /<([^>]*)>/.exec(first);
      const firstUri = m ? parseUri(m[1]!) : undefined;
      if (firstUri && isSipUri(firstUri) && paramValue(firstUri.params, 'lr') === undefined) {
        // Strict routing (§12.2.1.1): the first route becomes the Request-URI.
        requestUri = formatUri({ ...firstUri, params: [], headers: [] });
        routes = [...routes.slice(1), `<${formatUri(this.remoteTarget)}>`];
      }
    }
    const headers: [string, string][] = [
      ['Max-Forwards', String(opts.maxForwards ?? 70)],
      ...routes.map((r): [string, string] => ['Route', r]),
      [
        'From',
        formatNameAddr({
          ...this.localAddress,
          params: withParam(this.localAddress.params, 'tag', this.localTag),
        }),
      ],
      [
        'To',
        formatNameAddr({
          ...this.remoteAddress,
          params: withParam(this.remoteAddress.params, 'tag', this.remoteTag),
        }),
      ],
      ['Call-ID', this.callId],
      ['CSeq', `${seq} ${method}`],
    ];
    if (opts.contact !== undefined) headers.push(['Contact', opts.contact]);
    for (const h of opts.headers ?? []) headers.push([h[0], h[1]]);
    if (opts.body !== undefined && opts.body !== '' && opts.contentType !== undefined)
      headers.push(['Content-Type', opts.contentType]);
    return createRequest(method, requestUri, headers, opts.body ?? '');
  }

  snapshot(): DialogSnapshot {
    return {
      id: this.id,
      role: this.role,
      state: this.state,
      callId: this.callId,
      localTag: this.localTag,
      remoteTag: this.remoteTag,
      localSeq: this.localSeq,
      remoteSeq: this.remoteSeq,
      localUri: formatUri(this.localAddress.uri),
      remoteUri: formatUri(this.remoteAddress.uri),
      remoteTarget: formatUri(this.remoteTarget),
      routeSet: [...this.routeSet],
      method: this.method,
    };
  }
}

/** The dialog a message belongs to, seen from this side (§12: local tag is ours, remote tag theirs). */
export function dialogIdFor(
  msg: SipRequest | SipResponse,
  side: 'received-request' | 'received-response',
): string | undefined {
  const callId = msg.callId();
  const from = msg.from();
  const to = msg.to();
  const fromTag = from ? paramValue(from.params, 'tag') : undefined;
  const toTag = to ? paramValue(to.params, 'tag') : undefined;
  if (!callId || !fromTag || !toTag) return undefined;
  return side === 'received-request'
    ? dialogKey(callId, toTag, fromTag)
    : dialogKey(callId, fromTag, toTag);
}
