/**
 * What the comparison needs to know about the moment besides the real element's message: what the
 * message is to the element (a request it forwards, a response it makes, a CANCEL, the ACK of a 2xx or
 * of another final response, a request inside a dialog or a new one), the messages it is made from
 * (the request it answers, the INVITE it cancels or acknowledges, the request before it in the same
 * Call-ID), every branch, tag and Call-ID the run has used so far (a generated value must be new),
 * the names the network resolves, and the credentials digest responses are computed with.
 */
import { SipParseError, paramValue, parseMessage, viaBranch, type SipMessage } from '../codec';
import type { TraceEvent } from '../network';
import type { Scenario, ScenarioElement } from '../scenario';
import { checkOptionsOf, hopDiff } from '../session';

export type MessageRole =
  | 'forwarded-request'
  | 'forwarded-response'
  | 'response'
  | 'cancel'
  | 'ack-2xx'
  | 'ack-non-2xx'
  | 'in-dialog-request'
  | 'new-request';

export interface Credential {
  username: string;
  password: string;
  realm?: string;
}

export interface CompareContext {
  /** The real element's message. */
  expected: SipMessage;
  role: MessageRole;
  element: ScenarioElement;
  /** Host names the network resolves, to "address:port". */
  hosts: Readonly<Record<string, string>>;
  /** Every value used in the run before the message. */
  seen: { branches: Set<string>; tags: Set<string>; callIds: Set<string> };
  /** The message it forwards (forwarded-request, forwarded-response). */
  origin?: SipMessage;
  /** The request it answers (response). */
  request?: SipMessage;
  /** The INVITE it cancels or acknowledges (cancel, ack-2xx, ack-non-2xx). */
  invite?: SipMessage;
  /** The element's previous request in the same Call-ID (not ACK or CANCEL), if any. */
  previous?: SipMessage;
  credentials: readonly Credential[];
}

function parsed(raw: string | undefined, cache: Map<string, SipMessage | null>): SipMessage | null {
  if (raw === undefined) return null;
  let m = cache.get(raw);
  if (m !== undefined) return m;
  try {
    m = parseMessage(raw, { wire: true });
  } catch (e) {
    if (!(e instanceof SipParseError)) throw e;
    m = null;
  }
  cache.set(raw, m);
  return m;
}

function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (e instanceof SipParseError) return undefined;
    throw e;
  }
}

function collect(m: SipMessage, seen: CompareContext['seen']): void {
  for (const v of safe(() => m.vias()) ?? []) {
    const b = viaBranch(v);
    if (b !== undefined) seen.branches.add(b);
  }
  for (const na of [safe(() => m.from()), safe(() => m.to())]) {
    const tag = na ? paramValue(na.params, 'tag') : undefined;
    if (tag) seen.tags.add(tag);
  }
  const callId = safe(() => m.callId());
  if (callId !== undefined) seen.callIds.add(callId);
}

/** The comparison context of the message `send` of a run, from the trace before it. */
export function compareContext(
  scenario: Scenario,
  before: readonly TraceEvent[],
  send: TraceEvent,
): CompareContext {
  const cache = new Map<string, SipMessage | null>();
  const expected = parsed(send.raw, cache);
  if (expected === null) throw new Error(`the element's own message #${send.id} does not parse`);
  const element = scenario.elements.find((e) => e.name === send.element);
  if (element === undefined) throw new Error(`no element is named "${send.element}"`);
  const options = checkOptionsOf(scenario, Infinity);
  const seen: CompareContext['seen'] = { branches: new Set(), tags: new Set(), callIds: new Set() };
  for (const e of before) {
    if (e.type !== 'send') continue;
    const m = parsed(e.raw, cache);
    if (m) collect(m, seen);
  }
  const ctx: CompareContext = {
    expected,
    role: 'new-request',
    element,
    hosts: options.hosts ?? {},
    seen,
    credentials: options.credentials ?? [],
  };
  const callId = safe(() => expected.callId());
  const cseq = safe(() => expected.cseq());
  const mine = (e: TraceEvent, type: 'send' | 'receive') =>
    e.type === type && e.element === send.element && e.callId === callId;

  const diff = hopDiff([...before, send], send.id);
  const origin = diff ? parsed(diff.from.raw, cache) : null;
  if (origin) {
    ctx.origin = origin;
    ctx.role = expected.kind === 'request' ? 'forwarded-request' : 'forwarded-response';
    return ctx;
  }
  if (expected.kind === 'response') {
    ctx.role = 'response';
    const branch = safe(() => expected.topVia());
    for (let i = before.length - 1; i >= 0; i--) {
      const e = before[i]!;
      if (!mine(e, 'receive') || e.method === undefined || e.cseq !== send.cseq) continue;
      if (branch !== undefined && e.branch !== viaBranch(branch)) continue;
      const m = parsed(e.raw, cache);
      if (m) {
        ctx.request = m;
        break;
      }
    }
    return ctx;
  }
  const method = expected.method;
  if (method === 'CANCEL' || method === 'ACK') {
    for (let i = before.length - 1; i >= 0; i--) {
      const e = before[i]!;
      if (!mine(e, 'send') || e.method !== 'INVITE') continue;
      if (cseq !== undefined && e.cseq !== `${cseq.seq} INVITE`) continue;
      const m = parsed(e.raw, cache);
      if (m) {
        ctx.invite = m;
        break;
      }
    }
    if (method === 'CANCEL') ctx.role = 'cancel';
    else {
      const inviteBranch = ctx.invite ? safe(() => ctx.invite!.topVia()) : undefined;
      const ackBranch = safe(() => expected.topVia());
      const same =
        inviteBranch !== undefined &&
        ackBranch !== undefined &&
        viaBranch(inviteBranch) === viaBranch(ackBranch);
      ctx.role = same ? 'ack-non-2xx' : 'ack-2xx';
    }
    return ctx;
  }
  for (let i = before.length - 1; i >= 0; i--) {
    const e = before[i]!;
    if (!mine(e, 'send') || e.method === undefined || e.method === 'ACK' || e.method === 'CANCEL')
      continue;
    const m = parsed(e.raw, cache);
    if (m) {
      ctx.previous = m;
      break;
    }
  }
  const toTag = safe(() => expected.to());
  ctx.role =
    toTag && paramValue(toTag.params, 'tag') !== undefined ? 'in-dialog-request' : 'new-request';
  return ctx;
}
