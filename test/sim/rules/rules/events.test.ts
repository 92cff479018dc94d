/** SIP events (RFC 6665 §3.1.2, §3.2.1, §4.1.2.2, §4.1.2.3, §4.1.3, §4.2.1.2). */
import { describe, it } from 'vitest';
import { A, B, Ladder, expectNone, expectOn, reply, sip } from '../helpers';
import { notify, subscription } from '../flows';

describe('subscribe-event (RFC 6665 §3.1.2)', () => {
  it('finds a SUBSCRIBE without Event', () => {
    const l = subscription().edit('subscribe', 'Event: presence\r\n', '');
    expectOn(l, l.check(), 'subscribe-event', 'subscribe');
  });
  it('accepts one Event', () => {
    expectNone(subscription().check(), 'subscribe-event');
  });
});

describe('notify-event (RFC 6665 §3.2.1)', () => {
  it('finds a NOTIFY without Event', () => {
    const l = subscription().edit('notify', 'Event: presence\r\n', '');
    expectOn(l, l.check(), 'notify-event', 'notify');
  });
  it('accepts one Event', () => {
    expectNone(subscription().check(), 'notify-event');
  });
});

describe('notify-subscription-state (RFC 6665 §4.1.3)', () => {
  it('finds a NOTIFY without Subscription-State', () => {
    const l = subscription().edit('notify', /Subscription-State: [^\r]*\r\n/, '');
    expectOn(l, l.check(), 'notify-subscription-state', 'notify');
  });
  it('accepts it present', () => {
    expectNone(subscription().check(), 'notify-subscription-state');
  });
});

describe('subscribe-accepted-notify (RFC 6665 §4.2.1.2)', () => {
  it('finds an accepted SUBSCRIBE never followed by a NOTIFY', () => {
    const l = subscription().remove('notify', 'notifyOk');
    expectOn(l, l.check({ endTime: 60_000 }), 'subscribe-accepted-notify', 'ok');
  });
  it('accepts a NOTIFY at once', () => {
    expectNone(subscription().check({ endTime: 60_000 }), 'subscribe-accepted-notify');
  });
});

/** Alice's SUBSCRIBE in the dialog (`inDialog`) or outside it, with this Expires. */
function resubscribe(expires: number, inDialog: boolean): string {
  return sip(`
    SUBSCRIBE sip:pres@10.0.0.3 SIP/2.0
    Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKsub2
    Max-Forwards: 70
    From: <sip:alice@a.example.com>;tag=s1
    To: <sip:bob@b.example.com>${inDialog ? ';tag=n1' : ''}
    Call-ID: sub1@10.0.0.1
    CSeq: 2 SUBSCRIBE
    Event: presence
    Expires: ${expires}
    Contact: <sip:alice@10.0.0.1>
  `);
}

function unsubscribed(state: string): Ladder {
  const l = subscription();
  const unsub = resubscribe(0, true);
  const n = notify(2, 'z9hG4bKnot2', state);
  return l
    .add('unsubscribe', 5000, A, B, unsub)
    .add(
      'unsubscribeOk',
      5010,
      B,
      A,
      reply(unsub, '200 OK', { extra: ['Contact: <sip:pres@10.0.0.3>', 'Expires: 0'] }),
    )
    .add('lastNotify', 5010, B, A, n)
    .add('lastNotifyOk', 5020, A, B, reply(n, '200 OK'));
}

describe('unsubscribe-notify-terminated (RFC 6665 §4.1.2.3)', () => {
  it('finds an active NOTIFY after an unsubscribe', () => {
    const l = unsubscribed('active;expires=600');
    expectOn(l, l.check(), 'unsubscribe-notify-terminated', 'lastNotify');
  });
  it('accepts a terminated one', () => {
    expectNone(unsubscribed('terminated;reason=timeout').check(), 'unsubscribe-notify-terminated');
  });
});

describe('subscribe-refresh-in-dialog (RFC 6665 §4.1.2.2)', () => {
  const refreshed = (inDialog: boolean) => {
    const l = subscription();
    const sub = resubscribe(600, inDialog);
    const n = notify(2, 'z9hG4bKnot2', 'active;expires=600');
    return l
      .add('refresh', 5000, A, B, sub)
      .add(
        'refreshOk',
        5010,
        B,
        A,
        reply(sub, '200 OK', {
          tag: 'n1',
          extra: ['Contact: <sip:pres@10.0.0.3>', 'Expires: 600'],
        }),
      )
      .add('notify2', 5010, B, A, n)
      .add('notify2Ok', 5020, A, B, reply(n, '200 OK'));
  };
  it('finds a refresh sent outside the dialog', () => {
    const l = refreshed(false);
    expectOn(l, l.check(), 'subscribe-refresh-in-dialog', 'refresh');
  });
  it('accepts a refresh in the dialog', () => {
    expectNone(refreshed(true).check(), 'subscribe-refresh-in-dialog');
  });
});
