/**
 * What a proxy in a capture changed in a message it forwarded (RFC 3261 §16.6, §16.7): the capture
 * has no causes, so the received message is found by its Vias. A proxy forwarding a request adds its
 * own Via on top, so the received request's top Via is the sent copy's second (§16.6 step 8); a proxy
 * forwarding a response removes its own top Via, so the received response has one Via more and its
 * second Via is the sent response's top (§16.7 step 3).
 */
import {
  SipParseError,
  messageDiff,
  parseMessage,
  viaBranch,
  type MessageDiff,
  type SipMessage,
  type Via,
} from '../codec';
import type { CapturedMessage } from './types';

export interface ForwardedDiff extends MessageDiff {
  /** Index (in the capture's messages) of the message the proxy received and forwarded as this one. */
  received: number;
}

function parse(raw: string): SipMessage | undefined {
  try {
    return parseMessage(raw, { wire: true });
  } catch (e) {
    if (e instanceof SipParseError) return undefined;
    throw e;
  }
}

function read<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/**
 * Two Vias name the same hop when their branch and sent-by match (a proxy may add "received" or
 * "rport" to the Via of a request it received, §18.2.1); without a branch, every field must match.
 */
function sameVia(a: Via | undefined, b: Via | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const sentBy = (v: Via) => `${v.host}:${v.port ?? ''}`.toLowerCase();
  if (sentBy(a) !== sentBy(b) || a.transport.toUpperCase() !== b.transport.toUpperCase())
    return false;
  const ba = viaBranch(a);
  const bb = viaBranch(b);
  if (ba !== undefined || bb !== undefined) return ba === bb;
  return JSON.stringify(a.params) === JSON.stringify(b.params);
}

function hostOf(address: string): string {
  const at = address.lastIndexOf(':');
  return (at < 0 ? address : address.slice(0, at)).replace(/^\[|\]$/g, '');
}

/**
 * For message `index` of a capture, when it is a copy a proxy forwarded of a message the capture also
 * holds, that message and what the proxy changed. Of several candidates (retransmissions), the last
 * one captured before the forwarded copy, preferring one sent to the forwarding element's address.
 * Undefined when the message was not forwarded (or the capture missed what the proxy received).
 */
export function forwardedDiff(
  messages: readonly CapturedMessage[],
  index: number,
): ForwardedDiff | undefined {
  const sent = messages[index];
  if (sent === undefined || sent.error !== undefined || sent.callId === undefined) return undefined;
  const after = parse(sent.raw);
  if (after === undefined) return undefined;
  const vias = read(() => after.vias());
  const cseq = read(() => after.cseq());
  if (vias === undefined || cseq === undefined || vias.length === 0) return undefined;
  const request = after.kind === 'request';
  if (request && vias.length < 2) return undefined;
  let best: { m: CapturedMessage; sip: SipMessage; score: number } | undefined;
  for (const m of messages) {
    if (m === sent || m.callId !== sent.callId || m.error !== undefined) continue;
    if (m.time > sent.time || (m.time === sent.time && m.index > sent.index)) continue;
    const before = parse(m.raw);
    if (before === undefined || before.kind !== after.kind) continue;
    const c = read(() => before.cseq());
    if (c === undefined || c.seq !== cseq.seq || c.method !== cseq.method) continue;
    if (request && before.kind === 'request' && after.kind === 'request') {
      if (before.method !== after.method) continue;
    }
    const v = read(() => before.vias());
    if (v === undefined) continue;
    const match = request
      ? v.length === vias.length - 1 && sameVia(v[0], vias[1])
      : v.length === vias.length + 1 && sameVia(v[1], vias[0]);
    if (!match) continue;
    // Prefer what reached the forwarding element's address, then its host (a proxy may send from
    // another port), then the latest.
    const score =
      m.destination === sent.source ? 2 : hostOf(m.destination) === hostOf(sent.source) ? 1 : 0;
    if (best === undefined || score >= best.score) best = { m, sip: before, score };
  }
  if (best === undefined) return undefined;
  return { received: best.m.index, ...messageDiff(best.sip, after) };
}
