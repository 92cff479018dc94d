/** The callee after it accepts (RFC 3261 §13.3.1.4, §15, §15.1.2). */
import { describe, it } from 'vitest';
import { A, B, Ladder, expectNone, expectOn, reply } from '../helpers';
import { bobInDialog, directCall } from '../flows';

/** Bob resends his 200 at `copies`; the ACK reaches him at `ackAt` (undefined: every ACK lost). */
function accepted(copies: number[], ackAt?: number): Ladder {
  const l = directCall().remove('bye', 'byeOk');
  copies.forEach((t, i) =>
    l.add(`ok${i + 1}`, t, B, A, l.text('ok')).set(`ok${i + 1}`, { delivered: false }),
  );
  l.set('ok', { delivered: false });
  if (ackAt === undefined) l.set('ack', { delivered: false });
  else l.set('ack', { time: ackAt - 10 });
  return l;
}

describe('uas-2xx-retransmit (RFC 3261 §13.3.1.4)', () => {
  it('finds a 2xx retransmitted 1100 ms after the previous copy instead of 1000', () => {
    const l = accepted([1500, 2600]);
    expectOn(l, l.check({ endTime: 2700 }), 'uas-2xx-retransmit', 'ok2');
  });
  it('finds a retransmission that never came', () => {
    const l = accepted([1500]);
    expectOn(l, l.check({ endTime: 3000 }), 'uas-2xx-retransmit', 'ok1');
  });
  it('accepts T1, 2·T1, 4·T1 until the ACK arrives', () => {
    expectNone(accepted([1500, 2500, 4500], 4600).check({ endTime: 60_000 }), 'uas-2xx-retransmit');
  });
});

describe('uas-2xx-retransmit-stops (RFC 3261 §13.3.1.4)', () => {
  it('finds a 2xx resent after its ACK arrived', () => {
    const l = accepted([1500], 1030);
    expectOn(l, l.check(), 'uas-2xx-retransmit-stops', 'ok1');
  });
  it('finds a 2xx still resent after 64·T1', () => {
    const all = [1500, 2500, 4500, 8500, 12500, 16500, 20500, 24500, 28500, 32500];
    const l = accepted([...all, 36500]);
    expectOn(l, l.check(), 'uas-2xx-retransmit-stops', 'ok11');
  });
  it('accepts no copy after the ACK', () => {
    expectNone(directCall().check(), 'uas-2xx-retransmit-stops');
  });
});

const bobBye = bobInDialog('BYE', 1, 'z9hG4bKbb1');

describe('callee-bye-after-ack (RFC 3261 §15)', () => {
  it('finds the callee hanging up before the ACK arrived', () => {
    const l = directCall()
      .remove('bye', 'byeOk')
      .set('ack', { delivered: false })
      .add('bobBye', 1200, B, A, bobBye);
    expectOn(l, l.check(), 'callee-bye-after-ack', 'bobBye');
  });
  it('accepts a BYE after the ACK', () => {
    const l = directCall()
      .remove('bye', 'byeOk')
      .add('bobBye', 2000, B, A, bobBye)
      .add('bobByeOk', 2020, A, B, reply(bobBye, '200 OK'));
    expectNone(l.check(), 'callee-bye-after-ack');
  });
});

describe('callee-no-bye-early (RFC 3261 §15)', () => {
  it('finds the callee sending BYE on an early dialog', () => {
    const l = directCall().remove('ok', 'ack', 'bye', 'byeOk').add('bobBye', 100, B, A, bobBye);
    expectOn(l, l.check(), 'callee-no-bye-early', 'bobBye');
  });
  it('accepts a BYE on the confirmed dialog', () => {
    const l = directCall().remove('bye', 'byeOk').add('bobBye', 2000, B, A, bobBye);
    expectNone(l.check(), 'callee-no-bye-early');
  });
});

describe('bye-existing-dialog-2xx (RFC 3261 §15.1.2)', () => {
  it('finds a 481 to a BYE of a live dialog', () => {
    const l = directCall().edit('byeOk', '200 OK', '481 Call/Transaction Does Not Exist');
    expectOn(l, l.check(), 'bye-existing-dialog-2xx', 'byeOk');
  });
  it('accepts a 200', () => {
    expectNone(directCall().check(), 'bye-existing-dialog-2xx');
  });
});
