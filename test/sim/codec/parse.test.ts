/**
 * parseMessage (RFC 3261 §7): start line, header fields (names, compact forms, folding, lists), body
 * by Content-Length, exact bytes, and the errors (with position and the RFC rule).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COMPACT_FORMS,
  SipParseError,
  isStar,
  longName,
  parseMessage,
  serializeMessage,
  serializeMessageBytes,
  wireToBytes,
  wireToText,
  type ParseOptions,
  type SipMessage,
} from '@/sim/codec';

const crlf = (lines: string[]): string => lines.join('\r\n');

const HEAD = [
  'OPTIONS sip:bob@biloxi.com SIP/2.0',
  'Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKhjhs8ass877',
  'Max-Forwards: 70',
  'To: <sip:bob@biloxi.com>',
  'From: Alice <sip:alice@atlanta.com>;tag=1928301774',
  'Call-ID: a84b4c76e66710',
  'CSeq: 63104 OPTIONS',
];

function parseError(input: string | Uint8Array, options?: ParseOptions): SipParseError {
  try {
    parseMessage(input, options);
  } catch (e) {
    if (e instanceof SipParseError) return e;
    throw e;
  }
  throw new Error('parsed');
}

/** Concatenates text (as Latin-1: one byte per character) and raw bytes. */
function bytes(...parts: (string | number[])[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'string') for (let i = 0; i < p.length; i++) out.push(p.charCodeAt(i));
    else out.push(...p);
  }
  return Uint8Array.from(out);
}

describe('start line', () => {
  it('reads a request line', () => {
    const m = parseMessage(crlf([...HEAD, 'Content-Length: 0', '', '']));
    expect(m.kind).toBe('request');
    if (m.kind !== 'request') return;
    expect(m.method).toBe('OPTIONS');
    expect(m.requestUri).toBe('sip:bob@biloxi.com');
    expect(m.version).toBe('SIP/2.0');
  });

  it('reads a status line, with spaces in the reason phrase and with no reason phrase', () => {
    const ok = parseMessage('SIP/2.0 486 Busy Here Now\r\nContent-Length: 0\r\n\r\n');
    expect(ok).toMatchObject({
      kind: 'response',
      status: 486,
      reason: 'Busy Here Now',
      version: 'SIP/2.0',
    });
    expect(parseMessage('SIP/2.0 200 \r\nContent-Length: 0\r\n\r\n')).toMatchObject({
      status: 200,
      reason: '',
    });
  });

  it('ignores CRLFs before the start line (RFC 3261 §7.5)', () => {
    const m = parseMessage('\r\n\r\n' + crlf([...HEAD, 'Content-Length: 0', '', '']));
    expect(m.kind === 'request' && m.method).toBe('OPTIONS');
  });

  it('accepts an extension method', () => {
    const m = parseMessage(
      crlf(['NEWMETHOD sip:bob@biloxi.com SIP/2.0', 'Content-Length: 0', '', '']),
    );
    expect(m.kind === 'request' && m.method).toBe('NEWMETHOD');
  });
});

describe('header names', () => {
  it.each([...'imelcfsktvourbxyajd'])('compact form "%s" maps to its long name', (c) => {
    const value = c === 'l' ? '0' : 'x';
    const m = parseMessage(crlf([HEAD[0]!, `${c}: ${value}`, '', '']));
    const h = m.headers[0]!;
    expect(h.name).toBe(c);
    expect(h.key).toBe(COMPACT_FORMS[c]);
    expect(m.header(h.key)?.value).toBe(value);
    // The upper-case compact form is the same header (names are case-insensitive).
    const upper = parseMessage(crlf([HEAD[0]!, `${c.toUpperCase()}: ${value}`, '', '']));
    expect(upper.headers[0]?.key).toBe(COMPACT_FORMS[c]);
  });

  it('has the right long names for the compact forms', () => {
    expect(
      Object.fromEntries(Object.entries(COMPACT_FORMS).map(([c, key]) => [c, longName(key)])),
    ).toEqual({
      i: 'Call-ID',
      m: 'Contact',
      e: 'Content-Encoding',
      l: 'Content-Length',
      c: 'Content-Type',
      f: 'From',
      s: 'Subject',
      k: 'Supported',
      t: 'To',
      v: 'Via',
      o: 'Event',
      u: 'Allow-Events',
      r: 'Refer-To',
      b: 'Referred-By',
      x: 'Session-Expires',
      y: 'Identity',
      a: 'Accept-Contact',
      j: 'Reject-Contact',
      d: 'Request-Disposition',
    });
  });

  it('matches names case-insensitively and keeps the spelling as received', () => {
    const m = parseMessage(
      crlf([
        'OPTIONS sip:bob@biloxi.com SIP/2.0',
        'vIa: SIP/2.0/UDP a.example.com;branch=z9hG4bK1',
        'MaX-fOrWaRdS: 70',
        'CALL-ID: abc',
        'cseq: 1 OPTIONS',
        'Content-Length: 0',
        '',
        '',
      ]),
    );
    expect(m.maxForwards()).toBe(70);
    expect(m.callId()).toBe('abc');
    expect(m.cseq()).toEqual({ seq: 1, method: 'OPTIONS' });
    expect(m.topVia()?.host).toBe('a.example.com');
    expect(m.headers.map((h) => h.name)).toEqual([
      'vIa',
      'MaX-fOrWaRdS',
      'CALL-ID',
      'cseq',
      'Content-Length',
    ]);
  });

  it('allows whitespace between the name and the colon (HCOLON)', () => {
    const m = parseMessage(crlf([HEAD[0]!, 'Max-Forwards \t : 70', 'Content-Length: 0', '', '']));
    expect(m.maxForwards()).toBe(70);
  });
});

