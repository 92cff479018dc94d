/**
 * Scenarios with one proxy between Alice and Bob: Alice's phone finds the proxy of b.example.com by DNS
 * (SRV) and sends the request there; the proxy finds Bob's phone in its location service.
 */
import type { ScenarioInput } from '../schema';
import { alice, bob, bobRegistrar, dnsB, proxyB } from './common';

const links: ScenarioInput['links'] = [
  { a: 'alice', b: 'proxy', latencyMs: 20, loss: 0 },
  { a: 'proxy', b: 'bob', latencyMs: 20, loss: 0 },
  { a: 'proxy', b: 'registrar', latencyMs: 2, loss: 0 },
];

const call = (bye: 'alice' | 'bob' = 'alice', at = 6000): ScenarioInput['timeline'] => [
  { at: 0, actor: 'alice', action: 'invite', to: 'sip:bob@b.example.com' },
  { at, actor: bye, action: 'bye' },
];

export const byeRecordRoute: ScenarioInput = {
  name: 'bye-record-route',
  title: 'Hang-up with Record-Route: the BYE passes the proxy',
  description:
    'The proxy adds a Record-Route header to the INVITE, so both phones learn a route set that contains it. When Alice hangs up, her BYE carries a Route header and goes through the proxy to Bob (RFC 3261 §16.6 step 4, §12.2.1.1). Compare with bye-no-record-route.',
  seed: 4,
  elements: [alice(), proxyB({ recordRoute: true }), bob(), bobRegistrar()],
  links,
  dns: dnsB(),
  timeline: call(),
  endAt: 60000,
};

export const byeNoRecordRoute: ScenarioInput = {
  ...byeRecordRoute,
  name: 'bye-no-record-route',
  title: 'Hang-up without Record-Route: the BYE goes straight to Bob',
  description:
    'The same call as bye-record-route, but the proxy does not record-route. Once the call is set up, the phones talk to each other directly: the ACK and the BYE go to the Contact address Bob gave in his 200 OK, and the proxy never sees them.',
  seed: 4,
  elements: [alice(), proxyB({ recordRoute: false }), bob(), bobRegistrar()],
};

export const message: ScenarioInput = {
  name: 'message',
  title: 'An instant message (MESSAGE)',
  description:
    'Alice sends Bob a short text with a MESSAGE request (RFC 3428). The proxy forwards it like any request; Bob answers 200 OK. No dialog is created: each message stands alone.',
  seed: 5,
  elements: [alice(), proxyB(), bob(), bobRegistrar()],
  links,
  dns: dnsB(),
  timeline: [
    {
      at: 0,
      actor: 'alice',
      action: 'message',
      to: 'sip:bob@b.example.com',
      text: 'Hello Bob, are you free for a call?',
    },
  ],
  endAt: 40000,
};

export const invite407: ScenarioInput = {
  name: 'invite-407',
  title: 'A proxy that asks for credentials (407)',
  description:
    "The proxy of b.example.com only forwards calls from people who prove who they are. It answers Alice's first INVITE with 407 Proxy Authentication Required; her phone acknowledges it (ACK), computes a digest response from her password and sends the INVITE again with Proxy-Authorization, which the proxy accepts and forwards.",
  seed: 6,
  elements: [
    alice({ password: 'wonderland' }),
    proxyB({
      authenticate: true,
      realm: 'b.example.com',
      users: [{ username: 'alice', password: 'wonderland' }],
    }),
    bob(),
    bobRegistrar(),
  ],
  links,
  dns: dnsB(),
  timeline: call('alice', 6000),
  endAt: 60000,
};

export const cancel: ScenarioInput = {
  name: 'cancel',
  title: 'The caller gives up while it rings (CANCEL)',
  description:
    "Bob's phone rings; before anyone answers, Alice hangs up. Her phone sends CANCEL, which has the same branch as the INVITE and goes hop by hop (RFC 3261 §9). Each hop answers the CANCEL with 200 OK and the INVITE with 487 Request Terminated, which is acknowledged with ACK.",
  seed: 7,
  elements: [alice(), proxyB(), bob({ answer: { mode: 'manual' } }), bobRegistrar()],
  links,
  dns: dnsB(),
  timeline: [
    { at: 0, actor: 'alice', action: 'invite', to: 'sip:bob@b.example.com' },
    { at: 3000, actor: 'alice', action: 'cancel' },
  ],
  endAt: 60000,
};

