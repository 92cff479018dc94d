/**
 * The semantic comparison on chosen cases: what may differ from the real element's message and still
 * be right (a host name for an address, another cnonce, another codec of the offer, the contacts in
 * another order, a binding's expiry off by the second that passed, another reason phrase or display
 * name), and what is wrong however it is written (no lr on a Record-Route, a codec nobody offered,
 * a new branch on the ACK of a 486, a proxy's own Via left on a response, a Content-Length that cuts
 * the body, a Require nobody asked for).
 */
import { describe, expect, it } from 'vitest';
import { digestResponse } from '@/sim/codec';
import { attempt, check, situation, solve, wireAsText, type CheckResult } from '@/sim/exercise';

function bad(r: CheckResult): [string, string][] {
  if (!r.parsed) return [['parse', r.error.message]];
  return r.findings.filter((f) => f.verdict !== 'right').map((f) => [f.part, f.verdict]);
}

function text(id: string, seed: number): string {
  return wireAsText(solve(id, seed));
}

const SEED = 21;

describe('what may be written differently', () => {
  it('a proxy may name itself by its host name in Via and Record-Route', () => {
    const s = situation('stateful-invite', SEED);
    const { address, port } = s.element;
    const host = attempt('stateful-invite', SEED).scenario.elements.find(
      (e) => e.name === 'proxy',
    )!.host!;
    const t = text('stateful-invite', SEED)
      .replace(
        `Record-Route: <sip:${address}:${port};lr>`,
        `Record-Route: <sip:${host}:${port};lr>`,
      )
      .replace(`Via: SIP/2.0/UDP ${address}:${port};`, `Via: SIP/2.0/UDP ${host}:${port};`);
    expect(t).toContain(host);
    expect(bad(check('stateful-invite', SEED, t))).toEqual([]);
  });

  it('a Record-Route without lr is wrong', () => {
    const t = text('stateful-invite', SEED).replace(/^(Record-Route: <[^>]*);lr>/m, '$1>');
    expect(bad(check('stateful-invite', SEED, t))).toEqual([
      ["Record-Route (this proxy's own)", 'wrong'],
    ]);
  });

  it('another cnonce, with the response computed for it, is right; the old response is not', () => {
    const t = text('register-digest', SEED);
    const auth = /^Authorization: (.*)$/m.exec(t)![1]!;
    const p = (k: string) => new RegExp(`${k}="?([^",]*)"?`).exec(auth)![1]!;
    const s = situation('register-digest', SEED);
    const response = digestResponse({
      username: p('username'),
      realm: p('realm'),
      password: s.challenge!.password,
      method: 'REGISTER',
      uri: p('uri'),
      nonce: p('nonce'),
      qop: 'auth',
      nc: '00000001',
      cnonce: 'mine1234',
    });
    const mine = t.replace(/cnonce="[^"]*"/, 'cnonce="mine1234"');
    expect(bad(check('register-digest', SEED, mine))).toEqual([
      ['Authorization response', 'wrong'],
    ]);
    expect(
      bad(
        check('register-digest', SEED, mine.replace(/response="[^"]*"/, `response="${response}"`)),
      ),
    ).toEqual([]);
  });

  it('an SDP answer with one codec of the offer and another port is right', () => {
    const t = text('uas-ok', SEED);
    const one = t
      .replace(/^m=audio \d+ RTP\/AVP 0 8$/m, 'm=audio 40000 RTP/AVP 8')
      .replace(/^a=rtpmap:0 PCMU\/8000\n/m, '');
    const body = one.slice(one.indexOf('\n\n') + 2).replace(/\n/g, '\r\n');
    const fixed = one.replace(/^Content-Length: \d+$/m, `Content-Length: ${body.length}`);
    expect(bad(check('uas-ok', SEED, fixed))).toEqual([]);
    // A codec nobody offered, and another address, are wrong.
    const other = fixed
      .replace('RTP/AVP 8', 'RTP/AVP 18')
      .replace(/^c=IN IP4 .*$/m, 'c=IN IP4 192.0.2.1');
    expect(bad(check('uas-ok', SEED, other))).toEqual([
      ['SDP connection address (c=)', 'wrong'],
      ['SDP media (m=)', 'wrong'],
    ]);
  });

  it('a registrar may list the bindings in any order; an expiry may be off by the second that passed', () => {
    const t = text('registrar-ok', SEED);
    const contacts = t.split('\n').filter((l) => l.startsWith('Contact:'));
    expect(contacts).toHaveLength(2);
    const swapped = t
      .replace(contacts[0]!, '\u0000')
      .replace(contacts[1]!, contacts[0]!)
      .replace('\u0000', contacts[1]!);
    expect(bad(check('registrar-ok', SEED, swapped))).toEqual([]);
    const plusOne = t.replace(/expires=(\d+)/, (_m, n: string) => `expires=${Number(n) + 1}`);
    expect(bad(check('registrar-ok', SEED, plusOne))).toEqual([]);
    const plusFive = t.replace(/expires=(\d+)/, (_m, n: string) => `expires=${Number(n) + 5}`);
    expect(bad(check('registrar-ok', SEED, plusFive))).toEqual([['Contact expires', 'wrong']]);
  });

  it('the reason phrase and display names are not judged', () => {
    const t = text('uas-ringing', SEED)
      .replace('180 Ringing', '180 Ça sonne')
      .replace(/^From: \w+ </m, 'From: "Someone Else" <');
    expect(bad(check('uas-ringing', SEED, t))).toEqual([]);
  });
});

describe('what is wrong however it is written', () => {
  it('the ACK of a 486 with a branch of its own', () => {
    const t = text('ack-486', SEED).replace(/branch=z9hG4bK\w+/, 'branch=z9hG4bKbrandnew1');
    expect(bad(check('ack-486', SEED, t))).toEqual([['Via branch', 'wrong']]);
  });

  it('a response passed on with the proxy’s own Via still on top', () => {
    const received = situation('proxy-response', SEED).received!.text;
    const own = received.split('\n').find((l) => l.startsWith('Via:'))!;
    const t = text('proxy-response', SEED).replace(/^Via:/m, `${own}\nVia:`);
    expect(bad(check('proxy-response', SEED, t))).toEqual([["Via (this proxy's own)", 'extra']]);
  });

  it('a Content-Length that cuts the body', () => {
    const t = text('uas-ok', SEED).replace(/^Content-Length: \d+$/m, 'Content-Length: 10');
    const found = bad(check('uas-ok', SEED, t));
    expect(found[0]).toEqual(['Content-Length', 'wrong']);
  });

  it('a Require nobody asked for', () => {
    const t = text('bye-route', SEED).replace(/^CSeq:/m, 'Require: 100rel\nCSeq:');
    expect(bad(check('bye-route', SEED, t))).toEqual([['Require', 'extra']]);
  });

  it('a request where a response belongs stops at the start line', () => {
    const r = check('uas-ringing', SEED, situation('uas-ringing', SEED).prefill);
    expect(bad(r)).toEqual([['Start line', 'wrong']]);
  });
});
