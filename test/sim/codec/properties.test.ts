/**
 * Property tests of the codec (fast-check, fixed seeds so a failure reproduces):
 *   (a) generated valid messages survive serialize -> parse unchanged, and validate;
 *   (b) every corpus and fixture message that parses survives parse -> serialize -> parse;
 *   (c) mutated corpus messages only ever give a message or a SipParseError, and validation, explain
 *       and the round trip never throw anything else;
 *   and parsing 100 KB of pathological header values finishes (a quadratic parser would time out).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SipParseError,
  checkMessage,
  createRequest,
  createResponse,
  explainMessage,
  isStar,
  parseMessage,
  serializeMessageBytes,
  textToWire,
  validateMessage,
  type HeaderInit,
  type SipMessage,
} from '@/sim/codec';

const fixtures = path.resolve(__dirname, '../../fixtures');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(sip|dat)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const inputs: { file: string; bytes: Uint8Array }[] = [
  ...filesUnder(path.join(fixtures, 'corpus')),
  ...filesUnder(path.join(fixtures, 'messages')),
].map((file) => ({
  file: path.relative(fixtures, file),
  bytes: new Uint8Array(readFileSync(file)),
}));

/** What must survive a round trip: the start line, the header fields (name and value), the body. */
function shape(m: SipMessage): unknown {
  return {
    start:
      m.kind === 'request' ? [m.method, m.requestUri, m.version] : [m.status, m.reason, m.version],
    headers: m.headers
      .filter((h) => h.key !== 'content-length')
      .map((h) => [h.name, h.key, h.value]),
    body: m.body,
  };
}

function tryParse(bytes: Uint8Array, allowBareLf = false): SipMessage | SipParseError {
  try {
    return parseMessage(bytes, { allowBareLf });
  } catch (e) {
    if (e instanceof SipParseError) return e;
    throw e;
  }
}

// ---- (a) generated valid messages ------------------------------------------------------------------

const alnum = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const tokenArb = fc.string({
  unit: fc.constantFrom(...(alnum + "-.!%*_+`'~")),
  minLength: 1,
  maxLength: 12,
});
const methodArb = fc.oneof(
  fc.constantFrom(
    'INVITE',
    'ACK',
    'BYE',
    'CANCEL',
    'REGISTER',
    'OPTIONS',
    'SUBSCRIBE',
    'NOTIFY',
    'MESSAGE',
    'PRACK',
    'UPDATE',
    'INFO',
    'REFER',
    'PUBLISH',
  ),
  tokenArb,
);
const labelArb = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$|^[a-z]$/);
const domainArb = fc.array(labelArb, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('.'));
const ipv4Arb = fc
  .tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255))
  .map((t) => t.join('.'));
const ipv6Arb = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 2, maxLength: 8 }).map(
  (g) =>
    `[${
      g.length < 8
        ? `${g[0]!.toString(16)}::${g
            .slice(1)
            .map((x) => x.toString(16))
            .join(':')}`
        : g.map((x) => x.toString(16)).join(':')
    }]`,
);
const hostArb = fc.oneof(domainArb, ipv4Arb, ipv6Arb);
const portArb = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
const hostportArb = fc.tuple(hostArb, portArb).map(([h, p]) => (p === undefined ? h : `${h}:${p}`));
const userArb = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...(alnum + "-_.!~*'()&=+$")),
    fc.constantFrom('%41', '%20', '%3B', '%40'),
  ),
  minLength: 1,
  maxLength: 10,
});
const sipUriArb = fc
  .tuple(
    fc.constantFrom('sip', 'sips'),
    fc.option(userArb, { nil: undefined }),
    hostportArb,
    fc.array(fc.tuple(tokenArb, fc.option(tokenArb, { nil: undefined })), { maxLength: 3 }),
  )
  .map(
    ([scheme, user, hp, params]) =>
      `${scheme}:${user === undefined ? '' : user + '@'}${hp}${params.map(([n, v]) => `;${n.replace(/[%'`]/g, 'x')}${v === undefined ? '' : '=' + v.replace(/[%'`]/g, 'x')}`).join('')}`,
  );
/** Display names with quotes, backslashes, separators and non-ASCII text (no control characters). */
const displayNameArb = fc.string({
  unit: fc.constantFrom(...'ab AZ09"\\<>,;:@=\'()é中'.split('')),
  maxLength: 16,
});
const quoted = (s: string): string => `"${s.replace(/["\\]/g, '\\$&')}"`;
const nameAddrArb = fc
  .tuple(fc.option(displayNameArb, { nil: undefined }), sipUriArb)
  .map(([dn, uri]) => ({ dn, text: `${dn === undefined ? '' : quoted(dn) + ' '}<${uri}>` }));
