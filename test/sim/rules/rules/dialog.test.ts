/** Dialogs (RFC 3261 §12.1.1, §12.2.1.1, §8.1.2). */
import { describe, it } from 'vitest';
import { B, expectNone, expectOn } from '../helpers';
import { directCall, proxyCall } from '../flows';

describe('in-dialog-identifiers (RFC 3261 §12.2.1.1)', () => {
  it("finds a BYE with another From URI than the dialog's", () => {
    const l = directCall().edit(
      'bye',
      'From: Alice <sip:alice@a.example.com>',
      'From: Alice <sip:alice@elsewhere.example.com>',
    );
    expectOn(l, l.check(), 'in-dialog-identifiers', 'bye');
  });
  it('finds a BYE whose tags are swapped', () => {
    const l = directCall()
      .edit('bye', 'tag=a1', 'tag=TMP')
      .edit('bye', 'tag=b1', 'tag=a1')
      .edit('bye', 'tag=TMP', 'tag=b1');
    expectOn(l, l.check(), 'in-dialog-identifiers', 'bye');
  });
  it("accepts the dialog's URIs and tags", () => {
    expectNone(directCall().check(), 'in-dialog-identifiers');
  });
});

describe('in-dialog-cseq (RFC 3261 §12.2.1.1)', () => {
  it('finds a BYE that skips a CSeq number', () => {
    const l = directCall()
      .edit('bye', 'CSeq: 2 BYE', 'CSeq: 3 BYE')
      .edit('byeOk', 'CSeq: 2 BYE', 'CSeq: 3 BYE');
    expectOn(l, l.check(), 'in-dialog-cseq', 'bye');
  });
  it("accepts the INVITE's number plus one", () => {
    expectNone(directCall().check(), 'in-dialog-cseq');
  });
});

describe('in-dialog-request-uri (RFC 3261 §12.2.1.1)', () => {
  it('finds a BYE addressed to the address-of-record instead of the remote target', () => {
    const l = directCall().edit('bye', 'BYE sip:bob@10.0.0.3', 'BYE sip:bob@b.example.com');
    expectOn(l, l.check(), 'in-dialog-request-uri', 'bye');
  });
  it('accepts the Contact of the 200 as Request-URI', () => {
    expectNone(directCall().check(), 'in-dialog-request-uri');
    expectNone(proxyCall(true).check(), 'in-dialog-request-uri');
  });
});

describe('in-dialog-route (RFC 3261 §12.2.1.1)', () => {
  it('finds a BYE without the route set', () => {
    const l = proxyCall(true).edit('bye', 'Route: <sip:10.0.0.2;lr>\r\n', '');
    expectOn(l, l.check(), 'in-dialog-route', 'bye');
  });
  it('finds a Route where the route set is empty', () => {
    const l = directCall().edit('bye', 'CSeq: 2 BYE', 'CSeq: 2 BYE\r\nRoute: <sip:10.0.0.2;lr>');
    expectOn(l, l.check(), 'in-dialog-route', 'bye');
  });
  it('accepts the route set as Route', () => {
    expectNone(proxyCall(true).check(), 'in-dialog-route');
  });
});

describe('request-sent-to-route (RFC 3261 §8.1.2)', () => {
  it('finds a BYE with a Route sent straight to the remote target', () => {
    const l = proxyCall(true).remove('bye2', 'byeOk2').set('bye', { to: B });
    expectOn(l, l.check(), 'request-sent-to-route', 'bye');
  });
  it('accepts requests sent to their first Route', () => {
    expectNone(proxyCall(true).check(), 'request-sent-to-route');
  });
});

describe('dialog-response-record-route (RFC 3261 §12.1.1)', () => {
  it('finds a 200 that drops the Record-Route of the INVITE', () => {
    const l = proxyCall(true).edit('ok2', 'Record-Route: <sip:10.0.0.2;lr>\r\n', '');
    expectOn(l, l.check(), 'dialog-response-record-route', 'ok2');
  });
  it('accepts a faithful copy', () => {
    expectNone(proxyCall(true).check(), 'dialog-response-record-route');
  });
});

describe('dialog-response-contact (RFC 3261 §12.1.1)', () => {
  it('finds a 200 to INVITE without Contact', () => {
    const l = directCall().edit('ok', 'Contact: <sip:bob@10.0.0.3>\r\n', '');
    expectOn(l, l.check(), 'dialog-response-contact', 'ok');
  });
  it('accepts a Contact', () => {
    expectNone(directCall().check(), 'dialog-response-contact');
  });
});
