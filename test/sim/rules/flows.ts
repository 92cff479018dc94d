/**
 * RFC-clean ladders the rule tests start from (each checks clean, see flows.test.ts); a test then
 * edits one message to break one rule. Alice is 10.0.0.1, the proxy 10.0.0.2, Bob 10.0.0.3, the
 * registrar 10.0.0.4; every link takes 10 ms.
 */
import { A, B, C, Ladder, P, R, back, forward, reply, sip } from './helpers';

const SDP = 'v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\nm=audio 49170 RTP/AVP 0';

export function invite(uri = 'sip:bob@10.0.0.3', extra: string[] = []): string {
  return sip(
    [
      `INVITE ${uri} SIP/2.0`,
      'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1',
      'Max-Forwards: 70',
      'From: Alice <sip:alice@a.example.com>;tag=a1',
      'To: Bob <sip:bob@b.example.com>',
      'Call-ID: call1@10.0.0.1',
      'CSeq: 1 INVITE',
      'Contact: <sip:alice@10.0.0.1>',
      ...extra,
      'Content-Type: application/sdp',
      '',
      SDP,
    ].join('\n'),
  );
}

/** An in-dialog request from Alice to Bob (ACK, BYE, ...). */
export function aliceInDialog(
  method: string,
  cseq: number,
  branch: string,
  extra: string[] = [],
  uri = 'sip:bob@10.0.0.3',
): string {
  return sip(
    [
      `${method} ${uri} SIP/2.0`,
      `Via: SIP/2.0/UDP 10.0.0.1:5060;branch=${branch}`,
      'Max-Forwards: 70',
      'From: Alice <sip:alice@a.example.com>;tag=a1',
      'To: Bob <sip:bob@b.example.com>;tag=b1',
      'Call-ID: call1@10.0.0.1',
      `CSeq: ${cseq} ${method}`,
      ...extra,
    ].join('\n'),
  );
}

/** An in-dialog request from Bob to Alice. */
export function bobInDialog(
  method: string,
  cseq: number,
  branch: string,
  extra: string[] = [],
  uri = 'sip:alice@10.0.0.1',
): string {
  return sip(
    [
      `${method} ${uri} SIP/2.0`,
      `Via: SIP/2.0/UDP 10.0.0.3:5060;branch=${branch}`,
      'Max-Forwards: 70',
      'From: Bob <sip:bob@b.example.com>;tag=b1',
      'To: Alice <sip:alice@a.example.com>;tag=a1',
      'Call-ID: call1@10.0.0.1',
      `CSeq: ${cseq} ${method}`,
      ...extra,
    ].join('\n'),
  );
}

const BOB_CONTACT = 'Contact: <sip:bob@10.0.0.3>';

/** Alice calls Bob directly: INVITE, 180, 200, ACK; later Alice hangs up. */
export function directCall(): Ladder {
  const inv = invite();
  return new Ladder([
    ['invite', 0, A, B, inv],
    ['ringing', 20, B, A, reply(inv, '180 Ringing', { tag: 'b1', extra: [BOB_CONTACT] })],
    [
      'ok',
      1000,
      B,
      A,
      reply(inv, '200 OK', {
        tag: 'b1',
        extra: [BOB_CONTACT, 'Content-Type: application/sdp'],
        body: 'v=0',
      }),
    ],
    ['ack', 1020, A, B, aliceInDialog('ACK', 1, 'z9hG4bKack1')],
    ['bye', 5000, A, B, aliceInDialog('BYE', 2, 'z9hG4bKbye1')],
    ['byeOk', 5020, B, A, reply(aliceInDialog('BYE', 2, 'z9hG4bKbye1'), '200 OK')],
  ]);
}

