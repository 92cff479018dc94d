/**
 * What both kinds of proxy do to a request before forwarding it (RFC 3261 §16.3–§16.6) and to a
 * response before passing it back (§16.7, §16.11): Route processing, target determination through the
 * location service or DNS, Max-Forwards, Record-Route, the loop-detection hash in the branch.
 */
import {
  formatNameAddr,
  isSipUri,
  paramValue,
  parseMessage,
  parseUri,
  serializeMessage,
  type SipMessage,
  type SipRequest,
} from '../codec';
import type { Destination, Network } from '../network';
import { canonicalAor, type LocationService } from './location-service';

/** A deep copy through the codec (each hop works on its own message, as on the wire). */
export function copyMessage<T extends SipMessage>(msg: T): T {
  return parseMessage(serializeMessage(msg), { wire: true }) as T;
}

/** FNV-1a, 32 bits, as 8 hex digits: a deterministic hash for branches (§16.6 step 8, §16.11). */
export function hash32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The loop-detection part of a branch (§16.6 step 8): a hash of the fields that, if unchanged when the
 * request comes back, mean a loop (Request-URI, From tag, To, Call-ID, CSeq number, Route).
 */
export function loopHash(req: SipRequest): string {
  const from = req.from();
  return hash32(
    [
      req.requestUri,
      from ? (paramValue(from.params, 'tag') ?? '') : '',
      req.headerValue('to') ?? '',
      req.callId() ?? '',
      String(req.cseq()?.seq ?? ''),
      req
        .headersOf('route')
        .map((h) => h.value)
        .join(','),
    ].join('|'),
  );
}

export interface ProxyIdentity {
  address: string;
  port: number;
  host: string | undefined;
  domain: string;
}

/** True when a URI names this proxy (its address or host name) rather than a user. */
export function namesProxy(uriText: string, me: ProxyIdentity): boolean {
  try {
    const u = parseUri(uriText);
    if (!isSipUri(u)) return false;
    const host = u.host.toLowerCase();
    const port = u.port ?? 5060;
    return (
      port === me.port &&
      (host === me.address || (me.host !== undefined && host === me.host.toLowerCase()))
    );
  } catch {
    return false;
  }
}

/** §16.4: a top Route that names this proxy is removed (loose routing). Returns true when one was. */
export function consumeOwnRoute(req: SipRequest, me: ProxyIdentity): boolean {
  const top = req.routes()[0];
  if (!top) return false;
  if (!namesProxy(formatNameAddr({ displayName: null, uri: top.uri, params: [] }).slice(1, -1), me))
    return false;
  req.removeFirstValue('route');
  return true;
}

export interface ForwardTarget {
  /** The Request-URI the forwarded request carries. */
  requestUri: string;
  /** Where to send it when not where Route or the Request-URI say (a REGISTER passed to the registrar). */
  destination?: Destination;
  /** q-value (1 when not from the location service). */
  q: number;
}

/**
 * §16.5: where the request goes. With a Route left, the Request-URI stays and the Route decides the
 * next hop. A Request-URI in this proxy's domain is looked up in the location service; any other
 * is forwarded as it is. Returns the targets, or a status to answer with.
 */
export function determineTargets(
  req: SipRequest,
  me: ProxyIdentity,
  location: LocationService | undefined,
  now: number,
  registrar?: { address: string; port: number },
  order: 'preference' | 'registration' = 'preference',
): ForwardTarget[] | { status: number; reason: string } {
  if (req.routes().length > 0) return [{ requestUri: req.requestUri, q: 1 }];
  const uri = req.uri();
  // A REGISTER for the domain itself goes on to the domain's registrar (a proxy in front of it).
  if (
    req.method === 'REGISTER' &&
    registrar &&
    isSipUri(uri) &&
    uri.user === null &&
    uri.host.toLowerCase() === me.domain.toLowerCase()
  ) {
    return [{ requestUri: req.requestUri, q: 1, destination: registrar }];
  }
  if (isSipUri(uri) && uri.host.toLowerCase() === me.domain.toLowerCase()) {
    if (!location) return { status: 404, reason: 'Not Found (no location service)' };
    const aor = canonicalAor(uri);
    const bindings = location.lookup(aor, now, order);
    if (bindings.length === 0)
      return { status: 404, reason: `Not Found (${aor} has no registered contact)` };
    return bindings.map((b) => ({ requestUri: b.contact, q: b.q }));
  }
  return [{ requestUri: req.requestUri, q: 1 }];
}

/** The next hop of a request about to be forwarded: its top Route, else its Request-URI (§16.6 step 7, RFC 3263). */
export function nextHop(
  network: Network,
  element: string,
  req: SipRequest,
): Destination | undefined {
  const route = req.routes()[0];
  const uri = parseUri(
    route
      ? formatNameAddr({ displayName: null, uri: route.uri, params: [] }).slice(1, -1)
      : req.requestUri,
  );
  if (!isSipUri(uri)) return undefined;
  const maddr = paramValue(uri.params, 'maddr');
  const r = network.resolve(element, maddr ?? uri.host, uri.port);
  return r ? { address: r.address, port: r.port } : undefined;
}

const RECORD_ROUTED = new Set(['INVITE', 'SUBSCRIBE', 'NOTIFY']);

/** §16.6 steps 2–4: Request-URI, Max-Forwards and Record-Route of a copy being forwarded. */
export function prepareForward(
  req: SipRequest,
  target: ForwardTarget,
  me: ProxyIdentity,
  recordRoute: boolean,
): SipRequest {
  const out = copyMessage(req);
  if (target.requestUri !== out.requestUri) out.setRequestUri(target.requestUri);
  const mf = out.maxForwards();
  out.setHeader('max-forwards', String(mf === undefined ? 70 : mf - 1));
  // The requests that can create a dialog: INVITE, SUBSCRIBE, and the NOTIFY that creates the
  // subscriber's side when it arrives before the 2xx of the SUBSCRIBE (RFC 6665 §4.1.2.4).
  if (recordRoute && RECORD_ROUTED.has(out.method)) {
    out.prependHeader('record-route', `<sip:${me.address}:${me.port};lr>`);
  }
  return out;
}
