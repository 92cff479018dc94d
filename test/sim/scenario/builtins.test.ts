/**
 * Every built-in scenario, run to its end, gives the ladder below: the datagrams sent, in order, as
 * [sender, receiver, method or status], then the ones the network dropped. Each ladder names the figure
 * it can be held against — RFC 3665 (SIP basic call flows), RFC 3261 §4 Figure 1, RFC 3428 §4 — and
 * says where it differs and why. The key headers of the key messages are checked after the ladders.
 */
import { describe, expect, it } from 'vitest';
import {
  digestResponse,
  isStar,
  paramValue,
  parseSdp,
  viaBranch,
  type SipMessage,
  type SipRequest,
} from '../../../sim/codec';
import { Simulation, builtinNames } from '../../../sim/scenario';
import { applyChange } from '../../../sim/session';
import {
  builtin,
  drops,
  ladder,
  messageOf,
  run,
  runUntil,
  sends,
  sentRequest,
  sentResponse,
  type Arrow,
} from '../helpers/trace';

interface Flow {
  ladder: Arrow[];
  drops?: Arrow[];
}

const FLOWS: Record<string, Flow> = {
  // RFC 3665 §2.1 F3–F4 without the challenge (the two-message shape of §2.2–§2.4): REGISTER, 200 OK.
  registration: {
    ladder: [
      ['alice', 'registrar', 'REGISTER'],
      ['registrar', 'alice', 200],
    ],
  },

  // RFC 3665 §2.1 "Successful New Registration", F1–F4: REGISTER, 401 with a challenge, REGISTER with
  // credentials, 200 OK.
  'registration-digest': {
    ladder: [
      ['alice', 'registrar', 'REGISTER'],
      ['registrar', 'alice', 401],
      ['alice', 'registrar', 'REGISTER'],
      ['registrar', 'alice', 200],
    ],
  },

  // RFC 3261 §4 Figure 1 (the SIP trapezoid), F1–F14: each stateful proxy answers the INVITE with
  // 100 Trying (§16.2, §17.2.1); 180 and 200 retrace the Via path; with no Record-Route the ACK for
  // the 2xx (§13.2.2.4) and the BYE go straight to Bob's Contact. Two differences from the figure:
  // each proxy's 100 leaves at the same instant as the INVITE it forwards, and is traced first (the
  // figure draws it after); and here Alice hangs up, not Bob. RFC 3665 §3.2 is the same call with a
  // 407 first and record-routing proxies.
  'call-trapezoid': {
    ladder: [
      ['alice', 'proxy-a', 'INVITE'],
      ['proxy-a', 'alice', 100],
      ['proxy-a', 'proxy-b', 'INVITE'],
      ['proxy-b', 'proxy-a', 100],
      ['proxy-b', 'bob', 'INVITE'],
      ['bob', 'proxy-b', 180],
      ['proxy-b', 'proxy-a', 180],
      ['proxy-a', 'alice', 180],
      ['bob', 'proxy-b', 200],
      ['proxy-b', 'proxy-a', 200],
      ['proxy-a', 'alice', 200],
      ['alice', 'bob', 'ACK'],
      ['alice', 'bob', 'BYE'],
      ['bob', 'alice', 200],
    ],
  },

  // No RFC 3665 figure forks. RFC 3261 §16.6 (parallel forking), §16.7 step 5 (every provisional is
  // forwarded: one 180 per branch, each with its own To tag) and step 10 / §16.10 (after the 2xx the
  // proxy CANCELs the branch still ringing, which answers 200 to the CANCEL and 487 to the INVITE; the
  // proxy ACKs the 487 itself, §17.1.1.3, and never forwards it, §16.7 step 6).
  forking: {
    ladder: [
      ['alice', 'proxy', 'INVITE'],
      ['proxy', 'alice', 100],
      ['proxy', 'bob-desk', 'INVITE'],
      ['proxy', 'bob-mobile', 'INVITE'],
      ['bob-desk', 'proxy', 180],
      ['proxy', 'alice', 180],
      ['bob-mobile', 'proxy', 180],
      ['proxy', 'alice', 180],
      ['bob-desk', 'proxy', 200],
      ['proxy', 'alice', 200],
      ['proxy', 'bob-mobile', 'CANCEL'],
      ['alice', 'bob-desk', 'ACK'],
      ['bob-mobile', 'proxy', 200],
      ['bob-mobile', 'proxy', 487],
      ['proxy', 'bob-mobile', 'ACK'],
      ['alice', 'bob-desk', 'BYE'],
      ['bob-desk', 'alice', 200],
    ],
  },

  // RFC 3665 §3.6 F1–F3 (INVITE, 302, ACK to the redirect server, which a 3xx needs like any
  // non-2xx final, §17.1.1.3), then the call of §3.1 straight to the Contact of the 302 (§8.1.3.4).
  redirect: {
    ladder: [
      ['alice', 'redirect', 'INVITE'],
      ['redirect', 'alice', 302],
      ['alice', 'redirect', 'ACK'],
      ['alice', 'bob', 'INVITE'],
      ['bob', 'alice', 180],
      ['bob', 'alice', 200],
      ['alice', 'bob', 'ACK'],
      ['alice', 'bob', 'BYE'],
      ['bob', 'alice', 200],
    ],
  },

  // RFC 3665 §3.2 with one proxy and no 407: the proxy record-routes (§16.6 step 4), so the ACK and
  // the BYE pass through it (§12.2.1.1), and the 200 for the BYE comes back the same way.
  'bye-record-route': {
    ladder: [
      ['alice', 'proxy', 'INVITE'],
      ['proxy', 'alice', 100],
      ['proxy', 'bob', 'INVITE'],
      ['bob', 'proxy', 180],
      ['proxy', 'alice', 180],
      ['bob', 'proxy', 200],
      ['proxy', 'alice', 200],
      ['alice', 'proxy', 'ACK'],
      ['proxy', 'bob', 'ACK'],
      ['alice', 'proxy', 'BYE'],
      ['proxy', 'bob', 'BYE'],
      ['bob', 'proxy', 200],
      ['proxy', 'alice', 200],
    ],
  },

  // RFC 3261 §4 Figure 1 with one proxy: without Record-Route the ACK and BYE skip the proxy.
  'bye-no-record-route': {
    ladder: [
      ['alice', 'proxy', 'INVITE'],
      ['proxy', 'alice', 100],
      ['proxy', 'bob', 'INVITE'],
      ['bob', 'proxy', 180],
      ['proxy', 'alice', 180],
      ['bob', 'proxy', 200],
      ['proxy', 'alice', 200],
      ['alice', 'bob', 'ACK'],
      ['alice', 'bob', 'BYE'],
      ['bob', 'alice', 200],
    ],
  },

  // No RFC 3665 figure: RFC 6665 §4.1–§4.2 with the presence package (RFC 3856). SUBSCRIBE, 200, the
  // immediate NOTIFY of the current state (RFC 6665 §4.2.1.2) and its 200; then a NOTIFY on change.
  'subscribe-notify': {
    ladder: [
      ['alice', 'presence', 'SUBSCRIBE'],
      ['presence', 'alice', 200],
      ['presence', 'alice', 'NOTIFY'],
      ['alice', 'presence', 200],
      ['presence', 'alice', 'NOTIFY'],
      ['alice', 'presence', 200],
    ],
  },

  // RFC 3428 §4 (MESSAGE through a proxy): F1 MESSAGE, F2 MESSAGE, F3 200, F4 200. No 100 Trying for
  // a non-INVITE request (§16.2: a stateful proxy SHOULD NOT send one).
  message: {
    ladder: [
      ['alice', 'proxy', 'MESSAGE'],
      ['proxy', 'bob', 'MESSAGE'],
      ['bob', 'proxy', 200],
      ['proxy', 'alice', 200],
    ],
  },

  // RFC 3665 §3.2 F1–F5 with one proxy: INVITE, 407 (with no 100 Trying before it, as in F2), ACK,
  // INVITE with Proxy-Authorization, 100 Trying; then the call as in 'bye-no-record-route'.
  'invite-407': {
    ladder: [
      ['alice', 'proxy', 'INVITE'],
      ['proxy', 'alice', 407],
      ['alice', 'proxy', 'ACK'],
      ['alice', 'proxy', 'INVITE'],
      ['proxy', 'alice', 100],
      ['proxy', 'bob', 'INVITE'],
      ['bob', 'proxy', 180],
      ['proxy', 'alice', 180],
      ['bob', 'proxy', 200],
      ['proxy', 'alice', 200],
      ['alice', 'bob', 'ACK'],
      ['alice', 'bob', 'BYE'],
      ['bob', 'alice', 200],
    ],
  },

  // RFC 3665 §3.8 "Unsuccessful No Answer" with one proxy: the CANCEL is answered 200 hop by hop and
  // goes on hop by hop (§9.1, §16.10); Bob answers 487 to the INVITE, and each 487 is ACKed by the
  // hop that receives it (§17.1.1.3).
  cancel: {
    ladder: [
      ['alice', 'proxy', 'INVITE'],
      ['proxy', 'alice', 100],
      ['proxy', 'bob', 'INVITE'],
      ['bob', 'proxy', 180],
      ['proxy', 'alice', 180],
      ['alice', 'proxy', 'CANCEL'],
      ['proxy', 'alice', 200],
      ['proxy', 'bob', 'CANCEL'],
      ['bob', 'proxy', 200],
      ['bob', 'proxy', 487],
      ['proxy', 'bob', 'ACK'],
      ['proxy', 'alice', 487],
      ['alice', 'proxy', 'ACK'],
    ],
  },

  // RFC 3665 §3.9 "Unsuccessful Busy" with one proxy and no 407: 486 and its ACK hop by hop.
  busy: {
    ladder: [
      ['alice', 'proxy', 'INVITE'],
      ['proxy', 'alice', 100],
      ['proxy', 'bob', 'INVITE'],
      ['bob', 'proxy', 486],
      ['proxy', 'bob', 'ACK'],
      ['proxy', 'alice', 486],
      ['alice', 'proxy', 'ACK'],
    ],
  },

  // RFC 3665 §3.11 "Unsuccessful Temporarily Unavailable" with one proxy: Bob's phone rings, then
  // answers 480, which is ACKed hop by hop.
  'no-answer': {
    ladder: [
      ['alice', 'proxy', 'INVITE'],
      ['proxy', 'alice', 100],
      ['proxy', 'bob', 'INVITE'],
      ['bob', 'proxy', 180],
      ['proxy', 'alice', 180],
      ['bob', 'proxy', 480],
      ['proxy', 'bob', 'ACK'],
      ['proxy', 'alice', 480],
      ['alice', 'proxy', 'ACK'],
    ],
  },

  // No RFC 3665 figure loses a message. The first INVITE is dropped; Timer A resends it at T1
  // (§17.1.1.2) and the call proceeds as in 'bye-no-record-route'.
  'lost-invite': {
    ladder: [
      ['alice', 'proxy', 'INVITE'],
      ['alice', 'proxy', 'INVITE'],
      ['proxy', 'alice', 100],
      ['proxy', 'bob', 'INVITE'],
      ['bob', 'proxy', 180],
      ['proxy', 'alice', 180],
      ['bob', 'proxy', 200],
      ['proxy', 'alice', 200],
      ['alice', 'bob', 'ACK'],
      ['alice', 'bob', 'BYE'],
      ['bob', 'alice', 200],
    ],
    drops: [['alice', 'proxy', 'INVITE']],
  },

  // No RFC 3665 figure. The 100 Trying is lost, so Alice resends the INVITE at 500 ms; the stateful
  // proxy absorbs it and resends its latest provisional, the 180 (§17.2.1), instead of forwarding it.
  // The first 200 OK to Alice is lost; Bob's UA core resends the 2xx at T1 (§13.3.1.4) and the proxy
  // forwards that retransmission too (§16.7 step 5), which Alice ACKs.
  'stateless-vs-stateful': {
    ladder: [
      ['alice', 'proxy', 'INVITE'],
      ['proxy', 'alice', 100],
      ['proxy', 'bob', 'INVITE'],
      ['bob', 'proxy', 180],
      ['alice', 'proxy', 'INVITE'],
      ['proxy', 'alice', 180],
      ['proxy', 'alice', 180],
      ['bob', 'proxy', 200],
      ['proxy', 'alice', 200],
      ['bob', 'proxy', 200],
      ['proxy', 'alice', 200],
      ['alice', 'bob', 'ACK'],
      ['alice', 'bob', 'BYE'],
      ['bob', 'alice', 200],
    ],
    drops: [
      ['proxy', 'alice', 100],
      ['proxy', 'alice', 200],
    ],
  },
};

