/** Server transactions (RFC 3261 §17.2.1, §17.2.2, §17.1): the first answer, Timer G and H, and answers to retransmissions. */
import { describe, it } from 'vitest';
import { A, B, R, Ladder, expectNone, expectOn } from '../helpers';
import { directCall, messageExchange, register, rejectedCall } from '../flows';

describe('invite-100-trying (RFC 3261 §17.2.1)', () => {
  it('finds a first response 290 ms after the INVITE arrived', () => {
    const l = directCall().set('ringing', { time: 300 });
    expectOn(l, l.check(), 'invite-100-trying', 'ringing');
  });
  it('finds an INVITE nobody answered', () => {
    const l = directCall()
      .remove('ringing', 'ok', 'ack', 'bye', 'byeOk')
      .add('busy-elsewhere', 50, B, R, register());
    expectOn(l, l.check({ endTime: 1000 }), 'invite-100-trying', 'invite');
  });
  it('accepts a 180 within 200 ms', () => {
    expectNone(directCall().check(), 'invite-100-trying');
  });
});

/** Bob answers 486 at 20 ms and retransmits it at `copies`; the ACK arrives at `ackAt` (undefined: lost). */
function busy(copies: number[], ackAt?: number): Ladder {
  const l = rejectedCall();
  const final = l.text('final');
  copies.forEach((t, i) =>
    l.add(`final${i + 1}`, t, B, A, final).set(`final${i + 1}`, { delivered: false }),
  );
  l.set('final', { delivered: false });
  if (ackAt === undefined) l.set('ack', { delivered: false });
  else l.set('ack', { time: ackAt - 10 });
  return l;
}

const G = [520, 1520, 3520, 7520, 11520, 15520, 19520, 23520, 27520, 31520];

describe('invite-final-retransmit-timer-g (RFC 3261 §17.2.1)', () => {
  it('finds a retransmission 680 ms after the first send instead of 500', () => {
    const l = busy([700]);
    expectOn(l, l.check({ endTime: 900 }), 'invite-final-retransmit-timer-g', 'final1');
  });
  it('finds a retransmission that never came', () => {
    const l = busy([520]);
    expectOn(l, l.check({ endTime: 3000 }), 'invite-final-retransmit-timer-g', 'final1');
  });
  it('accepts T1 doubling up to T2, and a server that never retransmits (it may be stateless)', () => {
    expectNone(busy(G).check({ endTime: 60_000 }), 'invite-final-retransmit-timer-g');
    expectNone(busy([]).check({ endTime: 60_000 }), 'invite-final-retransmit-timer-g');
  });
});

describe('invite-final-retransmit-timer-h (RFC 3261 §17.2.1)', () => {
  it('finds a retransmission after 64·T1', () => {
    const l = busy([...G, 35520]);
    expectOn(l, l.check(), 'invite-final-retransmit-timer-h', 'final11');
  });
  it('accepts the last retransmission before it', () => {
    expectNone(busy(G).check({ endTime: 60_000 }), 'invite-final-retransmit-timer-h');
  });
});

describe('invite-final-retransmit-after-ack (RFC 3261 §17.2.1)', () => {
  it('finds a retransmission after the ACK arrived', () => {
    const l = busy([520], 300);
    expectOn(l, l.check(), 'invite-final-retransmit-after-ack', 'final1');
  });
  it('accepts silence after the ACK', () => {
    expectNone(busy([520, 1520], 1600).check(), 'invite-final-retransmit-after-ack');
  });
});

describe('invite-retransmission-provisional (RFC 3261 §17.2.1)', () => {
  const lostRinging = (resend: boolean) => {
    const l = directCall().set('ringing', { delivered: false });
    l.add('invite-again', 500, A, B, l.text('invite'));
    if (resend) l.add('ringing-again', 510, B, A, l.text('ringing'));
    return l;
  };
  it('finds a retransmitted INVITE left unanswered while proceeding', () => {
    const l = lostRinging(false);
    expectOn(l, l.check(), 'invite-retransmission-provisional', 'invite-again');
  });
  it('accepts the last provisional response sent again', () => {
    expectNone(lostRinging(true).check(), 'invite-retransmission-provisional');
  });
});

describe('invite-retransmission-final (RFC 3261 §17.2.1)', () => {
  const lostBusy = (resend: boolean) => {
    const l = rejectedCall().set('final', { delivered: false }).set('ack', { time: 530 });
    l.add('invite-again', 500, A, B, l.text('invite'));
    if (resend) l.add('final-again', 510, B, A, l.text('final'));
    return l;
  };
  it('finds a retransmitted INVITE not answered with the final response', () => {
    const l = lostBusy(false);
    expectOn(l, l.check({ endTime: 2000 }), 'invite-retransmission-final', 'invite-again');
  });
  it('accepts the final response sent again', () => {
    expectNone(lostBusy(true).check({ endTime: 2000 }), 'invite-retransmission-final');
  });
});

describe('non-invite-retransmission-answered (RFC 3261 §17.2.2)', () => {
  const lostOk = (resend: boolean) => {
    const l = messageExchange().set('ok', { delivered: false });
    l.add('message-again', 500, A, B, l.text('message'));
    if (resend) l.add('ok-again', 510, B, A, l.text('ok'));
    return l;
  };
  it('finds a retransmitted MESSAGE not answered again', () => {
    const l = lostOk(false);
    expectOn(l, l.check({ endTime: 2000 }), 'non-invite-retransmission-answered', 'message-again');
  });
  it('accepts the final response sent again', () => {
    expectNone(lostOk(true).check({ endTime: 2000 }), 'non-invite-retransmission-answered');
  });
});

describe('non-invite-final-response (RFC 3261 §17.1)', () => {
  it('finds a MESSAGE that never got a final response', () => {
    const l = messageExchange().remove('ok').add('busy-elsewhere', 50, B, R, register());
    expectOn(l, l.check({ endTime: 40_000 }), 'non-invite-final-response', 'message');
  });
  it('accepts a prompt 200', () => {
    expectNone(messageExchange().check({ endTime: 40_000 }), 'non-invite-final-response');
  });
});
