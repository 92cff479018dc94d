/**
 * Proxy hops (RFC 3261 §16.6 step 8, §16.7 step 3, §16.11): an element that received a request and
 * then sends one with the same Call-ID and CSeq and one more Via on top, whose next Via is the
 * received top Via, forwards it; an element that received a response and sends it on with its top Via
 * removed forwards the response. Whether a proxy keeps transaction state is read from what it does
 * (it answers 100 itself, retransmits on its own, absorbs retransmissions, forks, cancels, ACKs).
 */
import type { Via } from '../../codec';
import { sentByOf, type Msg } from './message';
import type { Settings } from './settings';
import type { HopTransaction } from './transactions';

export function sameVia(a: Via | undefined, b: Via | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const ba = a.params.find((p) => p.name.toLowerCase() === 'branch')?.value ?? null;
  const bb = b.params.find((p) => p.name.toLowerCase() === 'branch')?.value ?? null;
  return (
    ba === bb &&
    sentByOf(a) === sentByOf(b) &&
    a.transport.toUpperCase() === b.transport.toUpperCase()
  );
}

function sameViaStack(a: readonly Via[], b: readonly Via[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameVia(a[i], b[i])) return false;
  return true;
}

export interface NodeInfo {
  address: string;
  /** It forwarded at least one request. */
  forwards: boolean;
  /** Why it is known to keep transaction state (undefined: not known). */
  stateful: string | undefined;
}

export interface HopIndex {
  nodes: Map<string, NodeInfo>;
  /** Requests forwarded without the proxy's own Via on top (§16.6 step 8). */
  viaNotAdded: { sent: Msg; received: Msg }[];
  /** Responses forwarded without removing the proxy's Via (§16.7 step 3). */
  viaNotRemoved: { sent: Msg; received: Msg }[];
}

function sameCSeq(a: Msg, b: Msg): boolean {
  return (
    a.cseq !== undefined &&
    b.cseq !== undefined &&
    a.cseq.seq === b.cseq.seq &&
    a.cseq.method === b.cseq.method
  );
}

/** Links each forwarded message to the one it forwards, and the hop transactions upstream/downstream. */
export function buildHops(messages: readonly Msg[], settings: Settings): HopIndex {
  // Delivered messages by receiver and Call-ID, in time order.
  const inbox = new Map<string, Msg[]>();
  const viaNotAdded: HopIndex['viaNotAdded'] = [];
  const viaNotRemoved: HopIndex['viaNotRemoved'] = [];
  const byArrival = messages.filter((m) => m.delivered).sort((a, b) => a.arrival - b.arrival);
  for (const m of byArrival) {
    if (m.callId === undefined) continue;
    const k = `${m.destination}\u0000${m.callId}`;
    const list = inbox.get(k);
    if (list) list.push(m);
    else inbox.set(k, [m]);
  }
  // A response sent again with the same bytes to the same place as one of the node's own, at the
  // instant a retransmission of its request arrived, is the server transaction answering that
  // retransmission with its last response (§17.2.1, §17.2.2): its own again, even when a response it
  // received from downstream reads the same (a proxy's own 100 and a forwarded 100 can be identical).
  const ownSent = new Set<string>();
  for (const y of messages) {
    if (y.callId === undefined || y.cseq === undefined || y.vias.length === 0) continue;
    const copyKey = `${y.source}\u0000${y.destination}\u0000${y.raw}`;
    if (ownSent.has(copyKey) && answersRetransmission(y, settings)) continue;
    const list = inbox.get(`${y.source}\u0000${y.callId}`);
    if (list === undefined) continue;
    let found: Msg | undefined;
    let foundReused: Msg | undefined;
    let tagChanged: Msg | undefined;
    let noVia: Msg | undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const x = list[i]!;
      // What is forwarded was received first: it arrived by the time of the forward (within the
      // tolerance), and it was sent before the forward was (send order breaks ties of equal times).
      if (x.arrival > y.time + settings.tolerance || x === y || x.index > y.index) continue;
      if (x.sip.kind !== y.sip.kind || !sameCSeq(x, y)) continue;
      if (y.request) {
        if (x.method !== y.method) continue;
        if (y.vias.length === x.vias.length + 1 && sameVia(y.vias[1], x.vias[0])) {
          const reused = x.forwards.some((f) => f.tx !== undefined && f.tx === y.tx);
          if (!reused) {
            found = x;
            break;
          }
          foundReused ??= x;
        } else if (noVia === undefined && x.source !== y.source && sameViaStack(x.vias, y.vias))
          noVia = x;
      } else {
        if (x.vias.length !== y.vias.length + 1 || !sameVia(y.vias[0], x.vias[1])) {
          if (
            noVia === undefined &&
            x.source !== y.source &&
            x.status === y.status &&
            sameViaStack(x.vias, y.vias)
          )
            noVia = x;
          continue;
        }
        const status = x.status === y.status || (x.status === 503 && y.status === 500);
        if (!status) continue;
        if (x.toTag === y.toTag) {
          const reused = x.forwards.some((f) => f.tx !== undefined && f.tx === y.tx);
          if (!reused) {
            found = x;
            break;
          }
          foundReused ??= x;
          continue;
        }
        if (y.status > 100 && y.status < 300) tagChanged ??= x;
      }
    }
    const x = found ?? foundReused ?? tagChanged;
    if (x) {
      y.forwardOf = x;
      x.forwards.push(y);
    } else ownSent.add(copyKey);
    if (x) {
      /* linked above */
    } else if (noVia) {
      (y.request ? viaNotAdded : viaNotRemoved).push({ sent: y, received: noVia });
    }
  }
  // Transactions upstream and downstream.
  for (const y of messages) {
    const x = y.forwardOf;
    if (!y.request || y.method === 'ACK' || x === undefined) continue;
    if (y.tx && x.tx && y.tx !== x.tx) {
      y.tx.upstream ??= x.tx;
      if (!x.tx.downstream.includes(y.tx)) x.tx.downstream.push(y.tx);
    }
  }
  return { nodes: classifyNodes(messages, settings), viaNotAdded, viaNotRemoved };
}

