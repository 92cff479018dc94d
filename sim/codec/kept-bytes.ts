/**
 * A message kept only to be sent again (the ACK of a 2xx, RFC 3261 §13.2.2.4; a UAS's 2xx once ACKed,
 * §13.3.1.4): its bytes, parsed back for each resend, rather than the parsed message with its header
 * objects — unless the bytes do not parse back into a message of the same kind (then it is kept).
 */
import type { SipMessage, SipRequest, SipResponse } from './message';
import { parseMessage } from './parse';
import { serializeMessage } from './serialize';

export type Kept<M extends SipMessage> =
  { readonly wire: string; readonly kind: M['kind'] } | { readonly message: M };
export type KeptRequest = Kept<SipRequest>;
export type KeptResponse = Kept<SipResponse>;

function parseBack<M extends SipMessage>(wire: string, kind: M['kind']): M | undefined {
  try {
    const again = parseMessage(wire, { wire: true });
    // The kind is the one asked for, so it is an M.
    return again.kind === kind ? (again as M) : undefined;
  } catch {
    return undefined;
  }
}

export function keepBytes<M extends SipMessage>(message: M): Kept<M> {
  const wire = serializeMessage(message);
  return parseBack<M>(wire, message.kind) ? { wire, kind: message.kind } : { message };
}

/** The message to send again: parsed from its bytes (a new object each time). */
export function keptMessage<M extends SipMessage>(kept: Kept<M>): M {
  if ('message' in kept) return kept.message;
  const again = parseBack<M>(kept.wire, kept.kind);
  if (!again) throw new Error('unreachable: the kept bytes were checked to parse back');
  return again;
}
