/**
 * Header names: canonical spellings, compact forms (RFC 3261 §7.3.3 and the registry of compact forms),
 * and which headers may carry comma-separated lists (§7.3.1).
 */

/** Compact form -> canonical lower-case long name. */
export const COMPACT_FORMS: Readonly<Record<string, string>> = {
  i: 'call-id',
  m: 'contact',
  e: 'content-encoding',
  l: 'content-length',
  c: 'content-type',
  f: 'from',
  s: 'subject',
  k: 'supported',
  t: 'to',
  v: 'via',
  o: 'event',
  u: 'allow-events',
  r: 'refer-to',
  b: 'referred-by',
  x: 'session-expires',
  y: 'identity',
  a: 'accept-contact',
  j: 'reject-contact',
  d: 'request-disposition',
};

/** The long names as written when a message is built from scratch. */
const LONG_NAMES = [
  'Accept',
  'Accept-Contact',
  'Accept-Encoding',
  'Accept-Language',
  'Alert-Info',
  'Allow',
  'Allow-Events',
  'Authentication-Info',
  'Authorization',
  'Call-ID',
  'Call-Info',
  'Contact',
  'Content-Disposition',
  'Content-Encoding',
  'Content-Language',
  'Content-Length',
  'Content-Type',
  'CSeq',
  'Date',
  'Error-Info',
  'Event',
  'Expires',
  'From',
  'Identity',
  'In-Reply-To',
  'Max-Forwards',
  'MIME-Version',
  'Min-Expires',
  'Organization',
  'Priority',
  'Proxy-Authenticate',
  'Proxy-Authorization',
  'Proxy-Require',
  'RAck',
  'Record-Route',
  'Refer-To',
  'Referred-By',
  'Reject-Contact',
  'Reply-To',
  'Request-Disposition',
  'Require',
  'Retry-After',
  'Route',
  'RSeq',
  'Server',
  'Session-Expires',
  'Subject',
  'Subscription-State',
  'Supported',
  'Timestamp',
  'To',
  'Unsupported',
  'User-Agent',
  'Via',
  'Warning',
  'WWW-Authenticate',
];

/**
 * Lower-case keys as internalized strings. A string computed at run time (toLowerCase) is a new
 * string; the engine compares it with a literal such as 'via' character by character, but compares
 * two internalized strings by reference. Property names are internalized, so the keys of an object
 * are. Every key the codec hands out for a known header is one of these, so `h.key === 'via'` in the
 * accessors that scan the header fields costs one comparison of references.
 */
const INTERNED_KEYS: ReadonlyMap<string, string> = new Map(
  Object.keys(
    Object.fromEntries(
      [...LONG_NAMES.map((n) => n.toLowerCase()), ...Object.values(COMPACT_FORMS)].map((k) => [
        k,
        0,
      ]),
    ),
  ).map((k) => [k, k]),
);

const CANONICAL: Map<string, string> = new Map(LONG_NAMES.map((n) => [n.toLowerCase(), n]));

/** Cache of name as received -> key, so a message in common spelling costs one map lookup per header. */
const KEY_CACHE = new Map<string, string>();

/** The canonical lower-case key of a header name as received ("v" -> "via", "MaX-fOrWaRdS" -> "max-forwards"). */
export function headerKey(name: string): string {
  const cached = KEY_CACHE.get(name);
  if (cached !== undefined) return cached;
  const lower = name.toLowerCase();
  const long = lower.length === 1 ? (COMPACT_FORMS[lower] ?? lower) : lower;
  const key = INTERNED_KEYS.get(long) ?? long;
  if (KEY_CACHE.size < 4096) KEY_CACHE.set(name, key);
  return key;
}

/** The long name to write for a key ("call-id" -> "Call-ID"); unknown keys are title-cased. */
export function longName(key: string): string {
  return (
    CANONICAL.get(key) ??
    key.replace(/(^|-)([a-z])/g, (_m, dash: string, ch: string) => dash + ch.toUpperCase())
  );
}

