/**
 * Matching a lab's message matchers against a run's trace: the fields the trace records for each
 * datagram (who sent it, to whom, method or status, retransmission, what it caused) and the headers of
 * the message itself, parsed from the raw text the trace keeps. Also the words that describe a matcher
 * to a student ("proxy sends a 200 response to alice with Record-Route").
 */
import { headerKey, parseMessage, SipParseError, wireToText, type SipMessage } from '../codec';
import type { TraceEvent } from '../network';
import type { HeaderCondition, MessageMatcher } from './check-schema';

type DatagramEvent = TraceEvent & { type: 'send' | 'receive' | 'drop' };

function isDatagram(e: TraceEvent): e is DatagramEvent {
  return e.type === 'send' || e.type === 'receive' || e.type === 'drop';
}

/** A trace with the look-ups checks need: by id, by datagram, what each event caused, parsed messages. */
export class TraceIndex {
  private readonly byId = new Map<number, TraceEvent>();
  private readonly datagrams = new Map<number, TraceEvent[]>();
  private readonly caused = new Map<number, TraceEvent[]>();
  private readonly parsed = new Map<number, SipMessage | null>();

  constructor(readonly events: readonly TraceEvent[]) {
    for (const e of events) {
      this.byId.set(e.id, e);
      if (e.datagram !== undefined) {
        const list = this.datagrams.get(e.datagram) ?? [];
        list.push(e);
        this.datagrams.set(e.datagram, list);
      }
      if (e.causedBy !== undefined) {
        const list = this.caused.get(e.causedBy) ?? [];
        list.push(e);
        this.caused.set(e.causedBy, list);
      }
    }
  }

  event(id: number): TraceEvent | undefined {
    return this.byId.get(id);
  }

  /** The send, receive and drop events of one datagram. */
  datagram(n: number): readonly TraceEvent[] {
    return this.datagrams.get(n) ?? [];
  }

  causedBy(id: number): readonly TraceEvent[] {
    return this.caused.get(id) ?? [];
  }

  /** The message a datagram event carried (a drop has no text of its own: its send has). */
  message(e: TraceEvent): SipMessage | undefined {
    const cached = this.parsed.get(e.id);
    if (cached !== undefined) return cached ?? undefined;
    let raw = e.raw;
    if (raw === undefined && e.datagram !== undefined)
      raw = this.datagram(e.datagram).find((x) => x.raw !== undefined)?.raw;
    let msg: SipMessage | null = null;
    if (raw !== undefined) {
      try {
        msg = parseMessage(raw, { wire: true });
      } catch (err) {
        if (!(err instanceof SipParseError)) throw err;
      }
    }
    this.parsed.set(e.id, msg);
    return msg ?? undefined;
  }

  /** A received message that its element sent on (the same method, or the same status). */
  forwarded(e: TraceEvent): boolean {
    return this.causedBy(e.id).some(
      (s) =>
        s.type === 'send' &&
        s.element === e.element &&
        (e.method !== undefined ? s.method === e.method : s.status === e.status),
    );
  }
}

function statusMatches(want: number | string, status: number | undefined): boolean {
  if (status === undefined) return false;
  return typeof want === 'number' ? want === status : `${Math.floor(status / 100)}xx` === want;
}

/** The values of a header (each field's value), by long or compact name. */
function headerValues(msg: SipMessage, name: string): string[] {
  return msg.headersOf(headerKey(name)).map((h) => wireToText(h.value).trim());
}

/** Whether a header condition holds for a message. */
export function headerHolds(cond: HeaderCondition, msg: SipMessage): boolean {
  const values = headerValues(msg, cond.name);
  if (cond.present === false) return values.length === 0;
  if (values.length === 0) return false;
  if (cond.equals !== undefined && !values.some((v) => v === cond.equals!.trim())) return false;
  if (cond.contains !== undefined) {
    const needle = cond.contains.toLowerCase();
    if (!values.some((v) => v.toLowerCase().includes(needle))) return false;
  }
  if (cond.below !== undefined || cond.above !== undefined) {
    const n = Number(values[0]);
    if (!Number.isFinite(n)) return false;
    if (cond.below !== undefined && !(n < cond.below)) return false;
    if (cond.above !== undefined && !(n > cond.above)) return false;
  }
  return true;
}

export interface MatchOptions {
  /** The event type when the matcher names none ("send" for message checks; any for a selection). */
  defaultType?: 'send' | 'receive' | 'drop';
  /** Leave the header conditions out (to explain a near miss). */
  ignoreHeaders?: boolean;
}

