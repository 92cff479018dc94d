/**
 * What each address in a capture seems to be, guessed from its traffic: a proxy forwards requests
 * with one more Via and responses with one fewer (RFC 3261 §16.6 step 8, §16.7 step 3); a registrar
 * answers REGISTER with 200 OK listing the bindings in Contact (§10.3 step 8); a redirect server
 * answers a request it did not forward with 3xx and Contact (§8.3); a user agent begins requests (one
 * Via, §8.1.1.7) or answers them. Each guess says why.
 */
import { isRequest, isResponse, type SipMessage } from '../codec';
import { parsedOf, safe } from './captured-message';
import type { CapturedMessage } from './types';

export type EndpointKind = 'user-agent' | 'proxy' | 'registrar' | 'redirect-server' | 'unknown';

export interface CaptureEndpoint {
  /** "address:port", IPv6 in brackets. */
  address: string;
  kind: EndpointKind;
  /** The traffic that led to the guess, for people. */
  why: string;
}

interface Evidence {
  proxy?: string;
  registrar?: string;
  redirect?: string;
  userAgent?: string;
  sent: number;
  received: number;
}

export function endpointsOf(messages: readonly CapturedMessage[]): CaptureEndpoint[] {
  const evidence = new Map<string, Evidence>();
  const of = (address: string): Evidence => {
    let e = evidence.get(address);
    if (e === undefined) {
      e = { sent: 0, received: 0 };
      evidence.set(address, e);
    }
    return e;
  };
  /** Requests and responses received, by transaction and Via count: who got them and from whom. */
  const receivedRequests = new Map<string, { at: string; from: string; vias: number }[]>();
  const receivedResponses = new Map<string, { at: string; vias: number }[]>();
  /** Requests each address sent on, so a 3xx for one it forwarded is not taken for a redirect. */
  const forwarded = new Set<string>();
  const redirectCandidates: { address: string; key: string; why: string }[] = [];

  for (const m of messages) {
    const sender = of(m.source);
    of(m.destination).received++;
    sender.sent++;
    const msg = parsedOf(m);
    if (msg === undefined || m.callId === undefined) continue;
    const cseq = safe(() => msg.cseq());
    if (cseq === undefined) continue;
    const vias = viaCount(msg);
    const key = `${m.callId}|${cseq.seq}|${cseq.method}`;
    if (isRequest(msg)) {
      const before = receivedRequests
        .get(key)
        ?.find((r) => r.at === m.source && r.vias + 1 === vias);
      if (before !== undefined) {
        sender.proxy ??= `forwarded ${msg.method} from ${before.from} to ${m.destination} with one more Via (RFC 3261 §16.6)`;
        forwarded.add(`${m.source}|${key}`);
      } else if (vias === 1)
        sender.userAgent ??= `sent ${msg.method} with a single Via: it began the request (RFC 3261 §8.1.1.7)`;
      const list = receivedRequests.get(key) ?? [];
      list.push({ at: m.destination, from: m.source, vias });
      receivedRequests.set(key, list);
    } else if (isResponse(msg)) {
      const rkey = `${key}|${msg.status}`;
      const before = receivedResponses
        .get(rkey)
        ?.find((r) => r.at === m.source && r.vias === vias + 1);
      if (before !== undefined)
        sender.proxy ??= `forwarded ${msg.status} (${cseq.method}) to ${m.destination} with its own Via removed (RFC 3261 §16.7)`;
      else {
        const contacts = safe(() => msg.contacts().length) ?? 0;
        if (cseq.method === 'REGISTER' && msg.status >= 200 && msg.status < 300 && contacts > 0)
          sender.registrar ??= `answered REGISTER with ${msg.status} and ${contacts} binding${contacts === 1 ? '' : 's'} in Contact (RFC 3261 §10.3)`;
        else if (msg.status >= 300 && msg.status < 400 && contacts > 0)
          redirectCandidates.push({
            address: m.source,
            key,
            why: `answered ${cseq.method} with ${msg.status} and ${contacts} Contact${contacts === 1 ? '' : 's'} to try (RFC 3261 §8.3)`,
          });
        else if (msg.status > 100)
          sender.userAgent ??= `answered ${cseq.method} with ${msg.status} itself (RFC 3261 §8.2.6)`;
      }
      const list = receivedResponses.get(rkey) ?? [];
      list.push({ at: m.destination, vias });
      receivedResponses.set(rkey, list);
    }
  }
  for (const c of redirectCandidates)
    if (!forwarded.has(`${c.address}|${c.key}`)) of(c.address).redirect ??= c.why;

  return [...evidence].map(([address, e]) => {
    if (e.proxy !== undefined)
      return {
        address,
        kind: 'proxy',
        why: e.registrar ? `${e.proxy}; also ${e.registrar}` : e.proxy,
      };
    if (e.registrar !== undefined) return { address, kind: 'registrar', why: e.registrar };
    if (e.redirect !== undefined) return { address, kind: 'redirect-server', why: e.redirect };
    if (e.userAgent !== undefined) return { address, kind: 'user-agent', why: e.userAgent };
    return {
      address,
      kind: 'unknown',
      why:
        e.sent === 0
          ? `only received messages (${e.received})`
          : `sent ${e.sent} message${e.sent === 1 ? '' : 's'} that show no role`,
    };
  });
}

/**
 * Via values in the message. When the codec cannot parse a Via (it does not yet take an IPv6
 * "received" parameter without brackets, which §20.42 allows), the values are counted by their commas.
 */
function viaCount(msg: SipMessage): number {
  const parsed = safe(() => msg.vias().length);
  if (parsed !== undefined) return parsed;
  let n = 0;
  for (const h of msg.headersOf('via')) {
    let quoted = false;
    n++;
    for (let i = 0; i < h.value.length; i++) {
      const c = h.value[i];
      if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) n++;
    }
  }
  return n;
}
