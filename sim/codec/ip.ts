/**
 * IP address literals (RFC 3261 §25.1; RFC 4291 §2.2, which RFC 5118 §4.10 points to because the
 * IPv6address rule of RFC 3261 cannot write an IPv4-compatible address such as "::192.0.2.1"):
 *   IPv4address = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT, each at most 255
 *   IPv6address = eight groups of 1*4HEXDIG separated by ":", one run of zero groups written "::",
 *                 the last two groups possibly written as an IPv4address.
 * The checks read character codes (codes.ts) from start to end.
 */
import { isHex } from './chars';

export function isIPv4Address(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  for (let octet = 0; octet < 4; octet++) {
    if (octet > 0) {
      if (i >= end || b[i] !== 46 /* . */) return false;
      i++;
    }
    const first = i;
    let value = 0;
    while (i < end && b[i]! >= 48 && b[i]! <= 57 && i - first < 3)
      value = value * 10 + (b[i++]! - 48);
    if (i === first || value > 255) return false;
  }
  return i === end;
}

export function isIPv6Address(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  let groups = 0;
  let compressed = false;
  if (end - start >= 2 && b[i] === 58 && b[i + 1] === 58) {
    compressed = true;
    i += 2;
    if (i === end) return true; // "::"
  } else if (i >= end || b[i] === 58) {
    return false;
  }
  for (;;) {
    const first = i;
    while (i < end && isHex(b[i]!)) i++;
    if (i < end && b[i] === 46 /* . */) {
      // The last 32 bits in dotted decimal.
      if (!isIPv4Address(b, first, end)) return false;
      groups += 2;
      break;
    }
    if (i === first || i - first > 4) return false;
    groups++;
    if (i === end) break;
    if (b[i] !== 58 /* : */) return false;
    i++;
    if (i < end && b[i] === 58) {
      if (compressed) return false; // "::" at most once
      compressed = true;
      i++;
      if (i === end) break;
    } else if (i === end) {
      return false; // ends with a single ":"
    }
  }
  // "::" stands for at least one group of zeros.
  return compressed ? groups <= 7 : groups === 8;
}
