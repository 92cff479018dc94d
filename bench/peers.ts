/**
 * The peers: other JavaScript SIP parsers, each driven through its own real parsing entry point
 * (found by reading its source in node_modules) and its own API for reading the common fields.
 *
 * Every peer takes a string (that is what each of them expects: they all call string methods on
 * their input); the benchmark converts the corpus bytes to strings once, outside the timed loops.
 *
 * - JsSIP 3.x: lib/Parser.js `parseMessage(data, ua)`, called by UA.js onTransportData. It parses
 *   the request line, Via (the first one), From, To, Call-ID, CSeq, Contact, Content-Length, ...
 *   eagerly while splitting the header; the `ua` argument is only stored on an IncomingRequest, so a
 *   stub object is enough. Fields: `via_branch`, `from_tag`, `to_tag`, `cseq`, `call_id`,
 *   `parseHeader('contact').uri.host` (cached from the parse), `ruri.user`, `ruri.host`.
 * - SIP.js 0.21: lib/core/messages/parser.js `Parser.parseMessage(data, logger)`, called by
 *   api/user-agent.js onTransportMessage. Same design as JsSIP (they share ancestry); fields:
 *   `viaBranch`, `fromTag`, `toTag`, `cseq`, `callId`, `parseHeader('contact').uri.host`,
 *   `ruri.user`, `ruri.host`.
 * - sip 0.0.6 (kirm/sip.js): `sip.parse(string)` (exports.parse). Splits the header and parses
 *   Via, From, To, Contact, CSeq, ... with regular expressions; URIs stay strings until
 *   `sip.parseUri` is called (so the fair mode pays for the Contact and Request-URI parses).
 *   Errors inside a header parser are swallowed (the header is then missing).
 * - drachtio-sip 0.6: `new SipMessage(string)` (lib/message.js), which is what drachtio-srf builds
 *   for each incoming message; it parses lazily (only splits the header into name/value strings),
 *   and header values are parsed on `getParsedHeader(name)`; URIs with `SipMessage.parseUri`.
 *
 * Why JsSIP and SIP.js are so slow per message (it is them, not the harness): both run a generated
 * PEG grammar whose setup is paid on every Grammar.parse call, and they call it once per parsed
 * header. JsSIP's pegjs 0.7 output creates its 226 rule closures (and a start-rule table) inside
 * parse(); SIP.js 0.21's peggy output (bytecode mode) re-decodes the bytecode of every rule with
 * peg$decode inside peg$parse (about 70 % of SIP.js's profile).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const requireFromHere = createRequire(import.meta.url);

/** Via branch, From tag, To tag, CSeq number, Call-ID, first Contact host, Request-URI user, host. */
export type Fields = readonly [
  string | undefined,
  string | undefined,
  string | undefined,
  number | undefined,
  string | undefined,
  string | undefined,
  string | undefined,
  string | undefined,
];

export const FIELD_NAMES = [
  'via branch',
  'from tag',
  'to tag',
  'cseq',
  'call-id',
  'contact host',
  'ruri user',
  'ruri host',
] as const;

export interface Peer {
  name: string;
  /** npm package and installed version. */
  pkg: string;
  version: string;
  /** How the peer is driven, for the report. */
  entry: string;
  /** Parse only. Returns the library's message object (or whatever it returns on failure). */
  parse(text: string): unknown;
  /**
   * Parse, then read the common fields through the library's API. Returns undefined when the parse
   * itself returns nothing (the library's way of saying "not a SIP message"); may throw.
   */
  fair(text: string): Fields | undefined;
}

export interface SkippedPeer {
  name: string;
  pkg: string;
  reason: string;
}

// Minimal shapes of what the peers return (they are untyped JavaScript, or typed loosely).

interface NameAddrLike {
  uri?: { host?: string } | undefined;
}
interface UriLike {
  user?: string;
  host?: string;
}

interface JsSipMessage {
  via_branch?: string;
  from_tag?: string;
  to_tag?: string;
  cseq?: number;
  call_id?: string;
  ruri?: UriLike;
  parseHeader(name: string): NameAddrLike | undefined;
}

interface SipJsMessage {
  viaBranch?: string;
  fromTag?: string;
  toTag?: string;
  cseq?: number;
  callId?: string;
  ruri?: UriLike;
  parseHeader(name: string): NameAddrLike | undefined;
}

interface KirmAor {
  uri: string;
  params: Record<string, string | null | undefined>;
}
interface KirmMessage {
  method?: string;
  uri?: string;
  headers: {
    via?: { params: Record<string, string | null | undefined> }[];
    from?: KirmAor;
    to?: KirmAor;
    cseq?: { seq: number };
    'call-id'?: string;
    contact?: KirmAor[] | '*';
  };
}
interface KirmSip {
  parse(text: string): KirmMessage | undefined;
  parseUri(uri: string): UriLike | undefined;
}

interface DrachtioMessage {
  method?: string;
  uri?: string;
  has(name: string): boolean;
  get(name: string): string | undefined;
  getParsedHeader(name: string): unknown;
}
interface DrachtioSipMessageClass {
  new (raw: string): DrachtioMessage;
  parseUri(uri: string): UriLike | undefined;
}

const silentLogger = {
  error() {},
  warn() {},
  log() {},
  debug() {},
};

function version(pkg: string): string {
  return (requireFromHere(`${pkg}/package.json`) as { version: string }).version;
}

function str(v: string | null | undefined): string | undefined {
  return v === null ? undefined : v;
}

