/**
 * A SIP message (RFC 3261 §7): a request or a response, its header fields in the order received, and
 * its body. Header fields keep the exact text they arrived with, so a message that is parsed, changed in
 * one header and serialized again differs from the original only in that header (a student can diff
 * what a proxy changed). Typed values (Via, From, CSeq, ...) are parsed on first use and cached.
 * All strings are wire strings (one character per byte, see wire.ts).
 */
import { ValueParseError, SipParseError, positionOf, type SourcePosition } from './errors';
import { headerKey, longName, LIST_HEADERS } from './header-names';
import { parseAuth, type AuthParams } from './auth';
import {
  parseCSeq,
  parseCallId,
  parseDate,
  parseDigits,
  parseEvent,
  parseMaxForwards,
  parseMediaType,
  parseRetryAfter,
  parseSubscriptionState,
  parseTokenList,
  parseWarnings,
  type CSeq,
  type EventValue,
  type MediaType,
  type RetryAfter,
  type SubscriptionState,
  type Warning,
} from './header-values';
import {
  parseContactList,
  parseNameAddr,
  parseNameAddrList,
  type ContactValue,
  type NameAddr,
} from './name-addr';
import { parseUri, type Uri } from './uri';
import { parseViaList, type Via } from './via';

export interface HeaderField {
  /** The name as received ("v", "MaX-fOrWaRdS"), or the long name for a header added by code. */
  name: string;
  /** Canonical lower-case long name: "via", "max-forwards". */
  key: string;
  /** The value with line folds replaced by one space and surrounding whitespace removed. */
  value: string;
  /** The header exactly as received (name to the end of its last folded line, without the final CRLF); null once changed. */
  raw: string | null;
  /** Byte offset of the header's first character in the received message; -1 for a header added by code. */
  offset: number;
  /**
   * The typed value, once parsed (cleared when the value changes). Every field is created with this
   * property (undefined until parsed) so that all fields share one object shape.
   */
  parsed?: unknown;
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

function parseExpires(v: string): number {
  return parseDigits(v, 'Expires = delta-seconds (RFC 3261 §20.19)');
}
function parseMinExpires(v: string): number {
  return parseDigits(v, 'Min-Expires = delta-seconds (RFC 3261 §20.23)');
}

const tokenParsers = new Map<string, (value: string) => string[]>();
/** One parser function per token-list header, made once, so parsing allocates no closure. */
function tokenListParser(key: string): (value: string) => string[] {
  let p = tokenParsers.get(key);
  if (p === undefined) {
    const rule = TOKEN_LIST_RULE[key] ?? `a comma-separated list of tokens (${longName(key)})`;
    p = (v: string) => parseTokenList(v, rule);
    tokenParsers.set(key, p);
  }
  return p;
}

abstract class SipMessageBase {
  /** The message as received, for positions in errors; null for a message built by code. */
  source: string | null = null;
  /** The start line exactly as received; null once the start line changed or for a built message. */
  startLineRaw: string | null = null;
  /** True once anything changed after parsing (serialization can then no longer reuse the source). */
  changed = false;

  constructor(
    public headers: HeaderField[],
    /** The body as a wire string (its length is the Content-Length). */
    public body: string,
  ) {}

  // ---- raw header access -------------------------------------------------------------------------

  /** The first header field with this key (canonical lower-case long name, or a compact form). */
  header(name: string): HeaderField | undefined {
    const key = name.length === 1 ? headerKey(name) : name;
    for (const h of this.headers) if (h.key === key) return h;
    return undefined;
  }

  headerValue(name: string): string | undefined {
    return this.header(name)?.value;
  }

  headersOf(name: string): HeaderField[] {
    const key = name.length === 1 ? headerKey(name) : name;
    return this.headers.filter((h) => h.key === key);
  }

  has(name: string): boolean {
    return this.header(name) !== undefined;
  }

  /** Position of an index inside a header's (unfolded) value, in the message as received. */
  positionInHeader(h: HeaderField, valueIndex: number): SourcePosition {
    if (this.source === null || h.raw === null || h.offset < 0) {
      return { offset: -1, line: 0, column: valueIndex + 1 };
    }
    const raw = h.raw;
    let r = raw.indexOf(':') + 1;
    while (
      r < raw.length &&
      (raw[r] === ' ' || raw[r] === '\t' || raw[r] === '\r' || raw[r] === '\n')
    )
      r++;
    let v = 0;
    while (v < valueIndex && r < raw.length) {
      if (raw[r] === '\r' || raw[r] === '\n') {
        while (r < raw.length && /[\r\n \t]/.test(raw[r]!)) r++;
        v++;
        continue;
      }
      r++;
      v++;
    }
    return positionOf(this.source, h.offset + r);
  }

  /** Parses a header with a value parser, turning its ValueParseError into a SipParseError with the position. */
  protected parseField<T>(h: HeaderField, parse: (value: string) => T): T {
    try {
      return parse(h.value);
    } catch (e) {
      if (e instanceof ValueParseError) {
        throw new SipParseError(
          `Bad ${longName(h.key)} header: ${e.problem}`,
          this.positionInHeader(h, e.index),
          e.expected,
          {
            header: h.key,
          },
        );
      }
      throw e;
    }
  }

