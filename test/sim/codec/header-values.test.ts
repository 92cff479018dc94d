/**
 * The typed header values of RFC 3261 §20 (and RFC 6665 for Event / Subscription-State): CSeq,
 * Call-ID, Max-Forwards, Content-Type, Event, Subscription-State, Warning, Date, Retry-After, lists.
 */
import { describe, expect, it } from 'vitest';
import {
  ValueParseError,
  parseCSeq,
  parseCallId,
  parseDate,
  parseEvent,
  parseMaxForwards,
  parseMediaType,
  parseRetryAfter,
  parseSubscriptionState,
  parseTokenList,
  parseWarnings,
} from '@/sim/codec';

function problemOf(f: () => unknown): ValueParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof ValueParseError) {
      expect(e.expected).toMatch(/RFC \d+/);
      return e;
    }
    throw e;
  }
  throw new Error('no error');
}

describe('CSeq (RFC 3261 §20.16)', () => {
  it('reads the number and method, with any LWS between', () => {
    expect(parseCSeq('314159 INVITE')).toEqual({ seq: 314159, method: 'INVITE' });
    expect(parseCSeq('  1\t  ACK  ')).toEqual({ seq: 1, method: 'ACK' });
    expect(parseCSeq('0 OPTIONS')).toEqual({ seq: 0, method: 'OPTIONS' });
  });

  it('keeps an extension method as written', () => {
    expect(parseCSeq('7 NEWMETHOD')).toEqual({ seq: 7, method: 'NEWMETHOD' });
  });

  it('accepts numbers up to 2**31 - 1 and rejects 2**31 and above (§8.1.1.5)', () => {
    expect(parseCSeq('2147483647 INVITE').seq).toBe(2 ** 31 - 1);
    expect(problemOf(() => parseCSeq('2147483648 INVITE')).problem).toContain('too large');
    expect(problemOf(() => parseCSeq('36893488147419103232 INVITE')).problem).toContain(
      'too large',
    );
  });

  it.each([
    ['INVITE 1', 'does not start with a sequence number'],
    ['1INVITE', 'missing whitespace'],
    ['1', 'missing whitespace'],
    ['1 ', 'value ends too early'],
    ['1 INVITE x', 'unexpected "x"'],
    ['-1 INVITE', 'does not start with a sequence number'],
  ])('rejects %j (%s)', (v, problem) => {
    expect(problemOf(() => parseCSeq(v)).problem).toContain(problem);
  });
});

describe('Call-ID (RFC 3261 §20.8)', () => {
  it('accepts word [ "@" word ] with the word characters', () => {
    for (const id of [
      'a84b4c76e66710@pc33.atlanta.com',
      'f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
      'x()<>:\\"/[]?{}@host!%*_+`\'~',
      'only-word',
    ]) {
      expect(parseCallId(id)).toBe(id);
    }
  });

  it.each([
    ['', 'empty Call-ID'],
    ['abc@', 'empty Call-ID'],
    ['a b', 'whitespace inside Call-ID'],
    ['a@b@c', 'unexpected "@"'],
    ['@abc', 'unexpected "@"'],
    ['abc;x', 'unexpected ";"'],
  ])('rejects %j (%s)', (v, problem) => {
    expect(problemOf(() => parseCallId(v)).problem).toContain(problem);
  });
});

describe('Max-Forwards (RFC 3261 §20.22)', () => {
  it('accepts 0 to 255', () => {
    expect(parseMaxForwards('70')).toBe(70);
    expect(parseMaxForwards('0')).toBe(0);
    expect(parseMaxForwards(' 255 ')).toBe(255);
  });

  it.each([
    ['256', 'above 255'],
    ['-1', 'negative number'],
    ['', 'empty value'],
    ['seventy', 'unexpected "s"'],
    ['70 1', 'unexpected "1"'],
  ])('rejects %j (%s)', (v, problem) => {
    expect(problemOf(() => parseMaxForwards(v)).problem).toContain(problem);
  });
});

describe('Content-Type (RFC 3261 §20.15)', () => {
  it('reads type and subtype in lower case, and the parameters', () => {
    expect(parseMediaType('Application/SDP')).toEqual({
      type: 'application',
      subtype: 'sdp',
      params: [],
    });
    expect(parseMediaType('multipart/mixed ; boundary="unique-boundary-1" ;charset=UTF-8')).toEqual(
      {
        type: 'multipart',
        subtype: 'mixed',
        params: [
          { name: 'boundary', value: 'unique-boundary-1', quoted: true },
          { name: 'charset', value: 'UTF-8' },
        ],
      },
    );
    expect(parseMediaType('application/pidf+xml')).toMatchObject({ subtype: 'pidf+xml' });
  });

  it.each([
    ['application', 'missing "/"'],
    ['/sdp', 'unexpected "/"'],
    ['application/', 'value ends too early'],
    ['application/sdp extra', 'unexpected "e"'],
  ])('rejects %j (%s)', (v, problem) => {
    expect(problemOf(() => parseMediaType(v)).problem).toContain(problem);
  });
});

