/**
 * Messages written by a person in place of an element's own ("be the element", RFC 3261 §8.1.2 and
 * §18.2.2 for where they go): for the nth message of a method or status an element sends, the network
 * sends the given bytes instead. Where the written message goes follows from its own header fields, as
 * the RFC says it would — the top Route or else the Request-URI for a request, the top Via for a
 * response — so a wrong Route sends a BYE the wrong way. When it would go where the element's own
 * message went, the element's choice stands (an outbound proxy, a resolved SRV target).
 */
import {
  SipParseError,
  isSipUri,
  parseMessage,
  uriParam,
  viaParam,
  wireToBytes,
  type SipMessage,
} from '../codec';

/** One replacement: which message of which element, and the bytes sent in its place. */
export interface Replacement {
  /** The element whose message is replaced. */
  element: string;
  /** A request of this method... */
  method?: string;
  /** ...or a response with this status. */
  status?: number;
  /** Which of the element's matching messages, from 1 (retransmissions do not count). */
  nth: number;
  /** The message to send instead, as a wire string (one character per byte). */
  raw: string;
}

/** Where a message goes by its own header fields: a host (name or address) and a port, if any. */
export interface NextHop {
  host: string;
  port: number | null;
}

/** Where a message goes by its header fields (§8.1.2 for requests, §18.2.2 for responses). */
export function nextHopOf(msg: SipMessage): NextHop | undefined {
  try {
    if (msg.kind === 'response') {
      const via = msg.topVia();
      if (via === undefined) return undefined;
      const maddr = viaParam(via, 'maddr');
      const received = viaParam(via, 'received');
      const rport = viaParam(via, 'rport');
      const host = maddr ?? received ?? via.host;
      const port =
        rport !== undefined && rport !== null && /^\d+$/.test(rport) ? Number(rport) : via.port;
      return { host, port: port ?? 5060 };
    }
    const route = msg.routes()[0];
    const uri = route !== undefined ? route.uri : msg.uri();
    if (!isSipUri(uri)) return undefined;
    const maddr = uriParam(uri, 'maddr');
    return { host: maddr ?? uri.host, port: uri.port };
  } catch (e) {
    if (e instanceof SipParseError) return undefined;
    throw e;
  }
}

function sameHop(a: NextHop | undefined, b: NextHop | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.host.toLowerCase() === b.host.toLowerCase() &&
    (a.port ?? 5060) === (b.port ?? 5060)
  );
}

function matchesRule(r: Replacement, msg: SipMessage): boolean {
  return msg.kind === 'request'
    ? r.method !== undefined && r.method === msg.method
    : r.status !== undefined && r.status === msg.status;
}

/** What to send in place of a message: the written bytes and, when they go elsewhere, where. */
export interface Substitute {
  wire: string;
  /** The written message, parsed (undefined when it is not a SIP message). */
  message: SipMessage | undefined;
  /** Where it goes when that differs from the element's own message; undefined: the same place. */
  hop: NextHop | undefined;
  /** True when the written message names nowhere to go (a response without a Via). */
  nowhere: boolean;
  /** The element's own message, for the trace's note. */
  original: string;
  /** How many times it has been sent (its retransmissions are replaced too). */
  sent: number;
}

/** The replacements of a run and what they have met so far. */
export class Replacements {
  private readonly seen: Set<string>[];
  /** The element's own bytes (by element) already replaced, so its retransmissions are replaced too. */
  private readonly replaced = new Map<string, Substitute>();

  constructor(private readonly rules: readonly Replacement[]) {
    this.seen = rules.map(() => new Set<string>());
  }

  get size(): number {
    return this.rules.length;
  }

  /** The substitute for the message an element is about to send, or undefined when it goes as it is. */
  substitute(element: string, msg: SipMessage, wire: string): Substitute | undefined {
    const key = `${element}\u0000${wire}`;
    const again = this.replaced.get(key);
    if (again !== undefined) return again;
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i]!;
      if (rule.element !== element || !matchesRule(rule, msg)) continue;
      const seen = this.seen[i]!;
      if (seen.has(wire)) continue;
      seen.add(wire);
      if (seen.size !== rule.nth) continue;
      let written: SipMessage | undefined;
      try {
        written = parseMessage(wireToBytes(rule.raw));
      } catch (e) {
        if (!(e instanceof SipParseError)) throw e;
      }
      const own = nextHopOf(msg);
      const hop = written === undefined ? undefined : nextHopOf(written);
      const sub: Substitute = {
        wire: rule.raw,
        message: written,
        hop: hop === undefined || sameHop(hop, own) ? undefined : hop,
        nowhere: written !== undefined && hop === undefined,
        original: wire,
        sent: 0,
      };
      this.replaced.set(key, sub);
      return sub;
    }
    return undefined;
  }
}
