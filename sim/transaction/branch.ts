/**
 * Branch parameters (RFC 3261 §8.1.1.7): unique across space and time for all requests an element
 * sends, and starting with the magic cookie "z9hG4bK" so that servers know an RFC 3261 element made it.
 */
import { MAGIC_COOKIE } from '../codec';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** "z9hG4bK" and `length` characters drawn with `random` (a seeded generator, returning [0, 1)). */
export function newBranch(random: () => number, length = 10): string {
  let branch = MAGIC_COOKIE;
  for (let i = 0; i < length; i++) {
    const k = Math.min(ALPHABET.length - 1, Math.max(0, Math.floor(random() * ALPHABET.length)));
    branch += ALPHABET.charAt(k);
  }
  return branch;
}
