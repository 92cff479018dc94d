import { describe, it } from 'vitest';
import { expectNone, expectOn } from '../helpers';
import { rejectedCall } from '../flows';

const cases: [rule: string, status: string, header: string][] = [
  ['status-405-allow', '405 Method Not Allowed', 'Allow: INVITE, ACK, BYE'],
  ['status-420-unsupported', '420 Bad Extension', 'Unsupported: foo'],
  ['status-415-accept', '415 Unsupported Media Type', 'Accept: application/sdp'],
  ['status-421-require', '421 Extension Required', 'Require: 100rel'],
  [
    'status-401-www-authenticate',
    '401 Unauthorized',
    'WWW-Authenticate: Digest realm="b", nonce="n", qop="auth"',
  ],
  [
    'status-407-proxy-authenticate',
    '407 Proxy Authentication Required',
    'Proxy-Authenticate: Digest realm="b", nonce="n", qop="auth"',
  ],
  ['status-423-min-expires', '423 Interval Too Brief', 'Min-Expires: 60'],
  ['redirect-contact', '302 Moved Temporarily', 'Contact: <sip:bob@10.0.0.9>'],
];

for (const [rule, status, header] of cases)
  describe(`${rule} (a ${status.split(' ')[0]} carries ${header.split(':')[0]})`, () => {
    it('finds the response without it', () => {
      const l = rejectedCall(status);
      expectOn(l, l.check(), rule, 'final');
    });
    it('accepts the response with it', () => {
      const l = rejectedCall(status).edit('final', 'CSeq: 1 INVITE', `CSeq: 1 INVITE\r\n${header}`);
      expectNone(l.check(), rule);
    });
  });

describe('digest-challenge-qop (RFC 3261 §22.4)', () => {
  it('finds a Digest challenge without qop', () => {
    const l = rejectedCall('401 Unauthorized').edit(
      'final',
      'CSeq: 1 INVITE',
      'CSeq: 1 INVITE\r\nWWW-Authenticate: Digest realm="b", nonce="n"',
    );
    expectOn(l, l.check(), 'digest-challenge-qop', 'final');
  });
  it('accepts a challenge with qop', () => {
    const l = rejectedCall('401 Unauthorized').edit(
      'final',
      'CSeq: 1 INVITE',
      'CSeq: 1 INVITE\r\nWWW-Authenticate: Digest realm="b", nonce="n", qop="auth"',
    );
    expectNone(l.check(), 'digest-challenge-qop');
  });
});
