import { describe, it } from 'vitest';
import { A, B, expectNone, expectOn } from '../helpers';
import { aliceInDialog, cancelledCall, directCall, subscription } from '../flows';

describe('request-required-headers (RFC 3261 §8.1.1)', () => {
  it('finds a request without Max-Forwards', () => {
    const l = directCall().edit('bye', 'Max-Forwards: 70\r\n', '');
    expectOn(l, l.check(), 'request-required-headers', 'bye');
  });
  it('finds a request without Call-ID', () => {
    const l = directCall().edit('bye', /Call-ID: [^\r]*\r\n/, '');
    expectOn(l, l.check(), 'request-required-headers', 'bye');
  });
  it('accepts requests with all six', () => {
    expectNone(directCall().check(), 'request-required-headers');
  });
});

describe('via-branch-cookie (RFC 3261 §8.1.1.7)', () => {
  it('finds a branch without the magic cookie', () => {
    const l = directCall().edit('bye', 'branch=z9hG4bKbye1', 'branch=bye1');
    expectOn(l, l.check(), 'via-branch-cookie', 'bye');
  });
  it('finds a top Via without branch', () => {
    const l = directCall().edit('bye', ';branch=z9hG4bKbye1', '');
    expectOn(l, l.check(), 'via-branch-cookie', 'bye');
  });
  it('accepts magic-cookie branches', () => {
    expectNone(directCall().check(), 'via-branch-cookie');
  });
});

describe('from-tag (RFC 3261 §8.1.1.3)', () => {
  it('finds a request whose From has no tag', () => {
    const l = directCall().edit('invite', ';tag=a1', '');
    expectOn(l, l.check(), 'from-tag', 'invite');
  });
  it('accepts tagged From fields', () => {
    expectNone(directCall().check(), 'from-tag');
  });
});

describe('cseq-method (RFC 3261 §8.1.1.5)', () => {
  it('finds a CSeq method that is not the request method', () => {
    const l = directCall().edit('bye', 'CSeq: 2 BYE', 'CSeq: 2 INVITE');
    expectOn(l, l.check(), 'cseq-method', 'bye');
  });
  it('accepts matching methods', () => {
    expectNone(directCall().check(), 'cseq-method');
  });
});

describe('dialog-request-contact (RFC 3261 §8.1.1.8)', () => {
  it('finds an INVITE without Contact', () => {
    const l = directCall().edit('invite', 'Contact: <sip:alice@10.0.0.1>\r\n', '');
    expectOn(l, l.check(), 'dialog-request-contact', 'invite');
  });
  it('finds an INVITE with two Contacts', () => {
    const l = directCall().edit(
      'invite',
      'Contact: <sip:alice@10.0.0.1>',
      'Contact: <sip:alice@10.0.0.1>, <sip:alice@10.0.0.9>',
    );
    expectOn(l, l.check(), 'dialog-request-contact', 'invite');
  });
  it('finds a non-terminating NOTIFY without Contact', () => {
    const l = subscription().edit('notify', 'Contact: <sip:pres@10.0.0.3>\r\n', '');
    expectOn(l, l.check(), 'dialog-request-contact', 'notify');
  });
  it('accepts an INVITE and a NOTIFY with one SIP Contact', () => {
    expectNone(directCall().check(), 'dialog-request-contact');
    expectNone(subscription().check(), 'dialog-request-contact');
  });
});

describe('target-refresh-contact (RFC 3261 §12.2.1.1)', () => {
  const reinvite = (contact: boolean) =>
    directCall()
      .remove('bye', 'byeOk')
      .add(
        'reinvite',
        3000,
        A,
        B,
        aliceInDialog('INVITE', 2, 'z9hG4bKre1', contact ? ['Contact: <sip:alice@10.0.0.1>'] : []),
      );
  it('finds a re-INVITE without Contact', () => {
    const l = reinvite(false);
    expectOn(l, l.check(), 'target-refresh-contact', 'reinvite');
  });
  it('accepts a re-INVITE with Contact', () => {
    expectNone(reinvite(true).check(), 'target-refresh-contact');
  });
});

describe('bye-in-dialog (RFC 3261 §15)', () => {
  it('finds a BYE without a To tag', () => {
    const l = directCall().edit('bye', ';tag=b1', '');
    expectOn(l, l.check(), 'bye-in-dialog', 'bye');
  });
  it('accepts a BYE with both tags', () => {
    expectNone(directCall().check(), 'bye-in-dialog');
  });
});

describe('cancel-no-require (RFC 3261 §9.1)', () => {
  it('finds a CANCEL with Require', () => {
    const l = cancelledCall().edit('cancel', 'CSeq: 1 CANCEL', 'CSeq: 1 CANCEL\r\nRequire: 100rel');
    expectOn(l, l.check(), 'cancel-no-require', 'cancel');
  });
  it('accepts a CANCEL without it', () => {
    expectNone(cancelledCall().check(), 'cancel-no-require');
  });
});