const viaArb = fc
  .tuple(fc.constantFrom('UDP', 'TCP', 'TLS', 'SCTP', 'WS'), hostportArb, tokenArb, fc.boolean())
  .map(
    ([t, hp, branch, rport]) =>
      `SIP/2.0/${t} ${hp};branch=z9hG4bK${branch}${rport ? ';rport' : ''}`,
  );
const callIdArb = fc
  .tuple(
    fc.string({
      unit: fc.constantFrom(...(alnum + '-.!%*_+`\'~()<>:\\"/[]?{}')),
      minLength: 1,
      maxLength: 20,
    }),
    fc.option(domainArb, { nil: undefined }),
  )
  .map(([w, d]) => (d === undefined ? w : `${w}@${d}`));
const bodyArb = fc.option(fc.string({ unit: 'grapheme', maxLength: 60 }), { nil: undefined });

const messageArb = fc.record({
  request: fc.boolean(),
  method: methodArb,
  requestUri: sipUriArb,
  status: fc.integer({ min: 100, max: 699 }),
  reason: fc.string({ unit: fc.constantFrom(...'ab Z9-/.é'.split('')), maxLength: 20 }),
  vias: fc.array(viaArb, { minLength: 1, maxLength: 4 }),
  viasOnOneLine: fc.boolean(),
  from: nameAddrArb,
  fromTag: tokenArb,
  to: nameAddrArb,
  toTag: fc.option(tokenArb, { nil: undefined }),
  callId: callIdArb,
  seq: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  maxForwards: fc.integer({ min: 0, max: 255 }),
  contacts: fc.array(nameAddrArb, { maxLength: 3 }),
  body: bodyArb,
});

describe('(a) generated valid messages', () => {
  it('parse(serialize(m)) is m, and validation accepts it', () => {
    fc.assert(
      fc.property(messageArb, (g) => {
        const headers: [string, string][] = [];
        if (g.viasOnOneLine) headers.push(['Via', g.vias.join(', ')]);
        else for (const v of g.vias) headers.push(['Via', v]);
        headers.push(['Max-Forwards', String(g.maxForwards)]);
        headers.push(['From', `${g.from.text};tag=${g.fromTag}`]);
        headers.push(['To', g.to.text + (g.toTag === undefined ? '' : `;tag=${g.toTag}`)]);
        headers.push(['Call-ID', g.callId]);
        headers.push(['CSeq', `${g.seq} ${g.request ? g.method : 'INVITE'}`]);
        if (g.contacts.length > 0)
          headers.push(['Contact', g.contacts.map((c) => c.text).join(', ')]);
        if (g.body !== undefined && g.body !== '')
          headers.push(['Content-Type', 'text/plain;charset=UTF-8']);
        const init: HeaderInit = headers;
        const m = g.request
          ? createRequest(g.method, g.requestUri, init, g.body ?? '')
          : createResponse(g.status, g.reason, init, g.body ?? '');

        const bytes = serializeMessageBytes(m);
        const p = parseMessage(bytes);
        expect(shape(p)).toEqual(shape(m));
        expect(p.headerValue('content-length')).toBe(String(m.body.length));
        // The typed values read back what was generated.
        expect(p.vias()).toHaveLength(g.vias.length);
        expect(p.from()?.displayName ?? undefined).toBe(
          g.from.dn === undefined ? undefined : textToWire(g.from.dn),
        );
        expect(p.to()?.displayName ?? undefined).toBe(
          g.to.dn === undefined ? undefined : textToWire(g.to.dn),
        );
        expect(p.contacts().map((c) => (isStar(c) ? '*' : c.displayName))).toEqual(
          g.contacts.map((c) => (c.dn === undefined ? null : textToWire(c.dn))),
        );
        expect(p.cseq()?.seq).toBe(g.seq);
        expect(p.callId()).toBe(g.callId);
        expect(validateMessage(p)).toBeNull();
        // Serializing the parsed message gives the same bytes again.
        expect(serializeMessageBytes(p)).toEqual(bytes);
      }),
      { numRuns: 1000, seed: 3261 },
    );
  }, 60_000);
});