function jssip(): Peer {
  const Parser = requireFromHere('jssip/lib/Parser.js') as {
    parseMessage(data: string, ua: unknown): JsSipMessage | undefined;
  };
  const ua = {}; // IncomingRequest only stores it; parseMessage never reads it
  return {
    name: 'JsSIP',
    pkg: 'jssip',
    version: version('jssip'),
    entry: 'require("jssip/lib/Parser.js").parseMessage(string, ua)',
    parse: (text) => Parser.parseMessage(text, ua),
    fair(text) {
      const m = Parser.parseMessage(text, ua);
      if (m === undefined || m === null) return undefined;
      const contact = m.parseHeader('contact');
      const ruri = m.ruri;
      return [
        str(m.via_branch),
        str(m.from_tag),
        str(m.to_tag),
        m.cseq ?? undefined,
        str(m.call_id),
        contact?.uri?.host,
        ruri?.user ?? undefined,
        ruri?.host ?? undefined,
      ];
    },
  };
}

async function sipjs(): Promise<Peer> {
  // SIP.js is an ES module. Loaded with require(), tsx would recompile it to CommonJS, and that
  // interop puts getters on every cross-module reference (the cost bench/codec-bundle.ts describes for
  // our codec); import() lets Node run it natively, as shipped.
  const url = pathToFileURL(requireFromHere.resolve('sip.js/lib/core/messages/parser.js')).href;
  const { Parser } = (await import(url)) as {
    Parser: { parseMessage(data: string, logger: unknown): SipJsMessage | undefined };
  };
  return {
    name: 'SIP.js',
    pkg: 'sip.js',
    version: version('sip.js'),
    entry:
      'Parser.parseMessage(string, logger) from sip.js/lib/core/messages/parser.js (ES module, loaded natively with import())',
    parse: (text) => Parser.parseMessage(text, silentLogger),
    fair(text) {
      const m = Parser.parseMessage(text, silentLogger);
      if (m === undefined || m === null) return undefined;
      const contact = m.parseHeader('contact');
      const ruri = m.ruri;
      return [
        str(m.viaBranch),
        str(m.fromTag),
        str(m.toTag),
        m.cseq ?? undefined,
        str(m.callId),
        contact?.uri?.host,
        ruri?.user ?? undefined,
        ruri?.host ?? undefined,
      ];
    },
  };
}

function kirmSip(): Peer {
  const sip = requireFromHere('sip') as KirmSip;
  return {
    name: 'sip',
    pkg: 'sip',
    version: version('sip'),
    entry: 'require("sip").parse(string); URIs with sip.parseUri',
    parse: (text) => sip.parse(text),
    fair(text) {
      const m = sip.parse(text);
      if (m === undefined || m === null) return undefined;
      const h = m.headers;
      const contact = h.contact;
      const contactUri =
        Array.isArray(contact) && contact[0] !== undefined
          ? sip.parseUri(contact[0].uri)
          : undefined;
      const ruri = m.method !== undefined && m.uri !== undefined ? sip.parseUri(m.uri) : undefined;
      return [
        str(h.via?.[0]?.params.branch),
        str(h.from?.params.tag),
        str(h.to?.params.tag),
        h.cseq?.seq,
        h['call-id'],
        contactUri?.host,
        ruri?.user,
        ruri?.host,
      ];
    },
  };
}

function drachtio(): Peer {
  const SipMessage = requireFromHere('drachtio-sip/lib/message.js') as DrachtioSipMessageClass;
  return {
    name: 'drachtio-sip',
    pkg: 'drachtio-sip',
    version: version('drachtio-sip'),
    entry: 'new SipMessage(string) (lazy); getParsedHeader(name), SipMessage.parseUri',
    parse: (text) => new SipMessage(text),
    fair(text) {
      const m = new SipMessage(text);
      const via = m.has('via')
        ? (m.getParsedHeader('via') as { params: Record<string, string | undefined> }[])
        : undefined;
      const from = m.has('from')
        ? (m.getParsedHeader('from') as { params: Record<string, string | undefined> })
        : undefined;
      const to = m.has('to')
        ? (m.getParsedHeader('to') as { params: Record<string, string | undefined> })
        : undefined;
      const cseq = m.has('cseq') ? (m.getParsedHeader('cseq') as { seq: number }) : undefined;
      const contact = m.has('contact')
        ? (m.getParsedHeader('contact') as { uri: string }[] | '*')
        : undefined;
      const contactUri =
        Array.isArray(contact) && contact[0] !== undefined
          ? SipMessage.parseUri(contact[0].uri)
          : undefined;
      const ruri =
        m.method !== undefined && m.uri !== undefined ? SipMessage.parseUri(m.uri) : undefined;
      return [
        via?.[0]?.params.branch,
        from?.params.tag,
        to?.params.tag,
        cseq?.seq,
        m.get('call-id'),
        contactUri?.host,
        ruri?.user,
        ruri?.host,
      ];
    },
  };
}

/** Loads every peer that is installed and loads; the others are returned with the reason. */
export async function loadPeers(): Promise<{ peers: Peer[]; skipped: SkippedPeer[] }> {
  const peers: Peer[] = [];
  const skipped: SkippedPeer[] = [];
  const makers: [string, string, () => Peer | Promise<Peer>][] = [
    ['JsSIP', 'jssip', jssip],
    ['SIP.js', 'sip.js', sipjs],
    ['sip', 'sip', kirmSip],
    ['drachtio-sip', 'drachtio-sip', drachtio],
  ];
  for (const [name, pkg, make] of makers) {
    try {
      peers.push(await make());
    } catch (err) {
      const e = err as { code?: string; message?: string };
      const reason =
        e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND'
          ? `package "${pkg}" is not installed (npm install -D ${pkg} failed or was not run)`
          : `loading it failed: ${e.message ?? String(err)}`;
      skipped.push({ name, pkg, reason });
    }
  }
  return { peers, skipped };
}
