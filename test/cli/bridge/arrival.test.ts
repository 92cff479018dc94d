/**
 * Where a datagram from the bridge's socket enters: the bridged element, except a response whose top
 * Via names another simulated element (RFC 3261 §18.2.2).
 */
import { describe, expect, it } from 'vitest';
import { arrivalDestination } from '@/cli/bridge/arrival';

const bridged = { name: 'proxy', address: '127.0.0.1', port: 5070 };
const hosts = [bridged, { name: 'alice', address: '10.0.0.10', port: 5060 }];
const bytes = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n') + '\r\n\r\n');

function response(via: string): Uint8Array {
  return bytes([
    'SIP/2.0 200 OK',
    `Via: ${via}`,
    'From: <sip:alice@a.example.com>;tag=1',
    'To: <sip:sipp@b.example.com>;tag=2',
    'Call-ID: c1',
    'CSeq: 2 BYE',
    'Content-Length: 0',
  ]);
}

describe('arrivalDestination', () => {
  it('a response whose top Via names another element goes to it (port 5060 when the Via has none)', () => {
    expect(
      arrivalDestination(response('SIP/2.0/UDP 10.0.0.10;branch=z9hG4bK1'), bridged, hosts),
    ).toBe(hosts[1]);
    expect(
      arrivalDestination(response('SIP/2.0/UDP 10.0.0.10:5060;branch=z9hG4bK1'), bridged, hosts),
    ).toBe(hosts[1]);
  });

  it('a response for the bridged element, or for no element, goes to the bridged element', () => {
    for (const via of [
      'SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1',
      'SIP/2.0/UDP 10.0.0.10:5061;branch=z9hG4bK1',
      'SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK1',
    ])
      expect(arrivalDestination(response(via), bridged, hosts)).toBe(bridged);
  });

  it('requests, and bytes that are not SIP, go to the bridged element', () => {
    const request = bytes([
      'OPTIONS sip:proxy@127.0.0.1:5070 SIP/2.0',
      'Via: SIP/2.0/UDP 10.0.0.10;branch=z9hG4bK1',
      'From: <sip:a@a.example.com>;tag=1',
      'To: <sip:b@b.example.com>',
      'Call-ID: c2',
      'CSeq: 1 OPTIONS',
      'Max-Forwards: 70',
      'Content-Length: 0',
    ]);
    expect(arrivalDestination(request, bridged, hosts)).toBe(bridged);
    expect(arrivalDestination(new Uint8Array([0, 1, 2, 255]), bridged, hosts)).toBe(bridged);
    expect(arrivalDestination(response('not a via at all'), bridged, hosts)).toBe(bridged);
  });
});