// ---- (b) corpus round trip -------------------------------------------------------------------------

describe('(b) corpus and fixture messages', () => {
  const parsed = inputs.flatMap(({ file, bytes }) => {
    const m = tryParse(bytes);
    return m instanceof SipParseError ? [] : [{ file, bytes, m }];
  });

  it('most of them parse', () => {
    expect(parsed.length).toBeGreaterThan(100);
  });

  it.each(parsed)('$file: serialize(parse(x)) parses to the same message', ({ bytes, m }) => {
    const again = parseMessage(serializeMessageBytes(m));
    expect(shape(again)).toEqual(shape(m));
    expect(again.headerValue('content-length') ?? String(m.body.length)).toBe(
      String(m.body.length),
    );
    // A second round changes nothing at all.
    expect(serializeMessageBytes(again)).toEqual(serializeMessageBytes(m));
    expect(bytes.length).toBeGreaterThan(0);
  });
});

// ---- (c) robustness against mutated messages ----------------------------------------------------------

/** Characters whose neighbourhood is where parsers go wrong. */
const SPECIAL = [
  13, 10, 32, 9, 58, 59, 44, 34, 60, 62, 92, 64, 61, 37, 47, 91, 93, 40, 41, 63, 0, 0xff, 0xc3,
];

type Mutation =
  | { kind: 'flip'; at: Position; value: number }
  | { kind: 'insert'; at: Position; bytes: number[] }
  | { kind: 'delete'; at: Position; length: number }
  | { kind: 'truncate'; at: Position }
  | { kind: 'duplicate-line'; line: number; times: number }
  | { kind: 'delete-line'; line: number };

/** A place in the message: anywhere, or next to the n-th occurrence of a special character. */
type Position = { anywhere: number } | { near: number; nth: number; offset: number };

const positionArb: fc.Arbitrary<Position> = fc.oneof(
  fc.record({ anywhere: fc.nat() }),
  fc.record({
    near: fc.constantFrom(...SPECIAL),
    nth: fc.nat(40),
    offset: fc.integer({ min: -1, max: 1 }),
  }),
);
const byteArb = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...SPECIAL));
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: positionArb, value: byteArb }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: positionArb,
    bytes: fc.array(byteArb, { minLength: 1, maxLength: 6 }),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: positionArb,
    length: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: positionArb }),
  fc.record({
    kind: fc.constant('duplicate-line' as const),
    line: fc.nat(60),
    times: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant('delete-line' as const), line: fc.nat(60) }),
);

function resolve(bytes: number[], at: Position): number {
  if ('anywhere' in at) return bytes.length === 0 ? 0 : at.anywhere % (bytes.length + 1);
  const hits: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === at.near) hits.push(i);
  if (hits.length === 0) return bytes.length === 0 ? 0 : at.nth % bytes.length;
  const i = hits[at.nth % hits.length]! + at.offset;
  return Math.max(0, Math.min(bytes.length, i));
}

