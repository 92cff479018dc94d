/**
 * What the element knows at the moment it is about to send (the exercise page's left side, the CLI's
 * `exercise show`): the message that made it act (or the last one it received in this call), the
 * messages it sent earlier in the call, its transactions, dialogs and activities, the bindings of its
 * location service, the facts no message shows, and what is expected of it.
 */
import type { DialogSnapshot } from '../dialog';
import type {
  ActivitySnapshot,
  BindingSnapshot,
  ElementSnapshot,
  TransactionSnapshotView,
} from '../elements';
import { SipParseError, parseMessage, wireToText } from '../codec';
import type { TraceEvent } from '../network';
import type { ScenarioElement } from '../scenario';
import { messageLabel } from '../session';
import type { Fact, Prefill } from './definition';
import type { Moment } from './moment';

/** A message as the situation shows it: who sent it to whom, and its text. */
export interface ShownMessage {
  label: string;
  from: string;
  to: string;
  /** Virtual time it was sent or received (ms). */
  time: number;
  /** The message as text (lines end in LF). */
  text: string;
}

export interface Situation {
  element: { name: string; kind: string; label: string; address: string; port: number };
  /** What is expected ("You are … : forward this INVITE to …"). */
  prompt: string;
  /** Virtual time of the moment (ms). */
  time: number;
  /** What made the element act now, in words. */
  trigger: string;
  /** The message that made it act, or the last it received in this call. */
  received: ShownMessage | undefined;
  /** What it sent earlier in the same call (first transmissions). */
  sent: ShownMessage[];
  facts: Fact[];
  transactions: TransactionSnapshotView[];
  dialogs: DialogSnapshot[];
  activities: ActivitySnapshot[];
  /** Its bindings (a registrar) or those of the location service it reads (a proxy, a redirect server). */
  bindings: BindingSnapshot[];
  /** Whose bindings: the element itself or the registrar it reads. */
  bindingsOf: string | undefined;
  /** The editor's first text. */
  prefill: string;
  /** When it answers a 401 or 407: the challenge and what the element computes credentials from. */
  challenge?: Challenge;
}

/** The values a digest response is computed from (RFC 2617 §3.2.2), for the page's calculator. */
export interface Challenge {
  /** "Authorization" (after a 401) or "Proxy-Authorization" (after a 407). */
  header: string;
  username: string;
  password: string;
  realm: string;
  nonce: string;
  qop: string | undefined;
  method: string;
  uri: string;
}

function challengeOf(
  received: TraceEvent | undefined,
  sent: readonly TraceEvent[],
  config: ScenarioElement,
): Challenge | undefined {
  if (received?.raw === undefined || (received.status !== 401 && received.status !== 407))
    return undefined;
  if (config.kind !== 'user-agent' || config.password === undefined) return undefined;
  try {
    const res = parseMessage(received.raw, { wire: true });
    const key = received.status === 401 ? 'www-authenticate' : 'proxy-authenticate';
    const c = res.auth(key)[0];
    const request = [...sent]
      .reverse()
      .find((e) => e.method !== undefined && e.cseq === received.cseq);
    const req = request?.raw !== undefined ? parseMessage(request.raw, { wire: true }) : undefined;
    if (c === undefined || req?.kind !== 'request') return undefined;
    return {
      header: received.status === 401 ? 'Authorization' : 'Proxy-Authorization',
      username: config.username ?? /^sips?:([^@;]+)@/.exec(config.aor)?.[1] ?? '',
      password: config.password,
      realm: c.params.get('realm') ?? '',
      nonce: c.params.get('nonce') ?? '',
      qop: c.params.get('qop'),
      method: req.method,
      uri: req.requestUri,
    };
  } catch (e) {
    if (e instanceof SipParseError) return undefined;
    throw e;
  }
}

/** A wire string as editor text: UTF-8 decoded, lines ending in LF. */
export function wireAsText(raw: string): string {
  return wireToText(raw).replace(/\r\n/g, '\n');
}

const USER_DOES: Readonly<Record<string, string>> = {
  bye: 'hangs up',
  cancel: 'gives up before the call is answered',
  register: 'registers',
  unregister: 'unregisters',
  invite: 'places a call',
  subscribe: 'subscribes',
  message: 'sends an instant message',
  answer: 'answers',
};

/** What made the element act, in words. */
function triggerText(e: TraceEvent | undefined, label: string): string {
  if (e === undefined) return '';
  if (e.type === 'action') {
    const verb = /:\s*([a-z-]+)$/.exec(e.detail)?.[1];
    const does = verb !== undefined ? USER_DOES[verb] : undefined;
    return does !== undefined ? `The user of ${label} ${does}.` : e.detail;
  }
  return e.detail;
}

function shown(e: TraceEvent): ShownMessage {
  return {
    label: messageLabel(e),
    from: e.from ?? '',
    to: e.to ?? e.destination ?? '',
    time: e.time,
    text: wireAsText(e.raw ?? ''),
  };
}

export function situationOf(
  moment: Moment,
  prompt: string,
  facts: readonly Fact[],
  prefill: Prefill,
): Situation {
  const { send, before, scenario } = moment;
  const name = send.element;
  const config = scenario.elements.find((e) => e.name === name)!;
  const snapshot: ElementSnapshot | undefined = moment.elements.find((e) => e.name === name);
  const callId = send.callId;
  const trigger = moment.trigger;
  const received =
    trigger?.type === 'receive' && trigger.element === name
      ? trigger
      : [...before]
          .reverse()
          .find((e) => e.type === 'receive' && e.element === name && e.callId === callId);
  const sent = before.filter(
    (e) =>
      e.type === 'send' &&
      e.element === name &&
      e.callId === callId &&
      e.callId !== undefined &&
      e.retransmission !== true,
  );
  const registrar =
    config.kind === 'registrar'
      ? name
      : 'registrar' in config && config.kind !== 'user-agent'
        ? config.registrar
        : undefined;
  const bindings =
    registrar !== undefined
      ? (moment.elements.find((e) => e.name === registrar)?.bindings ?? [])
      : [];
  const text =
    prefill === 'received' && received?.raw !== undefined
      ? wireAsText(received.raw)
      : prefill === 'sent' && sent.length > 0
        ? wireAsText(sent[sent.length - 1]!.raw ?? '')
        : '';
  const challenge = challengeOf(received, sent, config);
  return {
    ...(challenge !== undefined ? { challenge } : {}),
    element: {
      name,
      kind: config.kind,
      label: config.label ?? name,
      address: config.address,
      port: config.port ?? 5060,
    },
    prompt,
    time: moment.time,
    trigger: triggerText(trigger, config.label ?? name),
    received: received ? shown(received) : undefined,
    sent: sent.slice(-4).map(shown),
    facts: [...facts],
    transactions: snapshot?.transactions ?? [],
    dialogs: snapshot?.dialogs ?? [],
    activities: snapshot?.activities ?? [],
    bindings,
    bindingsOf: registrar,
    prefill: text,
  };
}
