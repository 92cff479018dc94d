/**
 * Character classes of the RFC 3261 grammar (§25.1), as a 256-entry bit table so the parser tests a
 * byte with one lookup instead of a regular expression.
 */

export const ALPHA = 1;
export const DIGIT = 2;
/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
export const TOKEN = 4;
/** unreserved = alphanum / mark; mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")" */
export const UNRESERVED = 8;
/** user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/" */
export const USER_UNRESERVED = 16;
/** param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$" */
export const PARAM_UNRESERVED = 32;
/** hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$" */
export const HNV_UNRESERVED = 64;
/** word (Call-ID) = token chars plus "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}" */
export const WORD = 128;
/** password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," ) */
export const PASSWORD = 256;
/** hostname characters: alphanum, "-" and "." */
export const HOST = 512;
/** uric (RFC 2396) minus "%", used for opaque absolute URIs: reserved / unreserved */
export const URIC = 1024;
/** characters allowed in tel URI numbers and their parameters (RFC 3966, loosely) */
export const TEL = 2048;

export const CLASS = new Uint16Array(256);

function mark(chars: string, bit: number): void {
  for (let i = 0; i < chars.length; i++) {
    const c = chars.charCodeAt(i);
    CLASS[c] = (CLASS[c] ?? 0) | bit;
  }
}

const alpha = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const digit = '0123456789';
const alnum = alpha + digit;
mark(alpha, ALPHA);
mark(digit, DIGIT);
mark(alnum + "-.!%*_+`'~", TOKEN);
mark(alnum + "-_.!~*'()", UNRESERVED);
mark('&=+$,;?/', USER_UNRESERVED);
mark('[]/:&+$', PARAM_UNRESERVED);
mark('[]/?:+$', HNV_UNRESERVED);
mark(alnum + '-.!%*_+`\'~()<>:\\"/[]?{}', WORD);
mark(alnum + "-_.!~*'()&=+$,", PASSWORD);
mark(alnum + '-.', HOST);
mark(alnum + "-_.!~*'();/?:@&=+$,[]", URIC);
mark(alnum + "-.()+*#;=%!~_'/:&$,[]?@", TEL);

/** Whether character code c (a byte of a wire string; anything above 255 is in no class) has the class bit. */
export function is(c: number, bit: number): boolean {
  return c < 256 && (CLASS[c]! & bit) !== 0;
}

export function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

export const SP = 32;
export const HTAB = 9;
export const CR = 13;
export const LF = 10;
export const DQUOTE = 34;
export const BACKSLASH = 92;

export function isWs(c: number): boolean {
  return c === SP || c === HTAB;
}

/** True when every character of s belongs to the class (and s is not empty). */
export function allOf(s: string, bit: number): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    if (!is(s.charCodeAt(i), bit)) return false;
  }
  return true;
}

export function isToken(s: string): boolean {
  return allOf(s, TOKEN);
}
