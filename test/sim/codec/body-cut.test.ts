/**
 * Where Content-Length cuts a body (RFC 3261 §18.3): the bytes after it are not part of the message.
 * The parser drops them silently; bodyCut and plainVerdict tell a person where and how many.
 */
import { describe, expect, it } from 'vitest';
import { bodyCut, checkMessage, parseMessage, plainVerdict } from '@/sim/codec';

const BODY = 'v=0\r\no=alice 1 1 IN IP4 10.0.0.1\r\ns=-\r\n';

function message(contentLength: number, body = BODY, eol = '\r\n'): string {
  return [
    'MESSAGE sip:bob@biloxi.example.com SIP/2.0',
    'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK776sgdkse',
    'Max-Forwards: 70',
    'To: <sip:bob@biloxi.example.com>',
    'From: <sip:alice@atlanta.example.com>;tag=49583',
    'Call-ID: asd88asd77a@10.0.0.1',
    'CSeq: 1 MESSAGE',
    'Content-Type: application/sdp',
    `Content-Length: ${contentLength}`,
    '',
    body,
  ].join(eol);
}

describe('bodyCut', () => {
  it('finds nothing when Content-Length is the body size', () => {
    expect(bodyCut(parseMessage(message(BODY.length)))).toBeUndefined();
  });

  it('finds nothing without Content-Length: the body runs to the end of the datagram', () => {
    const text = message(0).replace('Content-Length: 0\r\n', '');
    const msg = parseMessage(text);
    expect(msg.body).toBe(BODY);
    expect(bodyCut(msg)).toBeUndefined();
  });

  it('says where the message ends and how many bytes are dropped', () => {
    const text = message(10);
    const msg = parseMessage(text);
    const cut = bodyCut(msg);
    expect(cut).toEqual({
      contentLength: 10,
      received: BODY.length,
      discarded: BODY.length - 10,
      bodyOffset: text.indexOf('v=0'),
      cutOffset: text.indexOf('v=0') + 10,
      blankOnly: false,
    });
    expect(text.slice(cut!.bodyOffset, cut!.cutOffset)).toBe(msg.body);
    expect(text.slice(cut!.cutOffset)).toBe(BODY.slice(10));
  });

  it('marks a cut that drops only blank lines', () => {
    const cut = bodyCut(parseMessage(message(BODY.length, BODY + '\r\n\r\n')));
    expect(cut).toMatchObject({ discarded: 4, blankOnly: true });
  });

  it('works on lines that end in LF alone', () => {
    const body = 'v=0\no=alice 1 1 IN IP4 10.0.0.1\n';
    const text = message(4, body, '\n');
    const cut = bodyCut(parseMessage(text, { allowBareLf: true }));
    expect(cut?.cutOffset).toBe(text.indexOf('v=0') + 4);
    expect(cut?.discarded).toBe(body.length - 4);
  });

  it('finds the body after a folded last header', () => {
    const text = message(3).replace('Content-Length: 3', 'Content-Length:\r\n 3');
    const cut = bodyCut(parseMessage(text));
    expect(cut?.bodyOffset).toBe(text.indexOf('v=0'));
  });
});

describe('the warning', () => {
  it('comes with the verdict, accepted or not', () => {
    const verdict = checkMessage(message(10));
    expect(verdict.verdict).toBe('accept');
    const plain = plainVerdict(verdict);
    expect(plain.cut?.discarded).toBe(BODY.length - 10);
    expect(plain.warnings).toEqual([
      {
        sentence: `Content-Length says the body has 10 bytes, but ${BODY.length} bytes follow the empty line. The message ends where Content-Length says: the last ${BODY.length - 10} bytes are not part of it, and an element drops them without a word.`,
        rfc: 'RFC 3261 §18.3, §20.14',
        minor: false,
      },
    ]);
  });

  it('is minor for blank lines, and absent for an exact Content-Length', () => {
    expect(plainVerdict(checkMessage(message(BODY.length, BODY + '\r\n'))).warnings).toMatchObject([
      { minor: true },
    ]);
    expect(plainVerdict(checkMessage(message(BODY.length))).warnings).toEqual([]);
  });
});