/** Alice calls Bob through a stateful proxy that answers 100 and, if asked, record-routes. */
export function proxyCall(recordRoute = false): Ladder {
  const inv = invite('sip:bob@b.example.com');
  const rr = '<sip:10.0.0.2;lr>';
  const inv2 = forward(inv, 'SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKp1', {
    uri: 'sip:bob@10.0.0.3',
    ...(recordRoute ? { recordRoute: rr } : {}),
  });
  const rrLine = recordRoute ? [`Record-Route: ${rr}`] : [];
  const ringing2 = reply(inv2, '180 Ringing', { tag: 'b1', extra: [BOB_CONTACT, ...rrLine] });
  const ok2 = reply(inv2, '200 OK', {
    tag: 'b1',
    extra: [BOB_CONTACT, ...rrLine, 'Content-Type: application/sdp'],
    body: 'v=0',
  });
  const l = new Ladder([
    ['invite', 0, A, P, inv],
    ['trying', 10, P, A, reply(inv, '100 Trying')],
    ['invite2', 10, P, B, inv2],
    ['ringing2', 20, B, P, ringing2],
    ['ringing', 30, P, A, back(ringing2)],
    ['ok2', 1000, B, P, ok2],
    ['ok', 1010, P, A, back(ok2)],
  ]);
  if (recordRoute) {
    const ack = aliceInDialog('ACK', 1, 'z9hG4bKack1', [`Route: ${rr}`]);
    const bye = aliceInDialog('BYE', 2, 'z9hG4bKbye1', [`Route: ${rr}`]);
    const bye2 = forward(bye, 'SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKp2', { dropRoute: true });
    l.add('ack', 1030, A, P, ack)
      .add(
        'ack2',
        1040,
        P,
        B,
        forward(ack, 'SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKp3', { dropRoute: true }),
      )
      .add('bye', 5000, A, P, bye)
      .add('bye2', 5010, P, B, bye2)
      .add('byeOk2', 5020, B, P, reply(bye2, '200 OK'))
      .add('byeOk', 5030, P, A, reply(bye, '200 OK'));
  } else {
    l.add('ack', 1030, A, B, aliceInDialog('ACK', 1, 'z9hG4bKack1'))
      .add('bye', 5000, A, B, aliceInDialog('BYE', 2, 'z9hG4bKbye1'))
      .add('byeOk', 5020, B, A, reply(aliceInDialog('BYE', 2, 'z9hG4bKbye1'), '200 OK'));
  }
  return l;
}

/** Alice calls Bob, who is busy: INVITE, 486, ACK. */
export function rejectedCall(status = '486 Busy Here'): Ladder {
  const inv = invite();
  return new Ladder([
    ['invite', 0, A, B, inv],
    ['final', 20, B, A, reply(inv, status, { tag: 'b1' })],
    ['ack', 30, A, B, aliceInDialog('ACK', 1, 'z9hG4bKinv1')],
  ]);
}

/** Alice calls Bob and gives up while it rings: INVITE, 180, CANCEL, 200, 487, ACK. */
export function cancelledCall(): Ladder {
  const inv = invite();
  const cancel = sip(`
    CANCEL sip:bob@10.0.0.3 SIP/2.0
    Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1
    Max-Forwards: 70
    From: Alice <sip:alice@a.example.com>;tag=a1
    To: Bob <sip:bob@b.example.com>
    Call-ID: call1@10.0.0.1
    CSeq: 1 CANCEL
  `);
  return new Ladder([
    ['invite', 0, A, B, inv],
    ['ringing', 20, B, A, reply(inv, '180 Ringing', { tag: 'b1', extra: [BOB_CONTACT] })],
    ['cancel', 100, A, B, cancel],
    ['cancelOk', 110, B, A, reply(cancel, '200 OK', { tag: 'b1' })],
    ['terminated', 110, B, A, reply(inv, '487 Request Terminated', { tag: 'b1' })],
    ['ack', 120, A, B, aliceInDialog('ACK', 1, 'z9hG4bKinv1')],
  ]);
}

export function register(
  extra: string[] = ['Contact: <sip:alice@10.0.0.1>', 'Expires: 3600'],
  cseq = 1,
  branch = 'z9hG4bKreg1',
): string {
  return sip(
    [
      'REGISTER sip:b.example.com SIP/2.0',
      `Via: SIP/2.0/UDP 10.0.0.1:5060;branch=${branch}`,
      'Max-Forwards: 70',
      'From: <sip:alice@b.example.com>;tag=r1',
      'To: <sip:alice@b.example.com>',
      'Call-ID: reg1@10.0.0.1',
      `CSeq: ${cseq} REGISTER`,
      ...extra,
    ].join('\n'),
  );
}

