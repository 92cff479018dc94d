/**
 * A message kept only to be sent again (the ACK of a 2xx, RFC 3261 §13.2.2.4): its bytes, parsed back
 * for each resend, rather than the parsed message with its header objects — unless the bytes do not
 * parse back into a request (then the message itself is kept).
 */
import { isRequest, type SipRequest } from './message';
import { parseMessage } from './parse';
import { serializeMessage } from './serialize';

export type KeptRequest = { readonly wire: string } | { readonly request: SipRequest };

export function keepRequestBytes(request: SipRequest): KeptRequest {
  const wire = serializeMessage(request);
  try {
    if (isRequest(parseMessage(wire, { wire: true }))) return { wire };
  } catch {
    // Not parseable: kept as it is.
  }
  return { request };
}

/** The request to send again: parsed from its bytes (a new object each time). */
export function keptRequest(kept: KeptRequest): SipRequest {
  if ('request' in kept) return kept.request;
  const again = parseMessage(kept.wire, { wire: true });
  if (!isRequest(again))
    throw new Error('unreachable: the kept bytes were checked to be a request');
  return again;
}