describe('values', () => {
  it('unfold continuation lines into one space (RFC 3261 §7.3.1)', () => {
    const m = parseMessage(
      crlf([
        ...HEAD,
        "Subject: I know you're there,",
        '     pick up the phone',
        '\t and talk to me!',
        'Via: SIP/2.0/UDP b.example.com',
        '  ;branch=z9hG4bK2',
        'Content-Length: 0',
        '',
        '',
      ]),
    );
    expect(m.headerValue('subject')).toBe("I know you're there, pick up the phone and talk to me!");
    expect(m.vias().map((v) => v.host)).toEqual(['pc33.atlanta.com', 'b.example.com']);
    expect(m.vias()[1]?.params).toEqual([{ name: 'branch', value: 'z9hG4bK2' }]);
  });

  it('trim whitespace around a value, and allow an empty value', () => {
    const m = parseMessage(
      crlf([...HEAD, 'Subject:   \t hello \t ', 'Organization:', 'Content-Length: 0', '', '']),
    );
    expect(m.headerValue('subject')).toBe('hello');
    expect(m.headerValue('organization')).toBe('');
  });

  it('split comma lists outside quotes and angle brackets, across lines', () => {
    const m = parseMessage(
      crlf([
        ...HEAD,
        'Contact: "Doe, \\"J\\" <x>" <sip:doe,john@a.example.com;transport=tcp>;q=0.5, <sip:b.example.com?subject=a%2Cb>',
        'm: sip:c@c.example.com;expires=60',
        'Route: <sip:p1.example.com;lr>,<sip:p2.example.com;lr>',
        'Route: <sip:p3.example.com;lr>',
        'Content-Length: 0',
        '',
        '',
      ]),
    );
    const contacts = m.contacts();
    expect(contacts).toHaveLength(3);
    const [first, second, third] = contacts;
    if (
      first === undefined ||
      isStar(first) ||
      second === undefined ||
      isStar(second) ||
      third === undefined ||
      isStar(third)
    )
      throw new Error('contacts');
    expect(first.displayName).toBe('Doe, "J" <x>');
    expect(first.uri).toMatchObject({ user: 'doe,john', host: 'a.example.com' });
    expect(second.uri).toMatchObject({
      host: 'b.example.com',
      headers: [{ name: 'subject', value: 'a%2Cb' }],
    });
    expect(third.params).toEqual([{ name: 'expires', value: '60' }]);
    expect(m.routes().map((r) => ('host' in r.uri ? r.uri.host : ''))).toEqual([
      'p1.example.com',
      'p2.example.com',
      'p3.example.com',
    ]);
  });
});