/** Alice registers: REGISTER, 200 with her binding. */
export function registration(): Ladder {
  const reg = register();
  return new Ladder([
    ['register', 0, A, R, reg],
    [
      'ok',
      10,
      R,
      A,
      reply(reg, '200 OK', { tag: 'x1', extra: ['Contact: <sip:alice@10.0.0.1>;expires=3600'] }),
    ],
  ]);
}

/** Alice sends Bob a MESSAGE; Bob answers 200. */
export function messageExchange(): Ladder {
  const msg = sip(`
    MESSAGE sip:bob@10.0.0.3 SIP/2.0
    Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKmsg1
    Max-Forwards: 70
    From: Alice <sip:alice@a.example.com>;tag=m1
    To: Bob <sip:bob@b.example.com>
    Call-ID: msg1@10.0.0.1
    CSeq: 1 MESSAGE
    Content-Type: text/plain

    hello
  `);
  return new Ladder([
    ['message', 0, A, B, msg],
    ['ok', 20, B, A, reply(msg, '200 OK', { tag: 'b9' })],
  ]);
}

export function notify(cseq: number, branch: string, state: string, extra: string[] = []): string {
  return sip(
    [
      'NOTIFY sip:alice@10.0.0.1 SIP/2.0',
      `Via: SIP/2.0/UDP 10.0.0.3:5060;branch=${branch}`,
      'Max-Forwards: 70',
      'From: <sip:bob@b.example.com>;tag=n1',
      'To: <sip:alice@a.example.com>;tag=s1',
      'Call-ID: sub1@10.0.0.1',
      `CSeq: ${cseq} NOTIFY`,
      'Event: presence',
      `Subscription-State: ${state}`,
      'Contact: <sip:pres@10.0.0.3>',
      ...extra,
    ].join('\n'),
  );
}

/** Alice subscribes to Bob's presence: SUBSCRIBE, 200, NOTIFY, 200. */
export function subscription(): Ladder {
  const sub = sip(`
    SUBSCRIBE sip:bob@b.example.com SIP/2.0
    Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKsub1
    Max-Forwards: 70
    From: <sip:alice@a.example.com>;tag=s1
    To: <sip:bob@b.example.com>
    Call-ID: sub1@10.0.0.1
    CSeq: 1 SUBSCRIBE
    Event: presence
    Expires: 600
    Contact: <sip:alice@10.0.0.1>
  `);
  const n = notify(1, 'z9hG4bKnot1', 'active;expires=600');
  return new Ladder([
    ['subscribe', 0, A, B, sub],
    [
      'ok',
      10,
      B,
      A,
      reply(sub, '200 OK', { tag: 'n1', extra: ['Contact: <sip:pres@10.0.0.3>', 'Expires: 600'] }),
    ],
    ['notify', 10, B, A, n],
    ['notifyOk', 20, A, B, reply(n, '200 OK')],
  ]);
}

/** The proxy's CANCEL (or ACK) for its own branch to `uri`, built from the INVITE it forwarded (§9.1). */
export function proxyOwn(
  method: 'CANCEL' | 'ACK',
  uri: string,
  branch: string,
  toTag?: string,
): string {
  return sip(
    [
      `${method} ${uri} SIP/2.0`,
      `Via: SIP/2.0/UDP 10.0.0.2:5060;branch=${branch}`,
      'Max-Forwards: 70',
      'From: Alice <sip:alice@a.example.com>;tag=a1',
      `To: Bob <sip:bob@b.example.com>${toTag ? `;tag=${toTag}` : ''}`,
      'Call-ID: call1@10.0.0.1',
      `CSeq: 1 ${method}`,
    ].join('\n'),
  );
}

/**
 * Alice calls Bob; the proxy forks to Bob's desk phone (10.0.0.3) and mobile (10.0.0.5). Both ring,
 * the desk phone answers, the proxy forwards the 200 and cancels the mobile, which answers 200 and 487.
 */