/** Whether a trace event is a datagram the matcher describes. */
export function eventMatches(
  m: MessageMatcher,
  e: TraceEvent,
  index: TraceIndex,
  options: MatchOptions = {},
): boolean {
  if (!isDatagram(e)) return false;
  const type = m.type ?? options.defaultType;
  if (type !== undefined && e.type !== type) return false;
  if (m.from !== undefined && e.from !== m.from) return false;
  if (m.to !== undefined && e.to !== m.to) return false;
  if (m.method !== undefined && e.method?.toUpperCase() !== m.method.toUpperCase()) return false;
  if (m.status !== undefined && !statusMatches(m.status, e.status)) return false;
  if (m.retransmission !== undefined && (e.retransmission === true) !== m.retransmission)
    return false;
  if (m.forwarded !== undefined && (e.type !== 'receive' || index.forwarded(e) !== m.forwarded))
    return false;
  if (!options.ignoreHeaders && m.headers !== undefined && m.headers.length > 0) {
    const msg = index.message(e);
    if (!msg) return false;
    if (!m.headers.every((h) => headerHolds(h, msg))) return false;
  }
  return true;
}

/** The events of a trace a matcher describes, in order. */
export function matchingEvents(
  m: MessageMatcher,
  index: TraceIndex,
  options: MatchOptions = {},
): TraceEvent[] {
  return index.events.filter((e) => eventMatches(m, e, index, options));
}

function article(word: string): string {
  return /^[AEIOU]/i.test(word) ? 'an' : 'a';
}

/** "a 200 response", "an INVITE", "a retransmitted INVITE", "a message". */
function what(m: MessageMatcher): string {
  const retrans = m.retransmission === true;
  if (m.method !== undefined) {
    const method = m.method.toUpperCase();
    return retrans ? `a retransmitted ${method}` : `${article(method)} ${method}`;
  }
  if (m.status !== undefined) return `a ${retrans ? 'retransmitted ' : ''}${m.status} response`;
  return retrans ? 'a retransmitted message' : 'a message';
}

/** "with Record-Route", "with Max-Forwards below 5", "without Authorization". */
export function describeHeader(h: HeaderCondition): string {
  if (h.present === false) return `without ${h.name}`;
  const parts: string[] = [];
  if (h.equals !== undefined) parts.push(`equal to "${h.equals}"`);
  if (h.contains !== undefined) parts.push(`containing "${h.contains}"`);
  if (h.below !== undefined) parts.push(`below ${h.below}`);
  if (h.above !== undefined) parts.push(`above ${h.above}`);
  return parts.length === 0 ? `with ${h.name}` : `with ${h.name} ${parts.join(' and ')}`;
}

/** The matcher in words: "proxy sends a 200 response to alice with Record-Route". */
export function describeMatcher(
  m: MessageMatcher,
  defaultType?: 'send' | 'receive' | 'drop',
): string {
  const type = m.type ?? defaultType;
  let text: string;
  if (type === 'receive')
    text = `${m.to ?? 'an element'} receives ${what(m)}${m.from ? ` from ${m.from}` : ''}`;
  else if (type === 'drop')
    text = `${what(m)}${m.from ? ` from ${m.from}` : ''}${m.to ? ` to ${m.to}` : ''} is lost`;
  else if (type === 'send')
    text = `${m.from ?? 'an element'} sends ${what(m)}${m.to ? ` to ${m.to}` : ''}`;
  else text = `${what(m)}${m.from ? ` from ${m.from}` : ''}${m.to ? ` to ${m.to}` : ''}`;
  if (m.retransmission === false) text += ' (a first transmission)';
  if (m.forwarded === true) text += `, which ${m.to ?? 'it'} passes on`;
  if (m.forwarded === false) text += `, which ${m.to ?? 'it'} absorbs (does not pass on)`;
  const headers = (m.headers ?? []).map(describeHeader);
  if (headers.length > 0) text += ` ${headers.join(', ')}`;
  return text;
}

/** One datagram event in words, for messages to the student: "#41 proxy → alice 180 Ringing at 0.520 s". */
export function describeEvent(e: TraceEvent): string {
  const label =
    e.method ??
    (e.status !== undefined ? `${e.status} ${wireToText(e.reason ?? '')}`.trim() : e.type);
  const path = e.from !== undefined ? `${e.from} → ${e.to ?? e.destination ?? '?'} ` : '';
  const how = e.type === 'drop' ? ' (lost)' : e.retransmission ? ' (retransmission)' : '';
  return `#${e.id} ${path}${label}${how} at ${(e.time / 1000).toFixed(3)} s`;
}