describe('body', () => {
  it('is Content-Length bytes; anything after belongs to no message (RFC 3261 §18.3)', () => {
    const m = parseMessage(
      crlf([...HEAD, 'Content-Type: text/plain', 'Content-Length: 5', '', 'Hello, and more']),
    );
    expect(m.body).toBe('Hello');
  });

  it('is the rest of the datagram without Content-Length', () => {
    const m = parseMessage(crlf([...HEAD, 'Content-Type: text/plain', '', 'Hello\r\nthere\r\n']));
    expect(m.body).toBe('Hello\r\nthere\r\n');
  });

  it('counts bytes, not characters (UTF-8)', () => {
    const m = parseMessage(
      crlf([...HEAD, 'Content-Type: text/plain', 'Content-Length: 6', '', 'Café!']),
    );
    expect(m.body.length).toBe(6);
    expect(wireToText(m.body)).toBe('Café!');
  });

  it('keeps a multipart body byte for byte, CRLFs and boundaries included', () => {
    const file = path.resolve(__dirname, '../../fixtures/corpus/rfc4475/mpart01.dat');
    const raw = readFileSync(file);
    const m = parseMessage(raw);
    const cl = Number(m.headerValue('content-length'));
    expect(m.contentType()).toMatchObject({ type: 'multipart', subtype: 'mixed' });
    expect(m.body.length).toBe(cl);
    expect(Buffer.from(wireToBytes(m.body))).toEqual(raw.subarray(raw.length - cl));
    expect(Buffer.from(serializeMessageBytes(m))).toEqual(raw);
    // The body has non-ASCII bytes (a binary part), all kept.
    expect([...raw.subarray(raw.length - cl)].some((b) => b > 0x7f)).toBe(true);
  });

  it('keeps a non-UTF-8 byte in a quoted display name and in the body through parse and serialize', () => {
    const input = bytes(
      'MESSAGE sip:bob@biloxi.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nTo: <sip:bob@biloxi.com>\r\nFrom: "J',
      [0xf6, 0xff],
      'rg" <sip:j@a.example.com>;tag=1\r\nCall-ID: 1@a\r\nCSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\n',
      [0x41, 0xc3, 0x28, 0xfe],
    );
    const m = parseMessage(input);
    expect(m.from()?.displayName).toBe('J\u00f6\u00ffrg');
    expect(m.body).toBe('A\u00c3(\u00fe');
    expect(serializeMessageBytes(m)).toEqual(input);
    // Changing another header leaves those bytes alone too.
    m.setHeader('call-id', '2@a');
    const changed = serializeMessageBytes(m);
    expect(
      Buffer.from(changed).includes(Buffer.from([0x22, 0x4a, 0xf6, 0xff, 0x72, 0x67, 0x22])),
    ).toBe(true);
    expect(Buffer.from(changed.subarray(changed.length - 4))).toEqual(
      Buffer.from([0x41, 0xc3, 0x28, 0xfe]),
    );
    expect(parseMessage(changed).from()?.displayName).toBe('J\u00f6\u00ffrg');
  });

  it('accepts a string (text) input as its UTF-8 bytes', () => {
    const m = parseMessage(
      crlf([
        ...HEAD.slice(0, 4),
        'From: "Jörg" <sip:j@a.example.com>;tag=1',
        'Content-Length: 0',
        '',
        '',
      ]),
    );
    const name = m.from()?.displayName ?? '';
    expect(name).toBe('J\u00c3\u00b6rg'); // a wire string: the two UTF-8 bytes of ö
    expect(wireToText(name)).toBe('Jörg');
  });
});

