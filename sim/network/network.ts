/**
 * The simulated UDP network: nodes with IPv4 addresses, links with latency and loss, fault rules, and
 * datagrams that are the bytes serializeMessage produced. The receiving side runs parseMessage on those
 * bytes: no element ever gets a message object that skipped the codec. Each send and each delivery is
 * its own event on the clock, so a student steps message by message.
 */
import {
  SipParseError,
  parseMessage,
  serializeMessage,
  viaBranch,
  wireToBytes,
  bytesToWire,
  type SipMessage,
} from '../codec';
import { EventQueue, type QueueItem } from './clock';
import { Dns, type Resolution } from './dns';
import { describeFault, faultMatches, type FaultRule } from './faults';
import { Replacements, type Replacement, type Substitute } from './replacement';
import { SeededRandom } from './rng';
import { Trace, type NewTraceEvent } from './trace';

export interface Destination {
  address: string;
  port: number;
}

export function formatDestination(d: Destination): string {
  return d.address.includes(':') ? `[${d.address}]:${d.port}` : `${d.address}:${d.port}`;
}

/** What an element gets for each datagram: the bytes, who sent them, and the codec's reading of them. */
export interface Received {
  bytes: Uint8Array;
  source: Destination;
  /** The parsed message, or undefined when parsing failed. */
  message: SipMessage | undefined;
  /** The parse error, when the bytes are not a SIP message. */
  error: SipParseError | undefined;
  /** The trace id of the "receive" event. */
  traceId: number;
}

export interface Endpoint {
  readonly name: string;
  readonly address: string;
  readonly port: number;
  receive(datagram: Received): void;
}

export interface LinkConfig {
  /** Element names of the two ends. */
  a: string;
  b: string;
  latencyMs: number;
  /** Probability (0–1) that a datagram on this link is lost. */
  loss: number;
}

export interface SendInfo {
  transactionId?: string;
  dialogId?: string;
  retransmission?: boolean;
}

/**
 * A datagram the simulation sends to an address where no simulated element listens, handed to the
 * outside world (the CLI's bridge sends it through a real socket) instead of being lost.
 */
export interface OutsideDatagram {
  /** The simulated element that sent it, and its address. */
  sender: string;
  source: Destination;
  destination: Destination;
  bytes: Uint8Array;
  /** Its number in the run, and the trace id of its "send" event. */
  datagram: number;
  traceId: number;
}

export type OutsideHandler = (datagram: OutsideDatagram) => void;

/**
 * A host outside the simulation (a real phone, SIPp): not attached, so nothing is delivered to it
 * through the network; its name in the trace and the ladder is its real "address:port".
 */
class OutsideNode implements Endpoint {
  readonly name: string;
  constructor(
    readonly address: string,
    readonly port: number,
  ) {
    this.name = formatDestination({ address, port });
  }
  receive(): void {
    // What the simulation sends to an outside node goes to the outside handler, never here.
  }
}

export interface NetworkOptions {
  seed: number | string;
  /** Latency between two elements without an explicit link (the rest of the Internet). */
  defaultLatencyMs?: number;
  faults?: FaultRule[];
  /** Messages written by a person, sent in place of an element's own (replacement.ts). */
  replace?: readonly Replacement[];
}

interface FaultState {
  rule: FaultRule;
  used: number;
}

/**
 * What the trace shows of a message: its start line, and (when the trace is kept) Call-ID, branch and
 * CSeq. Fault rules need only the start line, so a run that keeps no trace reads no header here.
 */
function summary(
  msg: SipMessage,
  withHeaders = true,
): Pick<NewTraceEvent, 'method' | 'status' | 'reason' | 'callId' | 'branch' | 'cseq'> {
  const out: Pick<NewTraceEvent, 'method' | 'status' | 'reason' | 'callId' | 'branch' | 'cseq'> =
    {};
  if (msg.kind === 'request') out.method = msg.method;
  else {
    out.status = msg.status;
    out.reason = msg.reason;
  }
  if (!withHeaders) return out;
  try {
    const callId = msg.callId();
    if (callId !== undefined) out.callId = callId;
    const via = msg.topVia();
    const branch = via ? viaBranch(via) : undefined;
    if (branch !== undefined) out.branch = branch;
    const cseq = msg.cseq();
    if (cseq) out.cseq = `${cseq.seq} ${cseq.method}`;
  } catch (e) {
    if (!(e instanceof SipParseError)) throw e;
  }
  return out;
}

