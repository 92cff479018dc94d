/**
 * URIs (RFC 3261 §19.1, §25.1; tel: RFC 3966): parts, escapes, formatting, and the comparison rules of
 * §19.1.4 with the RFC's own examples.
 */
import { describe, expect, it } from 'vitest';
import {
  ValueParseError,
  defaultPort,
  formatUri,
  isSipUri,
  isTelUri,
  parseUri,
  unescape,
  uriEquals,
  uriParam,
  type SipUri,
  type TelUri,
} from '@/sim/codec';

function sip(s: string): SipUri {
  const u = parseUri(s);
  if (!isSipUri(u)) throw new Error(`${s} is not a SIP URI`);
  return u;
}

function parseError(s: string): ValueParseError {
  try {
    parseUri(s);
  } catch (e) {
    if (e instanceof ValueParseError) return e;
    throw e;
  }
  throw new Error(`${s} parsed`);
}

describe('SIP and SIPS URIs', () => {
  it('reads user, password, host, port, parameters and headers', () => {
    const u = sip(
      'sip:alice:secretword@atlanta.com:5070;transport=tcp;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent',
    );
    expect(u).toEqual({
      scheme: 'sip',
      user: 'alice',
      password: 'secretword',
      host: 'atlanta.com',
      port: 5070,
      params: [
        { name: 'transport', value: 'tcp' },
        { name: 'lr', value: null },
        { name: 'maddr', value: '239.255.255.1' },
      ],
      headers: [
        { name: 'subject', value: 'project%20x' },
        { name: 'priority', value: 'urgent' },
      ],
    });
    expect(uriParam(u, 'transport')).toBe('tcp');
    expect(uriParam(u, 'lr')).toBeNull();
    expect(uriParam(u, 'ttl')).toBeUndefined();
  });

  it('has no user part without "@", and no port unless written', () => {
    const u = sip('sip:registrar.biloxi.com');
    expect(u.user).toBeNull();
    expect(u.password).toBeNull();
    expect(u.port).toBeNull();
    expect(defaultPort(u)).toBe(5060);
    expect(defaultPort(sip('sips:bob@biloxi.com'))).toBe(5061);
  });

  it('lower-cases the scheme and keeps SIPS apart', () => {
    expect(sip('SIP:alice@atlanta.com').scheme).toBe('sip');
    expect(sip('sips:alice@atlanta.com').scheme).toBe('sips');
  });

  it('reads IPv4 hosts and IPv6 references with and without port', () => {
    expect(sip('sip:alice@192.0.2.4').host).toBe('192.0.2.4');
    const v6 = sip('sip:alice@[2001:db8::10]:5070;transport=udp');
    expect(v6.host).toBe('[2001:db8::10]');
    expect(v6.port).toBe(5070);
    expect(sip('sip:[2001:db8::9:1]').host).toBe('[2001:db8::9:1]');
    expect(sip('sip:[::ffff:192.0.2.1]').host).toBe('[::ffff:192.0.2.1]');
  });

  it('keeps escapes as received in the fields; unescape decodes them', () => {
    const u = sip('sip:sip%3Auser%40example.com@company.com;other-param=summit');
    expect(u.user).toBe('sip%3Auser%40example.com');
    expect(unescape(u.user ?? '')).toBe('sip:user@example.com');
    expect(unescape('%61lice')).toBe('alice');
    expect(unescape('no escapes')).toBe('no escapes');
    expect(unescape('100%25')).toBe('100%');
  });

  it('accepts the telephone-subscriber user of RFC 3261 §19.1.6 with user=phone', () => {
    const u = sip('sip:+1-212-555-1212:1234@gateway.com;user=phone');
    expect(u.user).toBe('+1-212-555-1212');
    expect(u.password).toBe('1234');
    expect(uriParam(u, 'user')).toBe('phone');
  });

  it('accepts user-unreserved characters (";", "?", "/", "&", "=") in the user part', () => {
    const u = sip('sip:user;par=u%40example.net@example.com');
    expect(u.user).toBe('user;par=u%40example.net');
    expect(u.host).toBe('example.com');
  });

  it('formats back to the same text', () => {
    for (const s of [
      'sip:alice@atlanta.com',
      'sips:bob:pw@biloxi.com:5061;transport=tls',
      'sip:[2001:db8::10]:5060;lr',
      'sip:biloxi.com;method=REGISTER?to=sip:bob%40biloxi.com',
      'sip:alice@atlanta.com?subject=project%20x&priority=urgent',
    ]) {
      expect(formatUri(parseUri(s))).toBe(s);
    }
  });

  it.each([
    ['sip:', 'missing host'],
    ['sip:alice@', 'missing host'],
    ['sip:@atlanta.com', 'empty user part'],
    ['sip:alice@atlanta.com:', 'missing port number'],
    ['sip:alice@atlanta.com:70000', 'out of range'],
    ['sip:alice@[2001:db8::1', 'IPv6 reference is not closed'],
    ['sip:alice@[]', 'empty IPv6 reference'],
    ['sip:alice@atlanta..com', 'empty label'],
    ['sip:alice@-atlanta.com', 'starts or ends with "-"'],
    ['sip:alice@192.0.2.300', 'malformed IPv4 address'],
    ['sip:al%4gce@atlanta.com', 'bad escape'],
    ['sip:alice@atlanta.com;=x', 'unexpected "="'],
    ['sip:alice@atlanta.com;p=', 'empty parameter value'],
    ['sip:alice@atlanta.com?subject', 'URI ends too early'],
    ['sip:alice@atlanta.com x', 'whitespace inside a URI'],
    ['sip:alice@atlanta.com>', 'unexpected ">"'],
    ['1sip:alice@atlanta.com', 'unexpected "1"'],
    ['sipalice', 'URI ends too early'],
  ])('rejects %s (%s) with the index and the RFC rule', (s, problem) => {
    const e = parseError(s);
    expect(e.problem).toContain(problem);
    expect(e.index).toBeGreaterThanOrEqual(0);
    expect(e.index).toBeLessThanOrEqual(s.length);
    expect(e.expected).toMatch(/RFC \d+/);
  });
});

