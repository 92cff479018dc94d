/**
 * Dialogs (RFC 3261 §12): made at the UAC from a 1xx or 2xx with a To tag (§12.1.2), at the UAS from
 * the request (§12.1.1); requests inside them with loose or strict routing (§12.2.1.1); the CSeq order
 * and target refresh of requests received inside them (§12.2.2). The messages follow the shape of the
 * RFC's examples: Alice at pc33.atlanta.com calls Bob through two record-routing proxies.
 */
import { describe, expect, it } from 'vitest';
import {
  parseMessage,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from '../../../sim/codec';
import { Dialog, dialogIdFor, dialogKey } from '../../../sim/dialog';

function msg(lines: string[], body = ''): SipMessage {
  return parseMessage([...lines, `Content-Length: ${body.length}`, '', body].join('\r\n'));
}

function request(lines: string[]): SipRequest {
  const m = msg(lines);
  if (m.kind !== 'request') throw new Error('not a request');
  return m;
}

function response(lines: string[]): SipResponse {
  const m = msg(lines);
  if (m.kind !== 'response') throw new Error('not a response');
  return m;
}

const CALL_ID = 'a84b4c76e66710@pc33.atlanta.com';

/** The INVITE as it left Alice (the UAC's copy). */
const INVITE_SENT = request([
  'INVITE sip:bob@biloxi.com SIP/2.0',
  'Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds',
  'Max-Forwards: 70',
  'To: Bob <sip:bob@biloxi.com>',
  'From: Alice <sip:alice@atlanta.com>;tag=1928301774',
  `Call-ID: ${CALL_ID}`,
  'CSeq: 314159 INVITE',
  'Contact: <sip:alice@pc33.atlanta.com>',
]);

/** The same INVITE as it reached Bob, after two record-routing proxies (p1 first, then p2). */
const INVITE_RECEIVED = request([
  'INVITE sip:bob@192.0.2.4 SIP/2.0',
  'Record-Route: <sip:p2.biloxi.com;lr>',
  'Record-Route: <sip:p1.atlanta.com;lr>',
  'Via: SIP/2.0/UDP p2.biloxi.com;branch=z9hG4bK2d4790.1',
  'Via: SIP/2.0/UDP p1.atlanta.com;branch=z9hG4bK77ef4c2312983.1',
  'Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds',
  'Max-Forwards: 68',
  'To: Bob <sip:bob@biloxi.com>',
  'From: Alice <sip:alice@atlanta.com>;tag=1928301774',
  `Call-ID: ${CALL_ID}`,
  'CSeq: 314159 INVITE',
  'Contact: <sip:alice@pc33.atlanta.com>',
]);

function answer(status: string, extra: string[] = [], tag = ';tag=a6c85cf'): SipResponse {
  return response([
    `SIP/2.0 ${status}`,
    'Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds',
    'Record-Route: <sip:p2.biloxi.com;lr>',
    'Record-Route: <sip:p1.atlanta.com;lr>',
    `To: Bob <sip:bob@biloxi.com>${tag}`,
    'From: Alice <sip:alice@atlanta.com>;tag=1928301774',
    `Call-ID: ${CALL_ID}`,
    'CSeq: 314159 INVITE',
    'Contact: <sip:bob@192.0.2.4>',
    ...extra,
  ]);
}

/** A request from Alice inside the dialog, as Bob receives it. */
function inDialog(method: string, seq: number, extra: string[] = []): SipRequest {
  return request([
    `${method} sip:bob@192.0.2.4 SIP/2.0`,
    'Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds7',
    'Max-Forwards: 70',
    'To: Bob <sip:bob@biloxi.com>;tag=a6c85cf',
    'From: Alice <sip:alice@atlanta.com>;tag=1928301774',
    `Call-ID: ${CALL_ID}`,
    `CSeq: ${seq} ${method}`,
    ...extra,
  ]);
}

describe('UAC dialog (§12.1.2)', () => {
  it('a 180 with a To tag makes an early dialog; route set = Record-Route reversed', () => {
    const d = Dialog.fromUac(INVITE_SENT, answer('180 Ringing'))!;
    expect(d.snapshot()).toEqual({
      id: dialogKey(CALL_ID, '1928301774', 'a6c85cf'),
      role: 'uac',
      state: 'early',
      callId: CALL_ID,
      localTag: '1928301774',
      remoteTag: 'a6c85cf',
      localSeq: 314159,
      remoteSeq: null,
      localUri: 'sip:alice@atlanta.com',
      remoteUri: 'sip:bob@biloxi.com',
      remoteTarget: 'sip:bob@192.0.2.4',
      routeSet: ['<sip:p1.atlanta.com;lr>', '<sip:p2.biloxi.com;lr>'],
      method: 'INVITE',
    });
  });

  it('a 2xx makes it confirmed', () => {
    expect(Dialog.fromUac(INVITE_SENT, answer('200 OK'))?.state).toBe('confirmed');
  });

  it('no dialog without a To tag or without a Contact', () => {
    expect(Dialog.fromUac(INVITE_SENT, answer('180 Ringing', [], ''))).toBeUndefined();
    const noContact = response([
      'SIP/2.0 180 Ringing',
      'Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds',
      'To: Bob <sip:bob@biloxi.com>;tag=a6c85cf',
      'From: Alice <sip:alice@atlanta.com>;tag=1928301774',
      `Call-ID: ${CALL_ID}`,
      'CSeq: 314159 INVITE',
    ]);
    expect(Dialog.fromUac(INVITE_SENT, noContact)).toBeUndefined();
  });

  it('the 2xx that confirms an early dialog sets its route set and target (§13.2.2.4)', () => {
    const ringing = response([
      'SIP/2.0 180 Ringing',
      'Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds',
      'To: Bob <sip:bob@biloxi.com>;tag=a6c85cf',
      'From: Alice <sip:alice@atlanta.com>;tag=1928301774',
      `Call-ID: ${CALL_ID}`,
      'CSeq: 314159 INVITE',
      'Contact: <sip:bob@192.0.2.99>',
    ]);
    const d = Dialog.fromUac(INVITE_SENT, ringing)!;
    expect(d.routeSet).toEqual([]);
    d.confirm(answer('200 OK'));
    expect(d.state).toBe('confirmed');
    expect(d.routeSet).toEqual(['<sip:p1.atlanta.com;lr>', '<sip:p2.biloxi.com;lr>']);
    expect(d.snapshot().remoteTarget).toBe('sip:bob@192.0.2.4');
  });

  it('a BYE with loose routing: Request-URI = remote target, Route = route set, next CSeq (§12.2.1.1)', () => {
    const d = Dialog.fromUac(INVITE_SENT, answer('200 OK'))!;
    const bye = d.createRequest('BYE');
    expect(bye.requestUri).toBe('sip:bob@192.0.2.4');
    expect(bye.headersOf('route').map((h) => h.value)).toEqual([
      '<sip:p1.atlanta.com;lr>',
      '<sip:p2.biloxi.com;lr>',
    ]);
    expect(bye.cseq()).toEqual({ seq: 314160, method: 'BYE' });
    expect(bye.headerValue('from')).toBe('Alice <sip:alice@atlanta.com>;tag=1928301774');
    expect(bye.headerValue('to')).toBe('Bob <sip:bob@biloxi.com>;tag=a6c85cf');
    expect(bye.callId()).toBe(CALL_ID);
    expect(bye.maxForwards()).toBe(70);
    expect(bye.vias()).toEqual([]); // the transaction adds it
    // The ACK of the 2xx reuses the INVITE's CSeq number (§13.2.2.4).
    expect(d.createRequest('ACK', { cseq: 314159 }).cseq()).toEqual({ seq: 314159, method: 'ACK' });
    expect(d.localSeq).toBe(314160);
  });

  it('strict routing when the first route has no ;lr: it becomes the Request-URI, the target goes last', () => {
    const ok = response([
      'SIP/2.0 200 OK',
      'Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds',
      'Record-Route: <sip:p2.biloxi.com;lr>',
      'Record-Route: <sip:p1.atlanta.com>',
      'To: Bob <sip:bob@biloxi.com>;tag=a6c85cf',
      'From: Alice <sip:alice@atlanta.com>;tag=1928301774',
      `Call-ID: ${CALL_ID}`,
      'CSeq: 314159 INVITE',
      'Contact: <sip:bob@192.0.2.4>',
    ]);
    const bye = Dialog.fromUac(INVITE_SENT, ok)!.createRequest('BYE');
    expect(bye.requestUri).toBe('sip:p1.atlanta.com');
    expect(bye.headersOf('route').map((h) => h.value)).toEqual([
      '<sip:p2.biloxi.com;lr>',
      '<sip:bob@192.0.2.4>',
    ]);
  });
});

describe('UAS dialog (§12.1.1)', () => {
  it('route set = Record-Route of the request, in order; remote sequence number = its CSeq', () => {
    const d = Dialog.fromUas(INVITE_RECEIVED, 'a6c85cf', false)!;
    expect(d.snapshot()).toMatchObject({
      id: dialogKey(CALL_ID, 'a6c85cf', '1928301774'),
      role: 'uas',
      state: 'early',
      localTag: 'a6c85cf',
      remoteTag: '1928301774',
      localSeq: null,
      remoteSeq: 314159,
      localUri: 'sip:bob@biloxi.com',
      remoteUri: 'sip:alice@atlanta.com',
      remoteTarget: 'sip:alice@pc33.atlanta.com',
      routeSet: ['<sip:p2.biloxi.com;lr>', '<sip:p1.atlanta.com;lr>'],
    });
    expect(Dialog.fromUas(INVITE_RECEIVED, 'a6c85cf', true)?.state).toBe('confirmed');
  });

  it("a BYE from the callee goes back along the route set, with the callee's own first CSeq", () => {
    const d = Dialog.fromUas(INVITE_RECEIVED, 'a6c85cf', true)!;
    const bye = d.createRequest('BYE');
    expect(bye.requestUri).toBe('sip:alice@pc33.atlanta.com');
    expect(bye.headersOf('route').map((h) => h.value)).toEqual([
      '<sip:p2.biloxi.com;lr>',
      '<sip:p1.atlanta.com;lr>',
    ]);
    expect(bye.cseq()).toEqual({ seq: 1, method: 'BYE' });
    expect(bye.headerValue('from')).toBe('Bob <sip:bob@biloxi.com>;tag=a6c85cf');
    expect(bye.headerValue('to')).toBe('Alice <sip:alice@atlanta.com>;tag=1928301774');
  });

  it('a request with a CSeq lower than the last is out of order: 500 (§12.2.2)', () => {
    const d = Dialog.fromUas(INVITE_RECEIVED, 'a6c85cf', true)!;
    expect(d.receiveRequest(inDialog('INFO', 314158))).toMatchObject({ status: 500 });
    expect(d.remoteSeq).toBe(314159);
    expect(d.receiveRequest(inDialog('INFO', 314160))).toBeNull();
    expect(d.remoteSeq).toBe(314160);
    expect(d.receiveRequest(inDialog('BYE', 314100))?.reason).toContain('§12.2.2');
    // ACK and CANCEL carry the INVITE's number and are not checked.
    expect(d.receiveRequest(inDialog('ACK', 314159))).toBeNull();
    expect(d.remoteSeq).toBe(314160);
  });

  it('a re-INVITE refreshes the remote target; a BYE does not (§12.2.2, target refresh)', () => {
    const d = Dialog.fromUas(INVITE_RECEIVED, 'a6c85cf', true)!;
    expect(
      d.receiveRequest(inDialog('INVITE', 314160, ['Contact: <sip:alice@192.0.2.101>'])),
    ).toBeNull();
    expect(d.snapshot().remoteTarget).toBe('sip:alice@192.0.2.101');
    expect(
      d.receiveRequest(inDialog('BYE', 314161, ['Contact: <sip:alice@192.0.2.202>'])),
    ).toBeNull();
    expect(d.snapshot().remoteTarget).toBe('sip:alice@192.0.2.101');
    d.terminate();
    expect(d.state).toBe('terminated');
  });
});

describe('dialogIdFor', () => {
  it('reads the dialog of a message from this side: local tag first (§12)', () => {
    expect(dialogIdFor(inDialog('BYE', 2), 'received-request')).toBe(
      dialogKey(CALL_ID, 'a6c85cf', '1928301774'),
    );
    expect(dialogIdFor(answer('200 OK'), 'received-response')).toBe(
      dialogKey(CALL_ID, '1928301774', 'a6c85cf'),
    );
    expect(dialogIdFor(INVITE_SENT, 'received-request')).toBeUndefined();
  });
});
