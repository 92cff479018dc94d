/**
 * Where a datagram from the bridge's socket enters the simulation (RFC 3261 §18.2.2). Every simulated
 * element's datagrams to the outside leave through the one socket, and a real peer answers the address
 * it heard a request from, so a response can reach the socket on behalf of another element: one whose
 * top Via names a simulated element other than the bridged one goes to that element, as its Via asks.
 * Everything else goes to the bridged element.
 */
import { SipParseError, parseMessage } from '../../sim/codec';
import type { Destination } from '../../sim/network';

export interface SimulatedHost extends Destination {
  name: string;
}

export function arrivalDestination(
  bytes: Uint8Array,
  bridged: SimulatedHost,
  elements: readonly SimulatedHost[],
): SimulatedHost {
  try {
    const msg = parseMessage(bytes);
    if (msg.kind !== 'response') return bridged;
    const via = msg.topVia();
    if (via === undefined) return bridged;
    const port = via.port ?? 5060;
    const host = via.host.toLowerCase();
    return elements.find((e) => e.address === host && e.port === port) ?? bridged;
  } catch (e) {
    // Bytes that are not SIP go to the bridged element, whose codec says what is wrong with them.
    if (e instanceof SipParseError) return bridged;
    throw e;
  }
}
