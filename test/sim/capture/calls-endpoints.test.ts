/** callsOf and endpointsOf on a capture of a proxied call, a registration and a redirect. */
import { describe, expect, it } from 'vitest';
import { callsOf, endpointsOf, readCapture } from '@/sim/capture';
import { ascii, ipv4, pcapFile, sipMessage, udp } from './capture-builder';

const ALICE = '192.0.2.1';
const PROXY = '192.0.2.2';
const BOB = '192.0.2.3';
const REGISTRAR = '192.0.2.4';
const REDIRECT = '192.0.2.5';
const VA = 'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKa1';
const VP = 'Via: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bKp1';

function msg(
  start: string,
  callId: string,
  cseq: string,
  vias: string[],
  extra: string[] = [],
): string {
  return sipMessage(start, {
    callId,
    headers: [
      ...vias,
      'From: "Alice" <sip:alice@atlanta.example.com>;tag=9fxced76sl',
      `To: <sip:bob@biloxi.example.com>${start.startsWith('SIP/2.0 1') && !start.includes('100') ? ';tag=314159' : ''}`,
      `CSeq: ${cseq}`,
      ...extra,
    ],
  });
}

/** [time in seconds, from, to, message] */
const FLOW: [number, string, string, string][] = [
  [0, ALICE, PROXY, msg('INVITE sip:bob@biloxi.example.com SIP/2.0', 'c1', '1 INVITE', [VA])],
  [0.01, PROXY, ALICE, msg('SIP/2.0 100 Trying', 'c1', '1 INVITE', [VA])],
  [0.02, PROXY, BOB, msg('INVITE sip:bob@192.0.2.3 SIP/2.0', 'c1', '1 INVITE', [VP, VA])],
  [0.5, BOB, PROXY, msg('SIP/2.0 180 Ringing', 'c1', '1 INVITE', [VP, VA])],
  [0.51, PROXY, ALICE, msg('SIP/2.0 180 Ringing', 'c1', '1 INVITE', [VA])],
  [
    2,
    BOB,
    PROXY,
    msg('SIP/2.0 200 OK', 'c1', '1 INVITE', [VP, VA], ['Contact: <sip:bob@192.0.2.3>']),
  ],
  [
    2.01,
    PROXY,
    ALICE,
    msg('SIP/2.0 200 OK', 'c1', '1 INVITE', [VA], ['Contact: <sip:bob@192.0.2.3>']),
  ],
  [2.02, ALICE, BOB, msg('ACK sip:bob@192.0.2.3 SIP/2.0', 'c1', '1 ACK', [VA])],
  [
    3,
    ALICE,
    REGISTRAR,
    msg(
      'REGISTER sip:atlanta.example.com SIP/2.0',
      'r1',
      '1 REGISTER',
      [VA],
      ['Contact: <sip:alice@192.0.2.1>'],
    ),
  ],
  [
    3.1,
    REGISTRAR,
    ALICE,
    msg(
      'SIP/2.0 200 OK',
      'r1',
      '1 REGISTER',
      [VA],
      ['Contact: <sip:alice@192.0.2.1>;expires=3600'],
    ),
  ],
  [4, ALICE, REDIRECT, msg('INVITE sip:carol@chicago.example.com SIP/2.0', 'c2', '1 INVITE', [VA])],
  [
    4.1,
    REDIRECT,
    ALICE,
    msg(
      'SIP/2.0 302 Moved Temporarily',
      'c2',
      '1 INVITE',
      [VA],
      ['Contact: <sip:carol@192.0.2.9>'],
    ),
  ],
  [9.5, ALICE, BOB, msg('BYE sip:bob@192.0.2.3 SIP/2.0', 'c1', '2 BYE', [VA])],
  [9.6, BOB, ALICE, msg('SIP/2.0 200 OK', 'c1', '2 BYE', [VA])],
  [10, ALICE, '192.0.2.99', msg('OPTIONS sip:x@192.0.2.99 SIP/2.0', 'o1', '1 OPTIONS', [VA])],
];

const capture = readCapture(
  pcapFile(
    FLOW.map(([t, from, to, text]) => ({
      seconds: 1000 + Math.floor(t),
      fraction: Math.round((t % 1) * 1e6),
      data: ipv4(from, to, 17, udp(5060, 5060, ascii(text))),
    })),
    { linkType: 101 },
  ),
);

describe('callsOf', () => {
  it('lists each Call-ID with From, To, first method, final status of the first request, start, duration and count', () => {
    expect(capture.messages).toHaveLength(FLOW.length);
    expect(callsOf(capture.messages)).toEqual([
      {
        callId: 'c1',
        from: 'sip:alice@atlanta.example.com',
        to: 'sip:bob@biloxi.example.com',
        method: 'INVITE',
        status: 200,
        start: 0,
        duration: 9.6,
        messages: 10,
      },
      {
        callId: 'r1',
        from: 'sip:alice@atlanta.example.com',
        to: 'sip:bob@biloxi.example.com',
        method: 'REGISTER',
        status: 200,
        start: 3,
        duration: 0.1,
        messages: 2,
      },
      {
        callId: 'c2',
        from: 'sip:alice@atlanta.example.com',
        to: 'sip:bob@biloxi.example.com',
        method: 'INVITE',
        status: 302,
        start: 4,
        duration: 0.1,
        messages: 2,
      },
      {
        callId: 'o1',
        from: 'sip:alice@atlanta.example.com',
        to: 'sip:bob@biloxi.example.com',
        method: 'OPTIONS',
        status: undefined,
        start: 10,
        duration: 0,
        messages: 1,
      },
    ]);
  });

  it('leaves out messages the codec rejects', () => {
    const broken = { ...capture.messages[0]!, raw: 'INVITE nonsense', callId: 'x' };
    expect(callsOf([broken])).toEqual([]);
  });
});

describe('endpointsOf', () => {
  it('guesses each address from its traffic, and says why', () => {
    const byAddress = Object.fromEntries(endpointsOf(capture.messages).map((e) => [e.address, e]));
    expect(byAddress[`${PROXY}:5060`]).toEqual({
      address: `${PROXY}:5060`,
      kind: 'proxy',
      why: `forwarded INVITE from ${ALICE}:5060 to ${BOB}:5060 with one more Via (RFC 3261 §16.6)`,
    });
    expect(byAddress[`${REGISTRAR}:5060`]?.kind).toBe('registrar');
    expect(byAddress[`${REGISTRAR}:5060`]?.why).toBe(
      'answered REGISTER with 200 and 1 binding in Contact (RFC 3261 §10.3)',
    );
    expect(byAddress[`${REDIRECT}:5060`]?.kind).toBe('redirect-server');
    expect(byAddress[`${ALICE}:5060`]?.kind).toBe('user-agent');
    expect(byAddress[`${BOB}:5060`]).toEqual({
      address: `${BOB}:5060`,
      kind: 'user-agent',
      why: 'answered INVITE with 180 itself (RFC 3261 §8.2.6)',
    });
    expect(byAddress['192.0.2.99:5060']).toEqual({
      address: '192.0.2.99:5060',
      kind: 'unknown',
      why: 'only received messages (1)',
    });
  });
});
