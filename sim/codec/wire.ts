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

/** Room for the UTF-8 encoding of a text up to the size of a UDP datagram; made on first use. */
let scratch: Uint8Array | null = null;
const SCRATCH_BYTES = 65536;

/** Text (as typed by a person, any Unicode) to a wire string: its UTF-8 bytes. */
export function textToWire(text: string): string {
  if (text.length <= SCRATCH_BYTES) {
    // One native pass both tells ASCII text (as many bytes as characters: the text is its own wire
    // string) and gives the bytes of any other text; several times faster than scanning in script.
    scratch ??= new Uint8Array(SCRATCH_BYTES);
    const { read, written } = utf8Encoder.encodeInto(text, scratch);
    if (read === text.length) {
      if (written === text.length) return text;
      return bytesToWire(scratch.subarray(0, written));
    }
  }
  if (isAscii(text)) return text;
  return bytesToWire(utf8Encoder.encode(text));
}

/** A wire string shown as text: UTF-8 decoded, invalid bytes shown as U+FFFD. */
export function wireToText(wire: string): string {
  if (isAscii(wire)) return wire;
  return utf8Decoder.decode(wireToBytes(wire));
}