export function forkedCall(): Ladder {
  const inv = invite('sip:bob@b.example.com');
  const invB = forward(inv, 'SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKp1', {
    uri: 'sip:bob@10.0.0.3',
  });
  const invC = forward(inv, 'SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKp2', {
    uri: 'sip:bob@10.0.0.5',
  });
  const ringB = reply(invB, '180 Ringing', { tag: 'b1', extra: [BOB_CONTACT] });
  const ringC = reply(invC, '180 Ringing', { tag: 'c1', extra: ['Contact: <sip:bob@10.0.0.5>'] });
  const okB = reply(invB, '200 OK', {
    tag: 'b1',
    extra: [BOB_CONTACT, 'Content-Type: application/sdp'],
    body: 'v=0',
  });
  const cancelC = proxyOwn('CANCEL', 'sip:bob@10.0.0.5', 'z9hG4bKp2');
  return new Ladder([
    ['invite', 0, A, P, inv],
    ['trying', 10, P, A, reply(inv, '100 Trying')],
    ['inviteB', 10, P, B, invB],
    ['inviteC', 10, P, C, invC],
    ['ringB', 20, B, P, ringB],
    ['ringC', 20, C, P, ringC],
    ['ringingB', 30, P, A, back(ringB)],
    ['ringingC', 30, P, A, back(ringC)],
    ['okB', 1000, B, P, okB],
    ['ok', 1010, P, A, back(okB)],
    ['cancelC', 1010, P, C, cancelC],
    ['cancelOkC', 1020, C, P, reply(cancelC, '200 OK', { tag: 'c1' })],
    ['terminatedC', 1020, C, P, reply(invC, '487 Request Terminated', { tag: 'c1' })],
    ['ackC', 1030, P, C, proxyOwn('ACK', 'sip:bob@10.0.0.5', 'z9hG4bKp2', 'c1')],
    ['ack', 1030, A, B, aliceInDialog('ACK', 1, 'z9hG4bKack1')],
  ]);
}

/** Alice calls Bob; the proxy forks to both phones, which answer `statusB` and `statusC`; the proxy answers `final`. */
export function forkedRejected(
  statusB: string,
  statusC: string,
  final: string,
  forwardFromB = false,
): Ladder {
  const inv = invite('sip:bob@b.example.com');
  const invB = forward(inv, 'SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKp1', {
    uri: 'sip:bob@10.0.0.3',
  });
  const invC = forward(inv, 'SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKp2', {
    uri: 'sip:bob@10.0.0.5',
  });
  const fB = reply(invB, statusB, {
    tag: 'b1',
    ...(statusB.startsWith('3') ? { extra: [BOB_CONTACT] } : {}),
  });
  const fC = reply(invC, statusC, {
    tag: 'c1',
    ...(statusC.startsWith('3') ? { extra: ['Contact: <sip:bob@10.0.0.5>'] } : {}),
  });
  const answer = forwardFromB
    ? back(fB)
    : reply(inv, final, { tag: 'p9', ...(final.startsWith('3') ? { extra: [BOB_CONTACT] } : {}) });
  return new Ladder([
    ['invite', 0, A, P, inv],
    ['trying', 10, P, A, reply(inv, '100 Trying')],
    ['inviteB', 10, P, B, invB],
    ['inviteC', 10, P, C, invC],
    ['finalB', 20, B, P, fB],
    ['ackB', 30, P, B, proxyOwn('ACK', 'sip:bob@10.0.0.3', 'z9hG4bKp1', 'b1')],
    ['finalC', 40, C, P, fC],
    ['ackC', 50, P, C, proxyOwn('ACK', 'sip:bob@10.0.0.5', 'z9hG4bKp2', 'c1')],
    ['final', 50, P, A, answer],
    [
      'ack',
      60,
      A,
      P,
      sip(answer.includes('tag=p9') ? aliceAckTo(inv, 'p9') : aliceAckTo(inv, 'b1')),
    ],
  ]);
}

/** Alice's ACK of a non-2xx answer to `inv` (same branch, Request-URI and CSeq number). */
function aliceAckTo(inv: string, tag: string): string {
  const uri = inv.split('\r\n')[0]!.split(' ')[1]!;
  return [
    `ACK ${uri} SIP/2.0`,
    'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKinv1',
    'Max-Forwards: 70',
    'From: Alice <sip:alice@a.example.com>;tag=a1',
    `To: Bob <sip:bob@b.example.com>;tag=${tag}`,
    'Call-ID: call1@10.0.0.1',
    'CSeq: 1 ACK',
  ].join('\n');
}
