/**
 * What the registration machine does (RFC 3261 §10.2), as named actions and guards over the
 * registration it runs: REGISTER with the same Call-ID and a growing CSeq (§10.2), credentials after a
 * 401/407 (§22.2), a longer expiry after 423 (§10.2.8), the granted time read from the 200 (§10.2.4)
 * and the refresh before it runs out. registration-machine.ts says when.
 */
import { formatNameAddr, isSipUri, isStar, paramValue, type SipResponse } from '../../codec';
import type { ClientTransaction, MachineTimers } from '../../transaction';
import type { Registration } from './registration';
import type { UaCore } from './ua-core';

export type RegistrationEvent =
  /** The user registers for `expires` seconds, or removes the binding (or all of them) with 0. */
  | { type: 'register'; expires: number; all: boolean }
  /** A final response to the REGISTER in progress. */
  | { type: 'response'; response: SipResponse; tx: ClientTransaction }
  /** Timer F (or a transport error): the registrar never answered (§17.1.2.2). */
  | { type: 'timeout' }
  /** Time to refresh the binding. */
  | { type: 'timer.refresh' }
  /** The granted time ran out, when the UA does not refresh. */
  | { type: 'timer.expires' };

export interface RegistrationContext {
  ua: UaCore;
  reg: Registration;
  timers: MachineTimers;
}

type Args = { context: RegistrationContext; event: RegistrationEvent };

// ---- helpers -------------------------------------------------------------------------------------------

function registrarUri(ua: UaCore): string {
  return ua.config.registrar ?? `sip:${ua.aor.host}`;
}

/** The To of a REGISTER is the AOR whose bindings it changes (§10.2). */
function aorHeader(ua: UaCore): string {
  return formatNameAddr({ displayName: ua.config.displayName ?? null, uri: ua.aor, params: [] });
}

/**
 * A REGISTER (§10.2): same Call-ID for every registration, CSeq one higher each time. A new request
 * gets a new From tag (§8.1.1.3); a retry after 401/407/423 keeps Call-ID, To and From (§8.1.3.5).
 */
function sendRegister(
  { ua, reg }: RegistrationContext,
  extra: [string, string][],
  retry = false,
): void {
  reg.cseq++;
  if (!retry) reg.fromTag = ua.newTag();
  const ruri = registrarUri(ua);
  const contact = reg.all && reg.expires === 0 ? '*' : ua.contact();
  const req = ua.newRequest('REGISTER', ruri, aorHeader(ua), reg.callId, reg.fromTag, reg.cseq, [
    ['Contact', contact],
    ['Expires', String(reg.expires)],
    ...extra,
  ]);
  reg.inFlight = ua.sendRequest(req, ua.nextHop(ruri)) !== undefined;
}

/** The registrar may grant a shorter time: read it from our Contact in the 200 (§10.2.4). */
function grantedExpires({ ua, reg }: RegistrationContext, res: SipResponse): number {
  let granted = reg.expires;
  for (const c of res.contacts()) {
    if (
      !isStar(c) &&
      isSipUri(c.uri) &&
      c.uri.host === ua.address &&
      (c.uri.port ?? 5060) === ua.port
    ) {
      const e = paramValue(c.params, 'expires');
      if (e) granted = Number(e);
    }
  }
  const expires = res.expires();
  if (expires !== undefined && granted === reg.expires) granted = Math.min(granted, expires);
  return granted;
}

// ---- actions -------------------------------------------------------------------------------------------

/** §10.2: no new REGISTER before the previous one is answered; the user's wish waits for that. */
export function holdNext({ context, event }: Args): void {
  if (event.type === 'register') context.reg.next = { expires: event.expires, all: event.all };
}

/** A new registration (or removal): the refresh timer stops and the REGISTER goes out. */
export function startRegistration({ context, event }: Args): void {
  if (event.type !== 'register') return;
  const { reg, timers } = context;
  timers.stop('refresh');
  timers.stop('expires');
  reg.expires = event.expires;
  reg.all = event.all;
  reg.authAttempts = 0;
  sendRegister(context, []);
}

