/**
 * A host on the simulated network that is not a SIP element: it sends whatever bytes a test gives it
 * (through Network.injectDatagram, so links, faults and the trace see them) and keeps what it receives.
 */
import type { SipMessage, SipResponse } from '../../../sim/codec';
import type { Destination, Endpoint, Network, Received } from '../../../sim/network';

export class FakeEndpoint implements Endpoint {
  readonly received: Received[] = [];

  constructor(
    private readonly network: Network,
    readonly name = 'mallory',
    readonly address = '10.9.9.9',
    readonly port = 5060,
  ) {
    network.attach(this);
  }

  receive(datagram: Received): void {
    this.received.push(datagram);
  }

  /** Sends raw text (CRLF line ends and all) to an address. */
  send(destination: Destination | { address: string; port?: number }, raw: string): void {
    this.network.injectDatagram(
      this,
      { address: destination.address, port: destination.port ?? 5060 },
      raw,
    );
  }

  messages(): SipMessage[] {
    return this.received.flatMap((d) => (d.message ? [d.message] : []));
  }

  responses(): SipResponse[] {
    return this.messages().filter((m): m is SipResponse => m.kind === 'response');
  }
}

/** A request as text, from the fake endpoint, with every header a request must have (§8.1.1). */
export function rawRequest(
  startLine: string,
  opts: {
    method?: string;
    extra?: string[];
    branch?: string;
    vias?: string[];
    maxForwards?: number;
    to?: string;
    callId?: string;
    cseq?: number;
    body?: string;
  } = {},
): string {
  const method = opts.method ?? startLine.split(' ')[0]!;
  const body = opts.body ?? '';
  return [
    startLine,
    `Via: SIP/2.0/UDP 10.9.9.9:5060;branch=${opts.branch ?? 'z9hG4bKmallory1'}`,
    ...(opts.vias ?? []).map((v) => `Via: ${v}`),
    `Max-Forwards: ${opts.maxForwards ?? 70}`,
    'From: <sip:mallory@evil.example.com>;tag=m1',
    `To: ${opts.to ?? '<sip:alice@a.example.com>'}`,
    `Call-ID: ${opts.callId ?? 'bad-input-1@10.9.9.9'}`,
    `CSeq: ${opts.cseq ?? 1} ${method}`,
    ...(opts.extra ?? []),
    `Content-Length: ${body.length}`,
    '',
    body,
  ].join('\r\n');
}
