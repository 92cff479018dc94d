/**
 * The model of the wire a check runs on: every parsed message in send order, hop transactions
 * (RFC 3261 §17), proxy hops and which proxies keep state (§16), what each ACK acknowledges, and the
 * dialogs with each side's state over time (§12). Rules read only this model.
 */
import { classifyAcks } from './acks';
import { buildDialogs, type Dialog, type InDialogRequest } from './dialogs';
import { buildHops, type NodeInfo } from './hops';
import type { Msg } from './message';
import type { Settings } from './settings';
import { buildTransactions, type HopTransaction } from './transactions';

export interface Model {
  /** Messages by send time (then input order). */
  messages: Msg[];
  settings: Settings;
  transactions: HopTransaction[];
  nodes: Map<string, NodeInfo>;
  viaNotAdded: { sent: Msg; received: Msg }[];
  viaNotRemoved: { sent: Msg; received: Msg }[];
  dialogs: Dialog[];
  inDialog: Map<Msg, { dialog: Dialog; request: InDialogRequest | undefined }>;
  /** INVITE hop transactions by Call-ID. */
  invitesByCall: Map<string, HopTransaction[]>;
  /** Messages by Call-ID, in send order. */
  byCallId: Map<string, Msg[]>;
}

export function buildModel(messages: Msg[], settings: Settings): Model {
  messages.forEach((m, i) => (m.index = i));
  const { all } = buildTransactions(messages);
  const hops = buildHops(messages, settings);
  const invitesByCall = new Map<string, HopTransaction[]>();
  for (const tx of all) {
    if (tx.method !== 'INVITE') continue;
    const callId = tx.requests[0]!.callId!;
    const list = invitesByCall.get(callId);
    if (list) list.push(tx);
    else invitesByCall.set(callId, [tx]);
  }
  classifyAcks(messages, invitesByCall);
  const { dialogs, byMessage } = buildDialogs(messages);
  const byCallId = new Map<string, Msg[]>();
  for (const m of messages) {
    if (m.callId === undefined) continue;
    const list = byCallId.get(m.callId);
    if (list) list.push(m);
    else byCallId.set(m.callId, [m]);
  }
  return {
    messages,
    settings,
    transactions: all,
    nodes: hops.nodes,
    viaNotAdded: hops.viaNotAdded,
    viaNotRemoved: hops.viaNotRemoved,
    dialogs,
    inDialog: byMessage,
    invitesByCall,
    byCallId,
  };
}

/** True when the element at this address is known to keep transaction state as a proxy. */
export function isStatefulProxy(model: Model, address: string): boolean {
  return model.nodes.get(address)?.stateful !== undefined;
}

/** The client end runs a client transaction: it originated the request, or is a stateful proxy. */
export function clientHasTransaction(model: Model, tx: HopTransaction): boolean {
  return tx.requests[0]!.forwardOf === undefined || isStatefulProxy(model, tx.client);
}

/**
 * When the client transaction may have given up: 64·T1 after its first request if no response reached
 * the client by then (Timer B for INVITE, §17.1.1.2; Timer F otherwise, §17.1.2.2), or 64·T1 after the
 * client's CANCEL if no final response came by then (§9.1); Infinity when neither applies.
 */
export function clientGaveUpAt(tx: HopTransaction, settings: Settings): number {
  const reached = (limit: number, final: boolean) =>
    tx.responses.some(
      (r) =>
        r.delivered &&
        r.destination === tx.client &&
        (!final || r.status >= 200) &&
        r.arrival <= limit + settings.tolerance,
    );
  let at = Infinity;
  const timerB = tx.requests[0]!.time + 64 * settings.T1;
  if (!reached(timerB, false)) at = timerB;
  // §9.1: with no final response 64·T1 after its CANCEL, the client may consider the INVITE cancelled
  // and destroy its transaction.
  for (const c of tx.cancels) {
    const mine = c.requests.find((r) => r.source === tx.client);
    if (!mine) continue;
    const limit = mine.time + 64 * settings.T1;
    if (!reached(limit, true)) at = Math.min(at, limit);
  }
  return at;
}

/** The server end answered the request as a UAS (it forwarded it nowhere). */
export function serverIsUas(tx: HopTransaction): boolean {
  return tx.downstream.length === 0 && !tx.delivered.some((r) => r.forwards.length > 0);
}

/**
 * The server end runs a server transaction: it is the UAS, or a stateful proxy. A proxy seen forwarding
 * other requests without ever showing transaction state answers statelessly (§16.11, §8.2.7), even
 * where it forwarded nothing (a 404 for an unknown user): a stateless answer is not retransmitted.
 */
export function serverHasTransaction(model: Model, tx: HopTransaction): boolean {
  if (isStatefulProxy(model, tx.server)) return true;
  if (model.nodes.get(tx.server)?.forwards === true) return false;
  return serverIsUas(tx);
}

export type { Msg } from './message';
export type { HopTransaction } from './transactions';
export type { Dialog, InDialogRequest, Side } from './dialogs';
export type { Settings } from './settings';
export { original, tagOf } from './message';
export { origin } from './dialogs';
export { deliveredResponses, firstArrival } from './transactions';

/**
 * The copy of a request (itself, a retransmission of it, or a forward of either, hop after hop)
 * that reached `address` first.
 */
export function reached(m: Msg, address: string): Msg | undefined {
  const seen = new Set<Msg>();
  const queue: Msg[] = [m];
  let best: Msg | undefined;
  while (queue.length > 0) {
    const x = queue.shift()!;
    if (seen.has(x)) continue;
    seen.add(x);
    if (
      x.delivered &&
      x.destination === address &&
      (best === undefined || x.arrival < best.arrival)
    )
      best = x;
    queue.push(...x.forwards);
    if (x.request && x.tx && x.method !== 'ACK') queue.push(...x.tx.requests);
  }
  return best;
}
