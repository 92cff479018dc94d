/**
 * Parsers for the remaining typed header values of RFC 3261 §20 (grammar §25.1): CSeq, Call-ID,
 * Max-Forwards, Expires, Content-Length, Content-Type, option-tag and method lists, Event and
 * Subscription-State (RFC 6665), Warning, Date, Retry-After. Each throws ValueParseError.
 */
import { CLASS, DIGIT, TOKEN, WORD, isToken } from './chars';
import { ValueParseError } from './errors';
import { parseGenericParams, type Param } from './params';
import { Scanner } from './scanner';
import { wordAt, wordIndex, wordTable } from './words';

export interface CSeq {
  seq: number;
  method: string;
}

/** The methods of RFC 3261 and its common extensions, as shared constants. */
export const METHODS = wordTable([
  'INVITE',
  'ACK',
  'BYE',
  'CANCEL',
  'REGISTER',
  'OPTIONS',
  'SUBSCRIBE',
  'NOTIFY',
  'MESSAGE',
  'INFO',
  'PRACK',
  'UPDATE',
  'REFER',
  'PUBLISH',
]);

/** CSeq = 1*DIGIT LWS Method; the number must be below 2**31 (§8.1.1.5). */
export function parseCSeq(value: string): CSeq {
  return cseqIn(Scanner.of(value));
}

export function cseqIn(sc: Scanner): CSeq {
  sc.skipWs();
  const start = sc.pos;
  const end = sc.over(start, DIGIT);
  if (end === start)
    sc.fail(
      'CSeq does not start with a sequence number',
      'CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16)',
    );
  let seq = 0;
  // Up to 10 digits the number is exact in a double; more are too large anyway.
  if (end - start <= 10) for (let i = start; i < end; i++) seq = seq * 10 + (sc.b[i]! - 48);
  if (end - start > 10 || seq >= 2 ** 31) {
    const digits = sc.s.slice(start, end);
    throw new ValueParseError(
      `CSeq sequence number ${digits.length > 24 ? digits.slice(0, 24) + '…' : digits} is too large`,
      0,
      'a sequence number below 2**31 (RFC 3261 §8.1.1.5)',
    );
  }
  sc.pos = end;
  if (!sc.skipWs())
    sc.fail(
      'missing whitespace between CSeq number and method',
      'CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16)',
    );
  const methodStart = sc.pos;
  const methodEnd = sc.over(methodStart, TOKEN);
  if (methodEnd === methodStart)
    sc.token('the request method after the CSeq number (RFC 3261 §20.16)'); // throws
  sc.pos = methodEnd;
  const method = wordAt(METHODS, sc.s, sc.b, methodStart, methodEnd);
  sc.expectEnd('the end of the CSeq value (RFC 3261 §20.16)');
  return { seq, method };
}

/** callid = word [ "@" word ] (RFC 3261 §20.8) */
export function parseCallId(value: string): string {
  return callIdIn(Scanner.of(value), value);
}

/** Checks the Call-ID the scanner holds; returns `value`, the same characters as a string. */
export function callIdIn(sc: Scanner, value: string): string {
  const b = sc.b;
  const start = sc.base;
  const end = sc.end;
  const table = CLASS;
  let at = -1;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c === 64 && at < 0 && i > start) {
      at = i;
      continue;
    }
    if ((table[c]! & WORD) === 0) {
      throw new ValueParseError(
        c === 32 || c === 9 ? 'whitespace inside Call-ID' : `unexpected "${sc.s[i]}" in Call-ID`,
        i - start,
        'callid = word [ "@" word ] (RFC 3261 §20.8)',
      );
    }
  }
  if (end === start || at === end - 1)
    throw new ValueParseError(
      'empty Call-ID',
      end - start,
      'callid = word [ "@" word ] (RFC 3261 §20.8)',
    );
  return value;
}

