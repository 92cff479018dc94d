/**
 * Strings cut from a received datagram (RFC 3261 §7: a header value, a branch, a host) are, in V8,
 * slices that keep the whole datagram alive. A value an element keeps long after the message (a
 * transaction's branch and key, a response context's Request-URI) is copied flat first.
 */
export function flatCopy(s: string): string {
  // Short strings are copied by V8 already; JSON's round trip makes a fresh sequential string.
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