  /** The typed value of one header field, parsed on first use and kept on the field. */
  parsedField<T>(h: HeaderField, parse: (value: string) => T): T {
    if (h.parsed !== undefined) return h.parsed as T;
    const v = this.parseField(h, parse);
    h.parsed = v;
    return v;
  }

  /** All values of a list header across all its lines, parsed (Via, Contact, Route, ...). */
  protected listOf<T>(key: string, parse: (value: string) => T[]): T[] {
    let out: T[] | null = null;
    let first: T[] | null = null;
    for (const h of this.headers) {
      if (h.key !== key) continue;
      const vs = this.parsedField(h, parse);
      if (first === null) first = vs;
      else {
        if (out === null) out = first.slice();
        for (const v of vs) out.push(v);
      }
    }
    return out ?? first ?? [];
  }

  /** The parsed value of a single-valued header, or undefined when absent. */
  protected singleOf<T>(key: string, parse: (value: string) => T): T | undefined {
    for (const h of this.headers) if (h.key === key) return this.parsedField(h, parse);
    return undefined;
  }

  // ---- typed access (each parses on first use; throws SipParseError when malformed) --------------

  vias(): Via[] {
    return this.listOf('via', parseViaList);
  }
  topVia(): Via | undefined {
    return this.vias()[0];
  }
  from(): NameAddr | undefined {
    return this.singleOf('from', parseNameAddr);
  }
  to(): NameAddr | undefined {
    return this.singleOf('to', parseNameAddr);
  }
  callId(): string | undefined {
    return this.singleOf('call-id', parseCallId);
  }
  cseq(): CSeq | undefined {
    return this.singleOf('cseq', parseCSeq);
  }
  maxForwards(): number | undefined {
    return this.singleOf('max-forwards', parseMaxForwards);
  }
  contacts(): ContactValue[] {
    return this.listOf('contact', parseContactList);
  }
  routes(): NameAddr[] {
    return this.listOf('route', parseNameAddrList);
  }
  recordRoutes(): NameAddr[] {
    return this.listOf('record-route', parseNameAddrList);
  }
  replyTo(): NameAddr | undefined {
    return this.singleOf('reply-to', parseNameAddr);
  }
  contentType(): MediaType | undefined {
    return this.singleOf('content-type', parseMediaType);
  }
  expires(): number | undefined {
    return this.singleOf('expires', parseExpires);
  }
  minExpires(): number | undefined {
    return this.singleOf('min-expires', parseMinExpires);
  }
  /** A list of tokens: allow, supported, require, proxy-require, unsupported, content-encoding, allow-events. */
  tokens(key: string): string[] {
    return this.listOf(key, tokenListParser(key));
  }
  /** Challenges or credentials: www-authenticate, proxy-authenticate, authorization, proxy-authorization (one per header line). */
  auth(
    key: 'www-authenticate' | 'proxy-authenticate' | 'authorization' | 'proxy-authorization',
  ): AuthParams[] {
    const out: AuthParams[] = [];
    for (const h of this.headers) if (h.key === key) out.push(this.parsedField(h, parseAuth));
    return out;
  }
  event(): EventValue | undefined {
    return this.singleOf('event', parseEvent);
  }
  subscriptionState(): SubscriptionState | undefined {
    return this.singleOf('subscription-state', parseSubscriptionState);
  }
  warnings(): Warning[] {
    return this.listOf('warning', parseWarnings);
  }
  /** Date as milliseconds since the Unix epoch (UTC). */
  date(): number | undefined {
    return this.singleOf('date', parseDate);
  }
  retryAfter(): RetryAfter | undefined {
    return this.singleOf('retry-after', parseRetryAfter);
  }

  // ---- changes ------------------------------------------------------------------------------------

  private touched(key: string): void {
    this.changed = true;
    for (const h of this.headers) if (h.key === key) h.parsed = undefined;
  }

  /** Replaces the value of the first header with this key (keeping its name as received), or appends one. */
  setHeader(key: string, value: string): this {
    const h = this.header(key);
    if (h) {
      h.value = value;
      h.raw = null;
      // Later duplicates of a single value header would contradict the new one.
      if (!LIST_HEADERS.has(key))
        this.headers = this.headers.filter((x) => x === h || x.key !== key);
    } else {
      this.appendHeader(key, value);
    }
    this.touched(key);
    return this;
  }

  /** Adds a header line after the others (before none in particular). */
  appendHeader(key: string, value: string): this {
    this.headers.push({
      name: longName(key),
      key,
      value,
      raw: null,
      offset: -1,
      parsed: undefined,
    });
    this.touched(key);
    return this;
  }

  /** Adds a header line above the first of its kind (a proxy's Via or Record-Route, §16.6), or at the top. */
  prependHeader(key: string, value: string): this {
    const i = this.headers.findIndex((h) => h.key === key);
    this.headers.splice(i < 0 ? 0 : i, 0, {
      name: longName(key),
      key,
      value,
      raw: null,
      offset: -1,
      parsed: undefined,
    });
    this.touched(key);
    return this;
  }