/** 1*DIGIT, as used by Max-Forwards, Expires, Content-Length, Min-Expires. Returns a number (may be huge). */
export function parseDigits(value: string, rule: string): number {
  return digitsIn(Scanner.of(value), rule);
}

export function digitsIn(sc: Scanner, rule: string): number {
  sc.skipWs();
  if (sc.peek() === 45) sc.fail('negative number', rule);
  const start = sc.pos;
  const end = sc.over(start, DIGIT);
  if (end === start) sc.fail(sc.done ? 'empty value' : `unexpected "${sc.s[sc.pos]}"`, rule);
  sc.pos = end;
  sc.expectEnd(rule);
  // Up to 15 digits the number is exact in a double; beyond, Number() rounds it as it always did.
  if (end - start > 15) return Number(sc.s.slice(start, end));
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + (sc.b[i]! - 48);
  return n;
}

export const MAX_FORWARDS_RULE = 'Max-Forwards = 1*DIGIT, from 0 to 255 (RFC 3261 §20.22)';

export function parseMaxForwards(value: string): number {
  return maxForwardsIn(Scanner.of(value));
}

export function maxForwardsIn(sc: Scanner): number {
  const n = digitsIn(sc, MAX_FORWARDS_RULE);
  if (n > 255) throw new ValueParseError(`Max-Forwards ${n} is above 255`, 0, MAX_FORWARDS_RULE);
  return n;
}

export interface MediaType {
  type: string;
  subtype: string;
  params: Param[];
}

/** media-type = m-type SLASH m-subtype *( SEMI m-parameter ) (RFC 3261 §20.15) */
export function parseMediaType(value: string): MediaType {
  return mediaTypeIn(Scanner.of(value));
}

/** Media types and subtypes as bodies here have them (lower case, as the codec keeps them). */
const MEDIA_WORDS = wordTable([
  'application',
  'sdp',
  'text',
  'plain',
  'message',
  'sipfrag',
  'sip',
  'multipart',
  'mixed',
  'alternative',
  'related',
  'pidf+xml',
]);

/** A token, lower-cased (a common media word as written is its own lower case: no call then). */
function lowerToken(sc: Scanner, expected: string): string {
  const start = sc.pos;
  const end = sc.over(start, TOKEN);
  if (end === start) sc.token(expected); // throws: no token here
  sc.pos = end;
  const index = wordIndex(MEDIA_WORDS, sc.b, start, end);
  return index >= 0 ? MEDIA_WORDS.words[index]! : sc.s.slice(start, end).toLowerCase();
}

export function mediaTypeIn(sc: Scanner): MediaType {
  sc.skipWs();
  const type = lowerToken(sc, 'm-type, e.g. "application" (RFC 3261 §20.15)');
  sc.expectSep(47, 'SLASH between media type and subtype (RFC 3261 §20.15)');
  const subtype = lowerToken(sc, 'm-subtype, e.g. "sdp" (RFC 3261 §20.15)');
  const params = parseGenericParams(sc);
  sc.expectEnd('";" and a parameter, or the end of the value (RFC 3261 §20.15)');
  return { type, subtype, params };
}

/** A comma-separated list of tokens (Allow, Supported, Require, Proxy-Require, Unsupported, Content-Encoding, Allow-Events). Empty is allowed. */
export function parseTokenList(value: string, rule: string): string[] {
  return tokenListIn(Scanner.of(value), rule);
}

export function tokenListIn(sc: Scanner, rule: string): string[] {
  sc.skipWs();
  if (sc.done) return [];
  const out: string[] = [sc.token(rule)];
  while (sc.sep(44)) out.push(sc.token(rule));
  sc.expectEnd(rule);
  return out;
}

export interface EventValue {
  /** event-type, e.g. "presence" (RFC 6665 §8.4). */
  type: string;
  params: Param[];
}

export function parseEvent(value: string): EventValue {
  return eventIn(Scanner.of(value));
}

