/**
 * The ACK an INVITE client transaction sends for a 300–699 response (RFC 3261 §17.1.1.3). The ACK for
 * a 2xx is the UAC core's, built by the rules of §13.2.2.4, and is not made here.
 */
import { SipRequest, formatVia, type HeaderField, type SipResponse } from '../codec';

function copy(h: HeaderField, value = h.value): HeaderField {
  return { name: h.name, key: h.key, value, raw: null, offset: -1 };
}

/**
 * Request-URI, Call-ID and From equal to the original request's; To from the response (it usually adds
 * the tag); one Via, the top Via of the original request; CSeq with the original number and method
 * ACK; the original Route header fields, so the ACK takes the INVITE's path through stateless
 * proxies. Max-Forwards is kept, as in the RFC's example. Header fields keep the INVITE's order; the
 * ACK has no body (a body in this ACK is NOT RECOMMENDED).
 */
export function ackForNonSuccess(invite: SipRequest, response: SipResponse): SipRequest {
  const headers: HeaderField[] = [];
  const to = response.header('to');
  const cseq = invite.cseq();
  let viaDone = false;
  for (const h of invite.headers) {
    switch (h.key) {
      case 'via': {
        if (viaDone) break;
        viaDone = true;
        // A Via line may hold several values; the ACK has a single Via, the top one.
        const top = invite.topVia();
        const single = invite.headersOf('via').length === 1 && invite.vias().length === 1;
        if (top) headers.push(copy(h, single ? h.value : formatVia(top)));
        break;
      }
      case 'to':
        if (to) headers.push(copy(to));
        break;
      case 'cseq':
        if (cseq) headers.push(copy(h, `${cseq.seq} ACK`));
        break;
      case 'route':
      case 'max-forwards':
      case 'from':
      case 'call-id':
        headers.push(copy(h));
        break;
      default:
        break;
    }
  }
  const ack = new SipRequest('ACK', invite.requestUri, invite.version, headers, '');
  ack.changed = true;
  return ack;
}
