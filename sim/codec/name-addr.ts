/**
 * name-addr / addr-spec with header parameters (RFC 3261 §20.10, §20.20, §20.39, grammar §25.1):
 * the shape of From, To, Contact, Route, Record-Route and Reply-To values.
 *   name-addr = [ display-name ] LAQUOT addr-spec RAQUOT
 *   display-name = *(token LWS) / quoted-string
 */
import { CLASS, TOKEN } from './chars';
import { formatParams, parseGenericParams, quote, type Param } from './params';
import { Scanner } from './scanner';
import { formatUri, type Uri } from './uri';
import { parseUriIn } from './uri-parse';

export interface NameAddr {
  /** Display name without its quotes (a wire string: decode with wireToText to show it), or null. */
  displayName: string | null;
  uri: Uri;
  /** Header parameters after the address (tag, expires, q, lr is a URI parameter inside <>). */
  params: Param[];
}

/** A Contact value: an address, or the "*" of a REGISTER that removes every binding (§10.2.2). */
export type ContactValue = NameAddr | { star: true };

const NAME_ADDR = 'name-addr = [ display-name ] "<" addr-spec ">" or addr-spec (RFC 3261 §25.1)';

/** Parses one name-addr or addr-spec followed by its parameters. In a list, stops before the comma. */
export function parseNameAddrAt(sc: Scanner): NameAddr {
  sc.skipWs();
  const s = sc.s;
  const b = sc.b;
  const end = sc.end;
  let displayName: string | null = null;
  let c = sc.peek();
  if (c === 34 /* " */) {
    displayName = sc.quotedString();
    sc.skipWs();
    if (sc.peek() !== 60)
      sc.fail(
        sc.done
          ? 'missing "<" after the display name'
          : `unexpected "${s[sc.pos]}" after the display name`,
        NAME_ADDR,
      );
  } else if (c !== 60 /* < */) {
    // Either display-name tokens followed by "<", or a bare addr-spec.
    const table = CLASS;
    let k = sc.pos;
    while (k < end) {
      const ch = b[k]!;
      if ((table[ch]! & TOKEN) === 0 && ch !== 32 && ch !== 9) break;
      k++;
    }
    if (k < end && b[k] === 60) {
      // The run starts at a token character (whitespace was skipped): trim its end only.
      let e = k;
      while (e > sc.pos && (b[e - 1] === 32 || b[e - 1] === 9)) e--;
      displayName = s.slice(sc.pos, e);
      sc.pos = k;
    }
  }
  c = sc.peek();
  let uri: Uri;
  if (c === 60) {
    // A native search; what it finds past the value (in the next header) is no closing ">".
    let close = s.indexOf('>', sc.pos + 1);
    if (close >= end) close = -1;
    if (close < 0) sc.fail('"<" is not closed by ">"', NAME_ADDR);
    uri = parseUriIn(s, b, sc.pos + 1, close, sc.base);
    sc.pos = close + 1;
  } else {
    // addr-spec without brackets: the URI cannot hold ",", ";" or "?" here (§20), so it ends at the first
    // of ";", "," or whitespace.
    const start = sc.pos;
    let k = start;
    while (k < end) {
      const ch = b[k]!;
      if (ch === 59 || ch === 44 || ch === 32 || ch === 9) break;
      k++;
    }
    if (k === start) sc.fail(sc.done ? 'missing address' : `unexpected "${s[k]}"`, NAME_ADDR);
    uri = parseUriIn(s, b, start, k, sc.base);
    sc.pos = k;
  }
  const params = parseGenericParams(sc);
  return { displayName, uri, params };
}

/** A whole From / To / Reply-To value: exactly one address. */
export function parseNameAddr(value: string): NameAddr {
  return nameAddrIn(Scanner.of(value));
}

/** nameAddr over a value the scanner holds (in place in a message). */
export function nameAddrIn(sc: Scanner): NameAddr {
  const na = parseNameAddrAt(sc);
  sc.expectEnd('";" and a parameter, or the end of the value (RFC 3261 §25.1)');
  return na;
}

/** A comma-separated list of addresses (Contact, Route, Record-Route). */
export function parseNameAddrList(value: string): NameAddr[] {
  return nameAddrListIn(Scanner.of(value));
}

export function nameAddrListIn(sc: Scanner): NameAddr[] {
  // One address per line is usual: an array of exactly one then.
  const out: NameAddr[] = [parseNameAddrAt(sc)];
  while (sc.sep(44)) out.push(parseNameAddrAt(sc));
  sc.expectEnd('",", ";" or the end of the value (RFC 3261 §25.1)');
  return out;
}

export function parseContactList(value: string): ContactValue[] {
  return contactListIn(Scanner.of(value));
}

export function contactListIn(sc: Scanner): ContactValue[] {
  // Contact: * (§10.2.2), with whitespace around it as String.prototype.trim sees it. Only a value
  // whose first non-space character is "*" can be one, so most values skip the trim.
  let i = sc.pos;
  const b = sc.b;
  while (i < sc.end && isTrimmed(b[i]!)) i++;
  if (i < sc.end && b[i] === 42 /* * */ && sc.text().trim() === '*') return [{ star: true }];
  return nameAddrListIn(sc);
}

/** Codes String.prototype.trim may remove (0xff stands for any character above it). */
function isTrimmed(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xff;
}

export function isStar(c: ContactValue): c is { star: true } {
  return 'star' in c;
}

export function formatNameAddr(na: NameAddr): string {
  let out = '';
  if (na.displayName !== null && na.displayName !== '') {
    out += /^[A-Za-z0-9\-.!%*_+`'~ ]+$/.test(na.displayName)
      ? na.displayName
      : quote(na.displayName);
    out += ' ';
  }
  return out + '<' + formatUri(na.uri) + '>' + formatParams(na.params);
}

export function formatContact(c: ContactValue): string {
  return isStar(c) ? '*' : formatNameAddr(c);
}
