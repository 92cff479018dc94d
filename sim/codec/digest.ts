/**
 * HTTP Digest authentication as SIP uses it (RFC 3261 §22.4, RFC 2617 §3.2.2, RFC 8760 for the
 * algorithm names): MD5 (and SHA-256) with qop "auth" or without qop. Hashes come from @noble/hashes.
 */
import { md5 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { wireToBytes } from './wire';

export type DigestAlgorithm = 'MD5' | 'SHA-256';

export interface DigestInput {
  username: string;
  realm: string;
  password: string;
  method: string;
  /** The digest-uri: the Request-URI as sent (§22.4). */
  uri: string;
  nonce: string;
  algorithm?: DigestAlgorithm;
  /** "auth" or undefined (RFC 2069 compatibility, RFC 2617 §3.2.2.1). */
  qop?: 'auth';
  /** nonce-count as 8 hex digits, e.g. "00000001" (required with qop). */
  nc?: string;
  cnonce?: string;
}

function h(algorithm: DigestAlgorithm, s: string): string {
  // Wire strings: each character is a byte, so user names and passwords in UTF-8 hash as sent.
  const bytes = wireToBytes(s);
  return bytesToHex(algorithm === 'SHA-256' ? sha256(bytes) : md5(bytes));
}

/** request-digest of RFC 2617 §3.2.2.1: KD(H(A1), nonce ":" [nc ":" cnonce ":" qop ":"] H(A2)). */
export function digestResponse(d: DigestInput): string {
  const alg = d.algorithm ?? 'MD5';
  const ha1 = h(alg, `${d.username}:${d.realm}:${d.password}`);
  const ha2 = h(alg, `${d.method}:${d.uri}`);
  if (d.qop === 'auth') {
    if (d.nc === undefined || d.cnonce === undefined)
      throw new Error('qop=auth needs nc and cnonce (RFC 2617 §3.2.2)');
    return h(alg, `${ha1}:${d.nonce}:${d.nc}:${d.cnonce}:${d.qop}:${ha2}`);
  }
  return h(alg, `${ha1}:${d.nonce}:${ha2}`);
}

/** nonce-count formatted as RFC 2617 §3.2.2 writes it: 8 lower-case hex digits. */
export function formatNonceCount(n: number): string {
  return n.toString(16).padStart(8, '0');
}
