import { describe, expect, it } from 'vitest';
import { checkMessages } from '@/sim/rules';
import { A, B, expectNone, expectOn } from '../helpers';
import { directCall } from '../flows';

describe('parseable (RFC 3261 §7)', () => {
  it('reports a message the codec cannot read, once, and checks the others', () => {
    const l = directCall().add('junk', 6000, A, B, 'HELLO THERE\r\n\r\n');
    const f = l.check();
    expectOn(l, f, 'parseable', 'junk');
    expect(f.find((x) => x.rule === 'parseable')!.text).toMatch(/cannot be read as SIP/);
  });
  it('finds nothing to report in readable messages', () => {
    expectNone(directCall().check(), 'parseable');
  });
  it('reports a malformed Via value as unreadable', () => {
    const l = directCall().edit(
      'bye',
      'Via: SIP/2.0/UDP 10.0.0.1:5060',
      'Via: SIP/2.0/UDP 10.0.0.1:5060:1',
    );
    expectOn(l, l.check(), 'parseable', 'bye');
  });
  it('uses the array position as the id of an input that has none', () => {
    const f = checkMessages([{ time: 0, source: A, destination: B, raw: 'x' } as never]);
    expect(f[0]!.message).toBe(0);
  });
});

describe('content-length-matches-body (RFC 3261 §20.14)', () => {
  it('finds bytes left after the body Content-Length announces', () => {
    const l = directCall().edit('ok', 'Content-Length: 5', 'Content-Length: 3');
    expectOn(l, l.check(), 'content-length-matches-body', 'ok');
  });
  it('accepts an exact Content-Length', () => {
    expectNone(directCall().check(), 'content-length-matches-body');
  });
});

describe('content-length-on-stream (RFC 3261 §20.14)', () => {
  it('finds a TCP message without Content-Length', () => {
    const l = directCall()
      .edit('bye', /Content-Length: 0\r\n/, '')
      .set('bye', { transport: 'TCP' });
    expectOn(l, l.check(), 'content-length-on-stream', 'bye');
  });
  it('accepts a UDP message without it, and a TCP message with it', () => {
    const l = directCall()
      .edit('bye', /Content-Length: 0\r\n/, '')
      .set('ack', { transport: 'TCP' });
    expectNone(l.check(), 'content-length-on-stream');
  });
});

describe('content-type-with-body (RFC 3261 §20.15)', () => {
  it('finds a body without Content-Type', () => {
    const l = directCall().edit('invite', 'Content-Type: application/sdp\r\n', '');
    expectOn(l, l.check(), 'content-type-with-body', 'invite');
  });
  it('accepts a body with Content-Type', () => {
    expectNone(directCall().check(), 'content-type-with-body');
  });
});
