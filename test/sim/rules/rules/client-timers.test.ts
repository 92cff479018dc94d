/**
 * Client retransmissions, timed as RFC 3261 §17.1.1.2 (Timer A, B) and §17.1.2.2 (Timer E, F) say:
 * with T1 = 500 ms and T2 = 4 s, an INVITE goes again at 0.5, 1.5, 3.5, 7.5 … s; a non-INVITE request
 * at 0.5, 1.5, 3.5, 7.5, 11.5 … s, and every 4 s once a provisional response has come.
 */
import { describe, it } from 'vitest';
import { A, B, Ladder, expectNone, expectOn, reply } from '../helpers';
import { aliceInDialog, invite, messageExchange } from '../flows';

/** Alice sends the INVITE at these times (every copy lost but the last); Bob answers 486 at `answer`. */
function inviteSent(
  times: number[],
  answer?: number,
  opts: { deliverAll?: boolean; provisionalAt?: number } = {},
): Ladder {
  const inv = invite();
  const l = new Ladder();
  times.forEach((t, i) => {
    l.add(`invite${i}`, t, A, B, inv);
    if (!opts.deliverAll && i < times.length - 1) l.set(`invite${i}`, { delivered: false });
  });
  if (opts.provisionalAt !== undefined)
    l.add(
      'ringing',
      opts.provisionalAt,
      B,
      A,
      reply(inv, '180 Ringing', { tag: 'b1', extra: ['Contact: <sip:bob@10.0.0.3>'] }),
    );
  if (answer !== undefined)
    l.add('final', answer, B, A, reply(inv, '486 Busy Here', { tag: 'b1' })).add(
      'ack',
      answer + 10,
      A,
      B,
      aliceInDialog('ACK', 1, 'z9hG4bKinv1'),
    );
  return l;
}

describe('invite-retransmit-timer-a (RFC 3261 §17.1.1.2)', () => {
  it('finds a retransmission 400 ms after the first send instead of 500', () => {
    const l = inviteSent([0, 400, 1400], 1410);
    expectOn(l, l.check(), 'invite-retransmit-timer-a', 'invite1');
  });
  it('finds a retransmission that never came', () => {
    const l = inviteSent([0, 500], undefined);
    expectOn(l, l.check({ endTime: 2000 }), 'invite-retransmit-timer-a', 'invite1');
  });
  it('accepts 0.5, 1.5, 3.5 s, and a different T1', () => {
    expectNone(inviteSent([0, 500, 1500, 3500], 3510).check(), 'invite-retransmit-timer-a');
    expectNone(
      inviteSent([0, 200, 600, 1400], 1410).check({ T1: 200 }),
      'invite-retransmit-timer-a',
    );
  });
  it('does not expect a retransmission the observation did not reach', () => {
    expectNone(
      inviteSent([0, 500], undefined).check({ endTime: 1400 }),
      'invite-retransmit-timer-a',
    );
  });
});

describe('invite-retransmit-timer-b (RFC 3261 §17.1.1.2)', () => {
  const all = [0, 500, 1500, 3500, 7500, 15500, 31500];
  it('finds an INVITE still sent after 64·T1', () => {
    const l = inviteSent([...all, 63500], undefined);
    expectOn(l, l.check(), 'invite-retransmit-timer-b', 'invite7');
  });
  it('accepts seven sends in 32 s', () => {
    expectNone(inviteSent(all, undefined).check({ endTime: 70_000 }), 'invite-retransmit-timer-b');
    expectNone(inviteSent(all, undefined).check({ endTime: 70_000 }), 'invite-retransmit-timer-a');
  });
});

describe('invite-retransmit-after-provisional (RFC 3261 §17.1.1.2)', () => {
  it('finds an INVITE sent again after a 180 arrived', () => {
    const l = inviteSent([0, 500], 2000, { deliverAll: true, provisionalAt: 100 });
    expectOn(l, l.check(), 'invite-retransmit-after-provisional', 'invite1');
  });
  it('accepts silence once the 180 came', () => {
    expectNone(
      inviteSent([0], 2000, { provisionalAt: 100 }).check(),
      'invite-retransmit-after-provisional',
    );
  });
});

describe('invite-retransmit-after-final (RFC 3261 §17.1.1.2)', () => {
  it('finds an INVITE sent again after the 486 arrived', () => {
    const l = inviteSent([0, 500], 100, { deliverAll: true });
    expectOn(l, l.check(), 'invite-retransmit-after-final', 'invite1');
  });
  it('accepts no retransmission after it', () => {
    expectNone(inviteSent([0], 100).check(), 'invite-retransmit-after-final');
  });
});

/** Alice sends the MESSAGE at these times (copies lost but the last); Bob answers 200 at `answer`. */
function messageSent(
  times: number[],
  answer?: number,
  opts: { provisionalAt?: number; deliverAll?: boolean } = {},
): Ladder {
  const base = messageExchange();
  const msg = base.text('message');
  const l = new Ladder();
  times.forEach((t, i) => {
    l.add(`message${i}`, t, A, B, msg);
    if (!opts.deliverAll && i < times.length - 1) l.set(`message${i}`, { delivered: false });
  });
  if (opts.provisionalAt !== undefined)
    l.add('trying', opts.provisionalAt, B, A, reply(msg, '100 Trying'));
  if (answer !== undefined) l.add('ok', answer, B, A, base.text('ok'));
  return l;
}

describe('non-invite-retransmit-timer-e (RFC 3261 §17.1.2.2)', () => {
  it('finds an interval that kept doubling past T2', () => {
    const l = messageSent([0, 500, 1500, 3500, 7500, 15500], 15510);
    expectOn(l, l.check(), 'non-invite-retransmit-timer-e', 'message5');
  });
  it('finds T1 doubling where T2 was due after a provisional response', () => {
    const l = messageSent([0, 500, 1500], 1510, { provisionalAt: 10, deliverAll: true });
    expectOn(l, l.check(), 'non-invite-retransmit-timer-e', 'message2');
  });
  it('finds a retransmission that never came', () => {
    const l = messageSent([0, 500], undefined);
    expectOn(l, l.check({ endTime: 3000 }), 'non-invite-retransmit-timer-e', 'message1');
  });
  it('accepts 0.5, 1.5, 3.5, 7.5, 11.5 s, and T2 after a provisional', () => {
    expectNone(
      messageSent([0, 500, 1500, 3500, 7500, 11500], 11510).check(),
      'non-invite-retransmit-timer-e',
    );
    expectNone(
      messageSent([0, 500, 4500, 8500], 8510, { provisionalAt: 10, deliverAll: true }).check(),
      'non-invite-retransmit-timer-e',
    );
  });
});

describe('non-invite-retransmit-timer-f (RFC 3261 §17.1.2.2)', () => {
  const all = [0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500];
  it('finds a request still sent after 64·T1', () => {
    const l = messageSent([...all, 35500], undefined);
    expectOn(l, l.check(), 'non-invite-retransmit-timer-f', 'message11');
  });
  it('accepts eleven sends in 32 s', () => {
    expectNone(
      messageSent(all, undefined).check({ endTime: 60_000 }),
      'non-invite-retransmit-timer-f',
    );
  });
});

describe('non-invite-retransmit-after-final (RFC 3261 §17.1.2.2)', () => {
  it('finds a MESSAGE sent again after its 200 arrived', () => {
    const l = messageSent([0, 500], 100, { deliverAll: true });
    expectOn(l, l.check(), 'non-invite-retransmit-after-final', 'message1');
  });
  it('accepts none after it', () => {
    expectNone(messageSent([0], 100).check(), 'non-invite-retransmit-after-final');
  });
});