  removeHeaders(key: string): this {
    this.headers = this.headers.filter((h) => h.key !== key);
    this.touched(key);
    return this;
  }

  /**
   * Removes the first value of a list header (the top Via when a response goes back, §16.7 step 3 /
   * §18.1.2; the top Route a proxy consumed, §16.4). A line with several values keeps the others.
   */
  removeFirstValue(key: 'via' | 'route' | 'record-route' | 'contact'): this {
    const i = this.headers.findIndex((h) => h.key === key);
    if (i < 0) return this;
    const h = this.headers[i]!;
    const rest = restAfterFirstValue(h.value);
    if (rest === null) this.headers.splice(i, 1);
    else {
      h.value = rest;
      h.raw = null;
    }
    this.touched(key);
    return this;
  }

  setBody(body: string, contentType?: string): this {
    this.body = body;
    this.changed = true;
    if (contentType !== undefined) this.setHeader('content-type', contentType);
    else if (body === '') this.removeHeaders('content-type');
    return this;
  }

  protected startLineChanged(): void {
    this.startLineRaw = null;
    this.changed = true;
  }
}

/** Returns the value after its first comma-separated element (outside quotes and <>), or null if it has one element. */
function restAfterFirstValue(value: string): string | null {
  let inQuote = false;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (inQuote) {
      if (c === 92) i++;
      else if (c === 34) inQuote = false;
    } else if (c === 34) inQuote = true;
    else if (c === 60) angle = true;
    else if (c === 62) angle = false;
    else if (c === 44 && !angle) return value.slice(i + 1).trim();
  }
  return null;
}

export class SipRequest extends SipMessageBase {
  readonly kind = 'request' as const;
  private parsedUri: Uri | null = null;

  constructor(
    public method: string,
    /** The Request-URI as received (a wire string). */
    public requestUri: string,
    public version: string,
    headers: HeaderField[],
    body: string,
  ) {
    super(headers, body);
  }

  /** The parsed Request-URI (throws SipParseError when it is malformed). */
  uri(): Uri {
    if (this.parsedUri === null) {
      try {
        this.parsedUri = parseUri(this.requestUri);
      } catch (e) {
        if (e instanceof ValueParseError) {
          const at = this.method.length + 1 + e.index;
          throw new SipParseError(
            `Bad Request-URI: ${e.problem}`,
            this.source ? positionOf(this.source, at) : { offset: at, line: 1, column: at + 1 },
            e.expected,
          );
        }
        throw e;
      }
    }
    return this.parsedUri;
  }

  setRequestUri(uri: string): this {
    this.requestUri = uri;
    this.parsedUri = null;
    this.startLineChanged();
    return this;
  }

  setMethod(method: string): this {
    this.method = method;
    this.startLineChanged();
    return this;
  }
}

export class SipResponse extends SipMessageBase {
  readonly kind = 'response' as const;

  constructor(
    public status: number,
    /** Reason phrase (a wire string; UTF-8 is allowed). */
    public reason: string,
    public version: string,
    headers: HeaderField[],
    body: string,
  ) {
    super(headers, body);
  }

  setStatus(status: number, reason: string): this {
    this.status = status;
    this.reason = reason;
    this.startLineChanged();
    return this;
  }
}

export type SipMessage = SipRequest | SipResponse;

export function isRequest(m: SipMessage): m is SipRequest {
  return m.kind === 'request';
}

export function isResponse(m: SipMessage): m is SipResponse {
  return m.kind === 'response';
}

/**
 * The typed parser of each header field the codec understands, by key. Validation runs each field
 * through its parser once; the typed accessors then find the result on the field.
 */
export const FIELD_PARSERS: ReadonlyMap<string, (value: string) => unknown> = new Map<
  string,
  (value: string) => unknown
>([
  ['via', parseViaList],
  ['from', parseNameAddr],
  ['to', parseNameAddr],
  ['reply-to', parseNameAddr],
  ['call-id', parseCallId],
  ['cseq', parseCSeq],
  ['max-forwards', parseMaxForwards],
  ['contact', parseContactList],
  ['route', parseNameAddrList],
  ['record-route', parseNameAddrList],
  ['content-type', parseMediaType],
  ['expires', parseExpires],
  ['min-expires', parseMinExpires],
  ['allow', tokenListParser('allow')],
  ['supported', tokenListParser('supported')],
  ['require', tokenListParser('require')],
  ['proxy-require', tokenListParser('proxy-require')],
  ['unsupported', tokenListParser('unsupported')],
  ['content-encoding', tokenListParser('content-encoding')],
  ['allow-events', tokenListParser('allow-events')],
  ['www-authenticate', parseAuth],
  ['proxy-authenticate', parseAuth],
  ['authorization', parseAuth],
  ['proxy-authorization', parseAuth],
  ['event', parseEvent],
  ['subscription-state', parseSubscriptionState],
  ['warning', parseWarnings],
  ['date', parseDate],
  ['retry-after', parseRetryAfter],
]);
