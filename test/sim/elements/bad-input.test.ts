/**
 * Bad input, answered as the RFC says and never thrown: a host that is not a SIP element (Mallory,
 * 10.9.9.9) sends hand-written datagrams to Alice's phone and to the proxy of b.example.com, and the
 * test reads the answers and the trace. §8.2 for user agents, §16.3 for proxies, §18.1.2 / §18.2.1
 * for what cannot be read at all.
 */
import { describe, expect, it } from 'vitest';
import { checkMessage, type SipResponse } from '../../../sim/codec';
import { Simulation, type Scenario } from '../../../sim/scenario';
import { FakeEndpoint, rawRequest } from '../helpers/fake-endpoint';
import { oneProxy } from '../helpers/scenarios';
import { ladder, runUntil } from '../helpers/trace';

const ALICE = { address: '10.0.0.10' };
const PROXY = { address: '10.1.0.2' };

/** Sends each datagram from Mallory, runs the simulation, and returns what came back. */
function exchange(to: { address: string }, raws: string[], scenario: Scenario = oneProxy()) {
  const sim = new Simulation(scenario);
  const mallory = new FakeEndpoint(sim.network);
  for (const raw of raws) mallory.send(to, raw);
  expect(() => sim.run()).not.toThrow();
  return { sim, mallory, responses: mallory.responses() };
}

function only(responses: SipResponse[]): SipResponse {
  // A final non-2xx answer to an INVITE is resent until ACKed: the first one is the answer.
  expect(responses.length).toBeGreaterThan(0);
  return responses[0]!;
}

describe('a user agent answers bad requests (§8.2)', () => {
  it('a malformed header value: 400 with the parse error as the reason phrase (§8.2, §21.4.1)', () => {
    const raw = rawRequest('OPTIONS sip:alice@10.0.0.10 SIP/2.0', { extra: ['Expires: soon'] });
    const verdict = checkMessage(raw);
    const { sim, responses } = exchange(ALICE, [raw]);
    const res = only(responses);
    expect(res.status).toBe(400);
    expect(verdict.verdict === 'reject' && verdict.reason).toBe(res.reason);
    expect(res.reason).toContain('Bad Expires header');
    // The answer is built from the request: its Via, tags, Call-ID and CSeq, with a To tag of its own.
    expect(res.cseq()).toEqual({ seq: 1, method: 'OPTIONS' });
    expect(res.to()?.params.some((p) => p.name === 'tag')).toBe(true);
    expect(
      sim.trace.some((e) => e.type === 'note' && e.detail.includes('rejects the OPTIONS')),
    ).toBe(true);
  });

  it('an unknown URI scheme in the Request-URI: 416 (§8.2.2.1)', () => {
    const res = only(
      exchange(ALICE, [rawRequest('OPTIONS im:alice@a.example.com SIP/2.0')]).responses,
    );
    expect([res.status, res.reason]).toEqual([416, 'Unsupported URI Scheme']);
  });

  it('Require of an unknown extension: 420 listing it in Unsupported (§8.2.2.3)', () => {
    const res = only(
      exchange(ALICE, [
        rawRequest('OPTIONS sip:alice@10.0.0.10 SIP/2.0', { extra: ['Require: foo, bar'] }),
      ]).responses,
    );
    expect(res.status).toBe(420);
    expect(res.tokens('unsupported')).toEqual(['foo', 'bar']);
  });

  it('an unknown method: 501 (§8.2.1)', () => {
    const res = only(exchange(ALICE, [rawRequest('FOO sip:alice@10.0.0.10 SIP/2.0')]).responses);
    expect(res.status).toBe(501);
  });

  it('a method it knows but does not take (REGISTER): 405 with Allow (§8.2.1, §21.4.6)', () => {
    const res = only(
      exchange(ALICE, [
        rawRequest('REGISTER sip:10.0.0.10 SIP/2.0', { extra: ['Contact: <sip:m@10.9.9.9>'] }),
      ]).responses,
    );
    expect(res.status).toBe(405);
    expect(res.tokens('allow')).toEqual(
      expect.arrayContaining(['INVITE', 'ACK', 'CANCEL', 'BYE', 'OPTIONS']),
    );
    expect(res.tokens('allow')).not.toContain('REGISTER');
  });

  it('a BYE for no dialog: 481 (§15.1.2)', () => {
    const res = only(
      exchange(ALICE, [
        rawRequest('BYE sip:alice@10.0.0.10 SIP/2.0', { to: '<sip:alice@a.example.com>;tag=nope' }),
      ]).responses,
    );
    expect(res.status).toBe(481);
  });

  it('a CANCEL that matches no transaction: 481 (§9.2)', () => {
    const res = only(exchange(ALICE, [rawRequest('CANCEL sip:alice@10.0.0.10 SIP/2.0')]).responses);
    expect(res.status).toBe(481);
    expect(res.cseq()).toEqual({ seq: 1, method: 'CANCEL' });
  });

  it('an unsupported SIP version: 505 (§8.2.2... §21.5.21)', () => {
    const res = only(
      exchange(ALICE, [rawRequest('OPTIONS sip:alice@10.0.0.10 SIP/3.0')]).responses,
    );
    expect(res.status).toBe(505);
  });

  it('a bad ACK is discarded, never answered (§17.2.1: an ACK gets no response)', () => {
    const { sim, responses } = exchange(ALICE, [
      rawRequest('ACK sip:alice@10.0.0.10 SIP/2.0', { extra: ['Require: foo', 'Expires: soon'] }),
    ]);
    expect(responses).toEqual([]);
    expect(sim.trace.filter((e) => e.type === 'discard' && e.element === 'alice')).toHaveLength(1);
  });
});

