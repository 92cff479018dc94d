/**
 * What an RFC 3261 server answers to a message that parses but is wrong (§8.2.2, §8.2.3, §16.3,
 * RFC 4475): the checks every element makes before it looks at the method. Method support (§8.2.1)
 * depends on the element and is left to it.
 */
import { SipParseError, type SourcePosition } from './errors';
import { SINGLE_HEADERS, longName } from './header-names';
import { FIELD_PARSERS, type FieldParser } from './field-parsers';
import type { SipMessage, SipRequest } from './message';
import { parseMessage, type ParseOptions } from './parse';
import { isSipUri, isTelUri } from './uri';

export interface ValidationIssue {
  /** The status a server answers with (400, 415, 416, 420, 505, ...). For a response: the message is discarded. */
  status: number;
  /** The reason phrase to send, specific to the problem (e.g. "Bad Via header: ..."). */
  reason: string;
  /** What was wrong and what the RFC expects, for a person. */
  detail: string;
  header?: string;
  position?: SourcePosition;
  /** For 420: the option tags to list in Unsupported (§8.2.2.3). */
  unsupported?: string[];
  /** For 415: what the server accepts, for Accept / Accept-Encoding (§8.2.3). */
  accept?: string[];
  acceptEncoding?: string[];
}

export interface ValidationOptions {
  /** Option tags this server supports (Require of anything else gets 420). Default: none. */
  supported?: readonly string[];
  /** Body types this server understands. */
  acceptedTypes?: readonly string[];
  /** URI schemes this server handles in the Request-URI (others get 416). */
  schemes?: readonly string[];
  /**
   * Check as a proxy does (§16.3): Proxy-Require instead of Require, and no look at the body, which is
   * the user agents' business.
   */
  proxy?: boolean;
}

export const DEFAULT_ACCEPTED_TYPES: readonly string[] = [
  'application/sdp',
  'text/plain',
  'application/pidf+xml',
  'message/sipfrag',
  'message/sip',
  'multipart/mixed',
  'multipart/alternative',
  'multipart/related',
];

/**
 * The default types as [type, subtype] pairs, so the usual check joins no string (and compares the
 * shared constants that mediaTypeIn returns for common types by reference).
 */
const DEFAULT_PAIRS: readonly (readonly [string, string])[] = DEFAULT_ACCEPTED_TYPES.map((t) => {
  const slash = t.indexOf('/');
  return [t.slice(0, slash), t.slice(slash + 1)] as const;
});

/** Whether type/subtype is among the accepted media types. */
function acceptsType(accepted: readonly string[], type: string, subtype: string): boolean {
  if (accepted !== DEFAULT_ACCEPTED_TYPES) return accepted.includes(`${type}/${subtype}`);
  for (const [t, st] of DEFAULT_PAIRS) if (t === type && st === subtype) return true;
  return false;
}

const DEFAULT_SCHEMES: readonly string[] = ['sip', 'sips', 'tel'];
const NONE_SUPPORTED: readonly string[] = [];

/** Whether the element handles this Request-URI scheme (§8.2.2.1); the default list without a call. */
function handlesScheme(schemes: readonly string[], scheme: string): boolean {
  if (schemes !== DEFAULT_SCHEMES) return schemes.includes(scheme);
  return scheme === 'sip' || scheme === 'sips' || scheme === 'tel';
}

/** The header fields every request and response carries (§8.1.1, §20), each with a bit. */
const REQUIRED = ['to', 'from', 'call-id', 'cseq', 'via'];
const ALL_REQUIRED = (1 << REQUIRED.length) - 1;

/**
 * Headers whose bad value does not stop a message: RFC 4475 (§3.1.2.x, e.g. baddate) lets an element
 * ignore a malformed Date, and Warning and Retry-After are advisory.
 */
const TOLERATED = new Set(['date', 'warning', 'retry-after']);

/** What validation needs to know of one header key, found with one map lookup per header field. */
interface KeyRule {
  /** Its bit in REQUIRED, or 0. */
  required: number;
  /** Its bit among the single-valued headers (§7.3.1), or 0. */
  single: number;
  /** Its typed parser, or null for a header the codec keeps as text. */
  parse: FieldParser<unknown> | null;
  /** A malformed value is ignored rather than rejected (TOLERATED). */
  tolerated: boolean;
}

