/**
 * Which transaction a message belongs to: responses to client transactions (RFC 3261 §17.1.3),
 * requests to server transactions (§17.2.3, with the RFC 2543 fallback), and the transaction a
 * CANCEL targets (§9.2). Parameter values compare case-insensitively (§7.3.1); Call-ID and methods
 * case-sensitively (§20.8, §7.1).
 */
import {
  MAGIC_COOKIE,
  findParam,
  paramValue,
  parseUri,
  uriEquals,
  viaBranch,
  type Param,
  type SipMessage,
  type SipRequest,
  type SipResponse,
  type Via,
} from '../codec';
import { defaultViaPort } from './response-destination';

/** The branch of a message's top Via, if it has one (never throws on a malformed Via). */
export function topBranch(message: SipMessage): string | undefined {
  try {
    const via = message.topVia();
    return via ? viaBranch(via) : undefined;
  } catch {
    return undefined;
  }
}

/** True for a branch made by an RFC 3261 element: it begins with the magic cookie (§8.1.1.7). */
export function isRfc3261Branch(branch: string | undefined): branch is string {
  return (
    branch !== undefined && branch.startsWith(MAGIC_COOKIE) && branch.length > MAGIC_COOKIE.length
  );
}

/** §17.1.3: the branch of the top Via and the method (a CANCEL shares its INVITE's branch). */
export function clientKey(branch: string, method: string): string {
  return `${branch.toLowerCase()} ${method}`;
}

/** The client key a response names (top Via branch, CSeq method), or undefined if it names none. */
export function clientKeyOfResponse(response: SipResponse): string | undefined {
  const branch = topBranch(response);
  let method: string | undefined;
  try {
    method = response.cseq()?.method;
  } catch {
    return undefined;
  }
  return branch === undefined || method === undefined ? undefined : clientKey(branch, method);
}

/** sent-by of a Via, host lower-cased and the port made explicit. */
export function sentBy(via: Via): string {
  return `${via.host.toLowerCase()}:${via.port ?? defaultViaPort(via)}`;
}

/**
 * §17.2.3 for an RFC 3261 branch, without the method: branch and sent-by. Undefined for requests
 * without a magic-cookie branch (they use the RFC 2543 rules).
 */
export function serverBranchKey(request: SipRequest): string | undefined {
  const branch = topBranch(request);
  if (!isRfc3261Branch(branch)) return undefined;
  const via = request.topVia();
  return via ? `${branch.toLowerCase()} ${sentBy(via)}` : undefined;
}

/**
 * §17.2.3 for an RFC 3261 branch: branch, sent-by, and method, where an ACK belongs to the INVITE
 * transaction. (A CANCEL's target has the CANCEL's branch key and any method but CANCEL and ACK, §9.2.)
 */
export function serverKey(request: SipRequest): string | undefined {
  const key = serverBranchKey(request);
  if (key === undefined) return undefined;
  return `${key} ${request.method === 'ACK' ? 'INVITE' : request.method}`;
}

// ---- RFC 2543 fallback -------------------------------------------------------------------------------

/**
 * How a request without a magic-cookie branch is compared with the request that created a transaction:
 * - 'same': a retransmission (Request-URI, To tag, From tag, Call-ID, CSeq with method, top Via);
 * - 'ack': an ACK for the INVITE (CSeq number only; the To tag must be that of the response sent);
 * - 'cancel': the transaction a CANCEL targets (§9.2: as if its method were the original's).
 */
export type Rfc2543Mode = 'same' | 'ack' | 'cancel';

export function matchesRfc2543(
  original: SipRequest,
  request: SipRequest,
  mode: Rfc2543Mode,
  /** For 'ack': the To tag of the response the server transaction sent. */
  responseToTag?: string,
): boolean {
  try {
    const [oc, rc] = [original.cseq(), request.cseq()];
    if (!oc || !rc || oc.seq !== rc.seq) return false;
    if (mode === 'same' && oc.method !== rc.method) return false;
    if (mode === 'ack' && (original.method !== 'INVITE' || request.method !== 'ACK')) return false;
    if (mode === 'cancel' && (original.method === 'CANCEL' || original.method === 'ACK'))
      return false;
    if (original.callId() !== request.callId()) return false;
    if (!sameTag(tagOf(original.from()), tagOf(request.from()))) return false;
    const toTag = mode === 'ack' ? responseToTag : tagOf(original.to());
    if (!sameTag(toTag, tagOf(request.to()))) return false;
    if (!sameRequestUri(original.requestUri, request.requestUri)) return false;
    const [ov, rv] = [original.topVia(), request.topVia()];
    return ov !== undefined && rv !== undefined && sameVia(ov, rv);
  } catch {
    // A malformed header cannot match anything.
    return false;
  }
}

function tagOf(addr: { params: readonly Param[] } | undefined): string | undefined {
  if (!addr) return undefined;
  return paramValue(addr.params, 'tag') ?? undefined;
}

function sameTag(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
}

function sameRequestUri(a: string, b: string): boolean {
  try {
    return uriEquals(parseUri(a), parseUri(b));
  } catch {
    return a === b;
  }
}

/**
 * Via equality of §20.42: the same sent-protocol and sent-by, the same set of parameters with equal
 * values (case-insensitive).
 */
export function sameVia(a: Via, b: Via): boolean {
  if (
    a.protocol.toUpperCase() !== b.protocol.toUpperCase() ||
    a.version !== b.version ||
    a.transport.toUpperCase() !== b.transport.toUpperCase() ||
    sentBy(a) !== sentBy(b) ||
    a.params.length !== b.params.length
  )
    return false;
  return a.params.every((p) => {
    const q = findParam(b.params, p.name.toLowerCase());
    return q !== undefined && (q.value ?? '').toLowerCase() === (p.value ?? '').toLowerCase();
  });
}