describe('what cannot be read is discarded and explained (§18)', () => {
  it('bytes that are not a SIP message: a "discard" in the trace, no answer, no crash', () => {
    const { sim, responses } = exchange(ALICE, ['garbage\r\n\r\n', '\x00\x01\x02\xff']);
    expect(responses).toEqual([]);
    const discards = sim.trace.filter((e) => e.type === 'discard' && e.element === 'alice');
    expect(discards).toHaveLength(2);
    expect(discards[0]!.detail).toContain('start line has no space-separated parts');
    expect(discards[0]!.detail).toContain('discarded');
    const receive = sim.trace.find((e) => e.type === 'receive' && e.element === 'alice')!;
    expect(receive.detail).toContain('not a valid SIP message');
    const alice = sim.snapshot().elements.find((e) => e.name === 'alice')!;
    expect(alice.problems).toHaveLength(2);
    expect(alice.problems[0]).toMatch(/^malformed datagram/);
  });

  it('a malformed response is discarded (§18.1.2), and so is one no transaction matches (§17.1.3)', () => {
    const response = (cseq: string) =>
      [
        'SIP/2.0 200 OK',
        'Via: SIP/2.0/UDP 10.0.0.10:5060;branch=z9hG4bKnotours',
        'From: <sip:alice@a.example.com>;tag=a1',
        'To: <sip:bob@b.example.com>;tag=b1',
        'Call-ID: stray@10.0.0.10',
        `CSeq: ${cseq}`,
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
    const { sim, responses } = exchange(ALICE, [response('one INVITE'), response('1 OPTIONS')]);
    expect(responses).toEqual([]);
    const discards = sim.trace.filter((e) => e.type === 'discard' && e.element === 'alice');
    expect(discards.map((e) => e.detail)).toEqual([
      expect.stringContaining('discards a malformed response'),
      expect.stringContaining('has no transaction for this 200 response'),
    ]);
    expect(ladder(sim.trace)).toEqual([
      ['mallory', 'alice', 200],
      ['mallory', 'alice', 200],
    ]);
  });
});

describe('a proxy checks what it forwards (§16.3)', () => {
  it.each(['stateful-proxy', 'stateless-proxy'] as const)(
    '%s: Max-Forwards 0 gets 483 Too Many Hops, and nothing is forwarded (§16.3 step 3)',
    (kind) => {
      const { sim, responses } = exchange(
        PROXY,
        [rawRequest('INVITE sip:bob@b.example.com SIP/2.0', { maxForwards: 0 })],
        oneProxy({ proxyKind: kind }),
      );
      // No 100 Trying either: the proxy answers at once (§17.2.1).
      expect(new Set(responses.map((r) => r.status))).toEqual(new Set([483]));
      expect(ladder(sim.trace).filter(([, to]) => to === 'bob')).toEqual([]);
    },
  );

  it('Max-Forwards 1 is forwarded with 0 (§16.6 step 3)', () => {
    const { sim } = exchange(PROXY, [
      rawRequest('OPTIONS sip:bob@b.example.com SIP/2.0', { maxForwards: 1 }),
    ]);
    const forwarded = sim.trace.find(
      (e) => e.type === 'send' && e.from === 'proxy' && e.to === 'bob',
    );
    expect(forwarded?.raw).toContain('Max-Forwards: 0\r\n');
  });

  it('a request that comes back to the stateful proxy unchanged gets 482 Loop Detected (§16.3 step 4)', () => {
    // c.example.com resolves to the proxy itself, which is not its domain: it forwards the INVITE to
    // the Request-URI, that is, to itself, and finds its own Via with the same loop hash.
    const scenario = oneProxy({
      dns: {
        a: [{ name: 'c.example.com', address: '10.1.0.2' }],
        srv: [{ domain: 'b.example.com', target: 'proxy.b.example.com', port: 5060 }],
      },
      timeline: [{ at: 0, actor: 'alice', action: 'invite', to: 'sip:carol@c.example.com' }],
    });
    const sim = new Simulation(scenario);
    sim.run();
    expect(ladder(sim.trace)).toEqual([
      ['alice', 'proxy', 'INVITE'],
      ['proxy', 'alice', 100],
      ['proxy', 'proxy', 'INVITE'],
      ['proxy', 'proxy', 482],
      ['proxy', 'proxy', 'ACK'],
      ['proxy', 'alice', 482],
      ['alice', 'proxy', 'ACK'],
    ]);
    expect(
      sim.snapshot().elements.find((e) => e.name === 'alice')?.activities?.[0]?.summary,
    ).toContain('482');
  });

  it("a request whose Via list already has the proxy's loop hash gets 482", () => {
    const sim = new Simulation(oneProxy());
    const mallory = new FakeEndpoint(sim.network);
    const original = { callId: 'loop@10.9.9.9', branch: 'z9hG4bKfirst' };
    // The proxy forwards the INVITE for sip:carol@10.9.9.9 to Mallory...
    mallory.send(PROXY, rawRequest('INVITE sip:carol@10.9.9.9 SIP/2.0', original));
    runUntil(sim, 100);
    const forwarded = mallory.messages().find((m) => m.kind === 'request')!;
    const vias = forwarded.headersOf('via').map((h) => h.value);
    expect(vias).toHaveLength(2);
    // ... which sends it back unchanged, as a misconfigured next hop would, with its Via on top.
    mallory.send(
      PROXY,
      rawRequest('INVITE sip:carol@10.9.9.9 SIP/2.0', {
        ...original,
        branch: 'z9hG4bKsecond',
        vias,
        maxForwards: 69,
      }),
    );
    sim.run();
    const answers = mallory
      .responses()
      .map((r) => [r.status, r.topVia()?.params.find((p) => p.name === 'branch')?.value]);
    expect(answers).toContainEqual([482, 'z9hG4bKsecond']);
    expect(answers).not.toContainEqual([482, 'z9hG4bKfirst']);
    expect(sim.trace.some((e) => e.element === 'proxy' && e.detail.includes('has looped'))).toBe(
      true,
    );
  });
});