const KEY_RULES: ReadonlyMap<string, KeyRule> = (() => {
  const rules = new Map<string, KeyRule>();
  const rule = (key: string): KeyRule => {
    let r = rules.get(key);
    if (r === undefined) {
      r = { required: 0, single: 0, parse: null, tolerated: TOLERATED.has(key) };
      rules.set(key, r);
    }
    return r;
  };
  REQUIRED.forEach((key, i) => (rule(key).required = 1 << i));
  let bit = 0;
  for (const key of SINGLE_HEADERS) {
    if (bit >= 31) throw new Error('too many single-valued headers for one 31-bit mask');
    rule(key).single = 1 << bit++;
  }
  for (const [key, parse] of FIELD_PARSERS) rule(key).parse = parse;
  return rules;
})();

/**
 * The rule of a key, through a small cache in front of KEY_RULES: four entries per key length. The
 * keys of known headers are internalized strings (header-names.ts), so a hit costs a comparison of
 * references or two, and no hashing.
 */
const WAYS = 4;
const LENGTHS = 32;
const cachedKeys: string[] = new Array<string>(WAYS * LENGTHS).fill('');
const cachedRules: (KeyRule | undefined)[] = new Array<KeyRule | undefined>(WAYS * LENGTHS).fill(
  undefined,
);
const nextWay = new Uint8Array(LENGTHS);

function ruleOf(key: string): KeyRule | undefined {
  const n = key.length & (LENGTHS - 1);
  const first = n * WAYS;
  for (let slot = first; slot < first + WAYS; slot++)
    if (cachedKeys[slot] === key) return cachedRules[slot];
  const rule = KEY_RULES.get(key);
  const slot = first + nextWay[n]!;
  nextWay[n] = (nextWay[n]! + 1) % WAYS;
  cachedKeys[slot] = key;
  cachedRules[slot] = rule;
  return rule;
}

function fromParseError(e: SipParseError): ValidationIssue {
  return {
    status: e.status,
    reason: e.problem,
    detail: `${e.message}.`,
    ...(e.header !== undefined ? { header: e.header } : {}),
    position: { offset: e.offset, line: e.line, column: e.column },
  };
}

/**
 * The rule of each header field of the message being validated, found in the first pass and used
 * again in the second (validation is never re-entered: no value parser validates a message).
 */
const rulesOfFields: (KeyRule | undefined)[] = [];

/** Parses every header field the codec knows, once, so a malformed one is found now rather than later. */
function parseKnownHeaders(msg: SipMessage): void {
  const headers = msg.headers;
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i]!;
    if (h.parsed !== undefined) continue;
    const rule = rulesOfFields[i];
    if (rule === undefined || rule.parse === null) continue;
    if (rule.tolerated) {
      try {
        msg.parsedField(h, rule.parse);
      } catch (e) {
        if (!(e instanceof SipParseError)) throw e;
      }
    } else {
      msg.parsedField(h, rule.parse);
    }
  }
}

/** The version every element here speaks; compared case-insensitively, as ABNF strings are. */
function isSip20(version: string): boolean {
  return version === 'SIP/2.0' || version.toUpperCase() === 'SIP/2.0';
}

/** The options of a call that passes none: one shared object rather than a new `{}` per call. */
const NO_OPTIONS: ValidationOptions = Object.freeze({});

export function validateMessage(
  msg: SipMessage,
  options: ValidationOptions = NO_OPTIONS,
): ValidationIssue | null {
  const isReq = msg.kind === 'request';
  if (!isSip20(msg.version)) {
    return {
      status: 505,
      reason: 'Version Not Supported',
      detail: `The message says it is ${msg.version}; this element speaks SIP/2.0 only (RFC 3261 §8.2.2... §21.5.21).`,
    };
  }
  if (msg.kind === 'response' && msg.status > 699) {
    return {
      status: 400,
      reason: `Status code ${msg.status} is above 699`,
      detail: 'Status codes run from 100 to 699 (RFC 3261 §7.2, §21).',
    };
  }
  // One pass over the header fields: which required ones are present, and no single-valued one twice.
  const headers = msg.headers;
  let present = 0;
  let seenSingle = 0;
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i]!;
    const rule = ruleOf(h.key);
    rulesOfFields[i] = rule;
    if (rule === undefined) continue;
    present |= rule.required;
    if (rule.single === 0) continue;
    if ((seenSingle & rule.single) === 0) seenSingle |= rule.single;
    else {
      return {
        status: 400,
        reason: `Multiple ${longName(h.key)} headers`,
        detail: `${longName(h.key)} takes one value, and this message has it more than once (RFC 3261 §7.3.1).`,
        header: h.key,
        ...(h.offset >= 0 && msg.source ? { position: msg.positionInHeader(h, 0) } : {}),
      };
    }
  }
  if (present !== ALL_REQUIRED) {
    const names = REQUIRED.filter((_k, i) => (present & (1 << i)) === 0).map(longName);
    return {
      status: 400,
      reason: `Missing ${names.join(', ')} header${names.length > 1 ? 's' : ''}`,
      detail: `Every ${isReq ? 'request' : 'response'} carries To, From, Call-ID, CSeq and Via (RFC 3261 §8.1.1, §20); this one lacks ${names.join(', ')}.`,
    };
  }
  try {
    parseKnownHeaders(msg);
    if (isReq) msg.uri();
  } catch (e) {
    if (e instanceof SipParseError) return fromParseError(e);
    throw e;
  }
  return isReq ? validateRequest(msg, options) : null;
}