function lineSpans(bytes: number[]): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10) {
      spans.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < bytes.length) spans.push([start, bytes.length]);
  return spans;
}

function mutate(input: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let b = Array.from(input);
  for (const m of mutations) {
    switch (m.kind) {
      case 'flip': {
        const i = resolve(b, m.at);
        if (i < b.length) b[i] = m.value;
        break;
      }
      case 'insert':
        b.splice(resolve(b, m.at), 0, ...m.bytes);
        break;
      case 'delete':
        b.splice(resolve(b, m.at), m.length);
        break;
      case 'truncate':
        b = b.slice(0, resolve(b, m.at));
        break;
      case 'duplicate-line':
      case 'delete-line': {
        const spans = lineSpans(b);
        if (spans.length === 0) break;
        const [s, e] = spans[m.line % spans.length]!;
        const line = b.slice(s, e);
        if (m.kind === 'delete-line') b.splice(s, e - s);
        else for (let t = 0; t < m.times; t++) b.splice(e, 0, ...line);
        break;
      }
    }
  }
  return Uint8Array.from(b);
}

/** Everything the codec offers on untrusted bytes: only a message or a SipParseError, never a crash. */
function exercise(bytes: Uint8Array, allowBareLf: boolean): void {
  const result = tryParse(bytes, allowBareLf);
  if (result instanceof SipParseError) {
    const e = result;
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.column).toBeGreaterThanOrEqual(1);
    expect(e.offset).toBeGreaterThanOrEqual(0);
    expect(e.offset).toBeLessThanOrEqual(bytes.length);
    expect(e.expected).toMatch(/RFC \d+/);
    expect(e.status).toBeGreaterThanOrEqual(400);
    return;
  }
  const msg = result;
  const issue = validateMessage(msg);
  if (issue !== null) {
    expect(issue.status).toBeGreaterThanOrEqual(400);
    expect(issue.status).toBeLessThan(600);
    expect(issue.reason.length).toBeGreaterThan(0);
    if (issue.position !== undefined && issue.position.offset >= 0)
      expect(issue.position.offset).toBeLessThanOrEqual(bytes.length);
  }
  const verdict = checkMessage(bytes, { allowBareLf });
  expect(verdict.verdict).toBe(issue === null ? 'accept' : 'reject');
  const explained = explainMessage(msg);
  expect(explained.length).toBeGreaterThanOrEqual(2);
  // Whatever parsed survives serialize -> parse. (A header folded with LF alone keeps its bytes,
  // so a message read with allowBareLf is read back with it.)
  const again = parseMessage(serializeMessageBytes(msg), { allowBareLf });
  expect(shape(again)).toEqual(shape(msg));
}

describe('(c) mutated corpus messages', () => {
  const caseArb = fc.record({
    input: fc.nat(inputs.length - 1),
    mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
    allowBareLf: fc.boolean(),
  });

  it('only ever give a message or a SipParseError; validation, explain and round trip never throw', () => {
    let parsedCount = 0;
    fc.assert(
      fc.property(caseArb, ({ input, mutations, allowBareLf }) => {
        const bytes = mutate(inputs[input]!.bytes, mutations);
        exercise(bytes, allowBareLf);
        if (!(tryParse(bytes, allowBareLf) instanceof SipParseError)) parsedCount++;
      }),
      { numRuns: 1000, seed: 4475 },
    );
    // The mutations are not so destructive that nothing parses any more.
    expect(parsedCount).toBeGreaterThan(100);
  }, 120_000);

  it('every truncation of every corpus message is handled', () => {
    for (const { bytes } of inputs.filter((x) => x.file.startsWith('corpus'))) {
      for (let n = 0; n <= bytes.length; n++) exercise(bytes.subarray(0, n), n % 2 === 1);
    }
  }, 120_000);

  it('random bytes are handled', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (bytes, allowBareLf) => {
        exercise(bytes, allowBareLf);
      }),
      { numRuns: 500, seed: 2617 },
    );
  });
});

