/**
 * IPv4 (RFC 791) and IPv6 (RFC 8200) headers: addresses, the protocol carried, and fragment fields.
 * IPv6 extension headers are walked (hop-by-hop, routing, destination options, fragment, AH,
 * mobility, HIP, shim6) to the upper-layer header; addresses are written as RFC 5952 says.
 */

export const PROTO_IPV4 = 4;
export const PROTO_TCP = 6;
export const PROTO_UDP = 17;
export const PROTO_IPV6 = 41;
const IPV6_FRAGMENT = 44;
const IPV6_NO_NEXT = 59;
const IPV6_AH = 51;
/** Extension headers whose length is (Hdr Ext Len + 1) × 8 bytes. */
const IPV6_OPTION_LIKE = new Set([0, 43, 60, 135, 139, 140]);

export interface IpPacket {
  version: 4 | 6;
  source: string;
  destination: string;
  /** The upper-layer protocol (after IPv6 extension headers; for a fragment, of the whole datagram). */
  protocol: number;
  payload: Uint8Array;
  /** Set for a fragment: the identification, the byte offset of this piece and whether more follow. */
  fragment?: { id: number; offset: number; more: boolean };
  /** The packet was cut by the capture (its length field says more than the frame holds). */
  cut?: { expected: number; captured: number };
}

/** The IP header at the start of `data`, or a string saying why it cannot be read. */
export function parseIp(data: Uint8Array): IpPacket | string {
  if (data.length < 1) return 'empty IP packet';
  const version = data[0]! >> 4;
  if (version === 4) return parseIpv4(data);
  if (version === 6) return parseIpv6(data);
  return `IP version ${version} (expected 4 or 6)`;
}

function parseIpv4(data: Uint8Array): IpPacket | string {
  if (data.length < 20) return `IPv4 header cut short (${data.length} of 20 bytes)`;
  const ihl = (data[0]! & 0x0f) * 4;
  if (ihl < 20) return `IPv4 header length ${ihl} is below 20 bytes`;
  const total = (data[2]! << 8) | data[3]!;
  if (total < ihl) return `IPv4 total length ${total} is shorter than its ${ihl}-byte header`;
  if (data.length < ihl) return `IPv4 header cut short (${data.length} of ${ihl} bytes)`;
  const end = Math.min(total, data.length);
  const flagsOffset = (data[6]! << 8) | data[7]!;
  const more = (flagsOffset & 0x2000) !== 0;
  const offset = (flagsOffset & 0x1fff) * 8;
  const packet: IpPacket = {
    version: 4,
    source: `${data[12]}.${data[13]}.${data[14]}.${data[15]}`,
    destination: `${data[16]}.${data[17]}.${data[18]}.${data[19]}`,
    protocol: data[9]!,
    payload: data.subarray(ihl, end),
  };
  if (more || offset > 0) packet.fragment = { id: (data[4]! << 8) | data[5]!, offset, more };
  if (total > data.length) packet.cut = { expected: total, captured: data.length };
  return packet;
}

function parseIpv6(data: Uint8Array): IpPacket | string {
  if (data.length < 40) return `IPv6 header cut short (${data.length} of 40 bytes)`;
  const payloadLength = (data[4]! << 8) | data[5]!;
  // Payload length 0 with a hop-by-hop header is a jumbogram (RFC 2675): the frame's length is used.
  const expected = payloadLength === 0 && data[6] === 0 ? data.length : 40 + payloadLength;
  const end = Math.min(expected, data.length);
  const walked = walkExtensionHeaders(data[6]!, data.subarray(0, end), 40);
  if (typeof walked === 'string') return walked;
  const packet: IpPacket = {
    version: 6,
    source: ipv6Text(data, 8),
    destination: ipv6Text(data, 24),
    protocol: walked.protocol,
    payload: walked.payload,
  };
  if (walked.fragment) packet.fragment = walked.fragment;
  if (expected > data.length) packet.cut = { expected, captured: data.length };
  return packet;
}

export interface Walked {
  protocol: number;
  payload: Uint8Array;
  fragment?: { id: number; offset: number; more: boolean };
}

/**
 * Follows IPv6 next-header values from `at` to the upper-layer protocol. At a fragment header it
 * stops: the rest is the fragmentable part, walked again once the datagram is reassembled.
 */
export function walkExtensionHeaders(next: number, data: Uint8Array, at: number): Walked | string {
  let nh = next;
  let off = at;
  for (let guard = 0; guard < 64; guard++) {
    if (IPV6_OPTION_LIKE.has(nh) || nh === IPV6_AH) {
      if (off + 2 > data.length) return `IPv6 extension header ${nh} cut short`;
      const length = nh === IPV6_AH ? (data[off + 1]! + 2) * 4 : (data[off + 1]! + 1) * 8;
      if (off + length > data.length)
        return `IPv6 extension header ${nh} (${length} bytes) runs past the packet`;
      nh = data[off]!;
      off += length;
      continue;
    }
    if (nh === IPV6_FRAGMENT) {
      if (off + 8 > data.length) return 'IPv6 fragment header cut short';
      const fo = (data[off + 2]! << 8) | data[off + 3]!;
      const id =
        ((data[off + 4]! << 24) |
          (data[off + 5]! << 16) |
          (data[off + 6]! << 8) |
          data[off + 7]!) >>>
        0;
      return {
        protocol: data[off]!,
        payload: data.subarray(off + 8),
        fragment: { id, offset: fo & 0xfff8, more: (fo & 1) !== 0 },
      };
    }
    if (nh === IPV6_NO_NEXT) return { protocol: nh, payload: data.subarray(data.length) };
    return { protocol: nh, payload: data.subarray(off) };
  }
  return 'more than 64 IPv6 extension headers';
}

/** The 16-byte IPv6 address at `at`, as RFC 5952 writes it (lower case, longest zero run as "::"). */
export function ipv6Text(data: Uint8Array, at: number): string {
  // An IPv4-mapped address keeps its dotted quad (RFC 5952 §5).
  let mapped = data[at + 10] === 0xff && data[at + 11] === 0xff;
  for (let i = 0; mapped && i < 10; i++) if (data[at + i] !== 0) mapped = false;
  if (mapped) return `::ffff:${data[at + 12]}.${data[at + 13]}.${data[at + 14]}.${data[at + 15]}`;
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((data[at + 2 * i]! << 8) | data[at + 2 * i + 1]!);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (g: number[]) => g.map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

/** "address:port", with an IPv6 address in brackets. */
export function endpointText(version: 4 | 6, address: string, port: number): string {
  return version === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}