describe('tel URIs', () => {
  it('reads the number and its parameters', () => {
    const u = parseUri('tel:+1-201-555-0123;phone-context=example.com;ext=22');
    expect(isTelUri(u)).toBe(true);
    const t = u as TelUri;
    expect(t.number).toBe('+1-201-555-0123');
    expect(t.params).toEqual([
      { name: 'phone-context', value: 'example.com' },
      { name: 'ext', value: '22' },
    ]);
    expect(uriParam(t, 'ext')).toBe('22');
    expect(formatUri(t)).toBe('tel:+1-201-555-0123;phone-context=example.com;ext=22');
  });

  it('reads a local number', () => {
    expect(parseUri('tel:7042;phone-context=example.com')).toMatchObject({
      scheme: 'tel',
      number: '7042',
    });
  });

  it('rejects an empty number', () => {
    expect(() => parseUri('tel:')).toThrow(ValueParseError);
  });
});

describe('other URIs', () => {
  it('are kept opaque with their scheme', () => {
    expect(parseUri('mailto:bob@biloxi.com')).toEqual({
      scheme: 'mailto',
      opaque: 'bob@biloxi.com',
    });
    expect(parseUri('http://www.example.com/a?b=c')).toEqual({
      scheme: 'http',
      opaque: '//www.example.com/a?b=c',
    });
    const u = parseUri('urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6');
    expect(isSipUri(u) || isTelUri(u)).toBe(false);
    expect(formatUri(u)).toBe('urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6');
    expect(uriParam(u, 'x')).toBeUndefined();
  });

  it('rejects an empty opaque part or bad characters', () => {
    expect(() => parseUri('mailto:')).toThrow(ValueParseError);
    expect(() => parseUri('mailto:bob @biloxi.com')).toThrow(ValueParseError);
  });
});

