/**
 * Hop transactions (RFC 3261 §17.1.3, §17.2.3): the requests one element sent to the next, grouped by
 * top Via branch + sent-by + method, with their retransmissions, the responses that came back on
 * that hop, the ACKs of non-2xx answers (same branch, §17.1.1.3) and the CANCELs (same branch, §9.1).
 * Both ends of a hop see the same transaction: the client sent it, the server received it.
 */
import { formatUri, isResponse } from '../../codec';
import { original, type Msg, type Transport } from './message';

export interface HopTransaction {
  /** branch|sent-by|method. */
  key: string;
  /** The method that created it (never ACK). */
  method: string;
  branch: string | undefined;
  sentBy: string;
  /** Address of the element that sent the request, and of the one it was sent to. */
  client: string;
  server: string;
  transport: Transport;
  /** Every send of the request by the client, in time order (the first, then retransmissions). */
  requests: Msg[];
  /** The copies that reached the server, by arrival time. */
  delivered: Msg[];
  /** Responses sent back on this hop, in time order. */
  responses: Msg[];
  /** For an INVITE: the ACKs sharing its branch (ACKs of non-2xx answers, §17.1.1.3). */
  acks: Msg[];
  /** For an INVITE: the CANCEL transactions sharing its branch (§9.1). */
  cancels: HopTransaction[];
  /** For a CANCEL: the INVITE (or other request) it cancels. */
  cancelled: HopTransaction | undefined;
  /** The transaction whose request the client forwarded here (the client is a proxy). */
  upstream: HopTransaction | undefined;
  /** The transactions the server forwarded this request on. */
  downstream: HopTransaction[];
}

/** What makes two requests with the same branch the same request (§17.2.3's matching fields). */
function identity(m: Msg): string {
  const uri = m.requestUri ? formatUri(m.requestUri) : '';
  return [m.method, uri, m.callId, m.cseq?.seq, m.cseq?.method, m.fromTag, m.toTag].join('\u0000');
}

function keyOf(m: Msg, method: string): string | undefined {
  if (m.sentBy === undefined) return undefined;
  const branch = m.branch ?? `(no branch) ${identity(m)}`;
  return `${branch}|${m.sentBy}|${method}`;
}

export interface TransactionIndex {
  all: HopTransaction[];
  byKey: Map<string, HopTransaction[]>;
}

function newTx(m: Msg, key: string): HopTransaction {
  return {
    key,
    method: m.method,
    branch: m.branch,
    sentBy: m.sentBy ?? '',
    client: m.source,
    server: m.destination,
    transport: m.transport,
    requests: [],
    delivered: [],
    responses: [],
    acks: [],
    cancels: [],
    cancelled: undefined,
    upstream: undefined,
    downstream: [],
  };
}

/** Of the transactions with this key, the one a message from `from` belongs to (preferring that end). */
function pick(
  list: readonly HopTransaction[] | undefined,
  end: (t: HopTransaction) => string,
  address: string,
  time: number,
  skip?: (t: HopTransaction) => boolean,
): HopTransaction | undefined {
  if (list === undefined) return undefined;
  // The last one (in list order) sent by `time` at that end, else the last one sent by `time`:
  // searched from the end, as the one wanted is nearly always among the latest.
  let fallback: HopTransaction | undefined;
  for (let i = list.length - 1; i >= 0; i--) {
    const t = list[i]!;
    if (t.requests[0]!.time > time || skip?.(t)) continue;
    if (end(t) === address) return t;
    fallback ??= t;
  }
  return fallback;
}

export function buildTransactions(messages: readonly Msg[]): TransactionIndex {
  const all: HopTransaction[] = [];
  const byKey = new Map<string, HopTransaction[]>();
  /** Transactions by branch|sent-by, whatever their method (a CANCEL finds the request it cancels). */
  const byBranch = new Map<string, HopTransaction[]>();
  const ackCopies = new Map<string, Msg>();
  /** The transaction of each key, client, server and request identity (retransmissions join it). */
  const byIdentity = new Map<string, HopTransaction>();
  for (const m of messages) {
    if (m.request === undefined || m.method === 'ACK') continue;
    const key = keyOf(m, m.method);
    if (key === undefined || m.callId === undefined || m.cseq === undefined) continue;
    const list = byKey.get(key);
    const id = JSON.stringify([key, m.source, m.destination, identity(m)]);
    const same = byIdentity.get(id);
    if (same) {
      m.copyOf = same.requests[0];
      m.tx = same;
      same.requests.push(m);
      continue;
    }
    const tx = newTx(m, key);
    tx.requests.push(m);
    m.tx = tx;
    byIdentity.set(id, tx);
    all.push(tx);
    if (list) list.push(tx);
    else byKey.set(key, [tx]);
    const bk = key.slice(0, key.lastIndexOf('|'));
    const siblings = byBranch.get(bk);
    if (m.method === 'CANCEL') {
      const target = pick(
        siblings,
        (t) => t.client,
        m.source,
        m.time,
        (t) => t.method === 'CANCEL',
      );
      if (target) {
        tx.cancelled = target;
        target.cancels.push(tx);
      }
    }
    if (siblings) siblings.push(tx);
    else byBranch.set(bk, [tx]);
  }
  for (const tx of all) {
    tx.delivered = tx.requests.filter((r) => r.delivered).sort((a, b) => a.arrival - b.arrival);
  }
  for (const m of messages) {
    if (m.request !== undefined && m.method === 'ACK') {
      const key = keyOf(m, 'INVITE');
      const tx =
        key === undefined ? undefined : pick(byKey.get(key), (t) => t.client, m.source, m.time);
      if (tx) {
        m.tx = tx;
        tx.acks.push(m);
      }
      // An ACK repeated with the same bytes to the same place (once per retransmitted final response).
      const copyKey = `${m.source}|${m.destination}|${m.raw}`;
      const first = ackCopies.get(copyKey);
      if (first) m.copyOf = first;
      else ackCopies.set(copyKey, m);
      continue;
    }
    if (!isResponse(m.sip) || m.cseq === undefined || m.method === 'ACK') continue;
    const key = keyOf(m, m.cseq.method);
    if (key === undefined) continue;
    const tx = pick(byKey.get(key), (t) => t.server, m.source, m.time);
    if (tx === undefined) continue;
    m.tx = tx;
    const first = tx.responses.find(
      (r) =>
        r.source === m.source &&
        r.destination === m.destination &&
        r.status === m.status &&
        r.toTag === m.toTag,
    );
    if (first) m.copyOf = original(first);
    tx.responses.push(m);
  }
  return { all, byKey };
}

/** Responses on a hop that reached the client, by arrival time. */
export function deliveredResponses(tx: HopTransaction): Msg[] {
  return tx.responses
    .filter((r) => r.delivered && r.destination === tx.client)
    .sort((a, b) => a.arrival - b.arrival);
}

/** The first time the client had a response of this kind (provisional / final) on the hop. */
export function firstArrival(
  tx: HopTransaction,
  kind: 'any' | 'provisional' | 'final',
): Msg | undefined {
  let best: Msg | undefined;
  for (const r of tx.responses) {
    if (!r.delivered || r.destination !== tx.client) continue;
    if (kind === 'provisional' && r.status >= 200) continue;
    if (kind === 'final' && r.status < 200) continue;
    if (best === undefined || r.arrival < best.arrival) best = r;
  }
  return best;
}