export function eventIn(sc: Scanner): EventValue {
  sc.skipWs();
  const type = sc.token('event-type = event-package *( "." event-template ) (RFC 6665 §8.4)');
  const params = parseGenericParams(sc);
  sc.expectEnd('";" and an event-param, or the end (RFC 6665 §8.4)');
  return { type, params };
}

export interface SubscriptionState {
  /** "active", "pending", "terminated" or an extension. */
  state: string;
  params: Param[];
}

export function parseSubscriptionState(value: string): SubscriptionState {
  return subscriptionStateIn(Scanner.of(value));
}

export function subscriptionStateIn(sc: Scanner): SubscriptionState {
  sc.skipWs();
  const state = sc
    .token('substate-value = "active" / "pending" / "terminated" / extension (RFC 6665 §8.4)')
    .toLowerCase();
  const params = parseGenericParams(sc);
  sc.expectEnd('";" and a subexp-param, or the end (RFC 6665 §8.4)');
  return { state, params };
}

export interface Warning {
  code: number;
  agent: string;
  text: string;
}

const WARNING_RULE =
  'warning-value = warn-code SP warn-agent SP warn-text, warn-code = 3DIGIT (RFC 3261 §20.43)';

export function parseWarnings(value: string): Warning[] {
  return warningsIn(Scanner.of(value));
}

export function warningsIn(sc: Scanner): Warning[] {
  const out: Warning[] = [];
  for (;;) {
    sc.skipWs();
    const code = sc.run(DIGIT);
    if (code.length !== 3)
      sc.fail(`warn-code "${code}" is not three digits`, WARNING_RULE, sc.pos - code.length);
    if (!sc.skipWs()) sc.fail('missing space after warn-code', WARNING_RULE);
    const start = sc.pos;
    while (!sc.done && sc.peek() !== 32 && sc.peek() !== 9) sc.pos++;
    const agent = sc.s.slice(start, sc.pos);
    if (agent === '') sc.fail('missing warn-agent', WARNING_RULE);
    sc.skipWs();
    const text = sc.quotedString();
    out.push({ code: Number(code), agent, text });
    if (!sc.sep(44)) break;
  }
  sc.expectEnd(WARNING_RULE);
  return out;
}

export { parseDate } from './sip-date';

export interface RetryAfter {
  seconds: number;
  comment: string | null;
  params: Param[];
}

const RETRY_RULE =
  'Retry-After = delta-seconds [ comment ] *( SEMI retry-param ) (RFC 3261 §20.33)';

export function parseRetryAfter(value: string): RetryAfter {
  return retryAfterIn(Scanner.of(value));
}

export function retryAfterIn(sc: Scanner): RetryAfter {
  sc.skipWs();
  const d = sc.run(DIGIT);
  if (d === '') sc.fail('Retry-After does not start with a number of seconds', RETRY_RULE);
  if (d.length > 10 || Number(d) > 2 ** 32 - 1)
    throw new ValueParseError(
      `Retry-After ${d.slice(0, 20)}… is too large`,
      0,
      'delta-seconds up to 2**32-1 (RFC 3261 §20.33)',
    );
  sc.skipWs();
  let comment: string | null = null;
  if (sc.peek() === 40 /* ( */) {
    let depth = 0;
    const start = sc.pos;
    while (!sc.done) {
      const c = sc.peek();
      if (c === 92) sc.pos++;
      else if (c === 40) depth++;
      else if (c === 41) {
        depth--;
        if (depth === 0) {
          sc.pos++;
          break;
        }
      }
      sc.pos++;
    }
    if (depth !== 0) sc.fail('comment is not closed', RETRY_RULE, start);
    comment = sc.s.slice(start + 1, sc.pos - 1);
  }
  const params = parseGenericParams(sc);
  sc.expectEnd(RETRY_RULE);
  return { seconds: Number(d), comment, params };
}

/** Checks that a method name is a token (Method = INVITEm / ... / extension-method, §25.1). */
export function isMethod(s: string): boolean {
  return isToken(s);
}