export const busy: ScenarioInput = {
  name: 'busy',
  title: 'Busy (486)',
  description:
    "Bob's phone is busy: it answers the INVITE with 486 Busy Here. A final response other than 2xx is acknowledged hop by hop: the proxy sends the ACK to Bob's phone, and Alice's phone sends its own ACK to the proxy (RFC 3261 §17.1.1.3).",
  seed: 8,
  elements: [alice(), proxyB(), bob({ answer: { mode: 'busy', ringMs: 500 } }), bobRegistrar()],
  links,
  dns: dnsB(),
  timeline: [{ at: 0, actor: 'alice', action: 'invite', to: 'sip:bob@b.example.com' }],
  endAt: 60000,
};

export const noAnswer: ScenarioInput = {
  name: 'no-answer',
  title: 'No answer (480)',
  description:
    "Bob's phone rings for 20 seconds and nobody picks up; then it gives up and answers 480 Temporarily Unavailable, which travels back to Alice and is acknowledged hop by hop.",
  seed: 9,
  elements: [
    alice(),
    proxyB(),
    bob({ answer: { mode: 'no-answer', ringMs: 20000 } }),
    bobRegistrar(),
  ],
  links,
  dns: dnsB(),
  timeline: [{ at: 0, actor: 'alice', action: 'invite', to: 'sip:bob@b.example.com' }],
  endAt: 90000,
};

export const lostInvite: ScenarioInput = {
  name: 'lost-invite',
  title: 'A lost INVITE and Timer A',
  description:
    "The first INVITE from Alice's phone is lost on the way to the proxy. Her INVITE client transaction started Timer A (T1 = 500 ms) when it sent it; when Timer A fires with no response, it sends the INVITE again and doubles Timer A (RFC 3261 §17.1.1.2). The retransmission gets through and the call proceeds.",
  seed: 10,
  elements: [alice(), proxyB(), bob(), bobRegistrar()],
  links,
  dns: dnsB(),
  timeline: call('alice', 6000),
  faults: [
    { name: 'the first INVITE from Alice is lost', from: 'alice', method: 'INVITE', count: 1 },
  ],
  endAt: 60000,
};

export const statelessVsStateful: ScenarioInput = {
  name: 'stateless-vs-stateful',
  title: 'Stateless or stateful proxy: who absorbs retransmissions',
  description:
    "The 100 Trying and the first 200 OK to Alice are lost, and the proxy–Bob link is slow. Alice's phone retransmits the INVITE at 500 ms: a stateful proxy recognises it as a retransmission of a transaction it has and absorbs it (resending its last response), while a stateless proxy, which remembers nothing, forwards it to Bob again. Bob's phone retransmits the 200 OK until the ACK arrives (RFC 3261 §13.3.1.4); both kinds of proxy forward 2xx responses. Switch the proxy's kind and compare.",
  seed: 11,
  elements: [alice(), proxyB(), bob({ answer: { mode: 'answer', ringMs: 1500 } }), bobRegistrar()],
  links: [
    { a: 'alice', b: 'proxy', latencyMs: 20, loss: 0 },
    { a: 'proxy', b: 'bob', latencyMs: 240, loss: 0 },
    { a: 'proxy', b: 'registrar', latencyMs: 2, loss: 0 },
  ],
  dns: dnsB(),
  timeline: call('alice', 8000),
  faults: [
    {
      name: "the proxy's 100 Trying to Alice is lost",
      from: 'proxy',
      to: 'alice',
      status: 100,
      count: 1,
    },
    {
      name: 'the first 200 OK to Alice is lost',
      from: 'proxy',
      to: 'alice',
      status: 200,
      count: 1,
    },
  ],
  endAt: 60000,
};
