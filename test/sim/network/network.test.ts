/**
 * The simulated UDP network: each datagram is a send event, then (after the link's latency) a receive
 * event at the element listening on the destination address, whose codec reads the bytes; or a drop,
 * when nobody listens, a fault rule matches or the link loses it. The trace ties them together.
 */
import { describe, expect, it } from 'vitest';
import { Network, formatDestination } from '../../../sim/network';
import { FakeEndpoint, rawRequest } from '../helpers/fake-endpoint';

function net(latencyMs = 25, loss = 0) {
  const network = new Network({ seed: 1, defaultLatencyMs: 40 });
  const a = new FakeEndpoint(network, 'a', '10.0.0.1');
  const b = new FakeEndpoint(network, 'b', '10.0.0.2');
  const c = new FakeEndpoint(network, 'c', '10.0.0.3');
  network.setLink({ a: 'a', b: 'b', latencyMs, loss });
  return { network, a, b, c };
}

function drain(network: Network) {
  while (network.step() !== undefined) {
    /* run */
  }
}

const OPTIONS = rawRequest('OPTIONS sip:b@10.0.0.2 SIP/2.0');

describe('Network', () => {
  it('delivers after the link latency; send, receive and the parsed message share one datagram number', () => {
    const { network, a, b } = net();
    a.send({ address: '10.0.0.2' }, OPTIONS);
    drain(network);
    expect(b.received).toHaveLength(1);
    const got = b.received[0]!;
    expect(got.source).toEqual({ address: '10.0.0.1', port: 5060 });
    expect(got.message?.kind).toBe('request');
    expect(got.error).toBeUndefined();
    const [send, receive] = network.trace.events;
    expect(send).toMatchObject({
      type: 'send',
      time: 0,
      from: 'a',
      to: 'b',
      datagram: 1,
      method: 'OPTIONS',
    });
    expect(receive).toMatchObject({
      type: 'receive',
      time: 25,
      element: 'b',
      datagram: 1,
      causedBy: send!.id,
    });
    expect(got.traceId).toBe(receive!.id);
    expect(receive!.raw).toBe(OPTIONS);
    expect(network.datagramCount).toBe(1);
  });

  it('uses the default latency between elements with no link', () => {
    const { network, a, c } = net();
    a.send({ address: '10.0.0.3' }, OPTIONS);
    drain(network);
    expect(c.received).toHaveLength(1);
    expect(network.trace.events.find((e) => e.type === 'receive')?.time).toBe(40);
  });

  it('drops a datagram to an address where nobody listens', () => {
    const { network, a } = net();
    a.send({ address: '10.0.0.99', port: 5060 }, OPTIONS);
    drain(network);
    expect(network.trace.events.map((e) => e.type)).toEqual(['send', 'drop']);
    expect(network.trace.events[1]!.detail).toBe(
      'No host listens at 10.0.0.99:5060: the datagram is lost',
    );
  });

  it('a link with loss 1 loses everything, and says so', () => {
    const { network, a, b } = net(10, 1);
    a.send({ address: '10.0.0.2' }, OPTIONS);
    drain(network);
    expect(b.received).toEqual([]);
    expect(network.trace.events[1]).toMatchObject({
      type: 'drop',
      detail: 'OPTIONS is lost on the link a–b (loss 100%)',
    });
  });

  it('hands unreadable bytes to the receiver with the parse error, and traces why', () => {
    const { network, a, b } = net();
    a.send({ address: '10.0.0.2' }, 'not sip at all\r\n\r\n');
    drain(network);
    expect(b.received[0]!.message).toBeUndefined();
    expect(b.received[0]!.error?.name).toBe('SipParseError');
    expect(network.trace.events[0]!.detail).toBe(
      'a sends a datagram that is not a SIP message to b',
    );
    expect(network.trace.events[1]!.detail).toContain('bytes that are not a valid SIP message');
  });

  it('keeps each datagram its own event: two sends at once arrive in order', () => {
    const { network, a, b } = net();
    a.send({ address: '10.0.0.2' }, rawRequest('OPTIONS sip:b@10.0.0.2 SIP/2.0', { cseq: 1 }));
    a.send({ address: '10.0.0.2' }, rawRequest('OPTIONS sip:b@10.0.0.2 SIP/2.0', { cseq: 2 }));
    drain(network);
    expect(b.received.map((d) => d.message?.cseq()?.seq)).toEqual([1, 2]);
    expect(network.trace.events.map((e) => `${e.type}#${e.datagram}`)).toEqual([
      'send#1',
      'send#2',
      'receive#1',
      'receive#2',
    ]);
  });

  it('formats destinations, IPv6 in brackets', () => {
    expect(formatDestination({ address: '10.0.0.1', port: 5060 })).toBe('10.0.0.1:5060');
    expect(formatDestination({ address: '2001:db8::1', port: 5062 })).toBe('[2001:db8::1]:5062');
  });
});