function label(msg: SipMessage): string {
  return msg.kind === 'request' ? msg.method : `${msg.status} ${msg.reason}`;
}

export class Network {
  readonly queue = new EventQueue();
  readonly rng: SeededRandom;
  readonly trace: Trace;
  readonly dns = new Dns();
  readonly defaultLatencyMs: number;
  private readonly byAddress = new Map<string, Endpoint>();
  private readonly byName = new Map<string, Endpoint>();
  private readonly links = new Map<string, LinkConfig>();
  private readonly faults: FaultState[] = [];
  private datagrams = 0;
  /**
   * What each sender has sent to each destination (only while a trace is kept): a datagram with the
   * same bytes again is a retransmission, whoever's decision it was — a transaction's timer, a UA core
   * resending its 2xx or ACK, or a proxy passing on a retransmission it cannot recognise (§16.11).
   */
  private readonly sent = new Set<string>();
  private outside: OutsideHandler | undefined;
  private readonly outsideNodes = new Map<string, OutsideNode>();
  private readonly replacements: Replacements | undefined;

  constructor(options: NetworkOptions) {
    this.rng = new SeededRandom(options.seed);
    this.defaultLatencyMs = options.defaultLatencyMs ?? 30;
    this.trace = new Trace(
      () => this.queue.now(),
      () => this.queue.currentCause,
    );
    for (const f of options.faults ?? []) this.addFault(f);
    if (options.replace !== undefined && options.replace.length > 0)
      this.replacements = new Replacements(options.replace);
  }

  attach(endpoint: Endpoint): void {
    this.byAddress.set(`${endpoint.address}:${endpoint.port}`, endpoint);
    this.byName.set(endpoint.name, endpoint);
  }

  /**
   * Hands every datagram sent to an address where no element listens to `handler` (traced as a send to
   * that address, with no receive) instead of dropping it; undefined restores the drop. Fault rules
   * still apply (their `to` is the "address:port"); the handler gets the bytes at once, without the
   * simulated latency: the real network adds its own.
   */
  setOutsideHandler(handler: OutsideHandler | undefined): void {
    this.outside = handler;
  }

  /**
   * The endpoint of a host outside the simulation at a real address, to pass to injectDatagram: in the
   * trace its name is its "address:port", and its datagrams arrive with no simulated latency (unless a
   * link names it). One object per address.
   */
  outsideNode(destination: Destination): Endpoint {
    const key = formatDestination(destination);
    let node = this.outsideNodes.get(key);
    if (node === undefined) {
      node = new OutsideNode(destination.address, destination.port);
      this.outsideNodes.set(key, node);
    }
    return node;
  }

  endpoint(name: string): Endpoint | undefined {
    return this.byName.get(name);
  }

  private static linkKey(a: string, b: string): string {
    return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
  }

  setLink(link: LinkConfig): void {
    this.links.set(Network.linkKey(link.a, link.b), { ...link });
  }

  link(a: string, b: string): LinkConfig | undefined {
    return this.links.get(Network.linkKey(a, b));
  }

  allLinks(): LinkConfig[] {
    return [...this.links.values()];
  }

  addFault(rule: FaultRule): void {
    this.faults.push({ rule, used: 0 });
  }

  /** Records an event in the trace (at the current time, caused by the event being handled). */
  record(e: NewTraceEvent): number {
    return this.trace.add(e);
  }

  /** DNS resolution for an element, recorded in the trace. */
  resolve(element: string, host: string, port: number | null): Resolution | undefined {
    const r = this.dns.resolve(host, port);
    this.record({
      type: 'dns',
      element,
      detail: r.steps.join('; ') + ('error' in r ? ` — ${r.error}` : ''),
    });
    return 'error' in r ? undefined : r;
  }

