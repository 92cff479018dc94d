/**
 * Parse errors in plain words (sim/codec/plain-errors.ts, plain-verdict.ts): each common mistake in a
 * message gets a sentence that names the header and what is missing, the grammar rule stays as the
 * detail, and a request's verdict never carries a remark that only applies to responses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SipParseError,
  checkMessage,
  messageKindOf,
  parseMessage,
  plainParseError,
  plainVerdict,
  textToWire,
} from '@/sim/codec';

/** An OPTIONS request with one header changed; `start` replaces the request line. */
function request(change: { [header: string]: string } = {}, start?: string): string {
  const headers: [string, string][] = [
    ['Via', 'SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK74bf9'],
    ['Max-Forwards', '70'],
    ['To', '<sip:bob@biloxi.example.com>'],
    ['From', 'Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl'],
    ['Call-ID', '3848276298220188511@atlanta.example.com'],
    ['CSeq', '63104 OPTIONS'],
    ['Content-Length', '0'],
  ];
  const lines = headers
    .map(([name, value]) => (name in change ? change[name] : `${name}: ${value}`))
    .filter((line) => line !== '');
  return [start ?? 'OPTIONS sip:bob@biloxi.example.com SIP/2.0', ...lines, '', ''].join('\r\n');
}

function response(change: { [header: string]: string } = {}): string {
  return request(change, 'SIP/2.0 200 OK');
}

/** The verdict's problem sentence for a text, and its consequence. */
function plain(text: string) {
  const verdict = checkMessage(text);
  expect(verdict.verdict, text).toBe('reject');
  return plainVerdict(verdict, textToWire(text));
}

