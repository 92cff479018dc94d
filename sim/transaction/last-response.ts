/**
 * A server transaction's last response (RFC 3261 §17.2), kept only as long and in the form its state
 * needs: the object while it may be resent from Proceeding or an INVITE's Completed (Timer G); its
 * bytes in a non-INVITE's Completed, where it waits out Timer J (64·T1 over UDP) to answer request
 * retransmissions (§17.2.2); in Accepted (RFC 6026 §8.7), where the TU resends its 2xx itself, only a
 * way to recognise that 2xx; and only its To tag in Confirmed (§17.2.1). Updated in place, as the book.
 */
import { keepBytes, keptMessage, paramValue, type KeptResponse, type SipResponse } from '../codec';

export interface LastResponse {
  last: SipResponse | null;
  /** Completed (non-INVITE): the bytes of the response let go of, parsed again for each resend. */
  bytes?: KeptResponse | undefined;
  /**
   * Accepted: the transactions whose last response is the 2xx let go of (see `heldBy`), this one
   * among them — to tell the TU's retransmission of that 2xx (the very same object) from another.
   */
  holders?: Set<LastResponse> | undefined;
  /** The To tag of the response let go of: an RFC 2543 ACK is matched by it (§17.2.3). */
  toTag?: string | undefined;
}

/**
 * For each 2xx let go of in Accepted, the transactions that sent it last. Keyed weakly by the response:
 * the entry goes with it once the TU no longer holds it (and then it cannot be passed again). A WeakRef
 * would not do: its target is kept alive until the current job ends, which in a simulation run
 * synchronously is the whole run.
 */
const heldBy = new WeakMap<SipResponse, Set<LastResponse>>();

export function newLastResponse(): LastResponse {
  return { last: null };
}

/** The To tag of a response, if it has one (never throws on a malformed To). */
export function toTagOf(response: SipResponse | null): string | undefined {
  try {
    const to = response?.to();
    return to ? (paramValue(to.params, 'tag') ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}

/** The To tag of the last response, whether it is still kept or let go of. */
export function lastToTag(sent: LastResponse): string | undefined {
  return sent.last ? toTagOf(sent.last) : sent.toTag;
}

/** True when `response` is the one sent last (the TU resends the same object). */
export function isLastSent(sent: LastResponse, response: SipResponse): boolean {
  return (
    sent.last === response ||
    (sent.holders?.has(sent) === true && heldBy.get(response) === sent.holders)
  );
}

/** The response to resend on a request retransmission or Timer G, if any. */
export function responseToResend(sent: LastResponse): SipResponse | null {
  if (sent.last) return sent.last;
  return sent.bytes ? keptMessage(sent.bytes) : null;
}

/** Confirmed (§17.2.1): the ACK came, the final response is never resent; only its To tag stays. */
export function letGoOfResponse({ context }: { context: { sent: LastResponse } }): void {
  const sent = context.sent;
  if (sent.last === null) return;
  sent.toTag = toTagOf(sent.last);
  sent.last = null;
}

/**
 * Accepted (RFC 6026 §8.7): no response is resent by the transaction (retransmitted INVITEs are
 * absorbed, the TU resends its 2xx), so the 2xx is let go of; `heldBy` still recognises it.
 */
export function holdResponseWeakly({ context }: { context: { sent: LastResponse } }): void {
  const sent = context.sent;
  const last = sent.last;
  if (last === null) return;
  sent.holders?.delete(sent);
  let holders = heldBy.get(last);
  if (!holders) heldBy.set(last, (holders = new Set()));
  holders.add(sent);
  sent.holders = holders;
  sent.toTag = toTagOf(last);
  sent.last = null;
}

/**
 * Completed of a non-INVITE server transaction (§17.2.2): each retransmitted request gets the final
 * response again for Timer J (64·T1), so its bytes are kept rather than the parsed object — unless
 * they do not parse back into the same response (a response that never parses is kept as it is).
 */
export function keepResponseBytes({ context }: { context: { sent: LastResponse } }): void {
  const sent = context.sent;
  if (sent.last === null) return;
  const bytes = keepBytes(sent.last);
  if ('message' in bytes) return;
  sent.toTag = toTagOf(sent.last);
  sent.bytes = bytes;
  sent.last = null;
}
