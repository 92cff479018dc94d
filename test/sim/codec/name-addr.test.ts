/**
 * name-addr / addr-spec with header parameters (RFC 3261 §20.10, §20.20, §20.39, §25.1): the values of
 * From, To, Contact, Route, Record-Route and Reply-To.
 */
import { describe, expect, it } from 'vitest';
import {
  ValueParseError,
  formatContact,
  formatNameAddr,
  isStar,
  paramValue,
  parseContactList,
  parseNameAddr,
  parseNameAddrList,
  parseUri,
  uriParam,
  type NameAddr,
} from '@/sim/codec';

function one(value: string): NameAddr {
  return parseNameAddr(value);
}

describe('parseNameAddr', () => {
  it('reads a quoted display name, the URI and the tag', () => {
    const na = one('"Alice Liddell" <sip:alice@atlanta.com>;tag=1928301774');
    expect(na.displayName).toBe('Alice Liddell');
    expect(na.uri).toEqual(parseUri('sip:alice@atlanta.com'));
    expect(na.params).toEqual([{ name: 'tag', value: '1928301774' }]);
  });

  it('reads a display name of tokens, keeping the spaces between them', () => {
    expect(one('Bob  Smith <sip:bob@biloxi.com>').displayName).toBe('Bob  Smith');
    expect(one('Bob <sip:bob@biloxi.com>').displayName).toBe('Bob');
  });

  it('has no display name for <uri> alone, and an empty one for ""', () => {
    expect(one('<sip:bob@biloxi.com>').displayName).toBeNull();
    expect(one('"" <sip:bob@biloxi.com>').displayName).toBe('');
  });

  it('undoes quoted-pairs in the display name and allows "<", ">", "," and ";" inside the quotes', () => {
    expect(one('"The \\"Boss\\" \\\\ <CEO>, Inc; ok" <sip:boss@example.com>').displayName).toBe(
      'The "Boss" \\ <CEO>, Inc; ok',
    );
  });

  it('allows no space between the quoted display name and "<"', () => {
    expect(one('"Bob"<sip:bob@biloxi.com>').displayName).toBe('Bob');
  });

  it('puts the parameters of a bare addr-spec on the header, not the URI (RFC 3261 §20)', () => {
    const na = one('sip:alice@atlanta.com;tag=88sja8x');
    expect(na.displayName).toBeNull();
    expect(na.uri).toEqual(parseUri('sip:alice@atlanta.com'));
    expect(paramValue(na.params, 'tag')).toBe('88sja8x');
  });

  it('keeps URI parameters inside the brackets on the URI', () => {
    const na = one('<sip:proxy.biloxi.com;lr;transport=tcp>;x=1');
    expect(uriParam(na.uri, 'lr')).toBeNull();
    expect(uriParam(na.uri, 'transport')).toBe('tcp');
    expect(na.params).toEqual([{ name: 'x', value: '1' }]);
  });

  it('reads quoted parameter values and parameters without a value', () => {
    const na = one(
      '<sip:bob@192.0.2.201>;expires=3600;+sip.instance="<urn:uuid:0000-1>";reg-id=1;rport',
    );
    expect(na.params).toEqual([
      { name: 'expires', value: '3600' },
      { name: '+sip.instance', value: '<urn:uuid:0000-1>', quoted: true },
      { name: 'reg-id', value: '1' },
      { name: 'rport', value: null },
    ]);
  });

  it('finds parameters case-insensitively', () => {
    expect(paramValue(one('<sip:a@b.com>;TAG=xyz').params, 'tag')).toBe('xyz');
  });

  it('reads tel and other URIs', () => {
    expect(one('<tel:+15555550123>').uri).toEqual({
      scheme: 'tel',
      number: '+15555550123',
      params: [],
    });
    expect(one('<mailto:bob@biloxi.com>').uri).toEqual({
      scheme: 'mailto',
      opaque: 'bob@biloxi.com',
    });
  });

  it.each([
    ['"Alice <sip:alice@atlanta.com>', 'quoted string is not closed'],
    ['"Alice \\', 'quoted string is not closed'],
    ['<sip:alice@atlanta.com>;p="\\', 'quoted string is not closed'],
    ['Alice <sip:alice@atlanta.com', '"<" is not closed by ">"'],
    ['"Alice" sip:alice@atlanta.com', 'unexpected "s" after the display name'],
    ['<sip:alice@atlanta.com>;tag', null],
    ['<sip:alice@atlanta.com> junk', 'unexpected "j"'],
    ['<sip:alice@atlanta.com>, <sip:bob@biloxi.com>', 'unexpected ","'],
    ['', 'missing address'],
    ['<sip:alice@atlanta..com>', 'empty label'],
  ])('%s: %s', (value, problem) => {
    if (problem === null) {
      expect(() => one(value)).not.toThrow();
      return;
    }
    let error: unknown;
    try {
      one(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValueParseError);
    const e = error as ValueParseError;
    expect(e.problem).toContain(problem);
    expect(e.expected).toMatch(/RFC \d+/);
  });

  it('points the index of a URI problem into the whole value', () => {
    try {
      one('Bob <sip:bob@biloxi..com>');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValueParseError);
      expect((e as ValueParseError).index).toBe('Bob <sip:bob@biloxi.'.length);
    }
  });
});

