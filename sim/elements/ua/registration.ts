/**
 * Registration by a user agent (RFC 3261 §10.2): REGISTER with the same Call-ID and a growing CSeq,
 * digest credentials after a 401/407 (§22), a longer expiry after 423, the granted time read from the
 * 200 (§10.2.4), a refresh before the binding expires, and removal (Expires: 0, Contact: *).
 */
import { formatNameAddr, isSipUri, isStar, paramValue, type SipResponse } from '../../codec';
import type { ClientTransaction } from '../../transaction';
import type { ActivityState } from '../element-types';
import type { UaCore } from './ua-core';

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
  /** A REGISTER is out with no final response yet: the next waits for it (§10.2). */
  inFlight: boolean;
  /** What the user asked for while one was in flight, sent when it is answered. */
  next: { expires: number; all: boolean } | undefined;
  result: string;
}

/** The UA's registration with its registrar (one AOR, one binding of this UA's contact). */
export class Registerer {
  private registration: Registration | undefined;

  constructor(private readonly ua: UaCore) {}

  private registrarUri(): string {
    return this.ua.config.registrar ?? `sip:${this.ua.aor.host}`;
  }

  /** The To of a REGISTER is the AOR whose bindings it changes (§10.2). */
  private aorHeader(): string {
    return formatNameAddr({
      displayName: this.ua.config.displayName ?? null,
      uri: this.ua.aor,
      params: [],
    });
  }

  /** Registers for `expires` seconds, or removes this binding (or all of them) with 0. */
  register(expires: number, all = false): string {
    const reg = (this.registration ??= {
      state: 'unregistered',
      callId: this.ua.newCallId(),
      cseq: (this.ua.config.firstCSeq ?? 1) - 1,
      expires,
      registeredUntil: 0,
      refreshTimer: undefined,
      authAttempts: 0,
      fromTag: '',
      all: false,
      inFlight: false,
      next: undefined,
      result: '',
    });
    // §10.2: "UAs MUST NOT send a new registration (that is, containing new Contact header field
    // values, as opposed to a retransmission) until they have received a final response from the
    // registrar for the previous one or the previous REGISTER request has timed out."
    if (reg.inFlight) {
      reg.next = { expires, all };
      return `${this.ua.name} will ${expires === 0 ? 'unregister' : 'register again'} once its REGISTER in progress is answered (RFC 3261 §10.2)`;
    }
    if (reg.refreshTimer !== undefined) this.ua.clock.clearTimeout(reg.refreshTimer);
    reg.refreshTimer = undefined;
    reg.expires = expires;
    reg.all = all;
    reg.authAttempts = 0;
    reg.state = 'registering';
    this.sendRegister(reg, []);
    return expires === 0
      ? `${this.ua.name} removes ${all ? 'all its bindings' : 'its binding'}`
      : `${this.ua.name} registers for ${expires} s`;
  }

  /**
   * A REGISTER (§10.2): same Call-ID for every registration, CSeq one higher each time. A new request
   * gets a new From tag (§8.1.1.3); a retry after 401/407/423 keeps Call-ID, To and From (§8.1.3.5).
   */
  private sendRegister(reg: Registration, extra: [string, string][], retry = false): void {
    reg.cseq++;
    if (!retry) reg.fromTag = this.ua.newTag();
    const ruri = this.registrarUri();
    const contact = reg.all && reg.expires === 0 ? '*' : this.ua.contact();
    const req = this.ua.newRequest(
      'REGISTER',
      ruri,
      this.aorHeader(),
      reg.callId,
      reg.fromTag,
      reg.cseq,
      [['Contact', contact], ['Expires', String(reg.expires)], ...extra],
    );
    reg.inFlight = this.ua.sendRequest(req, this.ua.nextHop(ruri)) !== undefined;
  }

  /** The REGISTER in progress is over (final response or timeout): a waiting registration goes now. */
  private settled(reg: Registration): void {
    reg.inFlight = false;
    const next = reg.next;
    if (next === undefined) return;
    reg.next = undefined;
    this.register(next.expires, next.all);
  }

  onResponse(tx: ClientTransaction, res: SipResponse): void {
    const reg = this.registration;
    if (!reg || res.status < 200) return;
    this.handleFinal(reg, tx, res);
    if (!reg.inFlight) this.settled(reg);
  }

  private handleFinal(reg: Registration, tx: ClientTransaction, res: SipResponse): void {
    reg.inFlight = false;
    if (
      (res.status === 401 || res.status === 407) &&
      reg.authAttempts < 1 &&
      this.ua.config.password !== undefined
    ) {
      reg.authAttempts++;
      const credentials = this.ua.authorize(res, tx.request);
      if (credentials) {
        this.sendRegister(reg, [credentials], true);
        return;
      }
    }
    if (res.status === 423) {
      const min = res.minExpires();
      if (min !== undefined && min > reg.expires) {
        reg.expires = min;
        this.sendRegister(reg, [], true);
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
    const granted = this.grantedExpires(reg, res);
    const now = this.ua.clock.now();
    reg.state = 'registered';
    reg.registeredUntil = now + granted * 1000;
    reg.result = `registered for ${granted} s`;
    if (this.ua.config.refresh !== false && granted > 0) this.armRefresh(reg, granted);
  }

  /** The registrar may grant a shorter time: read it from our Contact in the 200 (§10.2.4). */
  private grantedExpires(reg: Registration, res: SipResponse): number {
    let granted = reg.expires;
    for (const c of res.contacts()) {
      if (
        !isStar(c) &&
        isSipUri(c.uri) &&
        c.uri.host === this.ua.address &&
        (c.uri.port ?? 5060) === this.ua.port
      ) {
        const e = paramValue(c.params, 'expires');
        if (e) granted = Number(e);
      }
    }
    if (res.expires() !== undefined && granted === reg.expires)
      granted = Math.min(granted, res.expires()!);
    return granted;
  }

  /** Refresh before the binding expires: halfway for short registrations, else a minute early. */
  private armRefresh(reg: Registration, granted: number): void {
    const at = Math.max(granted / 2, granted - 60) * 1000;
    reg.refreshTimer = this.ua.clock.setTimeout(() => {
      reg.refreshTimer = undefined;
      this.ua.record({
        type: 'timer-fire',
        element: this.ua.name,
        timer: 'registration refresh',
        detail: `${this.ua.name} refreshes its registration before it expires`,
      });
      if (reg.inFlight) return;
      reg.authAttempts = 0;
      reg.state = 'registering';
      this.sendRegister(reg, []);
    }, at);
    this.ua.record({
      type: 'timer-start',
      element: this.ua.name,
      timer: 'registration refresh',
      durationMs: at,
      detail: `${this.ua.name} will refresh its registration in ${at / 1000} s`,
    });
  }

  /** Timer F fired on a REGISTER: the registrar never answered. */
  onTimeout(): void {
    const reg = this.registration;
    if (!reg) return;
    reg.state = 'failed';
    reg.result = 'no answer from the registrar (Timer F)';
    this.settled(reg);
  }

  activity(): ActivityState | undefined {
    const reg = this.registration;
    if (!reg) return undefined;
    return reg.state === 'registered'
      ? {
          kind: 'registration',
          state: reg.state,
          summary: 'registered',
          until: reg.registeredUntil,
        }
      : { kind: 'registration', state: reg.state, summary: reg.result || reg.state };
  }
}
