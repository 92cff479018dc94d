/**
 * The codec works on "wire strings": JavaScript strings in which each character is one byte (0–255) of
 * the message as sent. This keeps every byte intact (a non-UTF-8 byte in a quoted string or a body is
 * never replaced), lets the parser use fast string operations, and makes Content-Length a string length.
 * Text for people (display names, reason phrases, bodies) is decoded from UTF-8 only when shown.
 */

const utf8Decoder = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

/** Bytes to a wire string. */
export function bytesToWire(bytes: Uint8Array): string {
  // Fast path: ASCII decodes the same in every encoding.
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] as number) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return utf8Decoder.decode(bytes);
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + CHUNK)));
  }
  return out;
}

/** A wire string back to its bytes. */
export function wireToBytes(wire: string): Uint8Array {
  const out = new Uint8Array(wire.length);
  for (let i = 0; i < wire.length; i++) out[i] = wire.charCodeAt(i) & 0xff;
  return out;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** True when no character is above 0x7f (a regular expression scan is several times faster than a loop here). */
export function isAscii(s: string): boolean {
  return !NON_ASCII.test(s);
}

/** Text (as typed by a person, any Unicode) to a wire string: its UTF-8 bytes. */
export function textToWire(text: string): string {
  if (isAscii(text)) return text;
  return bytesToWire(utf8Encoder.encode(text));
}

/** A wire string shown as text: UTF-8 decoded, invalid bytes shown as U+FFFD. */
export function wireToText(wire: string): string {
  if (isAscii(wire)) return wire;
  return utf8Decoder.decode(wireToBytes(wire));
}