/**
 * Long scenarios, too long to read as one ladder: the ladder of the first registration (with its four
 * refreshes) and of the first call, then how many of each message the whole run sends.
 */
interface LongFlow {
  firstRegistration: Arrow[];
  firstCall: Arrow[];
  counts: Record<string, number>;
}

const registerThroughProxy = (phone: string): Arrow[] => [
  [phone, 'proxy', 'REGISTER'],
  ['proxy', 'registrar', 'REGISTER'],
  ['registrar', 'proxy', 200],
  ['proxy', phone, 200],
];

const LONG_FLOWS: Record<string, LongFlow> = {
  // Twelve phones register through the office proxy, which passes REGISTER to the registrar (a
  // request that traversed a proxy, §10.3), and refresh every 60 s (halfway through the granted
  // 120 s, §10.2.1). The calls are RFC 3665 §3.2 with one record-routing
  // proxy and no 407: ACK and BYE go through the proxy. Nothing is lost, nothing retransmitted.
  'busy-office': {
    firstRegistration: [1, 2, 3, 4, 5].flatMap(() => registerThroughProxy('phone1')),
    firstCall: [
      ['phone1', 'proxy', 'INVITE'],
      ['proxy', 'phone1', 100],
      ['proxy', 'phone2', 'INVITE'],
      ['phone2', 'proxy', 180],
      ['proxy', 'phone1', 180],
      ['phone2', 'proxy', 200],
      ['proxy', 'phone1', 200],
      ['phone1', 'proxy', 'ACK'],
      ['proxy', 'phone2', 'ACK'],
      ['phone1', 'proxy', 'BYE'],
      ['proxy', 'phone2', 'BYE'],
      ['phone2', 'proxy', 200],
      ['proxy', 'phone1', 200],
    ],
    // 12 phones × 5 registrations, each sent twice (phone → proxy → registrar) with two 200s; 84
    // calls, each INVITE, 180, ACK, BYE and their 200s sent twice, one 100 Trying per call.
    counts: { REGISTER: 120, INVITE: 168, 100: 84, 180: 168, ACK: 168, BYE: 168, 200: 456 },
  },
};