function validateRequest(req: SipRequest, options: ValidationOptions): ValidationIssue | null {
  const cseq = req.cseq()!;
  if (cseq.method !== req.method) {
    return {
      status: 400,
      reason: 'CSeq method does not match the request method',
      detail: `The request line says ${req.method} but CSeq says ${cseq.method}; they must be the same (RFC 3261 §8.1.1.5).`,
      header: 'cseq',
    };
  }
  const uri = req.uri();
  const schemes = options.schemes ?? DEFAULT_SCHEMES;
  if (!handlesScheme(schemes, uri.scheme)) {
    return {
      status: 416,
      reason: 'Unsupported URI Scheme',
      detail: `The Request-URI uses the scheme "${uri.scheme}", which this element does not handle (RFC 3261 §8.2.2.1).`,
    };
  }
  if (!isSipUri(uri) && !isTelUri(uri)) return null;
  // §8.2.2.3: Require — not for ACK, nor for CANCEL (its Require is ignored). A proxy reads
  // Proxy-Require instead (§16.3 step 6).
  if (req.method !== 'ACK' && req.method !== 'CANCEL') {
    const supported = options.supported ?? NONE_SUPPORTED;
    const header = options.proxy ? 'proxy-require' : 'require';
    const required = req.tokens(header);
    const unknown =
      required.length === 0 ? required : required.filter((t) => !supported.includes(t));
    if (unknown.length > 0) {
      return {
        status: 420,
        reason: 'Bad Extension',
        detail: `The request requires ${unknown.join(', ')}, which this element does not support (RFC 3261 §8.2.2.3); the answer lists them in Unsupported.`,
        header,
        unsupported: unknown,
      };
    }
  }
  // §8.2.3: content processing (user agents only).
  if (req.body.length > 0 && !options.proxy) {
    const ct = req.contentType();
    if (ct === undefined) {
      return {
        status: 400,
        reason: 'Body without Content-Type',
        detail: 'The request has a body but no Content-Type saying what it is (RFC 3261 §20.15).',
      };
    }
    const accepted = options.acceptedTypes ?? DEFAULT_ACCEPTED_TYPES;
    if (!acceptsType(accepted, ct.type, ct.subtype)) {
      const mime = `${ct.type}/${ct.subtype}`;
      return {
        status: 415,
        reason: 'Unsupported Media Type',
        detail: `The body is ${mime}, which this element does not understand (RFC 3261 §8.2.3); the answer lists what it accepts.`,
        header: 'content-type',
        accept: [...accepted],
      };
    }
    const coded = req.tokens('content-encoding');
    const encodings =
      coded.length === 0 ? coded : coded.filter((e) => e.toLowerCase() !== 'identity');
    if (encodings.length > 0) {
      return {
        status: 415,
        reason: 'Unsupported Media Type',
        detail: `The body is encoded with ${encodings.join(', ')}, which this element cannot decode (RFC 3261 §8.2.3).`,
        header: 'content-encoding',
        acceptEncoding: ['identity'],
      };
    }
  }
  return null;
}

export type Verdict =
  | { verdict: 'accept'; message: SipMessage }
  | {
      verdict: 'reject';
      status: number;
      reason: string;
      detail: string;
      error?: SipParseError;
      issue?: ValidationIssue;
      message?: SipMessage;
    };

/**
 * The verdict a SIP server reaches on these bytes: parse, then the checks above. For a response,
 * "reject" means an element discards it (§18.1.2 and §17.1.3 leave malformed responses unanswered).
 */
export function checkMessage(
  input: string | Uint8Array,
  options: ValidationOptions & ParseOptions = {},
): Verdict {
  let msg: SipMessage;
  try {
    msg = parseMessage(input, options);
  } catch (e) {
    if (e instanceof SipParseError)
      return {
        verdict: 'reject',
        status: e.status,
        reason: e.problem,
        detail: e.message,
        error: e,
      };
    throw e;
  }
  const issue = validateMessage(msg, options);
  if (issue === null) return { verdict: 'accept', message: msg };
  return {
    verdict: 'reject',
    status: issue.status,
    reason: issue.reason,
    detail: issue.detail,
    issue,
    message: msg,
  };
}