describe('errors', () => {
  function at(e: SipParseError, line: number, column: number, offset: number): void {
    expect({ line: e.line, column: e.column, offset: e.offset }).toEqual({ line, column, offset });
    expect(e.expected).toMatch(/RFC \d+/);
    expect(e.message).toContain(`at line ${line}, column ${column}`);
    expect(e.message).toContain(e.expected);
  }

  it('point at a header without a colon', () => {
    const src = crlf([HEAD[0]!, 'Max-Forwards 70', '', '']);
    const e = parseError(src);
    expect(e.problem).toContain('has no colon');
    at(e, 2, 14, src.indexOf('70'));
    expect(e.expected).toContain('§7.3.1');
    expect(e.status).toBe(400);
  });

  it('point at a negative Content-Length', () => {
    const src = crlf([...HEAD, 'Content-Length:  -3', '', 'abc']);
    const e = parseError(src);
    expect(e.problem).toBe('negative Content-Length');
    expect(e.header).toBe('content-length');
    at(e, 8, 18, src.indexOf('-3'));
  });

  it('point at a Content-Length larger than the body', () => {
    const src = crlf([...HEAD, 'Content-Length: 10', '', 'abc']);
    const e = parseError(src);
    expect(e.problem).toContain('larger than the 3 bytes');
    at(e, 8, 1, src.indexOf('Content-Length'));
  });

  it('point at whitespace in the Request-URI', () => {
    const e = parseError(crlf(['INVITE sip:bob@ biloxi.com SIP/2.0', ...HEAD.slice(1), '', '']));
    expect(e.problem).toContain('whitespace inside the Request-URI');
    at(e, 1, 16, 15);
  });

  it('point at a bad status code', () => {
    const e = parseError('SIP/2.0 2000 OK\r\nContent-Length: 0\r\n\r\n');
    expect(e.problem).toContain('not three digits');
    at(e, 1, 9, 8);
  });

  it('point at a line that starts with whitespace after the blank line is missing', () => {
    const e = parseError(crlf([...HEAD, 'Content-Length: 0']));
    expect(e.problem).toContain('message ends before the empty line');
    expect(e.expected).toMatch(/RFC 3261 §7/);
  });

  it('report an empty message and a message of one line', () => {
    expect(parseError('').problem).toBe('empty message');
    expect(parseError('\r\n\r\n').problem).toBe('empty message');
    expect(parseError('OPTIONS sip:a@b SIP/2.0').problem).toContain('ends after the start line');
  });

  it('report a value error with the position in the message (typed access)', () => {
    const src = crlf([
      ...HEAD.slice(0, 2),
      'Max-Forwards: 7O',
      ...HEAD.slice(3),
      'Content-Length: 0',
      '',
      '',
    ]);
    const m = parseMessage(src);
    let e: unknown;
    try {
      m.maxForwards();
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(SipParseError);
    const pe = e as SipParseError;
    expect(pe.problem).toBe('Bad Max-Forwards header: unexpected "O"');
    expect(pe.header).toBe('max-forwards');
    at(pe, 3, 16, src.indexOf('7O') + 1);
  });

  it('report a value error inside a folded header at its real line and column', () => {
    const src = crlf([
      ...HEAD.slice(0, 2),
      'Route: <sip:p1.example.com;lr>,',
      '   <sip:p2..example.com>',
      ...HEAD.slice(2),
      'Content-Length: 0',
      '',
      '',
    ]);
    const m = parseMessage(src);
    let e: unknown;
    try {
      m.routes();
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(SipParseError);
    const pe = e as SipParseError;
    expect(pe.problem).toContain('empty label');
    expect(pe.line).toBe(4);
    expect(src.slice(pe.offset, pe.offset + 1)).toBe('.');
    expect(src.slice(pe.offset - 3, pe.offset + 1)).toBe('p2..');
  });
});

describe('line ends', () => {
  const lf = [
    ...HEAD,
    'Subject: folded',
    ' over two lines',
    'Content-Type: text/plain',
    'Content-Length: 6',
    '',
    'a\nb\r\nc',
  ].join('\n');

  it('rejects a bare LF by default (RFC 3261 §7)', () => {
    const e = parseError(lf);
    expect(e.problem).toBe('line ends with LF alone');
    expect(e.line).toBe(1);
    expect(e.column).toBe(HEAD[0]!.length + 1);
    expect(e.expected).toMatch(/CRLF.*RFC 3261 §7/);
  });

  it('accepts bare LF with allowBareLf, and keeps the bytes', () => {
    const m: SipMessage = parseMessage(lf, { allowBareLf: true });
    expect(m.callId()).toBe('a84b4c76e66710');
    expect(m.headerValue('subject')).toBe('folded over two lines');
    expect(m.body).toBe('a\nb\r\nc');
    expect(m.headers.find((h) => h.key === 'subject')?.raw).toBe(
      'Subject: folded\n over two lines',
    );
    // Serializing writes CRLF between the headers and keeps the body as it was.
    const out = serializeMessage(m);
    expect(out.endsWith('\r\n\r\na\nb\r\nc')).toBe(true);
    expect(out.startsWith('OPTIONS sip:bob@biloxi.com SIP/2.0\r\nVia: ')).toBe(true);
  });

  it('rejects a CR that is not followed by LF where the empty line should be', () => {
    const head = crlf([...HEAD, 'Content-Length: 0']) + '\r\n';
    for (const blank of ['\r', '\rX-Dropped: 1\r\n\r\n', '\r\r\n']) {
      const e = parseError(head + blank);
      expect(e.problem, JSON.stringify(blank)).toBe('CR without LF');
      expect(e.offset).toBe(head.length);
    }
  });
});
