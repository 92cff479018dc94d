/**
 * An outgoing call's INVITE sent again as a new transaction (RFC 3261 §8.1.3.4, §22.2): a 3xx's
 * contacts join the call's target set and are tried in turn, a failure of a redirected INVITE tries
 * the next one, and a 401/407 is answered once with credentials. Same Call-ID and From tag, CSeq one
 * higher (§8.1.3.5). The outgoing call machine's "Try again?" choice reads call.retry.
 */
import { formatNameAddr, isStar, type SipResponse, type SipUri } from '../../codec';
import type { OutgoingCallContext } from './outgoing-call-actions';
import { ALLOW, type UaCore } from './ua-core';

/** How many redirections a call follows before it gives up. */
export const MAX_REDIRECTS = 5;

/** The header fields of an INVITE besides those of every request (§8.1.1.8, §13.2.1). */
export function inviteHeaders(ua: UaCore): [string, string][] {
  const headers: [string, string][] = [
    ['Contact', ua.contact()],
    ['Allow', ALLOW],
    ['Content-Type', 'application/sdp'],
  ];
  const expires = ua.config.inviteExpires;
  if (expires !== undefined) headers.push(['Expires', String(expires)]);
  return headers;
}

/**
 * Resends the INVITE as a new transaction (after a challenge or a redirection), same Call-ID and From
 * tag (§8.1.3.4, §22.2). Out of dialog still: through the outbound proxy when there is one (its Route
 * is on the request, §8.1.2), else to the redirected contact itself.
 */
function reinvite(
  { ua, call }: OutgoingCallContext,
  requestUri: string,
  extra: [string, string][],
): void {
  call.cseq++;
  const req = ua.newRequest(
    'INVITE',
    requestUri,
    `<${call.target}>`,
    call.callId,
    call.localTag,
    call.cseq,
    [...inviteHeaders(ua), ...extra],
    call.invite.body,
  );
  const tx = ua.sendRequest(req, ua.nextHop(requestUri));
  if (!tx) {
    call.retry = 'no-route';
    call.result = `no route to ${requestUri}`;
    return;
  }
  call.invite = req;
  call.tx = tx;
  call.retry = 'sent';
}

/**
 * The next contact of the target set (§8.1.3.4), after a 3xx, a failure of a redirected INVITE, or a
 * timeout; a 6xx is definitive (§21.6). Sets call.retry when the INVITE went out again.
 */
export function tryNextTarget(context: OutgoingCallContext, res?: SipResponse): boolean {
  const { ua, call } = context;
  if (res && res.status >= 600) return false;
  const next = call.targets.shift();
  if (next === undefined) return false;
  if (call.redirects.length >= MAX_REDIRECTS) {
    call.targets = [];
    return false;
  }
  call.redirects.push(next);
  ua.note(
    res
      ? `${ua.name} gets ${res.status} ${res.reason} from ${call.invite.requestUri} and tries the next contact of the redirection, ${next} (RFC 3261 §8.1.3.4)`
      : `${ua.name} follows the redirection to ${next}`,
  );
  reinvite(context, next, []);
  return true;
}

/**
 * A 3xx (§8.1.3.4): its contacts join the target set — each URI at most once, most preferred q-value
 * first — and the next one is tried.
 */
export function followRedirect(context: OutgoingCallContext, res: SipResponse): boolean {
  const { ua, call } = context;
  if (res.status >= 400 || ua.config.followRedirects === false) return false;
  const contacts = res
    .contacts()
    .filter((c) => !isStar(c))
    .map((c, i) => {
      const contact = c as {
        uri: SipUri;
        params: readonly { name: string; value: string | null }[];
      };
      const q = Number(contact.params.find((p) => p.name.toLowerCase() === 'q')?.value ?? '1');
      const uri = formatNameAddr({ displayName: null, uri: contact.uri, params: [] }).slice(1, -1);
      return { uri, q: Number.isFinite(q) ? q : 0, i };
    })
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const c of contacts)
    if (!call.redirects.includes(c.uri) && !call.targets.includes(c.uri)) call.targets.push(c.uri);
  return tryNextTarget(context);
}

/** A 401/407: the INVITE again, once, with credentials (§22.2). */
export function answerChallenge(context: OutgoingCallContext, res: SipResponse): boolean {
  const { ua, call } = context;
  if (
    !(res.status === 401 || res.status === 407) ||
    call.authAttempts >= 1 ||
    ua.config.password === undefined
  )
    return false;
  call.authAttempts++;
  const credentials = ua.authorize(res, call.tx.requireRequest());
  if (!credentials) return false;
  reinvite(context, call.invite.requestUri, [credentials]);
  return true;
}