// One run of each built-in, shared by the tests below (a run is deterministic).
const RUNS = new Map(builtinNames().map((name) => [name, run(builtin(name)).trace]));

function trace(name: string) {
  const t = RUNS.get(name);
  if (!t) throw new Error(`no run of ${name}`);
  return t;
}

function branchOf(m: SipMessage): string | undefined {
  const v = m.topVia();
  return v ? viaBranch(v) : undefined;
}

function toTag(m: SipMessage): string | undefined {
  const to = m.to();
  return (to && paramValue(to.params, 'tag')) ?? undefined;
}

function fromTag(m: SipMessage): string | undefined {
  const from = m.from();
  return (from && paramValue(from.params, 'tag')) ?? undefined;
}

/** The Via stack as "host:port" from the top. */
function viaHosts(m: SipMessage): string[] {
  return m.vias().map((v) => `${v.host}:${v.port ?? 5060}`);
}

function headerValues(m: SipMessage, name: string): string[] {
  return m.headersOf(name).map((h) => h.value);
}

/** Checks a digest response as the server would (RFC 2617 §3.2.2.1), from the password. */
function digestVerifies(req: SipRequest, header: 'authorization' | 'proxy-authorization') {
  const creds = req.auth(header)[0];
  if (!creds) return false;
  const p = (k: string) => creds.params.get(k) ?? '';
  return (
    digestResponse({
      username: p('username'),
      realm: p('realm'),
      password: 'wonderland',
      method: req.method,
      uri: p('uri'),
      nonce: p('nonce'),
      qop: 'auth',
      nc: p('nc'),
      cnonce: p('cnonce'),
    }) === p('response')
  );
}

