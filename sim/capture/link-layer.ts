/**
 * Link-layer headers (tcpdump.org LINKTYPE_ values) down to the IP packet they carry: Ethernet with
 * 802.1Q / 802.1ad (QinQ) tags, Linux cooked capture v1 and v2, raw IP, and the BSD loopback headers.
 */

export const LINK_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'BSD loopback (NULL)'],
  [1, 'Ethernet'],
  [12, 'raw IP'],
  [14, 'raw IP'],
  [101, 'raw IP'],
  [108, 'OpenBSD loopback (LOOP)'],
  [113, 'Linux cooked capture (SLL)'],
  [228, 'raw IPv4'],
  [229, 'raw IPv6'],
  [276, 'Linux cooked capture v2 (SLL2)'],
  // Common ones that are not decoded, named in notices.
  [105, 'IEEE 802.11'],
  [127, 'IEEE 802.11 radiotap'],
  [9, 'PPP'],
  [50, 'PPP over serial'],
  [195, 'IEEE 802.15.4'],
  [220, 'USB Linux'],
]);

const SUPPORTED = new Set([0, 1, 12, 14, 101, 108, 113, 228, 229, 276]);

export function isSupportedLinkType(linkType: number): boolean {
  return SUPPORTED.has(linkType);
}

export function linkTypeName(linkType: number): string {
  return LINK_TYPE_NAMES.get(linkType) ?? `link type ${linkType}`;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);
/** Address families of the loopback header: AF_INET everywhere, AF_INET6 as Linux and the BSDs number it. */
const AF_INET = 2;
const AF_INET6 = new Set([10, 24, 28, 30]);

/**
 * The IP packet in a frame: a view of `data`, null when the frame carries something else (ARP, ...),
 * or a string saying why the frame cannot be read.
 */
export function ipPacketOf(linkType: number, data: Uint8Array): Uint8Array | null | string {
  switch (linkType) {
    case 1:
      if (data.length < 14)
        return `Ethernet frame of ${data.length} bytes, shorter than its 14-byte header`;
      return afterEthertype(data, 12);
    case 113:
      if (data.length < 16)
        return `Linux cooked (SLL) frame of ${data.length} bytes, shorter than its 16-byte header`;
      return afterEthertype(data, 14);
    case 276: {
      if (data.length < 20)
        return `Linux cooked v2 (SLL2) frame of ${data.length} bytes, shorter than its 20-byte header`;
      const type = (data[0]! << 8) | data[1]!;
      return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? data.subarray(20) : null;
    }
    case 0:
    case 108: {
      if (data.length < 4)
        return `loopback frame of ${data.length} bytes, shorter than its 4-byte header`;
      const be = ((data[0]! << 24) | (data[1]! << 16) | (data[2]! << 8) | data[3]!) >>> 0;
      const le = ((data[3]! << 24) | (data[2]! << 16) | (data[1]! << 8) | data[0]!) >>> 0;
      // LOOP is always in network byte order; NULL is in the byte order of the machine that captured.
      const family = linkType === 108 || be <= 0xffff ? be : le;
      if (family === AF_INET || AF_INET6.has(family)) return data.subarray(4);
      return null;
    }
    case 12:
    case 14:
    case 101:
    case 228:
    case 229:
      return data;
    default:
      return null;
  }
}

function afterEthertype(data: Uint8Array, at: number): Uint8Array | null | string {
  let type = (data[at]! << 8) | data[at + 1]!;
  let off = at + 2;
  while (VLAN_TAGS.has(type)) {
    if (off + 4 > data.length) return 'VLAN tag cut short';
    type = (data[off + 2]! << 8) | data[off + 3]!;
    off += 4;
  }
  return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? data.subarray(off) : null;
}
