/**
 * The typed parser of each header field the codec understands (RFC 3261 §20, RFC 6665 §8.4), by key.
 * A field parser reads a value held by a Scanner: in place inside the received message, or a string
 * of its own (a folded value, or one set by code). Validation runs each field through its parser once;
 * the typed accessors of SipMessage then find the result on the field.
 */
import { authIn } from './auth';
import { longName } from './header-names';
import {
  callIdIn,
  cseqIn,
  digitsIn,
  eventIn,
  maxForwardsIn,
  mediaTypeIn,
  parseDate,
  retryAfterIn,
  subscriptionStateIn,
  tokenListIn,
  warningsIn,
} from './header-values';
import { contactListIn, nameAddrIn, nameAddrListIn } from './name-addr';
import type { Scanner } from './scanner';
import { viaListIn } from './via';

/** Parses the value the scanner holds (`value` is the same characters as a string). */
export type FieldParser<T> = (sc: Scanner, value: string) => T;

export function expiresIn(sc: Scanner): number {
  return digitsIn(sc, 'Expires = delta-seconds (RFC 3261 §20.19)');
}

export function minExpiresIn(sc: Scanner): number {
  return digitsIn(sc, 'Min-Expires = delta-seconds (RFC 3261 §20.23)');
}

/** Date is matched whole against rfc1123-date, as a string. */
export function dateIn(_sc: Scanner, value: string): number {
  return parseDate(value);
}

const TOKEN_LIST_RULE: Record<string, string> = {
  allow: 'Allow = [ Method *( COMMA Method ) ] (RFC 3261 §20.5)',
  supported: 'Supported = [ option-tag *( COMMA option-tag ) ] (RFC 3261 §20.37)',
  require: 'Require = option-tag *( COMMA option-tag ) (RFC 3261 §20.32)',
  'proxy-require': 'Proxy-Require = option-tag *( COMMA option-tag ) (RFC 3261 §20.29)',
  unsupported: 'Unsupported = option-tag *( COMMA option-tag ) (RFC 3261 §20.40)',
  'content-encoding':
    'Content-Encoding = content-coding *( COMMA content-coding ) (RFC 3261 §20.12)',
  'allow-events': 'Allow-Events = event-type *( COMMA event-type ) (RFC 6665 §8.4)',
};

const tokenParsers = new Map<string, FieldParser<string[]>>();
/** One parser function per token-list header, made once, so parsing allocates no closure. */
export function tokenListParser(key: string): FieldParser<string[]> {
  let p = tokenParsers.get(key);
  if (p === undefined) {
    const rule = TOKEN_LIST_RULE[key] ?? `a comma-separated list of tokens (${longName(key)})`;
    p = (sc: Scanner) => tokenListIn(sc, rule);
    tokenParsers.set(key, p);
  }
  return p;
}

export const FIELD_PARSERS: ReadonlyMap<string, FieldParser<unknown>> = new Map<
  string,
  FieldParser<unknown>
>([
  ['via', viaListIn],
  ['from', nameAddrIn],
  ['to', nameAddrIn],
  ['reply-to', nameAddrIn],
  ['call-id', callIdIn],
  ['cseq', cseqIn],
  ['max-forwards', maxForwardsIn],
  ['contact', contactListIn],
  ['route', nameAddrListIn],
  ['record-route', nameAddrListIn],
  ['content-type', mediaTypeIn],
  ['expires', expiresIn],
  ['min-expires', minExpiresIn],
  ['allow', tokenListParser('allow')],
  ['supported', tokenListParser('supported')],
  ['require', tokenListParser('require')],
  ['proxy-require', tokenListParser('proxy-require')],
  ['unsupported', tokenListParser('unsupported')],
  ['content-encoding', tokenListParser('content-encoding')],
  ['allow-events', tokenListParser('allow-events')],
  ['www-authenticate', authIn],
  ['proxy-authenticate', authIn],
  ['authorization', authIn],
  ['proxy-authorization', authIn],
  ['event', eventIn],
  ['subscription-state', subscriptionStateIn],
  ['warning', warningsIn],
  ['date', dateIn],
  ['retry-after', retryAfterIn],
]);
