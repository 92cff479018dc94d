/**
 * The character codes of wire strings (wire.ts) as bytes, for the loops of the parser: a typed array is
 * read faster than a string. They live in two buffers shared by every parse, so no parse allocates
 * one: a buffer's contents are valid until the next call that fills it, and parsing is synchronous.
 *
 * - The message buffer holds the codes of one whole message, the one last framed or read in place,
 *   known by its source string; the value parsers of a message check it is theirs (sourceCodes).
 * - The value buffer holds the codes of one value parsed on its own (codesOf).
 *
 * A character above 0xff (a string that never was a wire string) becomes 0xff, which, like it,
 * belongs to no character class of the grammar; error messages quote the string, not the codes.
 */

import { bytesToWire } from './wire';

const utf8Encoder = new TextEncoder();

let messageBuffer: Uint8Array = new Uint8Array(1024);
/** The string whose codes messageBuffer holds. */
let messageOwner: string | null = null;
let valueBuffer: Uint8Array = new Uint8Array(256);

function room(buffer: Uint8Array, n: number): Uint8Array {
  if (n <= buffer.length) return buffer;
  let size = buffer.length;
  while (size < n) size *= 2;
  return new Uint8Array(size);
}

/**
 * Writes the codes of s into buffer (big enough). One native UTF-8 pass does it for ASCII, several
 * times faster than a loop in script; any other wire string is copied code by code.
 */
function fill(buffer: Uint8Array, s: string): void {
  const n = s.length;
  if (n > 24) {
    const { read, written } = utf8Encoder.encodeInto(s, buffer);
    if (read === n && written === n) return;
  }
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    buffer[i] = c > 0xff ? 0xff : c;
  }
}

/** The codes of a message's source string, in the shared message buffer. */
export function sourceCodes(src: string): Uint8Array {
  if (src !== messageOwner) {
    messageBuffer = room(messageBuffer, src.length);
    fill(messageBuffer, src);
    messageOwner = src;
  }
  return messageBuffer;
}

/** The codes of a value parsed on its own, in the shared value buffer (valid until the next call). */
export function codesOf(s: string): Uint8Array {
  valueBuffer = room(valueBuffer, s.length);
  fill(valueBuffer, s);
  return valueBuffer;
}

/**
 * Text (any Unicode) to the wire string of its UTF-8 bytes, leaving their codes in the message buffer
 * (what parseMessage reads next): for ASCII text, one native pass that also tells it is ASCII (as many
 * bytes as characters), and the text is its own wire string.
 */
export function wireOfText(text: string): string {
  // Room for the worst case, 3 bytes per UTF-16 unit: the whole text is always encoded.
  messageBuffer = room(messageBuffer, text.length * 3);
  const { written } = utf8Encoder.encodeInto(text, messageBuffer);
  const src = written === text.length ? text : bytesToWire(messageBuffer.subarray(0, written));
  messageOwner = src;
  return src;
}

/** Bytes to their wire string, leaving their codes in the message buffer. */
export function wireOfBytes(bytes: Uint8Array): string {
  const src = bytesToWire(bytes);
  messageBuffer = room(messageBuffer, bytes.length);
  messageBuffer.set(bytes);
  messageOwner = src;
  return src;
}
