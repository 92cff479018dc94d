/**
 * The bridge in process, with a plain UDP socket as the real peer (no SIPp needed): the simulation runs
 * on the wall clock, a datagram from the socket reaches the bridged element as sent by the peer's real
 * address, and the element's answer leaves through the socket.
 */
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { RealTimeBridge } from '@/cli/bridge/real-time-bridge';
import { relocateElement } from '@/cli/bridge/relocate';
import { builtinScenario } from '@/sim/scenario';

function bound(): Promise<Socket> {
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    s.bind(0, '127.0.0.1', () => resolve(s));
  });
}

function nextMessage(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('message', (m) => resolve(m.toString('latin1'))));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

async function setup() {
  const socket = await bound();
  const listen = { address: '127.0.0.1', port: socket.address().port };
  const { scenario } = relocateElement(
    builtinScenario('registration-digest')!,
    'registrar',
    listen,
  );
  const ladder: string[] = [];
  const notes: string[] = [];
  const bridge = new RealTimeBridge({
    scenario,
    element: { name: 'registrar', ...listen },
    socket,
    ladder: (l) => ladder.push(l),
    note: (l) => notes.push(l),
  });
  const peer = await bound();
  cleanup.push(
    () => bridge.stop(),
    () => new Promise<void>((r) => peer.close(() => r())),
  );
  return { bridge, listen, peer, ladder, notes };
}

function options(peerPort: number, registrar: { address: string; port: number }): string {
  return [
    `OPTIONS sip:${registrar.address}:${registrar.port} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${peerPort};branch=z9hG4bKpeer1`,
    'Max-Forwards: 70',
    'From: <sip:peer@127.0.0.1>;tag=p1',
    'To: <sip:registrar@a.example.com>',
    'Call-ID: options-1@127.0.0.1',
    'CSeq: 1 OPTIONS',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

describe('RealTimeBridge', () => {
  it('runs the timeline on the wall clock: the simulated phone registers in about 60 ms', async () => {
    const { ladder } = await setup();
    expect(ladder).toEqual(['   0.000s  alice → registrar          REGISTER']);
    await sleep(250);
    expect(ladder.map((l) => l.slice(10).trim())).toEqual([
      'alice → registrar          REGISTER',
      'registrar → alice          401 Unauthorized',
      'alice → registrar          REGISTER',
      'registrar → alice          200 OK',
    ]);
    // Whole milliseconds of wall time, at least the links' latency apart.
    const times = ladder.map((l) => Number(l.slice(0, 9).trim().replace('s', '')));
    expect(times[3]! - times[0]!).toBeGreaterThanOrEqual(0.06);
  });

  it('a datagram from the socket reaches the bridged element as sent by its real address; the answer leaves through the socket', async () => {
    const { bridge, listen, peer, ladder } = await setup();
    const peerName = `127.0.0.1:${peer.address().port}`;
    const answer = nextMessage(peer);
    peer.send(options(peer.address().port, listen), listen.port, listen.address);
    const text = await answer;
    expect(text.split('\r\n')[0]).toBe('SIP/2.0 200 OK');
    expect(text).toContain(`Via: SIP/2.0/UDP ${peerName};branch=z9hG4bKpeer1`);
    expect(text).toContain('Allow: REGISTER, OPTIONS');
    const rows = ladder.filter((l) => l.includes(peerName));
    expect(rows.map((l) => l.slice(10).trim())).toEqual([
      `${peerName} → registrar OPTIONS`,
      `registrar → ${peerName} 200 OK`,
    ]);
    const trace = bridge.simulation.trace.filter((e) => e.datagram !== undefined);
    const received = trace.find((e) => e.type === 'receive' && e.method === 'OPTIONS');
    expect(received).toMatchObject({
      element: 'registrar',
      from: peerName,
      source: peerName,
      destination: `127.0.0.1:${listen.port}`,
    });
    const summary = await bridge.stop();
    expect(summary).toMatchObject({ received: 1, sent: 1, sendErrors: [], failure: undefined });
  });

  it('bytes that are not SIP are read by the element and stop nothing', async () => {
    const { listen, peer, ladder, bridge } = await setup();
    peer.send(Buffer.from([0, 1, 2, 3]), listen.port, listen.address);
    await sleep(100);
    const answer = nextMessage(peer);
    peer.send(options(peer.address().port, listen), listen.port, listen.address);
    expect((await answer).split('\r\n')[0]).toBe('SIP/2.0 200 OK');
    // The ladder's label for a datagram that is not a SIP message.
    expect(ladder.some((l) => / → registrar +\?$/.test(l))).toBe(true);
    expect(bridge.simulation.failure).toBeUndefined();
  });
});