describe('built-in scenarios: the ladders', () => {
  it('covers every built-in scenario', () => {
    expect([...Object.keys(FLOWS), ...Object.keys(LONG_FLOWS)].sort()).toEqual(
      builtinNames().sort(),
    );
  });

  it.each(Object.keys(FLOWS))('%s', (name) => {
    const flow = FLOWS[name]!;
    expect(ladder(trace(name))).toEqual(flow.ladder);
    expect(drops(trace(name))).toEqual(flow.drops ?? []);
  });

  it.each(Object.keys(LONG_FLOWS))('%s (first registration, first call, counts)', (name) => {
    const flow = LONG_FLOWS[name]!;
    const t = trace(name);
    const all = sends(t);
    const callIdOf = (method: string) => all.find((e) => e.method === method)?.callId;
    expect(ladder(t.filter((e) => e.callId === callIdOf('REGISTER')))).toEqual(
      flow.firstRegistration,
    );
    expect(ladder(t.filter((e) => e.callId === callIdOf('INVITE')))).toEqual(flow.firstCall);
    const counts: Record<string, number> = {};
    for (const e of all) {
      const key = String(e.method ?? e.status);
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(counts).toEqual(flow.counts);
    expect(drops(t)).toEqual([]);
    expect(all.filter((e) => e.retransmission)).toEqual([]);
  });

  it('stateless-vs-stateful with a stateless proxy: the retransmitted INVITE reaches Bob (§16.11)', () => {
    const scenario = applyChange(builtin('stateless-vs-stateful'), {
      element: { name: 'proxy', settings: { kind: 'stateless-proxy' } },
    });
    const t = run(scenario).trace;
    // A stateless proxy sends no 100 Trying (§16.11), forwards every retransmission it receives, and
    // forwards Bob's retransmitted 180 and 200 like any response.
    expect(ladder(t)).toEqual([
      ['alice', 'proxy', 'INVITE'],
      ['proxy', 'bob', 'INVITE'],
      ['bob', 'proxy', 180],
      ['alice', 'proxy', 'INVITE'],
      ['proxy', 'alice', 180],
      ['proxy', 'bob', 'INVITE'],
      ['bob', 'proxy', 180],
      ['proxy', 'alice', 180],
      ['bob', 'proxy', 200],
      ['proxy', 'alice', 200],
      ['bob', 'proxy', 200],
      ['proxy', 'alice', 200],
      ['alice', 'bob', 'ACK'],
      ['alice', 'bob', 'BYE'],
      ['bob', 'alice', 200],
    ]);
    expect(drops(t)).toEqual([['proxy', 'alice', 200]]);
  });

  it.each(['cancel', 'busy'])(
    '%s with a stateless proxy: the ACK of the non-2xx reaches the INVITE transaction at Bob',
    (name) => {
      const scenario = applyChange(builtin(name), {
        element: { name: 'proxy', settings: { kind: 'stateless-proxy' } },
      });
      const t = run(scenario).trace;
      const status = name === 'cancel' ? 487 : 486;
      // §16.11: the branch is computed from the received branch, so the ACK (which has its INVITE's
      // branch, §17.1.1.3) gets the same branch downstream and Bob stops resending the final answer.
      const invite = sentRequest(t, 'proxy', 'bob', 'INVITE');
      const ack = sentRequest(t, 'proxy', 'bob', 'ACK');
      expect(branchOf(ack)).toBe(branchOf(invite));
      expect(ladder(t).filter(([from, , what]) => from === 'bob' && what === status)).toHaveLength(
        1,
      );
      if (name === 'cancel')
        expect(branchOf(sentRequest(t, 'proxy', 'bob', 'CANCEL'))).toBe(branchOf(invite));
    },
  );
});

describe('built-in scenarios: the key headers', () => {
  it('every final response carries a To tag, and no 100 Trying does (§8.2.6.2, §17.2.1)', () => {
    for (const name of builtinNames()) {
      for (const e of sends(trace(name))) {
        if (e.status === undefined) continue;
        const m = messageOf(e);
        if (e.status >= 200) expect(toTag(m), `${name}: ${e.status} #${e.datagram}`).toBeDefined();
        if (e.status === 100) expect(toTag(m), `${name}: 100 #${e.datagram}`).toBeUndefined();
      }
    }
  });

  it('every request a UA starts has Max-Forwards 70, and each proxy takes one off (§8.1.1.6, §16.6 step 3)', () => {
    const t = trace('call-trapezoid');
    expect(sentRequest(t, 'alice', 'proxy-a', 'INVITE').maxForwards()).toBe(70);
    expect(sentRequest(t, 'proxy-a', 'proxy-b', 'INVITE').maxForwards()).toBe(69);
    expect(sentRequest(t, 'proxy-b', 'bob', 'INVITE').maxForwards()).toBe(68);
  });

  it('each proxy adds its Via on the way out and removes it on the way back (§16.6 step 8, §16.7 step 3)', () => {
    const t = trace('call-trapezoid');
    const alice = '10.0.0.10:5060';
    const proxyA = '10.0.0.2:5060';
    const proxyB = '10.1.0.2:5060';
    expect(viaHosts(sentRequest(t, 'alice', 'proxy-a', 'INVITE'))).toEqual([alice]);
    expect(viaHosts(sentRequest(t, 'proxy-a', 'proxy-b', 'INVITE'))).toEqual([proxyA, alice]);
    expect(viaHosts(sentRequest(t, 'proxy-b', 'bob', 'INVITE'))).toEqual([proxyB, proxyA, alice]);
    for (const status of [180, 200]) {
      expect(viaHosts(sentResponse(t, 'bob', 'proxy-b', status))).toEqual([proxyB, proxyA, alice]);
      expect(viaHosts(sentResponse(t, 'proxy-b', 'proxy-a', status))).toEqual([proxyA, alice]);
      expect(viaHosts(sentResponse(t, 'proxy-a', 'alice', status))).toEqual([alice]);
    }
    // The branch Alice chose comes back to her unchanged.
    const invite = sentRequest(t, 'alice', 'proxy-a', 'INVITE');
    expect(branchOf(sentResponse(t, 'proxy-a', 'alice', 200))).toBe(branchOf(invite));
    // The outbound proxy's Route is consumed by proxy-a (§16.4).
    expect(headerValues(invite, 'route')).toEqual(['<sip:proxy.a.example.com;lr>']);
    expect(headerValues(sentRequest(t, 'proxy-a', 'proxy-b', 'INVITE'), 'route')).toEqual([]);
  });

  it('the INVITE carries the SDP offer and the 200 OK the answer (RFC 3264 §5, §6)', () => {
    const t = trace('call-trapezoid');
    const invite = sentRequest(t, 'alice', 'proxy-a', 'INVITE');
    const ok = sentResponse(t, 'bob', 'proxy-b', 200);
    expect(invite.headerValue('content-type')).toBe('application/sdp');
    expect(ok.headerValue('content-type')).toBe('application/sdp');
    const offer = parseSdp(invite.body);
    const answer = parseSdp(ok.body);
    expect(offer.connection?.ip).toBe('10.0.0.10');
    expect(answer.connection?.ip).toBe('10.1.0.20');
    expect(offer.media.map((m) => m.type)).toEqual(['audio']);
    expect(answer.media.map((m) => m.type)).toEqual(['audio']);
    expect(answer.media[0]!.port).toBeGreaterThan(0);
    // The answer picks from the offered payload types.
    const offered = String(offer.media[0]!.payloads).split(' ');
    for (const p of String(answer.media[0]!.payloads).split(' ')) expect(offered).toContain(p);
    // The ACK of a 2xx is a new transaction (new branch), same CSeq number as the INVITE (§13.2.2.4).
    const ack = sentRequest(t, 'alice', 'bob', 'ACK');
    expect(ack.cseq()).toEqual({ seq: invite.cseq()!.seq, method: 'ACK' });
    expect(branchOf(ack)).not.toBe(branchOf(invite));
    expect(ack.requestUri).toBe('sip:bob@10.1.0.20:5060');
  });

  it('bye-record-route: the proxy record-routes and the BYE carries the Route (§16.6 step 4, §12.2.1.1)', () => {
    const t = trace('bye-record-route');
    const rr = '<sip:10.1.0.2:5060;lr>';
    expect(headerValues(sentRequest(t, 'proxy', 'bob', 'INVITE'), 'record-route')).toEqual([rr]);
    // Bob copies Record-Route into the responses that make the dialog (§12.1.1).
    expect(headerValues(sentResponse(t, 'proxy', 'alice', 200), 'record-route')).toEqual([rr]);
    const bye = sentRequest(t, 'alice', 'proxy', 'BYE');
    expect(bye.requestUri).toBe('sip:bob@10.1.0.20:5060');
    expect(headerValues(bye, 'route')).toEqual([rr]);
    expect(headerValues(sentRequest(t, 'alice', 'proxy', 'ACK'), 'route')).toEqual([rr]);
    // The proxy removes the Route naming it and forwards to the Request-URI (§16.4, §16.6 step 6).
    const forwarded = sentRequest(t, 'proxy', 'bob', 'BYE');
    expect(headerValues(forwarded, 'route')).toEqual([]);
    expect(forwarded.requestUri).toBe(bye.requestUri);
    // Both ends keep the proxy in their route set.
    const routeSets = run(builtin('bye-record-route'))
      .snapshot()
      .elements.filter((e) => e.kind === 'user-agent')
      .map((e) => e.dialogs.map((d) => d.routeSet));
    expect(routeSets).toEqual([[[rr]], [[rr]]]);
  });

  it('bye-no-record-route: no Record-Route anywhere, no Route in the BYE', () => {
    const t = trace('bye-no-record-route');
    for (const e of sends(t)) expect(headerValues(messageOf(e), 'record-route')).toEqual([]);
    const bye = sentRequest(t, 'alice', 'bob', 'BYE');
    expect(headerValues(bye, 'route')).toEqual([]);
    expect(bye.requestUri).toBe('sip:bob@10.1.0.20:5060');
    expect(bye.cseq()).toEqual({ seq: 2, method: 'BYE' });
  });

  it("registration: the registrar's 200 lists the binding with its expiry (§10.3 step 8)", () => {
    const t = trace('registration');
    const register = sentRequest(t, 'alice', 'registrar', 'REGISTER');
    expect(register.requestUri).toBe('sip:a.example.com');
    expect(register.headerValue('to')).toBe('Alice <sip:alice@a.example.com>');
    expect(headerValues(register, 'contact')).toEqual(['<sip:alice@10.0.0.10:5060>']);
    expect(register.expires()).toBe(3600);
    const ok = sentResponse(t, 'registrar', 'alice', 200);
    expect(headerValues(ok, 'contact')).toEqual(['<sip:alice@10.0.0.10:5060>;expires=3600']);
  });

  it('registration-digest: 401 with a challenge, then credentials that verify (§22.2, RFC 2617)', () => {
    const t = trace('registration-digest');
    const first = sentRequest(t, 'alice', 'registrar', 'REGISTER', 0);
    const challenge = sentResponse(t, 'registrar', 'alice', 401).auth('www-authenticate')[0]!;
    expect(challenge.scheme).toBe('Digest');
    expect(challenge.params.get('realm')).toBe('a.example.com');
    expect(challenge.params.get('nonce')).toMatch(/^[a-z0-9]{24}$/);
    expect(first.auth('authorization')).toEqual([]);
    const second = sentRequest(t, 'alice', 'registrar', 'REGISTER', 1);
    const creds = second.auth('authorization')[0]!;
    expect(creds.params.get('nonce')).toBe(challenge.params.get('nonce'));
    expect(creds.params.get('uri')).toBe('sip:a.example.com');
    expect(digestVerifies(second, 'authorization')).toBe(true);
    // The retry is a new transaction with the same Call-ID, To and From, and CSeq one higher (§8.1.3.5).
    expect(second.callId()).toBe(first.callId());
    expect(fromTag(second)).toBe(fromTag(first));
    expect(second.cseq()!.seq).toBe(first.cseq()!.seq + 1);
    expect(branchOf(second)).not.toBe(branchOf(first));
    expect(headerValues(sentResponse(t, 'registrar', 'alice', 200), 'contact')).toEqual([
      '<sip:alice@10.0.0.10:5060>;expires=3600',
    ]);
  });

  it('invite-407: Proxy-Authenticate, then Proxy-Authorization that verifies (§22.3)', () => {
    const t = trace('invite-407');
    const first = sentRequest(t, 'alice', 'proxy', 'INVITE', 0);
    const challenge = sentResponse(t, 'proxy', 'alice', 407).auth('proxy-authenticate')[0]!;
    expect(challenge.params.get('realm')).toBe('b.example.com');
    const second = sentRequest(t, 'alice', 'proxy', 'INVITE', 1);
    expect(digestVerifies(second, 'proxy-authorization')).toBe(true);
    expect(second.callId()).toBe(first.callId());
    expect(fromTag(second)).toBe(fromTag(first));
    expect(second.cseq()).toEqual({ seq: 2, method: 'INVITE' });
    // The ACK of the 407 belongs to the first INVITE's transaction: its branch, the 407's To tag.
    const ack = sentRequest(t, 'alice', 'proxy', 'ACK');
    expect(branchOf(ack)).toBe(branchOf(first));
    expect(toTag(ack)).toBe(toTag(sentResponse(t, 'proxy', 'alice', 407)));
    expect(ack.cseq()).toEqual({ seq: 1, method: 'ACK' });
  });

  it("redirect: the 302 lists Bob's contact and Alice calls it with a new INVITE (§8.1.3.4)", () => {
    const t = trace('redirect');
    const first = sentRequest(t, 'alice', 'redirect', 'INVITE');
    const moved = sentResponse(t, 'redirect', 'alice', 302);
    const contacts = moved.contacts().filter((c) => !isStar(c));
    expect(headerValues(moved, 'contact')).toEqual(['<sip:bob@10.1.0.20>']);
    expect(contacts).toHaveLength(1);
    const ack = sentRequest(t, 'alice', 'redirect', 'ACK');
    expect(branchOf(ack)).toBe(branchOf(first));
    expect(ack.requestUri).toBe(first.requestUri);
    expect(toTag(ack)).toBe(toTag(moved));
    const second = sentRequest(t, 'alice', 'bob', 'INVITE');
    expect(second.requestUri).toBe('sip:bob@10.1.0.20');
    expect(second.callId()).toBe(first.callId());
    expect(second.cseq()).toEqual({ seq: 2, method: 'INVITE' });
    expect(second.headerValue('to')).toBe('<sip:bob@b.example.com>');
  });

  it('cancel: each CANCEL has its INVITE branch, Request-URI and CSeq number (§9.1), and each ACK of the 487 too (§17.1.1.3)', () => {
    const t = trace('cancel');
    for (const [from, to] of [
      ['alice', 'proxy'],
      ['proxy', 'bob'],
    ] as const) {
      const invite = sentRequest(t, from, to, 'INVITE');
      const cancel = sentRequest(t, from, to, 'CANCEL');
      const ack = sentRequest(t, from, to, 'ACK');
      expect(branchOf(cancel)).toBe(branchOf(invite));
      expect(cancel.requestUri).toBe(invite.requestUri);
      expect(cancel.callId()).toBe(invite.callId());
      expect(cancel.headerValue('to')).toBe(invite.headerValue('to'));
      expect(cancel.cseq()).toEqual({ seq: invite.cseq()!.seq, method: 'CANCEL' });
      expect(branchOf(ack)).toBe(branchOf(invite));
      expect(ack.requestUri).toBe(invite.requestUri);
      expect(toTag(ack)).toBe(toTag(sentResponse(t, to, from, 487)));
    }
    // §9.2: Bob's 200 for the CANCEL has the To tag of his response to the INVITE.
    expect(toTag(sentResponse(t, 'bob', 'proxy', 200))).toBe(
      toTag(sentResponse(t, 'bob', 'proxy', 487)),
    );
  });

  it('forking: one 180 per branch with its own tag; the CANCEL has the ringing branch (§16.7, §16.10)', () => {
    const t = trace('forking');
    const ringing = [
      sentResponse(t, 'proxy', 'alice', 180, 0),
      sentResponse(t, 'proxy', 'alice', 180, 1),
    ];
    const tags = ringing.map(toTag);
    expect(new Set(tags).size).toBe(2);
    expect(branchOf(sentRequest(t, 'proxy', 'bob-mobile', 'CANCEL'))).toBe(
      branchOf(sentRequest(t, 'proxy', 'bob-mobile', 'INVITE')),
    );
    const ok = sentResponse(t, 'proxy', 'alice', 200);
    expect(toTag(ok)).toBe(toTag(sentResponse(t, 'bob-desk', 'proxy', 180)));
    // At 5 s, Alice has the dialog of the answer, confirmed, and still the early one of the other
    // branch: it ends when her INVITE transaction does, 64·T1 after the first 2xx (§13.2.2.4, Timer M
    // of RFC 6026). At 8 s she hangs up.
    const sim = runUntil(new Simulation(builtin('forking')), 5000);
    const dialogs = () =>
      sim
        .snapshot()
        .elements.find((e) => e.name === 'alice')!
        .dialogs.map((d) => [d.remoteTag, d.state]);
    expect(dialogs()).toEqual([
      [tags[0], 'confirmed'],
      [tags[1], 'early'],
    ]);
    const firstOk = sim.trace.find(
      (e) => e.type === 'receive' && e.to === 'alice' && e.status === 200,
    )!;
    runUntil(sim, firstOk.time + 64 * 500 + 1);
    expect(dialogs()).toEqual([
      [tags[0], 'terminated'],
      [tags[1], 'terminated'],
    ]);
  });

  it('subscribe-notify: the NOTIFYs carry Event, Subscription-State and the PIDF state (RFC 6665, RFC 3863)', () => {
    const t = trace('subscribe-notify');
    const subscribe = sentRequest(t, 'alice', 'presence', 'SUBSCRIBE');
    expect(subscribe.event()?.type).toBe('presence');
    const ok = sentResponse(t, 'presence', 'alice', 200);
    const [first, second] = [0, 1].map((i) => sentRequest(t, 'presence', 'alice', 'NOTIFY', i));
    for (const n of [first!, second!]) {
      expect(n.event()?.type).toBe('presence');
      expect(n.headerValue('content-type')).toBe('application/pidf+xml');
      // The NOTIFY is inside the subscription's dialog: its tags are the SUBSCRIBE's, swapped.
      expect(fromTag(n)).toBe(toTag(ok));
      expect(toTag(n)).toBe(fromTag(subscribe));
      expect(n.callId()).toBe(subscribe.callId());
    }
    expect(first!.subscriptionState()?.state).toBe('active');
    expect(first!.body).toContain('<basic>closed</basic>');
    expect(second!.body).toContain('<basic>open</basic>');
    expect(second!.cseq()!.seq).toBe(first!.cseq()!.seq + 1);
  });

  it('message: the text travels in the body and no dialog is made (RFC 3428 §4)', () => {
    const t = trace('message');
    const m = sentRequest(t, 'proxy', 'bob', 'MESSAGE');
    expect(m.body).toBe('Hello Bob, are you free for a call?');
    expect(m.headerValue('content-type')).toBe('text/plain');
    const snapshot = run(builtin('message')).snapshot();
    for (const e of snapshot.elements) expect(e.dialogs).toEqual([]);
  });

  it('lost-invite: the retransmission is the same datagram, sent at T1 (§17.1.1.2)', () => {
    const invites = sends(trace('lost-invite')).filter(
      (e) => e.method === 'INVITE' && e.from === 'alice',
    );
    expect(invites.map((e) => [e.time, e.retransmission])).toEqual([
      [0, false],
      [500, true],
    ]);
    expect(invites[1]!.raw).toBe(invites[0]!.raw);
  });

  it('stateless-vs-stateful: the stateful proxy resends its 180 on the retransmitted INVITE (§17.2.1)', () => {
    const t = sends(trace('stateless-vs-stateful'));
    const proxy180s = t.filter((e) => e.from === 'proxy' && e.status === 180);
    expect(proxy180s.map((e) => [e.time, e.retransmission])).toEqual([
      [500, false],
      [520, true],
    ]);
    const bob200s = t.filter((e) => e.from === 'bob' && e.status === 200 && e.cseq === '1 INVITE');
    expect(bob200s.map((e) => [e.time, e.retransmission])).toEqual([
      [1760, false],
      [2260, true],
    ]);
  });
});