  /**
   * Sends a message as one UDP datagram. The bytes are fixed now (serializeMessage), and leave on the
   * wire as the next event on the clock.
   */
  send(from: Endpoint, destination: Destination, msg: SipMessage, info: SendInfo = {}): void {
    const wire = serializeMessage(msg);
    const written = this.replacements?.substitute(from.name, msg, wire);
    if (written !== undefined) {
      this.sendWritten(from, destination, written, info);
      return;
    }
    const facts = summary(msg, this.trace.recording);
    const what = label(msg);
    this.queue.schedule(0, 'transmit', () =>
      this.transmit(from, destination, wire, facts, what, info),
    );
  }

  /**
   * Sends a message a person wrote in place of the element's own (replacement.ts): to where its own
   * header fields send it, traced as sent by the element with a note saying who wrote it.
   */
  private sendWritten(
    from: Endpoint,
    destination: Destination,
    written: Substitute,
    info: SendInfo,
  ): void {
    const what = written.message ? label(written.message) : 'a datagram that is not a SIP message';
    let to = destination;
    let where = '';
    if (written.hop !== undefined) {
      const r = this.resolve(from.name, written.hop.host, written.hop.port);
      to = r ?? { address: written.hop.host, port: written.hop.port ?? 5060 };
      where = ` Its own header fields send it to ${formatDestination(to)}${r === undefined ? ', a name DNS cannot resolve' : ''}, not where ${from.name}'s own message went (${formatDestination(destination)}).`;
    }
    const first = written.sent++ === 0;
    if (written.nowhere) {
      if (!first) return;
      this.record({
        type: 'note',
        element: from.name,
        detail: `${from.name} cannot send the ${what} written in place of its own: a response goes where its top Via says (RFC 3261 §18.2.2), and it has none`,
      });
      return;
    }
    if (first)
      this.record({
        type: 'note',
        element: from.name,
        detail: `${from.name} sends the ${what} written by the student in place of its own.${where}`,
      });
    const facts = written.message ? summary(written.message, this.trace.recording) : {};
    this.queue.schedule(0, 'transmit', () =>
      this.transmit(from, to, written.wire, facts, what, info, true),
    );
  }

  /**
   * Sends bytes as they are, bypassing serializeMessage: a hand-written or deliberately malformed
   * datagram, for tests and the UI's fault tools. `from` may be any endpoint (attach it to receive the
   * answers); the datagram is numbered, traced, and subject to links and fault rules like any other.
   * A string is a wire string (one character per byte).
   */
  injectDatagram(from: Endpoint, destination: Destination, bytes: string | Uint8Array): void {
    const wire = typeof bytes === 'string' ? bytes : bytesToWire(bytes);
    let facts: ReturnType<typeof summary> = {};
    let what = 'a datagram that is not a SIP message';
    try {
      const msg = parseMessage(wireToBytes(wire));
      facts = summary(msg);
      what = label(msg);
    } catch (e) {
      if (!(e instanceof SipParseError)) throw e;
    }
    this.queue.schedule(0, 'transmit', () =>
      this.transmit(from, destination, wire, facts, what, {}),
    );
  }

