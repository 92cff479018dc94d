/**
 * Via (RFC 3261 §20.42, §18.2.1, grammar §25.1): sent-protocol, sent-by and the via-params.
 */
import { describe, expect, it } from 'vitest';
import {
  MAGIC_COOKIE,
  ValueParseError,
  checkMessage,
  formatVia,
  parseMessage,
  parseViaList,
  viaBranch,
  viaParam,
  type Via,
} from '@/sim/codec';

function one(value: string): Via {
  const list = parseViaList(value);
  expect(list).toHaveLength(1);
  return list[0]!;
}

describe('parseViaList', () => {
  it('reads protocol, version, transport, host, port and branch', () => {
    const v = one('SIP/2.0/UDP pc33.atlanta.com:5066;branch=z9hG4bK776asdhds');
    expect(v).toEqual({
      protocol: 'SIP',
      version: '2.0',
      transport: 'UDP',
      host: 'pc33.atlanta.com',
      port: 5066,
      params: [{ name: 'branch', value: 'z9hG4bK776asdhds' }],
    });
    expect(viaBranch(v)).toBe('z9hG4bK776asdhds');
    expect(viaBranch(v)?.startsWith(MAGIC_COOKIE)).toBe(true);
  });

  it('has no port when none is written', () => {
    expect(one('SIP/2.0/TCP biloxi.com;branch=z9hG4bK1').port).toBeNull();
  });

  it('reads received, maddr and ttl (RFC 3261 §18.2.1, §20.42)', () => {
    const v = one(
      'SIP/2.0/UDP bobspc.biloxi.com:5060;received=192.0.2.4;maddr=239.255.255.1;ttl=16;branch=z9hG4bKnashds7',
    );
    expect(viaParam(v, 'received')).toBe('192.0.2.4');
    expect(viaParam(v, 'maddr')).toBe('239.255.255.1');
    expect(viaParam(v, 'ttl')).toBe('16');
    expect(viaBranch(v)).toBe('z9hG4bKnashds7');
  });

  it('reads rport with and without a value (RFC 3581)', () => {
    const request = one('SIP/2.0/UDP 192.0.2.1:5060;rport;branch=z9hG4bKa');
    expect(viaParam(request, 'rport')).toBeNull();
    const answered = one(
      'SIP/2.0/UDP 192.0.2.1:5060;received=198.51.100.7;rport=49152;branch=z9hG4bKa',
    );
    expect(viaParam(answered, 'rport')).toBe('49152');
    expect(viaParam(answered, 'nope')).toBeUndefined();
  });

  it('reads IPv6 sent-by with and without port, and an IPv6 received', () => {
    const v = one('SIP/2.0/UDP [2001:db8::9:1]:5070;received=[2001:db8::9:255];branch=z9hG4bKas3');
    expect(v.host).toBe('[2001:db8::9:1]');
    expect(v.port).toBe(5070);
    expect(viaParam(v, 'received')).toBe('[2001:db8::9:255]');
    expect(one('SIP/2.0/TCP [2001:db8::1];branch=z9hG4bKx').host).toBe('[2001:db8::1]');
  });

  it('splits several values on one line, with spaces around the commas', () => {
    const list = parseViaList(
      'SIP/2.0/UDP first.example.com:4000;ttl=16;maddr=224.2.0.1;branch=z9hG4bKa7c6a8dlze.1 , SIP/2.0/TCP 192.0.2.1;branch=z9hG4bKb,SIP/2.0/TLS c.example.com',
    );
    expect(list.map((v) => `${v.transport} ${v.host}`)).toEqual([
      'UDP first.example.com',
      'TCP 192.0.2.1',
      'TLS c.example.com',
    ]);
    expect(viaBranch(list[2]!)).toBeUndefined();
  });

  it('allows LWS around the slashes and before the parameters (RFC 4475 §3.1.1.1)', () => {
    const v = one('SIP  /   2.0 / UDP    192.0.2.2 ;  branch  =  z9hG4bK390skdjuw ; rport');
    expect(v).toMatchObject({
      protocol: 'SIP',
      version: '2.0',
      transport: 'UDP',
      host: '192.0.2.2',
      port: null,
    });
    expect(viaBranch(v)).toBe('z9hG4bK390skdjuw');
    expect(viaParam(v, 'rport')).toBeNull();
  });

  it('keeps unknown transports as received (RFC 4475 §3.1.1.10)', () => {
    expect(one('SIP/2.0/SCTP t.example.com;branch=z9hG4bK1').transport).toBe('SCTP');
    expect(one('SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK1').transport).toBe('WSS');
  });

  it('collects every Via of a message in order, across lines', () => {
    const msg = parseMessage(
      'SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2\r\n' +
        'v: SIP/2.0/UDP c.example.com;branch=z9hG4bK3\r\nContent-Length: 0\r\n\r\n',
    );
    expect(msg.vias().map((v) => v.host)).toEqual([
      'a.example.com',
      'b.example.com',
      'c.example.com',
    ]);
    expect(msg.topVia()?.host).toBe('a.example.com');
  });

  it.each([
    ['SIP/2.0/UDP', 'missing sent-by'],
    ['SIP/2.0 pc33.atlanta.com', 'unexpected "p"'],
    ['SIP/2.0/UDP pc33.atlanta.com:', 'bad port'],
    ['SIP/2.0/UDP pc33.atlanta.com:70000', 'out of range'],
    ['SIP/2.0/UDP [2001:db8::1;branch=z9hG4bK1', 'IPv6 reference is not closed'],
    ['SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1;', 'value ends too early'],
    ['SIP/2.0/UDP pc33.atlanta.com;;branch=z9hG4bK1', 'unexpected ";"'],
    ['SIP/2.0/UDP pc33.atlanta.com branch', 'unexpected "b"'],
    ['SIP/2.0/UDP pc33.atlanta.com,', 'value ends too early'],
  ])('rejects %s (%s)', (value, problem) => {
    let error: unknown;
    try {
      parseViaList(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValueParseError);
    expect((error as ValueParseError).problem).toContain(problem);
    expect((error as ValueParseError).expected).toMatch(/RFC \d+/);
  });
});

describe('IPv6 addresses in received and maddr (RFC 3261 §20.42, §25.1; RFC 5118 §4.5)', () => {
  // via-received = "received" EQUAL (IPv4address / IPv6address): the grammar writes the IPv6 address
  // bare; implementations also bracket it (RFC 5118 §4.5 shows both). maddr = host, whose IPv6 form is
  // an IPv6reference. These Via values were rejected before ("unexpected ':'") when bare.
  const ipv6Request = (via: string) =>
    'OPTIONS sip:[2001:db8::10] SIP/2.0\r\n' +
    `Via: ${via}\r\n` +
    'Max-Forwards: 70\r\nTo: <sip:[2001:db8::10]>\r\nFrom: <sip:a@[2001:db8::9:1]>;tag=1\r\n' +
    'Call-ID: ipv6-received\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n';

  it.each([
    [
      'bare',
      'SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKas3',
      '2001:db8::9:255',
    ],
    [
      'bracketed',
      'SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255];branch=z9hG4bKas3',
      '[2001:db8::9:255]',
    ],
    [
      'bare, full form',
      'SIP/2.0/UDP h;received=2001:db8:0:0:1:0:0:1;rport=5062',
      '2001:db8:0:0:1:0:0:1',
    ],
    [
      'bare, IPv4 tail',
      'SIP/2.0/UDP h;received=::ffff:192.0.2.128;branch=z9hG4bK1',
      '::ffff:192.0.2.128',
    ],
    ['bare, last parameter, before a comma', 'SIP/2.0/UDP h;received=::1 , SIP/2.0/UDP g', '::1'],
  ])('accepts an IPv6 received, %s', (_how, value, received) => {
    expect(viaParam(parseViaList(value)[0]!, 'received')).toBe(received);
    const verdict = checkMessage(ipv6Request(value));
    expect(verdict.verdict).toBe('accept');
    if (verdict.verdict === 'accept')
      expect(viaParam(verdict.message.topVia()!, 'received')).toBe(received);
  });

  it('accepts maddr with an IPv6 reference, and keeps IPv4 and host names as before', () => {
    const v = one('SIP/2.0/UDP h;maddr=[ff02::1];ttl=1;received=192.0.2.4;branch=z9hG4bK1');
    expect(viaParam(v, 'maddr')).toBe('[ff02::1]');
    expect(viaParam(v, 'received')).toBe('192.0.2.4');
    expect(viaParam(one('SIP/2.0/UDP h;maddr=224.2.0.1'), 'maddr')).toBe('224.2.0.1');
    expect(viaParam(one('SIP/2.0/UDP h;MADDR=mc.example.com'), 'maddr')).toBe('mc.example.com');
    expect(
      checkMessage(ipv6Request('SIP/2.0/UDP [2001:db8::9:1];maddr=[ff02::1];branch=z9hG4bK2'))
        .verdict,
    ).toBe('accept');
  });

  it.each([
    ['received=2001:db8::g1', 'received 2001:db8::g1 is not an IPv4 or IPv6 address'],
    ['received=2001:db8::1::2', 'received 2001:db8::1::2 is not an IPv4 or IPv6 address'],
    ['received=1:2:3:4:5:6:7:8:9', 'received 1:2:3:4:5:6:7:8:9 is not an IPv4 or IPv6 address'],
    ['received=12345::1', 'received 12345::1 is not an IPv4 or IPv6 address'],
    ['received=::ffff:192.0.2.256', 'received ::ffff:192.0.2.256 is not an IPv4 or IPv6 address'],
    ['received=[2001:db8::zz]', 'received [2001:db8::zz] is not an IPv6 reference'],
    ['received=[]', 'received [] is not an IPv6 reference'],
    ['received=[2001:db8::1', 'IPv6 reference is not closed'],
    ['maddr=[1:2:3]', 'maddr [1:2:3] is not an IPv6 reference'],
  ])('rejects a malformed address: %s', (param, problem) => {
    const value = `SIP/2.0/UDP [2001:db8::9:1];${param};branch=z9hG4bK1`;
    let error: unknown;
    try {
      parseViaList(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValueParseError);
    expect((error as ValueParseError).problem).toContain(problem);
    expect((error as ValueParseError).expected).toMatch(/IPv6reference|IPv6address/);
    // The index points at the start of the address (after "received=" / "maddr=").
    expect((error as ValueParseError).index).toBe(value.indexOf('=') + 1);
    const verdict = checkMessage(ipv6Request(value));
    expect(verdict).toMatchObject({ verdict: 'reject', status: 400 });
    if (verdict.verdict === 'reject')
      expect(verdict.reason).toBe(`Bad Via header: ${(error as ValueParseError).problem}`);
  });
});

describe('formatVia', () => {
  it('writes the canonical form, and round-trips', () => {
    const v = one(
      'SIP / 2.0 / UDP [2001:db8::1]:5060 ; rport ; branch = z9hG4bKx ; received=192.0.2.1',
    );
    expect(formatVia(v)).toBe(
      'SIP/2.0/UDP [2001:db8::1]:5060;rport;branch=z9hG4bKx;received=192.0.2.1',
    );
    expect(one(formatVia(v))).toEqual(v);
  });
});
