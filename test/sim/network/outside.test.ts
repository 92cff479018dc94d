/**
 * The network's hooks for hosts outside the simulation (the CLI's bridge to real SIP software): a
 * datagram to an address where no element listens goes to the outside handler instead of being lost,
 * outside nodes send under their real "address:port", and virtual time can be moved to the wall clock's
 * "now" before a datagram from outside enters.
 */
import { describe, expect, it } from 'vitest';
import { wireToBytes } from '../../../sim/codec';
import { ladderFromTrace, toLines } from '../../../sim/export';
import { Network, type OutsideDatagram, type Received } from '../../../sim/network';
import { FakeEndpoint, rawRequest } from '../helpers/fake-endpoint';

const OPTIONS = rawRequest('OPTIONS sip:b@10.0.0.2 SIP/2.0');
const REAL = { address: '192.0.2.7', port: 5080 };

function drain(network: Network) {
  while (network.step() !== undefined) {
    /* run */
  }
}

function setup() {
  const network = new Network({ seed: 1, defaultLatencyMs: 40 });
  const a = new FakeEndpoint(network, 'a', '10.0.0.1');
  const out: OutsideDatagram[] = [];
  network.setOutsideHandler((d) => out.push(d));
  return { network, a, out };
}

/** An element that answers every datagram with "pong" to where it came from. */
class Echo extends FakeEndpoint {
  override receive(datagram: Received): void {
    super.receive(datagram);
    this.network2.injectDatagram(this, datagram.source, 'pong');
  }
  constructor(readonly network2: Network) {
    super(network2, 'echo', '10.0.0.5');
  }
}

describe('outside delivery', () => {
  it('hands a datagram to an address where nobody listens to the handler: traced as a send to that address, no receive, no drop', () => {
    const { network, a, out } = setup();
    a.send(REAL, OPTIONS);
    drain(network);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      sender: 'a',
      source: { address: '10.0.0.1', port: 5060 },
      destination: REAL,
      datagram: 1,
      traceId: 0,
    });
    expect(out[0]!.bytes).toEqual(wireToBytes(OPTIONS));
    expect(network.trace.events.map((e) => e.type)).toEqual(['send']);
    expect(network.trace.events[0]).toMatchObject({
      type: 'send',
      from: 'a',
      to: '192.0.2.7:5080',
      source: '10.0.0.1:5060',
      destination: '192.0.2.7:5080',
      method: 'OPTIONS',
      detail: 'a sends OPTIONS to 192.0.2.7:5080 (outside the simulation)',
    });
  });

  it('gives the bytes at the time of the send, with no simulated latency', () => {
    const { network, a, out } = setup();
    const times: number[] = [];
    network.setOutsideHandler((d) => {
      out.push(d);
      times.push(network.queue.now());
    });
    network.queue.advanceTo(700);
    a.send(REAL, OPTIONS);
    drain(network);
    expect(times).toEqual([700]);
    expect(network.queue.now()).toBe(700);
  });

  it('without a handler (or after it is removed) the datagram is lost as before', () => {
    const { network, a, out } = setup();
    network.setOutsideHandler(undefined);
    a.send(REAL, OPTIONS);
    drain(network);
    expect(out).toEqual([]);
    expect(network.trace.events.map((e) => e.type)).toEqual(['send', 'drop']);
    expect(network.trace.events[0]!.to).toBeUndefined();
  });

  it('an element that listens is still delivered to, never the handler', () => {
    const { network, a, out } = setup();
    const b = new FakeEndpoint(network, 'b', '10.0.0.2');
    a.send({ address: '10.0.0.2' }, OPTIONS);
    drain(network);
    expect(out).toEqual([]);
    expect(b.received).toHaveLength(1);
  });

  it('fault rules apply, with the "address:port" as their `to`', () => {
    const network = new Network({
      seed: 1,
      faults: [{ to: '192.0.2.7:5080', method: 'OPTIONS', count: 1 }],
    });
    const a = new FakeEndpoint(network, 'a', '10.0.0.1');
    const out: OutsideDatagram[] = [];
    network.setOutsideHandler((d) => out.push(d));
    a.send(REAL, OPTIONS);
    a.send(REAL, rawRequest('OPTIONS sip:b@10.0.0.2 SIP/2.0', { branch: 'z9hG4bKsecond' }));
    drain(network);
    expect(out.map((d) => d.datagram)).toEqual([2]);
    expect(network.trace.events.map((e) => e.type)).toEqual(['send', 'drop', 'send']);
  });
});

describe('outside nodes', () => {
  it('send under their real address: the trace names them "address:port", and they arrive at once', () => {
    const { network } = setup();
    const b = new FakeEndpoint(network, 'b', '10.0.0.2');
    const phone = network.outsideNode(REAL);
    expect(phone.name).toBe('192.0.2.7:5080');
    expect(network.outsideNode({ ...REAL })).toBe(phone);
    network.queue.advanceTo(1234);
    network.injectDatagram(phone, { address: '10.0.0.2', port: 5060 }, OPTIONS);
    drain(network);
    expect(b.received).toHaveLength(1);
    expect(b.received[0]!.source).toEqual(REAL);
    const [send, receive] = network.trace.events;
    expect(send).toMatchObject({
      type: 'send',
      time: 1234,
      element: '192.0.2.7:5080',
      from: '192.0.2.7:5080',
      to: 'b',
      source: '192.0.2.7:5080',
      destination: '10.0.0.2:5060',
    });
    expect(receive).toMatchObject({
      type: 'receive',
      time: 1234,
      element: 'b',
      from: '192.0.2.7:5080',
      source: '192.0.2.7:5080',
    });
  });

  it('a link that names an outside node sets its latency', () => {
    const { network } = setup();
    const b = new FakeEndpoint(network, 'b', '10.0.0.2');
    network.setLink({ a: '192.0.2.7:5080', b: 'b', latencyMs: 15, loss: 0 });
    network.injectDatagram(network.outsideNode(REAL), { address: '10.0.0.2', port: 5060 }, OPTIONS);
    drain(network);
    expect(b.received).toHaveLength(1);
    expect(network.trace.events.find((e) => e.type === 'receive')?.time).toBe(15);
  });

  it('a round trip: the answer to an outside node goes to the handler, and the ladder has its lane', () => {
    const { network, out } = setup();
    const echo = new Echo(network);
    network.injectDatagram(
      network.outsideNode(REAL),
      { address: echo.address, port: 5060 },
      OPTIONS,
    );
    drain(network);
    expect(out).toHaveLength(1);
    expect(out[0]!.destination).toEqual(REAL);
    expect(new TextDecoder().decode(out[0]!.bytes)).toBe('pong');
    const ladder = ladderFromTrace(network.trace.events);
    expect(ladder.lanes.map((l) => l.label)).toEqual(['192.0.2.7:5080', 'echo']);
    expect(toLines(ladder)).toEqual([
      '   0.000s  192.0.2.7:5080 → echo      OPTIONS',
      '   0.000s  echo → 192.0.2.7:5080      ?',
    ]);
  });
});
