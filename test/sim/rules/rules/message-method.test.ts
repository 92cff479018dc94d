import { describe, it } from 'vitest';
import { expectNone, expectOn } from '../helpers';
import { messageExchange } from '../flows';

describe('message-2xx-no-body (RFC 3428 §7)', () => {
  it('finds a 200 to MESSAGE with a body', () => {
    const l = messageExchange().edit(
      'ok',
      'Content-Length: 0\r\n\r\n',
      'Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nok',
    );
    expectOn(l, l.check(), 'message-2xx-no-body', 'ok');
  });
  it('accepts an empty 200', () => {
    expectNone(messageExchange().check(), 'message-2xx-no-body');
  });
});

describe('message-2xx-no-contact (RFC 3428 §7)', () => {
  it('finds a 200 to MESSAGE with a Contact', () => {
    const l = messageExchange().edit(
      'ok',
      'CSeq: 1 MESSAGE',
      'CSeq: 1 MESSAGE\r\nContact: <sip:bob@10.0.0.3>',
    );
    expectOn(l, l.check(), 'message-2xx-no-contact', 'ok');
  });
  it('accepts a 200 without', () => {
    expectNone(messageExchange().check(), 'message-2xx-no-contact');
  });
});