describe('Event and Subscription-State (RFC 6665 §8.4)', () => {
  it('reads the event type with its template and parameters', () => {
    expect(parseEvent('presence')).toEqual({ type: 'presence', params: [] });
    expect(parseEvent('presence.winfo;id=1234')).toEqual({
      type: 'presence.winfo',
      params: [{ name: 'id', value: '1234' }],
    });
    expect(parseEvent('refer;id=93809824')).toMatchObject({ type: 'refer' });
  });

  it('reads the state (lower case) and its parameters', () => {
    expect(parseSubscriptionState('active;expires=3599')).toEqual({
      state: 'active',
      params: [{ name: 'expires', value: '3599' }],
    });
    expect(parseSubscriptionState('Terminated;reason=timeout')).toEqual({
      state: 'terminated',
      params: [{ name: 'reason', value: 'timeout' }],
    });
    expect(parseSubscriptionState('pending')).toEqual({ state: 'pending', params: [] });
  });

  it('rejects malformed values', () => {
    expect(problemOf(() => parseEvent('')).problem).toContain('value ends too early');
    expect(problemOf(() => parseEvent('presence foo')).problem).toContain('unexpected "f"');
    expect(problemOf(() => parseSubscriptionState(';expires=1')).problem).toContain(
      'unexpected ";"',
    );
  });
});

describe('Warning (RFC 3261 §20.43)', () => {
  it('reads code, agent and text, several per line', () => {
    expect(
      parseWarnings(
        '307 isi.edu "Session parameter \'foo\' not understood", 301 [2001:db8::1]:5060 "Incompatible \\"address\\""',
      ),
    ).toEqual([
      { code: 307, agent: 'isi.edu', text: "Session parameter 'foo' not understood" },
      { code: 301, agent: '[2001:db8::1]:5060', text: 'Incompatible "address"' },
    ]);
  });

  it.each([
    ['30 isi.edu "x"', 'is not three digits'],
    ['307isi.edu "x"', 'missing space after warn-code'],
    ['307 "x"', 'missing opening quote'],
    ['307 isi.edu x', 'missing opening quote'],
    ['307 isi.edu "x', 'quoted string is not closed'],
  ])('rejects %j (%s)', (v, problem) => {
    expect(problemOf(() => parseWarnings(v)).problem).toContain(problem);
  });
});

describe('Date (RFC 3261 §20.17)', () => {
  it('reads rfc1123-date in GMT as milliseconds since the epoch', () => {
    expect(parseDate('Sat, 13 Nov 2010 23:29:00 GMT')).toBe(Date.UTC(2010, 10, 13, 23, 29, 0));
    expect(parseDate('Thu, 21 Feb 2002 13:02:03 GMT')).toBe(Date.UTC(2002, 1, 21, 13, 2, 3));
  });

  it.each([
    ['Fri, 01 Jan 2010 16:00:00 EST', 'malformed Date'],
    ['Sat, 13 Nov 2010 23:29:00', 'malformed Date'],
    ['Sat, 31 Feb 2010 23:29:00 GMT', 'does not exist'],
    ['Sat, 13 Nov 2010 24:00:00 GMT', 'does not exist'],
    ['Sun, 13 Nov 2010 23:29:00 GMT', 'is not a Sun'],
    ['Sat, 13 Now 2010 23:29:00 GMT', 'unknown day or month'],
  ])('rejects %j (%s)', (v, problem) => {
    expect(problemOf(() => parseDate(v)).problem).toContain(problem);
  });
});

describe('Retry-After (RFC 3261 §20.33)', () => {
  it('reads seconds, comment and parameters', () => {
    expect(parseRetryAfter('18000;duration=3600')).toEqual({
      seconds: 18000,
      comment: null,
      params: [{ name: 'duration', value: '3600' }],
    });
    expect(parseRetryAfter("120 (I'm in a meeting)")).toEqual({
      seconds: 120,
      comment: "I'm in a meeting",
      params: [],
    });
    expect(parseRetryAfter('5 (nested (comment) \\) ok);x=1')).toEqual({
      seconds: 5,
      comment: 'nested (comment) \\) ok',
      params: [{ name: 'x', value: '1' }],
    });
  });

  it.each([
    ['', 'does not start with a number'],
    ['soon', 'does not start with a number'],
    ['120 (unclosed', 'comment is not closed'],
    ['99999999999', 'too large'],
  ])('rejects %j (%s)', (v, problem) => {
    expect(problemOf(() => parseRetryAfter(v)).problem).toContain(problem);
  });
});

describe('token lists (Allow, Supported, Require, ...)', () => {
  const rule = 'Supported = [ option-tag *( COMMA option-tag ) ] (RFC 3261 §20.37)';
  it('split at commas with any whitespace, and may be empty', () => {
    expect(parseTokenList('100rel, timer ,replaces', rule)).toEqual([
      '100rel',
      'timer',
      'replaces',
    ]);
    expect(parseTokenList('INVITE,ACK', rule)).toEqual(['INVITE', 'ACK']);
    expect(parseTokenList('', rule)).toEqual([]);
    expect(parseTokenList('   ', rule)).toEqual([]);
  });

  it('reject empty elements and non-token characters, with the rule given', () => {
    const e = problemOf(() => parseTokenList('100rel,,timer', rule));
    expect(e.expected).toBe(rule);
    expect(problemOf(() => parseTokenList('100rel timer', rule)).problem).toContain(
      'unexpected "t"',
    );
    expect(problemOf(() => parseTokenList('a/b', rule)).problem).toContain('unexpected "/"');
  });
});