describe('lists (Contact, Route, Record-Route)', () => {
  it('split at commas outside quotes and brackets', () => {
    const list = parseNameAddrList(
      '"Doe, John" <sip:doe,john@a.com;x=1>;q=0.5 , <sip:p1.example.com;lr>,sip:bob@biloxi.com;expires=60',
    );
    expect(list).toHaveLength(3);
    expect(list[0]?.displayName).toBe('Doe, John');
    expect(list[0]?.params).toEqual([{ name: 'q', value: '0.5' }]);
    expect(list[0]?.uri).toMatchObject({ user: 'doe,john', host: 'a.com' });
    expect(list[1]?.uri).toEqual(parseUri('sip:p1.example.com;lr'));
    expect(list[2]?.params).toEqual([{ name: 'expires', value: '60' }]);
  });

  it('reads "*" as the Contact that removes every binding (RFC 3261 §10.2.2)', () => {
    const star = parseContactList(' * ');
    expect(star).toHaveLength(1);
    expect(star[0] !== undefined && isStar(star[0])).toBe(true);
    expect(formatContact({ star: true })).toBe('*');
    const normal = parseContactList('<sip:a@b.com>');
    expect(normal[0] !== undefined && isStar(normal[0])).toBe(false);
  });

  it('rejects an empty element', () => {
    expect(() => parseNameAddrList('<sip:a@b.com>,,<sip:c@d.com>')).toThrow(ValueParseError);
    expect(() => parseNameAddrList('<sip:a@b.com>,')).toThrow(ValueParseError);
  });
});

describe('formatNameAddr', () => {
  it('writes a token display name bare and anything else quoted, with escapes', () => {
    expect(formatNameAddr(one('Bob <sip:bob@biloxi.com>;tag=1'))).toBe(
      'Bob <sip:bob@biloxi.com>;tag=1',
    );
    expect(formatNameAddr(one('"Doe, John" <sip:j@a.com>'))).toBe('"Doe, John" <sip:j@a.com>');
    expect(formatNameAddr(one('"a \\"b\\" \\\\ c" <sip:j@a.com>'))).toBe(
      '"a \\"b\\" \\\\ c" <sip:j@a.com>',
    );
    expect(formatNameAddr(one('sip:j@a.com;tag=x'))).toBe('<sip:j@a.com>;tag=x');
    expect(formatNameAddr(one('<sip:a@b.com>;+sip.instance="<urn:x>"'))).toBe(
      '<sip:a@b.com>;+sip.instance="<urn:x>"',
    );
  });

  it('round-trips through parseNameAddr', () => {
    for (const v of [
      '"Al \\"the pal\\"" <sips:al@x.org:5061;transport=tls>;tag=9;expires=0',
      '<tel:+1555>',
      'Bob <sip:[2001:db8::1]>',
    ]) {
      const na = one(v);
      expect(one(formatNameAddr(na))).toEqual(na);
    }
  });
});
