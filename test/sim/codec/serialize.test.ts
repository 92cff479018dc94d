/**
 * serializeMessage (RFC 3261 §7): headers exactly as received unless changed, Content-Length kept in
 * step with the body, built messages in long form, and responses built from requests (§8.2.6.2).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createRequest,
  createResponse,
  paramValue,
  parseMessage,
  reasonPhrase,
  responseTo,
  serializeMessage,
  serializeMessageBytes,
  wireToText,
  type SipRequest,
} from '@/sim/codec';

const corpus = path.resolve(__dirname, '../../fixtures/corpus');
const messages = path.resolve(__dirname, '../../fixtures/messages');

/** The header lines of a serialized message (between the start line and the empty line). */
function headerLines(wire: string): string[] {
  const end = wire.indexOf('\r\n\r\n');
  return wire.slice(0, end).split('\r\n').slice(1);
}

function request(file: string): SipRequest {
  const m = parseMessage(readFileSync(file));
  if (m.kind !== 'request') throw new Error(`${file} is not a request`);
  return m;
}

describe('an unchanged message', () => {
  it.each([
    'realistic/compact-invite.sip',
    'rfc4475/wsinv.dat',
    'rfc4475/esc01.dat',
    'rfc4475/escnull.dat',
    'rfc4475/lwsdisp.dat',
    'rfc4475/longreq.dat',
    'rfc4475/mpart01.dat',
    'rfc4475/unreason.dat',
  ])('%s serializes to its exact bytes', (file) => {
    const raw = readFileSync(path.join(corpus, file));
    expect(Buffer.from(serializeMessageBytes(parseMessage(raw)))).toEqual(raw);
  });
});

describe('a message with one header changed', () => {
  it('keeps every other header exactly as received (folding, compact names, odd spacing)', () => {
    const raw = readFileSync(path.join(corpus, 'rfc4475/wsinv.dat')).toString('latin1');
    const m = parseMessage(Buffer.from(raw, 'latin1'));
    const before = headerLines(raw);
    // wsinv.dat folds headers over several lines: compare the serialized text instead of lines.
    const maxForwards = m.header('max-forwards')!;
    const { name, raw: line } = maxForwards;
    expect(line).toBe('MaX-fOrWaRdS: 0068');
    m.setHeader('max-forwards', String(Number(m.maxForwards()) - 1));
    const out = serializeMessage(m);
    expect(out).toBe(raw.replace(line!, `${name}: 67`));
    expect(before.length).toBeGreaterThan(0);
  });

  it('changes only the line of the header that changed', () => {
    const raw = readFileSync(path.join(messages, 'requests/invite.sip')).toString('latin1');
    const m = parseMessage(Buffer.from(raw, 'latin1'));
    m.removeFirstValue('via');
    m.prependHeader('via', 'SIP/2.0/UDP proxy2.example.com;branch=z9hG4bKnew');
    const before = headerLines(raw);
    const after = headerLines(serializeMessage(m));
    expect(after[0]).toBe('Via: SIP/2.0/UDP proxy2.example.com;branch=z9hG4bKnew');
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(serializeMessage(m).endsWith(raw.slice(raw.indexOf('\r\n\r\n')))).toBe(true);
  });

  it('keeps the start line as received until it changes', () => {
    const raw = 'OPTIONS sip:bob@biloxi.com sip/2.0 \t\r\nContent-Length: 0\r\n\r\n';
    const m = parseMessage(raw) as SipRequest;
    m.setHeader('subject', 'x');
    expect(serializeMessage(m).startsWith('OPTIONS sip:bob@biloxi.com sip/2.0 \t\r\n')).toBe(true);
    m.setRequestUri('sip:carol@chicago.com');
    expect(serializeMessage(m).startsWith('OPTIONS sip:carol@chicago.com sip/2.0\r\n')).toBe(true);
  });

  it('removes later copies when a single-value header is set', () => {
    const m = parseMessage(
      'SIP/2.0 200 OK\r\nSubject: a\r\nSubject: b\r\nContent-Length: 0\r\n\r\n',
    );
    m.setHeader('subject', 'c');
    expect(headerLines(serializeMessage(m))).toEqual(['Subject: c', 'Content-Length: 0']);
  });
});

