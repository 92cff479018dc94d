import { describe, expect, it } from 'vitest';
import { parseViaList } from '../../../sim/codec';
import { responseDestination } from '../../../sim/transaction';

function via(value: string) {
  return parseViaList(value)[0]!;
}

describe('responseDestination (RFC 3261 §18.2.2, RFC 3581 §4)', () => {
  it.each([
    // sent-by alone: its host and port, or 5060
    ['SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1', 'pc33.atlanta.com', 5060],
    ['SIP/2.0/UDP pc33.atlanta.com:5070;branch=z9hG4bK1', 'pc33.atlanta.com', 5070],
    ['SIP/2.0/TLS pc33.atlanta.com;branch=z9hG4bK1', 'pc33.atlanta.com', 5061],
    ['SIP/2.0/UDP [2001:db8::9]:5070;branch=z9hG4bK1', '2001:db8::9', 5070],
    // received: that address, at the sent-by port (or 5060)
    ['SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1;received=192.0.2.1', '192.0.2.1', 5060],
    ['SIP/2.0/UDP pc33.atlanta.com:5080;branch=z9hG4bK1;received=192.0.2.1', '192.0.2.1', 5080],
    // received with rport: the port the request came from
    [
      'SIP/2.0/UDP pc33.atlanta.com:5080;branch=z9hG4bK1;received=192.0.2.1;rport=40000',
      '192.0.2.1',
      40000,
    ],
    // rport asked for but not filled in: ignored
    ['SIP/2.0/UDP pc33.atlanta.com:5080;branch=z9hG4bK1;rport', 'pc33.atlanta.com', 5080],
    // maddr wins over received, with the sent-by port
    [
      'SIP/2.0/UDP pc33.atlanta.com;maddr=224.2.0.1;ttl=16;received=192.0.2.1;branch=z9hG4bK1',
      '224.2.0.1',
      5060,
    ],
    ['SIP/2.0/UDP pc33.atlanta.com:4000;maddr=224.2.0.1;branch=z9hG4bK1', '224.2.0.1', 4000],
  ])('%s → %s:%i', (value, address, port) => {
    expect(responseDestination(via(value))).toEqual({ address, port });
  });
});
