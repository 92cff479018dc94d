/**
 * What the parts of a user agent need from the UA core (RFC 3261 §8.1, §8.2, §12.2.1.1): its
 * addresses, new identifiers, the clock and trace, and sending requests and responses in and out of
 * dialogs. Each part (registration, calls, messages, subscriptions) gets this narrow view, not the UA.
 */
import type { SipRequest, SipResponse, SipUri } from '../../codec';
import type { Dialog } from '../../dialog';
import type { Clock, Destination, NewTraceEvent, SendInfo, SeededRandom } from '../../network';
import type {
  ClientTransaction,
  MachineEnv,
  ServerTransaction,
  TimerConfig,
} from '../../transaction';
import type { BaseElement } from '../base-element';
import type { UserAgentConfig } from '../config';

/** How many ended calls and past messages a snapshot shows. */
export const RECENT = 3;

/** The methods a user agent accepts (the Allow header, §20.5). */
export const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, NOTIFY';

export interface UaCore {
  readonly name: string;
  readonly address: string;
  readonly port: number;
  readonly config: UserAgentConfig;
  readonly aor: SipUri;
  /** The AOR's user part (the element's name if it has none). */
  readonly user: string;
  readonly timers: TimerConfig;
  /** The simulation clock. */
  readonly clock: Clock;
  /** What the UA's machines (calls, dialogs, registration, subscriptions) run on. */
  readonly machineEnv: MachineEnv;
  /** The seeded generator (SDP session ids, digest cnonces). */
  readonly rng: SeededRandom;
  record(event: NewTraceEvent): void;
  note(detail: string): void;

  newTag(): string;
  newCallId(): string;
  /** This UA's Contact (§8.1.1.8). */
  contact(): string;

  /** A request out of dialog (§8.1.1), with its Via and a new branch. */
  newRequest(
    method: string,
    requestUri: string,
    to: string,
    callId: string,
    fromTag: string,
    cseq: number,
    extra?: [string, string][],
    body?: string,
  ): SipRequest;
  /** Puts this UA's Via with a new branch on top of a request made in a dialog (§8.1.1.7). */
  addVia(req: SipRequest): void;
  /** Where a request out of dialog goes: the outbound proxy if any, else the Request-URI (§8.1.2). */
  nextHop(requestUri: string): Destination | undefined;
  /** Where a URI itself resolves, without the outbound proxy (a redirection's contact). */
  nextHopDirect(requestUri: string): Destination | undefined;
  /** Where a request inside a dialog goes: its first Route, else its Request-URI (§12.2.1.1). */
  dialogNextHop(req: SipRequest): Destination | undefined;
  /** Starts a client transaction, or notes that there is nowhere to send the request. */
  sendRequest(req: SipRequest, destination: Destination | undefined): ClientTransaction | undefined;
  /** Sends a message outside any transaction (the ACK of a 2xx, a retransmitted 2xx). */
  send(destination: Destination, message: SipRequest | SipResponse, info?: SendInfo): void;
  /** Ends a dialog with BYE (§15.1.1): the BYE's client transaction, if it could be sent. */
  sendBye(dialog: Dialog): ClientTransaction | undefined;
  /** Answers a request in its server transaction (§8.2.6). */
  respond: BaseElement['respond'];
  /**
   * Hands an already-built response to a server transaction (a 2xx sent again, §13.3.1.4, through the
   * Accepted state of RFC 6026); false when the transaction has ended.
   */
  respondWith(tx: ServerTransaction, res: SipResponse): boolean;
  /**
   * The UA core gives up on an INVITE client transaction that got no final response (64·T1 after
   * its CANCEL, §9.1).
   */
  abandon(tx: ClientTransaction): boolean;
  /**
   * Answers a 401/407 with digest credentials (§22.2) and notes it; returns the Authorization or
   * Proxy-Authorization header, or undefined when the challenge cannot be answered.
   */
  authorize(challenge: SipResponse, request: SipRequest): [string, string] | undefined;
}
