/**
 * A SIP message (RFC 3261 §7): a request or a response, its header fields in the order received, and
 * its body. Header fields keep the exact text they arrived with, so a message that is parsed, changed in
 * one header and serialized again differs from the original only in that header (a student can diff
 * what a proxy changed). Typed values (Via, From, CSeq, ...) are parsed on first use and cached.
 * All strings are wire strings (one character per byte, see wire.ts).
 */
import { ValueParseError, SipParseError, positionOf, type SourcePosition } from './errors';
import { headerKey, longName, LIST_HEADERS } from './header-names';
import type { AuthParams } from './auth';
import {
  FIELD_PARSERS,
  dateIn,
  expiresIn,
  minExpiresIn,
  tokenListParser,
  type FieldParser,
} from './field-parsers';
import { authIn } from './auth';
import {
  callIdIn,
  cseqIn,
  eventIn,
  maxForwardsIn,
  mediaTypeIn,
  retryAfterIn,
  subscriptionStateIn,
  warningsIn,
  type CSeq,
  type EventValue,
  type MediaType,
  type RetryAfter,
  type SubscriptionState,
  type Warning,
} from './header-values';
import {
  contactListIn,
  nameAddrIn,
  nameAddrListIn,
  type ContactValue,
  type NameAddr,
} from './name-addr';
import { sourceCodes } from './codes';
import { Scanner } from './scanner';
import type { Uri } from './uri';
import { parseUri, parseUriIn } from './uri-parse';
import { viaListIn, type Via } from './via';

export { FIELD_PARSERS, type FieldParser };

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
  /**
   * Where the value starts in the message as received, when it stands there unchanged (not folded),
   * so that it is parsed in place; -1 (or absent) otherwise. Only used while `raw` is not null.
   */
  valueOffset?: number;
}

/** What a list accessor returns for a header the message does not have; frozen, like all parsed values. */
const NONE: readonly never[] = Object.freeze([]);

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

  /** Parses a header with a field parser, turning its ValueParseError into a SipParseError with the position. */
  protected parseField<T>(h: HeaderField, parse: FieldParser<T>): T {
    const value = h.value;
    const at = h.valueOffset;
    try {
      // In place when the value stands unchanged in the message as received: no substring, and the
      // parser reads the message's bytes.
      const src = this.source;
      const sc =
        at !== undefined && at >= 0 && h.raw !== null && src !== null
          ? Scanner.inPlace(src, sourceCodes(src), at, at + value.length)
          : Scanner.of(value);
      return parse(sc, value);
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
  parsedField<T>(h: HeaderField, parse: FieldParser<T>): T {
    if (h.parsed !== undefined) return h.parsed as T;
    const v = this.parseField(h, parse);
    h.parsed = v;
    return v;
  }

  /** All values of a list header across all its lines, parsed (Via, Contact, Route, ...). */
  protected listOf<T>(key: string, parse: FieldParser<T[]>): T[] {
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
    return out ?? first ?? (NONE as unknown as T[]);
  }

  /** The parsed value of a single-valued header, or undefined when absent. */
  protected singleOf<T>(key: string, parse: FieldParser<T>): T | undefined {
    for (const h of this.headers) if (h.key === key) return this.parsedField(h, parse);
    return undefined;
  }

  // ---- typed access (each parses on first use; throws SipParseError when malformed) --------------

  vias(): Via[] {
    return this.listOf('via', viaListIn);
  }
  /** The first Via (every Via line is parsed, as vias() does, but no merged list is made). */
  topVia(): Via | undefined {
    let top: Via | undefined;
    for (const h of this.headers) {
      if (h.key !== 'via') continue;
      const vias = this.parsedField(h, viaListIn);
      if (top === undefined) top = vias[0];
    }
    return top;
  }
  from(): NameAddr | undefined {
    return this.singleOf('from', nameAddrIn);
  }
  to(): NameAddr | undefined {
    return this.singleOf('to', nameAddrIn);
  }
  callId(): string | undefined {
    return this.singleOf('call-id', callIdIn);
  }
  cseq(): CSeq | undefined {
    return this.singleOf('cseq', cseqIn);
  }
  maxForwards(): number | undefined {
    return this.singleOf('max-forwards', maxForwardsIn);
  }
  contacts(): ContactValue[] {
    return this.listOf('contact', contactListIn);
  }
  routes(): NameAddr[] {
    return this.listOf('route', nameAddrListIn);
  }
  recordRoutes(): NameAddr[] {
    return this.listOf('record-route', nameAddrListIn);
  }
  replyTo(): NameAddr | undefined {
    return this.singleOf('reply-to', nameAddrIn);
  }
  contentType(): MediaType | undefined {
    return this.singleOf('content-type', mediaTypeIn);
  }
  expires(): number | undefined {
    return this.singleOf('expires', expiresIn);
  }
  minExpires(): number | undefined {
    return this.singleOf('min-expires', minExpiresIn);
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
    for (const h of this.headers) if (h.key === key) out.push(this.parsedField(h, authIn));
    return out;
  }
  event(): EventValue | undefined {
    return this.singleOf('event', eventIn);
  }
  subscriptionState(): SubscriptionState | undefined {
    return this.singleOf('subscription-state', subscriptionStateIn);
  }
  warnings(): Warning[] {
    return this.listOf('warning', warningsIn);
  }
  /** Date as milliseconds since the Unix epoch (UTC). */
  date(): number | undefined {
    return this.singleOf('date', dateIn);
  }
  retryAfter(): RetryAfter | undefined {
    return this.singleOf('retry-after', retryAfterIn);
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
      valueOffset: -1,
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
      valueOffset: -1,
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
  /** Where the Request-URI stands in `source` as received; -1 once changed or for a built message. */
  requestUriOffset = -1;

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
        const at = this.requestUriOffset;
        const src = this.source;
        this.parsedUri =
          at >= 0 && src !== null
            ? parseUriIn(src, sourceCodes(src), at, at + this.requestUri.length, at)
            : parseUri(this.requestUri);
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
    this.requestUriOffset = -1;
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
