/**
 * A lab in a URL fragment: its JSON, deflated (fflate), in base64url — so a lab is shared as a link with
 * no server. The lab travels sealed (answer-key.ts): the right answers of its questions are salted
 * hashes and the reference solution stays with the instructor. Decoding only reads data: it checks the
 * length of the fragment, inflates with a cap on the size (a small fragment cannot expand into a huge
 * document), parses the JSON and validates it with parseLab, which reads every version of the lab
 * format (links made before answers were sealed still open). Anything wrong gives a LabError, never a
 * crash.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { sealLab } from './answer-key';
import { LabError } from './lab-error';
import { parseLabText, type Lab } from './lab-schema';
import { MAX_LAB_BYTES, MAX_SHARE_CHARS, kilobytes } from './limits';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

export function base64UrlEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    out += ALPHABET[b0 >> 2];
    out += ALPHABET[((b0 & 3) << 4) | ((b1 ?? 0) >> 4)];
    if (b1 !== undefined) out += ALPHABET[((b1 & 15) << 2) | ((b2 ?? 0) >> 6)];
    if (b2 !== undefined) out += ALPHABET[b2 & 63];
  }
  return out;
}

/** Decodes base64url (no padding; "=" padding is accepted). Throws LabError on a character outside it. */
export function base64UrlDecode(text: string): Uint8Array {
  const s = text.replace(/=+$/, '');
  if (s.length % 4 === 1)
    throw new LabError([
      {
        path: '',
        message:
          'The lab link is cut short (its length is not possible in base64url): copy the whole link.',
      },
    ]);
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const v = VALUE.get(s[i]!);
    if (v === undefined)
      throw new LabError([
        {
          path: '',
          message: `The lab link is damaged: "${s[i]}" at position ${i + 1} is not a base64url character. Copy the link again.`,
        },
      ]);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

/** The fragment for a lab (without "#"): its sealed JSON, deflated at the highest level. */
export function encodeLab(lab: Lab): string {
  return base64UrlEncode(deflateSync(strToU8(JSON.stringify(sealLab(lab))), { level: 9 }));
}

/** Inflates at most `limit` bytes; throws LabError beyond it or on bad data. */
function inflateCapped(data: Uint8Array, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) over = true;
    else chunks.push(chunk);
  });
  try {
    // Small slices: each can expand only so much before the size is checked again.
    const slice = 1024;
    for (let i = 0; i < data.length && !over; i += slice)
      inflater.push(data.subarray(i, i + slice), i + slice >= data.length);
  } catch (e) {
    throw new LabError([
      {
        path: '',
        message: `The lab link is damaged: its data does not inflate (${e instanceof Error ? e.message : String(e)}). Copy the link again.`,
      },
    ]);
  }
  if (over)
    throw new LabError([
      {
        path: '',
        message: `The lab in this link is larger than ${kilobytes(limit)}, the most a lab may be.`,
      },
    ]);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Reads a lab from a link's fragment (with or without "#", or a whole URL): decoded, inflated and
 * validated. Throws LabError naming what is wrong.
 */
export function decodeLab(fragment: string): Lab {
  let text = fragment.trim();
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(hash + 1);
  if (text === '')
    throw new LabError([
      { path: '', message: 'The lab link has no lab in it (nothing after "#").' },
    ]);
  if (text.length > MAX_SHARE_CHARS)
    throw new LabError([
      {
        path: '',
        message: `The lab link is ${text.length} characters long; a lab link may be at most ${MAX_SHARE_CHARS}.`,
      },
    ]);
  const bytes = inflateCapped(base64UrlDecode(text), MAX_LAB_BYTES);
  let json: string;
  try {
    json = strFromU8(bytes);
  } catch {
    throw new LabError([{ path: '', message: 'The lab link is damaged: its text is not UTF-8.' }]);
  }
  return parseLabText(json);
}