describe('a parse error in plain words', () => {
  const cases: [string, string, string | RegExp][] = [
    [
      'a Via with no host',
      request({ Via: 'Via: SIP/2.0/UDP' }),
      'The Via has no host after “SIP/2.0/UDP”: after the transport comes a space and the host (and port) that responses go to, as in “SIP/2.0/UDP 10.0.0.1:5060”.',
    ],
    [
      'a Via with a colon before its branch',
      request({ Via: 'Via: SIP/2.0/UDP 10.0.0.1:5060:branch=z9hG4bK74bf9' }),
      'The Via header has “:” after “SIP/2.0/UDP 10.0.0.1:5060”, where SIP expects a “;” and a parameter (such as ;branch=z9hG4bK…), a “,” and another Via, or the end of the line.',
    ],
    [
      'a Via without the slash before the transport',
      request({ Via: 'Via: SIP/2.0 10.0.0.1;branch=z9hG4bK74bf9' }),
      'The Via header has “1” after “SIP/2.0”, where SIP expects a “/” between the version and the transport, as in SIP/2.0/UDP.',
    ],
    [
      'a port out of range',
      request({ Via: 'Via: SIP/2.0/UDP 10.0.0.1:99999;branch=z9hG4bK74bf9' }),
      'The Via header names port 99999, but ports run from 0 to 65535.',
    ],
    [
      'a CSeq without a number',
      request({ CSeq: 'CSeq: OPTIONS' }),
      'The CSeq header does not start with a number: it holds a number, a space and the method, as in “CSeq: 1 INVITE”.',
    ],
    [
      'a CSeq without a method',
      request({ CSeq: 'CSeq: 63104' }),
      'The CSeq header has no method after its number: it holds a number, a space and the method, as in “CSeq: 1 INVITE”.',
    ],
    [
      'a From whose "<" is never closed',
      request({ From: 'From: Alice <sip:alice@atlanta.example.com;tag=9fxced76sl' }),
      'The From header opens “<” before the address but never closes it with “>”.',
    ],
    [
      'a To without a URI scheme',
      request({ To: 'To: <bob@biloxi.example.com>' }),
      'The To header has “@” after “<bob”, where SIP expects a scheme and “:” at the start of the URI, as in “sip:bob@biloxi.example.com”.',
    ],
    [
      'a Call-ID with a space',
      request({ 'Call-ID': 'Call-ID: 3848276298220188511 atlanta' }),
      'The Call-ID has a space in it: a Call-ID is one word without spaces, optionally followed by “@” and a host.',
    ],
    [
      'Max-Forwards above 255',
      request({ 'Max-Forwards': 'Max-Forwards: 300' }),
      'Max-Forwards is 300, but it can be at most 255.',
    ],
    [
      'Max-Forwards in words',
      request({ 'Max-Forwards': 'Max-Forwards: seventy' }),
      'The Max-Forwards header has “s”, where SIP expects a whole number from 0 to 255.',
    ],
    [
      'a Contact URI without a host',
      request({ 'Content-Length': 'Contact: <sip:alice@>\r\nContent-Length: 0' }),
      'The URI in the Contact header has no host after “<sip:alice@”: a host name or an IP address should come there.',
    ],
    [
      'a Content-Type without a subtype',
      request({ 'Content-Length': 'Content-Type: sdp\r\nContent-Length: 0' }),
      'The Content-Type header ends after “sdp”, where SIP expects a type and a subtype separated by “/”, as in “application/sdp”.',
    ],
    [
      'a header without its colon',
      request({ CSeq: 'CSeq 63104 OPTIONS' }),
      'The CSeq header has no colon after its name: write “CSeq: ” and then the value.',
    ],
    [
      'a request line without the version',
      request({}, 'OPTIONS sip:bob@biloxi.example.com'),
      'The request line does not end with the SIP version: after the method and the Request-URI comes “SIP/2.0”.',
    ],
    [
      'a Request-URI without a host',
      request({}, 'OPTIONS sip:bob@ SIP/2.0'),
      'The Request-URI has no host after “sip:bob@”: a host name or an IP address should come there.',
    ],
    [
      'a negative Content-Length',
      request({ 'Content-Length': 'Content-Length: -1' }),
      'Content-Length is negative: it holds the number of bytes in the body (0 when there is none).',
    ],
    [
      'a Content-Length larger than the body',
      request({ 'Content-Length': 'Content-Length: 10' }),
      'Content-Length says the body has 10 bytes, but only 0 bytes follow the empty line: the message is cut short, so it is incomplete.',
    ],
    [
      'a missing header',
      request({ 'Call-ID': '' }),
      'Every request carries To, From, Call-ID, CSeq and Via (RFC 3261 §8.1.1, §20); this one lacks Call-ID.',
    ],
    [
      'another SIP version',
      request({}, 'OPTIONS sip:bob@biloxi.example.com SIP/3.0'),
      'The message says it is SIP/3.0, and SIP elements speak SIP/2.0: a server answers 505 Version Not Supported (RFC 3261 §7.1, §21.5.6).',
    ],
  ];
  for (const [what, text, sentence] of cases) {
    it(`says what is wrong with ${what}`, () => {
      const problem = plain(text).problem;
      if (typeof sentence === 'string') expect(problem?.sentence).toBe(sentence);
      else expect(problem?.sentence).toMatch(sentence);
    });
  }

  it('keeps the grammar rule as the detail, and names the header', () => {
    const verdict = checkMessage(request({ Via: 'Via: SIP/2.0/UDP' }));
    const problem = plainVerdict(verdict).problem;
    expect(problem?.rule).toBe(
      'via-parm = sent-protocol LWS sent-by *( SEMI via-params ) (RFC 3261 §20.42)',
    );
    expect(problem?.header).toBe('Via');
  });

  it('works from a SipParseError alone, without the message text', () => {
    let error: unknown;
    try {
      parseMessage(request({ 'Content-Length': 'Content-Length: 10' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SipParseError);
    const plainError = plainParseError(error as SipParseError);
    expect(plainError.sentence).toMatch(/^Content-Length says the body has 10 bytes/);
    expect(plainError.rule).toMatch(/RFC 3261 §18\.3/);
  });

  it('reads the Request-URI from its own start, not the method', () => {
    const error = checkMessage(request({}, 'OPTIONS sip:bob@biloxi..example.com SIP/2.0'));
    expect(plainVerdict(error).problem?.sentence).toBe(
      'The Request-URI has a host name with an empty part: two dots in a row, or a dot at the start.',
    );
  });
});

describe('what happens next', () => {
  it('a rejected request is answered, with nothing said about responses', () => {
    const { kind, consequence } = plain(request({ Via: 'Via: SIP/2.0/UDP' }));
    expect(kind).toBe('request');
    expect(consequence).toBe(
      'A server would answer “400 Bad Via header: missing sent-by”: a 400 Bad Request whose reason phrase names the problem (RFC 3261 §21.4.1).',
    );
  });

  it('a request that does not even parse is still known as a request', () => {
    const { kind, consequence } = plain(request({ CSeq: 'CSeq 63104 OPTIONS' }));
    expect(kind).toBe('request');
    expect(consequence).not.toMatch(/response/);
  });

  it('a rejected response is discarded, not answered', () => {
    const { kind, consequence } = plain(response({ Via: 'Via: SIP/2.0/UDP' }));
    expect(kind).toBe('response');
    expect(consequence).toMatch(/nobody answers a response/);
    expect(consequence).not.toMatch(/would answer/);
  });

  it('text that is neither gets both answers', () => {
    const { kind, consequence } = plain('hello');
    expect(kind).toBeUndefined();
    expect(consequence).toMatch(/a request like this .* A response like this would be discarded/);
  });

  it('reads request or response from the first line alone', () => {
    expect(messageKindOf('\r\nSIP/2.0 180 Ringing\r\n')).toBe('response');
    expect(messageKindOf('INVITE sip:bob@biloxi.example.com SIP/2.0')).toBe('request');
    expect(messageKindOf('OPT@ONS sip:bob@biloxi.example.com SIP/2.0')).toBe('request');
    expect(messageKindOf('SIP/2.0')).toBeUndefined();
    expect(messageKindOf('')).toBeUndefined();
  });
});

describe('properties', () => {
  const base = request();
  /** A copy of the request with `count` characters replaced, removed or inserted. */
  const mutated = fc
    .array(
      fc.record({
        at: fc.nat({ max: base.length - 1 }),
        op: fc.constantFrom('replace', 'remove', 'insert'),
        char: fc.constantFrom(' ', ':', ';', '<', '>', '"', '@', '/', '\r\n', 'x', '9', '-', '%'),
      }),
      { minLength: 1, maxLength: 3 },
    )
    .map((edits) => {
      let text = base;
      for (const { at, op, char } of edits) {
        const i = Math.min(at, text.length);
        text =
          op === 'remove'
            ? text.slice(0, i) + text.slice(i + 1)
            : op === 'insert'
              ? text.slice(0, i) + char + text.slice(i)
              : text.slice(0, i) + char + text.slice(i + 1);
      }
      return text;
    });

  it('every rejected request gets a plain sentence and no remark for responses', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        const verdict = checkMessage(text);
        const result = plainVerdict(verdict, textToWire(text));
        if (verdict.verdict === 'accept') return;
        const sentence = result.problem?.sentence ?? '';
        expect(sentence).toMatch(/[.)]$/);
        // Grammar notation stays in the rule, out of the sentence.
        expect(sentence).not.toMatch(/1\*DIGIT|\bLWS\b|\bSEMI\b|\bSLASH\b|\bHCOLON\b|\*\(/);
        if (result.kind === 'request') expect(result.consequence).not.toMatch(/response/);
      }),
      { seed: 3261, numRuns: 400 },
    );
  });
});
