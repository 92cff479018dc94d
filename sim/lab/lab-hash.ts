/**
 * A lab's content hash: SHA-256 of its canonical JSON (object keys sorted, no spaces), so the same lab
 * has the same hash however its file was formatted, and a submission names exactly the lab it was
 * made for.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Lab } from './lab-schema';

/** JSON with object keys in sorted order at every level (undefined members left out, as JSON does). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The lab's hash, 64 hexadecimal digits. */
export function labHash(lab: Lab): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(lab))));
}
