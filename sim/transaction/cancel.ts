/**
 * The CANCEL for a pending INVITE (RFC 3261 §9.1): the same Request-URI, Call-ID, To, From and CSeq
 * number as the INVITE (method CANCEL), a single Via equal to the INVITE's top Via (so the same
 * branch: the server finds the INVITE's transaction by it, §9.2), and the INVITE's Route headers.
 */
import { createRequest, formatVia, type SipRequest } from '../codec';

export function cancelFor(invite: SipRequest): SipRequest {
  // One Via, the INVITE's top one (a Via line may hold several values).
  const headers: [string, string][] = [
    ['Via', formatVia(invite.topVia()!)],
    ['Max-Forwards', '70'],
  ];
  for (const h of invite.headersOf('route')) headers.push(['Route', h.value]);
  headers.push(
    ['From', invite.headerValue('from')!],
    ['To', invite.headerValue('to')!],
    ['Call-ID', invite.headerValue('call-id')!],
    ['CSeq', `${invite.cseq()!.seq} CANCEL`],
  );
  return createRequest('CANCEL', invite.requestUri, headers);
}
