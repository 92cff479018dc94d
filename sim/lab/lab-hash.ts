/**
 * A lab's content hash: SHA-256 of the canonical JSON (object keys sorted, no spaces) of the lab as it
 * travels — answers sealed, no reference solution (answer-key.ts) — so the same lab has the same hash
 * however its file was formatted, whether it is read from the instructor's file (answers in clear) or
 * from a link (answers sealed), and a submission names exactly the lab it was made for.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { hasSealedAnswers, sealLab } from './answer-key';
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

function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** The lab's hash, 64 hexadecimal digits: the same for the lab and for its sealed form. */
export function labHash(lab: Lab): string {
  return sha256Hex(canonicalJson(sealLab(lab)));
}

/**
 * The hash a submission carried before answers were sealed (lab format version 1: the whole document,
 * answers and solution included), so a class's earlier submissions still grade. Only a lab in clear has
 * one.
 */
export function legacyLabHash(lab: Lab): string | undefined {
  if (lab.answerSalt !== undefined || hasSealedAnswers(lab)) return undefined;
  return sha256Hex(canonicalJson({ ...lab, version: 1 }));
}