function node(nodes: Map<string, NodeInfo>, address: string): NodeInfo {
  let n = nodes.get(address);
  if (!n) {
    n = { address, forwards: false, stateful: undefined };
    nodes.set(address, n);
  }
  return n;
}

/** Marks the proxies that show transaction state (a stateless one does none of these, §16.11). */
function classifyNodes(messages: readonly Msg[], settings: Settings): Map<string, NodeInfo> {
  const nodes = new Map<string, NodeInfo>();
  const mark = (address: string, why: string) => {
    const n = node(nodes, address);
    n.stateful ??= why;
  };
  const txs = new Set<HopTransaction>();
  for (const m of messages) {
    node(nodes, m.source);
    if (m.request && m.forwardOf) node(nodes, m.source).forwards = true;
    if (m.tx) txs.add(m.tx);
  }
  for (const up of txs) {
    if (up.downstream.length === 0) continue;
    const proxy = up.server;
    if (up.downstream.length > 1)
      mark(proxy, `it forwarded one ${up.method} on ${up.downstream.length} branches`);
    for (const r of up.responses) {
      if (r.source !== proxy || r.forwardOf) continue;
      if (r.status === 100)
        mark(proxy, 'it answered 100 (Trying) itself to a request it forwarded');
      else if (r.status >= 200)
        mark(proxy, `it answered ${r.status} itself to a request it forwarded`);
    }
    const forwarded = new Set<Msg>();
    for (const down of up.downstream) {
      for (const c of down.requests) {
        if (c.forwardOf === undefined || forwarded.has(c.forwardOf))
          mark(proxy, `it retransmitted a forwarded ${up.method} on its own`);
        else forwarded.add(c.forwardOf);
      }
      for (const cancel of down.cancels)
        if (cancel.requests[0]!.forwardOf === undefined) mark(proxy, 'it sent a CANCEL of its own');
      for (const ack of down.acks)
        if (ack.forwardOf === undefined) mark(proxy, 'it acknowledged a final response itself');
    }
    for (const c of up.delivered.slice(1)) {
      if (c.arrival + settings.prompt > settings.endTime) continue;
      if (!forwarded.has(c)) mark(proxy, `it absorbed a retransmitted ${up.method}`);
    }
  }
  return nodes;
}

/** True when a request copy of the response's transaction arrived when the response left. */
function answersRetransmission(y: Msg, settings: Settings): boolean {
  if (!y.response || !y.tx) return false;
  return y.tx.delivered.some(
    (q) => q !== y.tx!.delivered[0] && Math.abs(q.arrival - y.time) <= settings.tolerance,
  );
}