/**
 * Headers whose value is a comma-separated list (RFC 3261 §7.3.1): several lines of them are
 * equivalent to one line with the values joined by commas.
 */
export const LIST_HEADERS: ReadonlySet<string> = new Set([
  'via',
  'contact',
  'route',
  'record-route',
  'allow',
  'supported',
  'require',
  'proxy-require',
  'unsupported',
  'accept',
  'accept-encoding',
  'accept-language',
  'content-encoding',
  'content-language',
  'alert-info',
  'call-info',
  'error-info',
  'in-reply-to',
  'warning',
  'allow-events',
]);

/** Headers that must appear at most once (RFC 3261 §7.3.1 and §20: their grammar has one value). */
export const SINGLE_HEADERS: ReadonlySet<string> = new Set([
  'to',
  'from',
  'call-id',
  'cseq',
  'max-forwards',
  'content-length',
  'content-type',
  'expires',
  'min-expires',
  'date',
  'event',
  'subscription-state',
  'retry-after',
  'timestamp',
  'mime-version',
  'reply-to',
  'priority',
  'organization',
  'subject',
  'server',
  'user-agent',
  'content-disposition',
]);

/**
 * Names as commonly spelled on the wire, bucketed by length: the parser matches a header name in place
 * (src.startsWith(name, offset)) and reuses the constant string, so common names cost no allocation.
 */
const COMMON_SPELLINGS: readonly string[] = [
  ...LONG_NAMES,
  'Call-Id',
  'Cseq',
  'CSEQ',
  'Www-Authenticate',
  'Max-forwards',
  'Content-length',
  'Content-type',
  'Record-route',
  'Call-id',
  ...Object.keys(COMPACT_FORMS),
  ...Object.keys(COMPACT_FORMS).map((c) => c.toUpperCase()),
];

/** The hash the parser folds a header name's codes into as it scans them: h = h * 33 + c (32 bits). */
export function nameHashStep(h: number, c: number): number {
  return ((h << 5) + h + c) | 0;
}

const SLOT_BITS = 9;
/** Mask of a slot index in NAME_SLOTS. */
export const NAME_SLOT_MASK = (1 << SLOT_BITS) - 1;

/** The common spellings and their keys, by index (NAME_SLOTS holds index + 1). */
export const NAME_SPELLINGS: readonly string[] = [...new Set(COMMON_SPELLINGS)];
export const NAME_KEYS: readonly string[] = NAME_SPELLINGS.map((name) => headerKey(name));
/**
 * The codes of every spelling, one after the other, and where each starts: the parser compares a
 * name with its candidate byte for byte, typed array against typed array.
 */
export const NAME_CODES: Uint8Array = Uint8Array.from(NAME_SPELLINGS.join(''), (c) =>
  c.charCodeAt(0),
);
export const NAME_STARTS: Int32Array = (() => {
  const starts = new Int32Array(NAME_SPELLINGS.length);
  let at = 0;
  NAME_SPELLINGS.forEach((name, i) => {
    starts[i] = at;
    at += name.length;
  });
  return starts;
})();

/**
 * An open-addressing table of the common spellings by nameHashStep hash (linear probing; 0 marks an
 * empty slot): the parser finds the one candidate for a name with a probe or two, then compares it.
 */
export const NAME_SLOTS: Uint16Array = (() => {
  const slots = new Uint16Array(1 << SLOT_BITS);
  NAME_SPELLINGS.forEach((name, index) => {
    let h = 0;
    for (let i = 0; i < name.length; i++) h = nameHashStep(h, name.charCodeAt(i));
    let slot = h & NAME_SLOT_MASK;
    while (slots[slot] !== 0) slot = (slot + 1) & NAME_SLOT_MASK;
    slots[slot] = index + 1;
  });
  return slots;
})();