// ---- linear time ---------------------------------------------------------------------------------

describe('pathological header values of 100 KB', () => {
  const SIZE = 100_000;
  const patterns = [
    ';',
    '"',
    '<',
    '>',
    ',',
    '\\',
    '%',
    '(',
    '[',
    '@',
    ':',
    '=',
    ' ;',
    'a;',
    '<sip:a@b>,',
    '"\\',
    '";',
    'a=b;',
    'x ',
    '%4',
    '<"',
  ];
  const headers = [
    'Via',
    'From',
    'To',
    'Contact',
    'Route',
    'Record-Route',
    'Call-ID',
    'CSeq',
    'Max-Forwards',
    'Content-Type',
    'Require',
    'Authorization',
    'WWW-Authenticate',
    'Event',
    'Subscription-State',
    'Warning',
    'Date',
    'Retry-After',
    'Subject',
  ];
  const base = [
    'OPTIONS sip:bob@biloxi.com SIP/2.0',
    'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1',
    'Max-Forwards: 70',
    'To: <sip:bob@biloxi.com>',
    'From: <sip:alice@atlanta.com>;tag=1',
    'Call-ID: 1@a',
    'CSeq: 1 OPTIONS',
  ];

  function run(text: string): void {
    const bytes = new TextEncoder().encode(text);
    const verdict = checkMessage(bytes);
    expect(['accept', 'reject']).toContain(verdict.verdict);
    const m = tryParse(bytes);
    if (!(m instanceof SipParseError)) explainMessage(m);
  }

  it.each(headers)(
    '%s: every pattern finishes',
    (name) => {
      for (const p of patterns) {
        const value = p.repeat(Math.ceil(SIZE / p.length));
        // First as the value, then after a valid start, so the parser gets deep into the value.
        const prefixes: Record<string, string> = {
          Via: 'SIP/2.0/UDP h;x=',
          From: '"a" <sip:a@b>;t=',
          To: '<sip:a@b>;',
          Contact: '<sip:a@b>,',
          Route: '<sip:a@b>,',
        };
        for (const v of [value, (prefixes[name] ?? 'a ') + value]) {
          run(
            [
              ...base.filter((l) => !l.toLowerCase().startsWith(name.toLowerCase() + ':')),
              `${name}: ${v}`,
              'Content-Length: 0',
              '',
              '',
            ].join('\r\n'),
          );
        }
      }
    },
    60_000,
  );

  it('a 100 KB Request-URI, start line, folded header and header count finish', () => {
    for (const p of patterns) {
      const uri = 'sip:' + p.repeat(Math.ceil(SIZE / p.length));
      run([`OPTIONS ${uri} SIP/2.0`, ...base.slice(1), 'Content-Length: 0', '', ''].join('\r\n'));
      run(
        [
          `OPTIONS sip:a@b${p.repeat(Math.ceil(SIZE / p.length))} SIP/2.0`,
          ...base.slice(1),
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n'),
      );
    }
    run(
      [...base, 'Subject: a' + '\r\n b'.repeat(SIZE / 4), 'Content-Length: 0', '', ''].join('\r\n'),
    );
    run(
      [
        ...base,
        'Via: SIP/2.0/UDP h' + '\r\n ;x=1'.repeat(SIZE / 7),
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
    run(
      [
        ...base,
        ...Array.from({ length: SIZE / 10 }, (_, i) => `X-H${i}: v`),
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
    run(
      [
        ...base,
        ...Array.from({ length: SIZE / 40 }, (_, i) => `Via: SIP/2.0/UDP h${i};branch=z9hG4bK${i}`),
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
    run('\r\n'.repeat(SIZE));
    run('SIP/2.0 200 ' + 'a'.repeat(SIZE) + '\r\n\r\n');
  }, 60_000);
});