describe('Content-Length', () => {
  it('follows the body when it changes', () => {
    const m = parseMessage(readFileSync(path.join(messages, 'requests/message.sip')));
    m.setBody('Hello again', 'text/plain');
    const out = serializeMessage(m);
    expect(headerLines(out)).toContain('Content-Length: 11');
    expect(out.endsWith('\r\n\r\nHello again')).toBe(true);
    expect(parseMessage(out).body).toBe('Hello again');
  });

  it('counts the body in bytes (UTF-8)', () => {
    const m = createRequest(
      'MESSAGE',
      'sip:bob@biloxi.com',
      [['Content-Type', 'text/plain']],
      'Grüße',
    );
    const out = serializeMessage(m);
    expect(headerLines(out)).toContain('Content-Length: 7');
    // serializeMessage gives a wire string: parse its bytes (a string passed to parseMessage is text).
    expect(wireToText(parseMessage(serializeMessageBytes(m)).body)).toBe('Grüße');
    expect(out.endsWith('Gr\u00c3\u00bc\u00c3\u009fe')).toBe(true);
  });

  it('is 0 and Content-Type is removed when the body is emptied', () => {
    const m = parseMessage(readFileSync(path.join(messages, 'requests/invite.sip')));
    m.setBody('');
    const lines = headerLines(serializeMessage(m));
    expect(lines).toContain('Content-Length: 0');
    expect(lines.some((l) => l.startsWith('Content-Type'))).toBe(false);
  });

  it('keeps the compact name "l" as received when its value is rewritten', () => {
    const m = parseMessage('SIP/2.0 200 OK\r\nl: 0\r\n\r\n');
    m.setBody('abc', 'text/plain');
    expect(headerLines(serializeMessage(m))).toEqual(['l: 3', 'Content-Type: text/plain']);
  });

  it('is added when the message had none', () => {
    const m = parseMessage('SIP/2.0 200 OK\r\nSubject: x\r\n\r\n');
    expect(serializeMessage(m)).toBe('SIP/2.0 200 OK\r\nSubject: x\r\nContent-Length: 0\r\n\r\n');
  });

  it('drops the bytes after Content-Length (they were not part of the message)', () => {
    const m = parseMessage('SIP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nabcdef');
    expect(serializeMessage(m)).toBe('SIP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nab');
  });
});

describe('createRequest / createResponse', () => {
  it('write long names, in the order given, whatever the spelling passed', () => {
    const m = createRequest(
      'INVITE',
      'sip:bob@biloxi.com',
      [
        ['v', 'SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds'],
        ['max-forwards', '70'],
        ['t', 'Bob <sip:bob@biloxi.com>'],
        ['f', 'Alice <sip:alice@atlanta.com>;tag=1928301774'],
        ['i', 'a84b4c76e66710@pc33.atlanta.com'],
        ['cseq', '314159 INVITE'],
        ['m', '<sip:alice@pc33.atlanta.com>'],
        ['call-info', '<http://www.example.com/alice/photo.jpg> ;purpose=icon'],
        ['www-authenticate', 'Digest realm="x", nonce="y"'],
        ['c', 'application/sdp'],
      ],
      'v=0\r\n',
    );
    expect(serializeMessage(m)).toBe(
      [
        'INVITE sip:bob@biloxi.com SIP/2.0',
        'Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds',
        'Max-Forwards: 70',
        'To: Bob <sip:bob@biloxi.com>',
        'From: Alice <sip:alice@atlanta.com>;tag=1928301774',
        'Call-ID: a84b4c76e66710@pc33.atlanta.com',
        'CSeq: 314159 INVITE',
        'Contact: <sip:alice@pc33.atlanta.com>',
        'Call-Info: <http://www.example.com/alice/photo.jpg> ;purpose=icon',
        'WWW-Authenticate: Digest realm="x", nonce="y"',
        'Content-Type: application/sdp',
        'Content-Length: 5',
        '',
        'v=0\r\n',
      ].join('\r\n'),
    );
  });

  it('builds a response with the status line', () => {
    const r = createResponse(404, 'Not Found', [['Subject', 'x']]);
    expect(serializeMessage(r)).toBe(
      'SIP/2.0 404 Not Found\r\nSubject: x\r\nContent-Length: 0\r\n\r\n',
    );
  });

  it('knows the reason phrases of RFC 3261 §21', () => {
    expect(reasonPhrase(180)).toBe('Ringing');
    expect(reasonPhrase(481)).toBe('Call/Transaction Does Not Exist');
    expect(reasonPhrase(604)).toBe('Does Not Exist Anywhere');
    expect(reasonPhrase(299)).toBe('Success');
  });
});