  private transmit(
    from: Endpoint,
    destination: Destination,
    wire: string,
    facts: ReturnType<typeof summary>,
    what: string,
    info: SendInfo,
    written = false,
  ): void {
    const datagram = ++this.datagrams;
    const receiver = this.byAddress.get(`${destination.address}:${destination.port}`);
    const outside = receiver ? undefined : this.outside;
    const to = receiver?.name ?? (outside ? formatDestination(destination) : undefined);
    let retransmission = info.retransmission === true;
    if (this.trace.recording) {
      const key = `${from.name}\u0000${formatDestination(destination)}\u0000${wire}`;
      if (this.sent.has(key)) retransmission = true;
      else this.sent.add(key);
    }
    const recording = this.trace.recording;
    const sendId = !recording
      ? this.trace.skip()
      : this.record({
          type: 'send',
          element: from.name,
          from: from.name,
          ...(to !== undefined ? { to } : {}),
          source: formatDestination(from),
          destination: formatDestination(destination),
          datagram,
          raw: wire,
          ...facts,
          ...(info.transactionId !== undefined ? { transactionId: info.transactionId } : {}),
          ...(info.dialogId !== undefined ? { dialogId: info.dialogId } : {}),
          retransmission,
          ...(written ? { written: true } : {}),
          detail: `${from.name} sends ${what}${retransmission ? ' again (retransmission)' : ''} to ${receiver?.name ?? formatDestination(destination)}${outside ? ' (outside the simulation)' : ''}${written ? ' — the message the student wrote in its place' : ''}`,
        });
    const dropBase = {
      type: 'drop' as const,
      element: from.name,
      from: from.name,
      ...(to !== undefined ? { to } : {}),
      source: formatDestination(from),
      destination: formatDestination(destination),
      datagram,
      raw: wire,
      ...facts,
      retransmission,
      causedBy: sendId,
    };
    if (to === undefined) {
      this.record({
        ...dropBase,
        detail: `No host listens at ${formatDestination(destination)}: the datagram is lost`,
      });
      return;
    }
    const fault = this.faults.find(
      (f) =>
        (f.rule.count === undefined || f.used < f.rule.count) &&
        faultMatches(f.rule, {
          from: from.name,
          to,
          method: facts.method,
          status: facts.status,
          datagram,
          retransmission,
          time: this.queue.now(),
        }),
    );
    if (fault) {
      fault.used++;
      this.record({
        ...dropBase,
        detail: `${what} is dropped — fault: ${describeFault(fault.rule)}`,
      });
      return;
    }
    const link = this.link(from.name, to);
    if (link && this.rng.chance(link.loss)) {
      this.record({
        ...dropBase,
        detail: `${what} is lost on the link ${link.a}–${link.b} (loss ${Math.round(link.loss * 100)}%)`,
      });
      return;
    }
    if (!receiver) {
      outside?.({
        sender: from.name,
        source: { address: from.address, port: from.port },
        destination: { ...destination },
        bytes: wireToBytes(wire),
        datagram,
        traceId: sendId,
      });
      return;
    }
    // A datagram from an outside node has crossed a real network already: no simulated delay unless a link says so.
    const latency = link ? link.latencyMs : from instanceof OutsideNode ? 0 : this.defaultLatencyMs;
    const bytes = wireToBytes(wire);
    this.queue.schedule(
      latency,
      'deliver',
      () => this.deliver(receiver, from, bytes, datagram, retransmission),
      sendId,
    );
  }

  private deliver(
    receiver: Endpoint,
    sender: Endpoint,
    bytes: Uint8Array,
    datagram: number,
    retransmission: boolean,
  ): void {
    let message: SipMessage | undefined;
    let error: SipParseError | undefined;
    try {
      message = parseMessage(bytes);
    } catch (e) {
      if (e instanceof SipParseError) error = e;
      else throw e;
    }
    const traceId = !this.trace.recording
      ? this.trace.skip()
      : this.record({
          type: 'receive',
          element: receiver.name,
          from: sender.name,
          to: receiver.name,
          source: formatDestination(sender),
          destination: formatDestination(receiver),
          datagram,
          raw: bytesToWire(bytes),
          ...(message ? summary(message, this.trace.recording) : {}),
          retransmission,
          detail: message
            ? `${receiver.name} receives ${label(message)} from ${sender.name}`
            : `${receiver.name} receives bytes that are not a valid SIP message: ${error?.message ?? 'unknown error'}`,
        });
    const saved = this.queue.currentCause;
    this.queue.currentCause = traceId;
    try {
      receiver.receive({
        bytes,
        source: { address: sender.address, port: sender.port },
        message,
        error,
        traceId,
      });
    } finally {
      this.queue.currentCause = saved;
    }
  }

  /** Runs the next event on the clock; undefined when nothing is left. */
  step(): QueueItem | undefined {
    return this.queue.runNext();
  }

  get datagramCount(): number {
    return this.datagrams;
  }
}