/**
 * A final response: a challenge is answered once with credentials (§22.2), a 423 with a longer expiry
 * (§10.2.8) — both as a retry of the same REGISTER — and reg.outcome says where the machine goes.
 */
export function judgeResponse({ context, event }: Args): void {
  if (event.type !== 'response') return;
  const { ua, reg } = context;
  const res = event.response;
  reg.inFlight = false;
  if (
    (res.status === 401 || res.status === 407) &&
    reg.authAttempts < 1 &&
    ua.config.password !== undefined
  ) {
    reg.authAttempts++;
    const credentials = ua.authorize(res, event.tx.requireRequest());
    if (credentials) {
      sendRegister(context, [credentials], true);
      reg.outcome = 'challenged';
      return;
    }
  }
  if (res.status === 423) {
    const min = res.minExpires();
    if (min !== undefined && min > reg.expires) {
      reg.expires = min;
      sendRegister(context, [], true);
      reg.outcome = 'longer';
      return;
    }
  }
  if (res.status >= 300) {
    reg.outcome = 'refused';
    reg.result = `${res.status} ${res.reason}`;
    return;
  }
  if (reg.expires === 0) {
    reg.outcome = 'removed';
    return;
  }
  reg.outcome = 'bound';
  reg.granted = grantedExpires(context, res);
}

/** The binding is removed (2xx to Expires: 0). */
export function unbind({ context }: Args): void {
  context.reg.result = 'unregistered';
}

/** Bound for the granted time; the refresh is due halfway for short ones, else a minute early. */
export function bind({ context }: Args): void {
  const { ua, reg, timers } = context;
  const granted = reg.granted;
  reg.registeredUntil = ua.clock.now() + granted * 1000;
  reg.result = `registered for ${granted} s`;
  if (granted <= 0) return;
  if (ua.config.refresh === false) {
    // No refresh: the binding lasts the granted time and no longer (§10.2.1).
    timers.start('expires', granted * 1000, 'registration expiry');
    return;
  }
  const at = Math.max(granted / 2, granted - 60) * 1000;
  timers.start('refresh', at, 'registration refresh');
  ua.record({
    type: 'timer-start',
    element: ua.name,
    timer: 'registration refresh',
    durationMs: at,
    detail: `${ua.name} will refresh its registration in ${at / 1000} s`,
  });
}

/** The refresh timer fired (noted in the trace). */
export function noteRefresh({ context }: Args): void {
  const { ua } = context;
  ua.record({
    type: 'timer-fire',
    element: ua.name,
    timer: 'registration refresh',
    detail: `${ua.name} refreshes its registration before it expires`,
  });
}

/** The granted time ran out with no refresh: the registrar has dropped the binding (§10.2.1). */
export function expire({ context }: Args): void {
  const { ua, reg } = context;
  reg.result = 'expired';
  ua.record({
    type: 'timer-fire',
    element: ua.name,
    timer: 'registration expiry',
    detail: `${ua.name}'s registration has expired: it did not refresh it, so the registrar no longer routes requests for ${ua.config.aor} to it (RFC 3261 §10.2.1)`,
  });
}

/** The refresh: a new REGISTER for the same time (§10.2.1.1). */
export function refresh({ context }: Args): void {
  context.reg.authAttempts = 0;
  sendRegister(context, []);
}

/** Timer F on the REGISTER. */
export function timedOut({ context }: Args): void {
  context.reg.inFlight = false;
  context.reg.result = 'no answer from the registrar (Timer F)';
}

// ---- guards --------------------------------------------------------------------------------------------

export const registrationGuards = {
  /** A REGISTER is out with no final response yet. */
  inFlight: ({ context }: Args) => context.reg.inFlight,
  challengeAnswered: ({ context }: Args) => context.reg.outcome === 'challenged',
  retriedLonger: ({ context }: Args) => context.reg.outcome === 'longer',
  refused: ({ context }: Args) => context.reg.outcome === 'refused',
  removed: ({ context }: Args) => context.reg.outcome === 'removed',
};
