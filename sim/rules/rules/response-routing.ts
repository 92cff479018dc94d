/**
 * Where responses go (RFC 3261 §18.2.1, §18.2.2; rport of RFC 3581): a server notes the packet's
 * source in "received" when the top Via's sent-by differs from it, and sends a response over an
 * unreliable transport to the maddr, else the received address, else the sent-by of the top Via.
 */
import { viaParam } from '../../codec';
import {
  formatAddress,
  isIpLiteral,
  responseAddress,
  sameAddress,
  sentByAddress,
  splitAddress,
} from '../model/address';
import { defineRule } from '../rule';
import { what } from '../support/describe';

/** An IP without IPv6 brackets, lower case. */
function bare(host: string): string {
  return host.replace(/^\[|\]$/g, '').toLowerCase();
}

const RELIABLE = new Set(['TCP', 'TLS', 'SCTP', 'WS', 'WSS', 'TLS-SCTP']);

export const responseSentToVia = defineRule(
  {
    id: 'response-sent-to-via',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§18.2.2',
    title:
      "Over an unreliable transport a response goes to the top Via's maddr, else its received address, else its sent-by (port from rport, else sent-by, else 5060).",
  },
  (model, emit) => {
    for (const r of model.messages) {
      const via = r.vias[0];
      if (!r.response || via === undefined || RELIABLE.has(via.transport.toUpperCase())) continue;
      const expected = responseAddress(via, model.settings);
      if (!expected.resolved) continue;
      // Behind a NAT the capture sees the response after translation: back to the Via's own sent-by,
      // or to where the request came from as the capture saw it (symmetric response routing).
      if (
        model.settings.translatedAddresses &&
        (sameAddress(r.destination, sentByAddress(via, model.settings)) ||
          r.tx?.delivered.some((q) => q.source === r.destination))
      )
        continue;
      if (!sameAddress(r.destination, expected))
        emit(
          r,
          `This ${what(r)} was sent to ${r.destination}, but its top Via says it goes to ${formatAddress(expected)}.`,
        );
    }
  },
);

export const viaReceived = defineRule(
  {
    id: 'via-received',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§18.2.1',
    title:
      'A server that receives a request whose top Via sent-by is a host name or another IP than the packet came from adds "received" with that source address.',
  },
  (model, emit) => {
    // The source a server sees cannot be known from a capture taken behind an address translation.
    if (model.settings.translatedAddresses) return;
    for (const tx of model.transactions) {
      const q = tx.delivered[0];
      const r = tx.responses.find((x) => x.source === tx.server);
      const via = r?.vias[0];
      if (!q || !r || via === undefined) continue;
      const source = bare(splitAddress(q.source).host);
      const sentBy = via.host.toLowerCase();
      if (isIpLiteral(sentBy) && bare(sentBy) === source) continue;
      const received = viaParam(via, 'received');
      if (typeof received !== 'string' || bare(received) !== source)
        emit(
          r,
          `The ${tx.method} came from ${source} while its top Via names ${via.host}; the server must add received=${source} to that Via (as this ${what(r)} would show).`,
          [q],
        );
    }
  },
);