describe('responseTo (RFC 3261 §8.2.6.2)', () => {
  const invite = (): SipRequest => request(path.join(messages, 'requests/invite.sip'));

  it('copies every Via, From, To, Call-ID and CSeq, and adds the To tag', () => {
    const req = invite();
    const res = responseTo(req, 180, { toTag: 'b7f3a9' });
    expect(res.status).toBe(180);
    expect(res.reason).toBe('Ringing');
    expect(res.headersOf('via').map((h) => h.value)).toEqual(
      req.headersOf('via').map((h) => h.value),
    );
    expect(res.headerValue('from')).toBe(req.headerValue('from'));
    expect(res.headerValue('call-id')).toBe(req.headerValue('call-id'));
    expect(res.headerValue('cseq')).toBe(req.headerValue('cseq'));
    expect(res.headerValue('to')).toBe(`${req.headerValue('to')};tag=b7f3a9`);
    expect(paramValue(res.to()!.params, 'tag')).toBe('b7f3a9');
    // Nothing else is copied but Record-Route, which a dialog-forming response carries back
    // (§12.1.1): no Contact, no Max-Forwards, no body.
    expect(res.headers.map((h) => h.key)).toEqual([
      'via',
      'via',
      'record-route',
      'to',
      'from',
      'call-id',
      'cseq',
    ]);
    expect(res.headerValue('record-route')).toBe(req.headerValue('record-route'));
    expect(res.body).toBe('');
  });

  it('leaves Record-Route out of responses that cannot create a dialog', () => {
    for (const status of [100, 486, 603]) {
      expect(
        responseTo(invite(), status, { toTag: 'x' }).headers.map((h) => h.key),
        String(status),
      ).toEqual(['via', 'via', 'to', 'from', 'call-id', 'cseq']);
    }
  });

  it('keeps an existing To tag and gives 100 Trying none', () => {
    const req = invite();
    req.setHeader('to', 'Bob <sip:bob@biloxi.com>;tag=existing');
    expect(responseTo(req, 200, { toTag: 'other' }).headerValue('to')).toBe(
      'Bob <sip:bob@biloxi.com>;tag=existing',
    );
    expect(responseTo(invite(), 100, { toTag: 'x' }).headerValue('to')).toBe(
      'Bob <sip:bob@biloxi.com>',
    );
  });

  it('adds extra headers and a body after the copied ones, and serializes in long form', () => {
    const res = responseTo(invite(), 200, {
      toTag: 't1',
      headers: [
        ['m', '<sip:bob@192.0.2.201>'],
        ['c', 'application/sdp'],
      ],
      body: 'v=0\r\n',
    });
    const lines = headerLines(serializeMessage(res));
    expect(lines.slice(-3)).toEqual([
      'Contact: <sip:bob@192.0.2.201>',
      'Content-Type: application/sdp',
      'Content-Length: 5',
    ]);
    expect(lines[0]).toMatch(/^Via: /);
    const again = parseMessage(serializeMessage(res));
    expect(again.kind === 'response' && again.status).toBe(200);
    expect(again.vias()).toHaveLength(2);
  });
});
