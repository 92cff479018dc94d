/**
 * One message as the engine sees it: the wire facts (who sent it to whom, when, whether it arrived)
 * and the fields every rule reads (RFC 3261 §8.1.1, §17.1.3, §17.2.3), parsed once. A message the
 * codec cannot read yields the codec's error instead.
 */
import {
  SipParseError,
  bytesToWire,
  paramValue,
  parseMessage,
  viaBranch,
  type AuthParams,
  type CSeq,
  type ContactValue,
  type NameAddr,
  type SipMessage,
  type SipRequest,
  type SipResponse,
  type Uri,
  type Via,
} from '../../codec';
import type { WireMessage } from '../types';
import type { Ack } from './acks';
import type { HopTransaction } from './transactions';

export type Transport = 'UDP' | 'TCP' | 'TLS' | 'SCTP' | 'WS';

export interface Msg {
  /** Position in the model's messages (ordered by send time, then input order). */
  index: number;
  /** Position in the caller's input (findings are sorted by it). */
  order: number;
  id: number;
  time: number;
  arrival: number;
  delivered: boolean;
  source: string;
  destination: string;
  transport: Transport;
  /** The message as a wire string. */
  raw: string;
  sip: SipMessage;
  request: SipRequest | undefined;
  response: SipResponse | undefined;
  /** The request's method, or a response's CSeq method. */
  method: string;
  /** 0 for a request. */
  status: number;
  callId: string | undefined;
  cseq: CSeq | undefined;
  from: NameAddr | undefined;
  to: NameAddr | undefined;
  fromTag: string | undefined;
  toTag: string | undefined;
  vias: Via[];
  /** The top Via's branch. */
  branch: string | undefined;
  /** The top Via's sent-by, lower case, "host:port" (the port as written, or none). */
  sentBy: string | undefined;
  requestUri: Uri | undefined;
  contacts: ContactValue[];
  routes: NameAddr[];
  recordRoutes: NameAddr[];
  maxForwards: number | undefined;
  expires: number | undefined;
  authorization: AuthParams[];
  proxyAuthorization: AuthParams[];
  wwwAuthenticate: AuthParams[];
  proxyAuthenticate: AuthParams[];
  /** Bytes after the header block, and the body Content-Length framed. */
  bytesAfterHeaders: number;

  // ---- links set while the model is built ----
  /** The earlier message this one repeats (same sender, same transaction and content), if any. */
  copyOf: Msg | undefined;
  /** The received message this one forwards (a proxy hop), if any. */
  forwardOf: Msg | undefined;
  /** Messages that forward this one. */
  forwards: Msg[];
  /** The hop transaction of a request (not ACK) or a response. */
  tx: HopTransaction | undefined;
  /** What an ACK acknowledges. */
  ack: Ack | undefined;
}

/** The first of each group of identical sends (itself when it is not a copy). */
export function original(m: Msg): Msg {
  return m.copyOf ?? m;
}

export function tagOf(na: NameAddr | undefined): string | undefined {
  if (na === undefined) return undefined;
  const t = paramValue(na.params, 'tag');
  return typeof t === 'string' ? t : undefined;
}

export function sentByOf(via: Via | undefined): string | undefined {
  if (via === undefined) return undefined;
  return (via.port === null ? via.host : `${via.host}:${via.port}`).toLowerCase();
}

const TRANSPORTS = new Set(['UDP', 'TCP', 'TLS', 'SCTP', 'WS']);

function headerEnd(raw: string): number {
  let p = 0;
  while (p < raw.length && (raw[p] === '\r' || raw[p] === '\n')) p++;
  const i = raw.indexOf('\r\n\r\n', p);
  return i < 0 ? raw.length : i + 4;
}

/** A parsed message, or why it could not be used: the codec's error, or a send time that is no number. */
export type Parsed = { ok: true; msg: Msg } | { ok: false; error: string; badTime?: boolean };

/** Parses one wire message; every typed header field a rule may read is parsed here, once. */
export function readMessage(w: WireMessage, order: number): Parsed {
  let raw: string;
  try {
    raw = typeof w.raw === 'string' ? w.raw : bytesToWire(w.raw);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  try {
    const sip = parseMessage(raw, { wire: true });
    const request = sip.kind === 'request' ? sip : undefined;
    const response = sip.kind === 'response' ? sip : undefined;
    const vias = sip.vias();
    const from = sip.from();
    const to = sip.to();
    const cseq = sip.cseq();
    const time = Number(w.time);
    const arrival = typeof w.arrival === 'number' && Number.isFinite(w.arrival) ? w.arrival : time;
    const msg: Msg = {
      index: 0,
      order,
      id: w.id,
      time,
      arrival,
      delivered: w.delivered !== false,
      source: String(w.source),
      destination: String(w.destination),
      transport: TRANSPORTS.has(w.transport ?? 'UDP') ? (w.transport ?? 'UDP') : 'UDP',
      raw,
      sip,
      request,
      response,
      method: request ? request.method : (cseq?.method ?? ''),
      status: response ? response.status : 0,
      callId: sip.callId(),
      cseq,
      from,
      to,
      fromTag: tagOf(from),
      toTag: tagOf(to),
      vias,
      branch: vias[0] === undefined ? undefined : viaBranch(vias[0]),
      sentBy: sentByOf(vias[0]),
      requestUri: request ? request.uri() : undefined,
      contacts: sip.contacts(),
      routes: sip.routes(),
      recordRoutes: sip.recordRoutes(),
      maxForwards: sip.maxForwards(),
      expires: sip.expires(),
      authorization: sip.auth('authorization'),
      proxyAuthorization: sip.auth('proxy-authorization'),
      wwwAuthenticate: sip.auth('www-authenticate'),
      proxyAuthenticate: sip.auth('proxy-authenticate'),
      bytesAfterHeaders: raw.length - headerEnd(raw),
      copyOf: undefined,
      forwardOf: undefined,
      forwards: [],
      tx: undefined,
      ack: undefined,
    };
    // Parsed now so that a malformed value is reported once, here, and never throws in a rule.
    sip.minExpires();
    sip.contentType();
    sip.event();
    sip.subscriptionState();
    if (!Number.isFinite(time))
      return {
        ok: false,
        error: `its send time (${String(w.time)}) is not a number`,
        badTime: true,
      };
    return { ok: true, msg };
  } catch (e) {
    if (e instanceof SipParseError) return { ok: false, error: e.message };
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
