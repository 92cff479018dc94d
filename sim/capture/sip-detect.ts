/**
 * Recognising SIP by content, on any port: a Request-Line "Method SP Request-URI SP SIP-Version" or a
 * Status-Line "SIP-Version SP Status-Code SP" (RFC 3261 §7.1, §7.2). Also the first bytes of what is
 * not read here: a TLS record (RFC 8446 §5.1) and an HTTP Upgrade to WebSocket (RFC 6455 §4, RFC 7118).
 */

/** A start line at the beginning of the string (one line, without its CRLF, is enough). */
const START_LINE =
  /^(?:[-!%*_+`'~.0-9A-Za-z]{1,64} [^ \r\n]*:[^ \r\n]* SIP\/\d{1,3}\.\d{1,3}\r?(?:\n|$)|SIP\/\d{1,3}\.\d{1,3} \d{3}(?:[ \r\n]|$))/i;
/** A start line anywhere, at the beginning of a line (for finding the next message after damage). */
const START_LINE_AFTER_LF =
  /\n(?:[-!%*_+`'~.0-9A-Za-z]{1,64} [^ \r\n]*:[^ \r\n]* SIP\/\d{1,3}\.\d{1,3}\r?\n|SIP\/\d{1,3}\.\d{1,3} \d{3}[ \r\n])/gi;

/** Longest first line tried (a Request-URI may be long, but not this long). */
const MAX_LINE = 4096;

/** True when the wire string, from `at`, starts with a SIP start line. */
export function startsWithSipLine(s: string, at = 0): boolean {
  const c = s.charCodeAt(at);
  // Quick refusal: a method token or "SIP" starts with a letter (most non-SIP payloads stop here).
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  const lf = s.indexOf('\n', at);
  const line = s.slice(
    at,
    lf < 0 ? Math.min(s.length, at + MAX_LINE) : Math.min(lf + 1, at + MAX_LINE),
  );
  return START_LINE.test(line);
}

/** Index of the next start line that begins a line after `from`, or -1. */
export function nextSipLine(s: string, from: number): number {
  START_LINE_AFTER_LF.lastIndex = Math.max(0, from - 1);
  const m = START_LINE_AFTER_LF.exec(s);
  return m === null ? -1 : m.index + 1;
}

/** Index of the first byte that is not CR or LF (keep-alives and §7.5's leading CRLFs). */
export function skipLineEnds(s: string, at = 0): number {
  let i = at;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== 13 && c !== 10) break;
    i++;
  }
  return i;
}

/** A TLS record header: content type 20–23, version 3.x (SSL 3.0 to TLS 1.3's legacy 3.3). */
export function isTlsRecord(b: Uint8Array): boolean {
  return b.length >= 3 && b[0]! >= 20 && b[0]! <= 23 && b[1] === 3 && b[2]! <= 4;
}

/** An HTTP request or response that upgrades the connection to WebSocket. */
export function isWebSocketUpgrade(s: string): boolean {
  if (!/^(?:GET [^\r\n]* HTTP\/1\.\d|HTTP\/1\.\d 101)/.test(s)) return false;
  const head = s.slice(0, 8192);
  return /\r?\nupgrade[ \t]*:[ \t]*websocket/i.test(head);
}