describe('uriEquals (RFC 3261 §19.1.4)', () => {
  // "The URIs within each of the following sets are equivalent" (RFC 3261 §19.1.4).
  const equalSets = [
    ['sip:%61lice@atlanta.com;transport=TCP', 'sip:alice@AtLanTa.CoM;Transport=tcp'],
    [
      'sip:carol@chicago.com',
      'sip:carol@chicago.com;newparam=5',
      'sip:carol@chicago.com;security=on',
    ],
    [
      'sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com',
      'sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com',
    ],
    [
      'sip:alice@atlanta.com?subject=project%20x&priority=urgent',
      'sip:alice@atlanta.com?priority=urgent&subject=project%20x',
    ],
  ];
  // "The URIs within each of the following sets are not equivalent".
  const unequalPairs: [string, string, string][] = [
    [
      'SIP:ALICE@AtLanTa.CoM;Transport=udp',
      'sip:alice@AtLanTa.CoM;Transport=UDP',
      'different usernames',
    ],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com:5060', 'can resolve to different ports'],
    [
      'sip:bob@biloxi.com',
      'sip:bob@biloxi.com;transport=udp',
      'can resolve to different transports',
    ],
    [
      'sip:bob@biloxi.com',
      'sip:bob@biloxi.com:6000;transport=tcp',
      'can resolve to different port and transports',
    ],
    [
      'sip:carol@chicago.com',
      'sip:carol@chicago.com?Subject=next%20meeting',
      'different header component',
    ],
    [
      'sip:bob@phone21.boxesbybob.com',
      'sip:bob@192.0.2.4',
      "even though that's what phone21.boxesbybob.com resolves to",
    ],
  ];

  for (const set of equalSets) {
    for (const a of set) {
      for (const b of set) {
        it(`${a} equals ${b}`, () => {
          expect(uriEquals(parseUri(a), parseUri(b))).toBe(true);
        });
      }
    }
  }

  for (const [a, b, why] of unequalPairs) {
    it(`${a} does not equal ${b} (${why})`, () => {
      expect(uriEquals(parseUri(a), parseUri(b))).toBe(false);
      expect(uriEquals(parseUri(b), parseUri(a))).toBe(false);
    });
  }

  it('is not transitive (the security=on / security=off example)', () => {
    const plain = parseUri('sip:carol@chicago.com');
    const on = parseUri('sip:carol@chicago.com;security=on');
    const off = parseUri('sip:carol@chicago.com;security=off');
    expect(uriEquals(plain, on)).toBe(true);
    expect(uriEquals(plain, off)).toBe(true);
    expect(uriEquals(on, off)).toBe(false);
  });

  it('never equates a SIP and a SIPS URI', () => {
    expect(uriEquals(parseUri('sip:alice@atlanta.com'), parseUri('sips:alice@atlanta.com'))).toBe(
      false,
    );
  });

  it('does not match a URI with a user part against one without', () => {
    expect(uriEquals(parseUri('sip:atlanta.com'), parseUri('sip:alice@atlanta.com'))).toBe(false);
  });

  it('requires user, ttl, method and maddr parameters on both sides', () => {
    for (const p of ['user=phone', 'ttl=1', 'method=INVITE', 'maddr=239.255.255.1']) {
      expect(
        uriEquals(parseUri('sip:bob@biloxi.com'), parseUri(`sip:bob@biloxi.com;${p}`)),
        p,
      ).toBe(false);
    }
  });

  it('does not match a URI with a password part against one without, even an empty one', () => {
    // "A URI omitting the password component will not match a URI that includes one" (§19.1.4);
    // in sip:a:@h the password is present and empty (password = *( ... ), §25.1).
    const withEmpty = parseUri('sip:a:@h');
    const without = parseUri('sip:a@h');
    expect(withEmpty).toMatchObject({ user: 'a', password: '' });
    expect(without).toMatchObject({ user: 'a', password: null });
    expect(uriEquals(withEmpty, without)).toBe(false);
    expect(uriEquals(without, withEmpty)).toBe(false);
    expect(uriEquals(parseUri('sip:a:pw@h'), parseUri('sip:a@h'))).toBe(false);
    expect(uriEquals(withEmpty, parseUri('sip:a:@H'))).toBe(true);
    expect(uriEquals(parseUri('sip:a:%70w@h'), parseUri('sip:a:pw@h'))).toBe(true);
  });

  it('compares passwords case-sensitively and hosts case-insensitively', () => {
    expect(uriEquals(parseUri('sip:bob:PW@biloxi.com'), parseUri('sip:bob:pw@biloxi.com'))).toBe(
      false,
    );
    expect(uriEquals(parseUri('sip:bob:pw@BILOXI.com'), parseUri('sip:bob:pw@biloxi.COM'))).toBe(
      true,
    );
  });
});
