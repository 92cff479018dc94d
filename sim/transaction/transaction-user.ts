/**
 * The interface between the transaction layer and its transaction user, the UA core or proxy core
 * (RFC 3261 §17): what the layer tells the TU, and what became of each request from the network.
 */
import type { SipResponse } from '../codec';
import type { TimerName } from './timers';
import type { ClientTransaction, ServerTransaction, Transaction } from './transaction';

/** The transaction user (UA core or proxy core): what the layer tells it. */
export interface TransactionUser {
  /** A response a client transaction passes up (every 1xx and final, never a retransmission). */
  onResponse(tx: ClientTransaction, response: SipResponse): void;
  /** Timer B or F (no final response), or Timer H (no ACK for a 300–699 response). */
  onTimeout(tx: Transaction, timer: TimerName): void;
  onTransportError?(tx: Transaction): void;
  /** The transaction entered Terminated and was destroyed (§17.1.1.2). */
  onTerminated?(tx: Transaction): void;
}

/** What became of a request from the network (§17.2.3). */
export type ReceivedRequest =
  /** A new server transaction: pass the request to the TU. */
  | { kind: 'new'; transaction: ServerTransaction }
  /** A retransmission, absorbed: the transaction resent its last response, if any. */
  | { kind: 'retransmission'; transaction: ServerTransaction }
  /** An ACK that matched an INVITE server transaction (a non-2xx ACK): absorbed. */
  | { kind: 'ack-absorbed'; transaction: ServerTransaction }
  /** An ACK that matched no transaction: the ACK for a 2xx, for the TU (§13.3.1.4, §16.7). */
  | { kind: 'ack-for-2xx' }
  /** A new CANCEL server transaction, and the transaction it targets if one matched (§9.2). */
  | { kind: 'cancel'; transaction: ServerTransaction; target?: ServerTransaction }
  /** No top Via that a response could follow: the request cannot be handled (§8.2, §18.2.2). */
  | { kind: 'malformed'; reason: string };
