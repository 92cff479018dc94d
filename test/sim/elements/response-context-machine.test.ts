// The response context machine of a stateful proxy (RFC 3261 §16.7, §16.8, §16.10), driven alone with
// a fake proxy: which responses it forwards, when it sends the best one, when it cancels branches, and
// Timer C as its drawing shows it.
import { describe, expect, it } from 'vitest';
import { responseTo, type SipRequest, type SipResponse } from '../../../sim/codec';
import { machineGraphOf } from '../../../sim/elements';
import { BUILTIN_SCENARIOS, Simulation } from '../../../sim/scenario';
import type { ForwardTarget } from '../../../sim/elements/proxy-common';
import {
  contextRequest,
  type Branch,
  type ResponseContext,
} from '../../../sim/elements/response-context';
import {
  responseContextMachine,
  type ResponseContextEvent,
  type ResponseContextHost,
} from '../../../sim/elements/response-context-machine';
import {
  MachineRunner,
  type ClientTransaction,
  type MachineInstance,
  type MachineTimers,
  type ServerTransaction,
} from '../../../sim/transaction';
import { FakeClock, invite, request as parseRequest } from '../transaction/harness';

const TIMER_C = 181_000;
const GIVE_UP = 32_000;
const TRACE = { cause: () => undefined, nextId: () => 0, causeSince: () => undefined };

function message(): SipRequest {
  return parseRequest(`MESSAGE sip:bob@biloxi.com SIP/2.0
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKmsg1
To: Bob <sip:bob@biloxi.com>
From: Alice <sip:alice@atlanta.com>;tag=88sja8x
Max-Forwards: 70
Call-ID: msg-1
CSeq: 1 MESSAGE
Content-Length: 0

`);
}

/** A proxy that records what the machine asks of it, as short strings. */
function harness(opts: { method?: 'MESSAGE'; unroutable?: string[]; waiting?: string[][] } = {}) {
  const clock = new FakeClock();
  const log: string[] = [];
  const request: SipRequest = opts.method === 'MESSAGE' ? message() : invite();
  const ctx: ResponseContext = {
    id: 1,
    serverTx: {} as ServerTransaction,
    request,
    method: request.method,
    requestUri: request.requestUri,
    key: undefined,
    branches: [],
    waiting: (opts.waiting ?? []).map((g) => g.map((uri) => ({ requestUri: uri, q: 1 }))),
    sent2xx: false,
    finalSent: false,
    serverDone: false,
    cancelled: false,
  };
  let ended = false;
  const host: ResponseContextHost = {
    forward: (c, target) => {
      const b: Branch = {
        index: c.branches.length,
        target,
        request,
        method: request.method,
        tx: undefined,
        state: 'pending',
        cancel: 'none',
        final: undefined,
      };
      c.branches.push(b);
      log.push(`forward ${target.requestUri}`);
      if (opts.unroutable?.includes(target.requestUri)) {
        b.state = 'done';
        b.final = responseTo(request, 404, { toTag: 'x' });
      } else b.tx = { id: `tx${b.index}` } as ClientTransaction;
      return b;
    },
    forwardResponse: (_c, r) => void log.push(`upstream ${r.status}`),
    sendBest: (_c, best) => void log.push(`best ${best?.status ?? 'none'}`),
    sendCancel: (b) => void log.push(`CANCEL ${b.target.requestUri}`),
    abandon: (b) => void log.push(`abandon ${b.target.requestUri}`),
    madeUp: (c, status) => responseTo(contextRequest(c), status, { toTag: 'made-up' }),
    timer: (which, what, b) => void log.push(`${which} ${what} ${b.target.requestUri}`),
    note: () => {},
    checkEnded: () => {},
  };
  const machine = new MachineRunner<ResponseContextEvent>(
    responseContextMachine,
    clock,
    (timers: MachineTimers) => ({ ctx, host, timers, timerCMs: TIMER_C, giveUpMs: GIVE_UP }),
    () => (ended = true),
    { trace: TRACE },
  );
  const targets = (...uris: string[]): ForwardTarget[] =>
    uris.map((u) => ({ requestUri: u, q: 1 }));
  const res = (status: number): SipResponse => responseTo(request, status, { toTag: `t${status}` });
  const b = (i: number): Branch => ctx.branches[i]!;
  return {
    clock,
    log,
    ctx,
    machine,
    ended: () => ended,
    state: () => machine.view('c', responseContextMachine.id, 'c').state,
    view: () => machine.view('c', responseContextMachine.id, 'c'),
    forward: (...uris: string[]) => machine.send({ type: 'forward', targets: targets(...uris) }),
    provisional: (i: number, status = 180) =>
      machine.send({ type: 'provisional', branch: b(i), response: res(status) }),
    final: (i: number, status: number) =>
      machine.send(
        status < 300
          ? { type: '2xx', branch: b(i), response: res(status) }
          : { type: 'final', branch: b(i), response: res(status) },
      ),
  };
}

describe('response context machine (§16.7)', () => {
  it('forwards to every target with Timer C, and collects while branches are pending', () => {
    const h = harness();
    h.forward('sip:a@x', 'sip:b@x');
    expect(h.state()).toBe('Collecting');
    expect(h.log).toEqual([
      'forward sip:a@x',
      'C start sip:a@x',
      'forward sip:b@x',
      'C start sip:b@x',
    ]);
    const timers = h.view().timers;
    expect(timers.map((t) => [t.name, t.durationMs])).toEqual([
      ['C, branch 1', TIMER_C],
      ['C, branch 2', TIMER_C],
    ]);
  });

  it('forwards a 180 but not a 100, and resets Timer C only for the 180 (steps 2, 5)', () => {
    const h = harness();
    h.forward('sip:a@x');
    h.clock.advance(1000);
    h.provisional(0, 100);
    expect(h.log.slice(2)).toEqual([]);
    expect(h.ctx.branches[0]!.state).toBe('proceeding');
    h.provisional(0, 180);
    expect(h.log.slice(2)).toEqual(['C start sip:a@x', 'upstream 180']);
    expect(h.view().timers[0]!.startedAt).toBe(1000);
  });

  it('keeps a 486 while another branch is pending, then sends the best when all are final (step 6)', () => {
    const h = harness();
    h.forward('sip:a@x', 'sip:b@x');
    h.final(0, 486);
    expect(h.state()).toBe('Collecting');
    expect(h.log).not.toContain('best 486');
    h.final(1, 404);
    expect(h.state()).toBe('Completed');
    expect(h.log.filter((l) => l.startsWith('best'))).toEqual(['best 486']);
    // The last transition went through the check (a pseudo-state) to Completed.
    expect(h.view().last?.edges).toEqual(['Collecting|final|0', 'Checking||3']);
  });

  it('forwards a 2xx at once and cancels the other branches; a pending one when it gets its 100 (§9.1)', () => {
    const h = harness();
    h.forward('sip:a@x', 'sip:b@x', 'sip:c@x');
    h.provisional(0);
    h.final(2, 200);
    expect(h.state()).toBe('Accepted');
    expect(h.log.slice(-3)).toEqual(['upstream 200', 'CANCEL sip:a@x', 'giveUp start sip:a@x']);
    expect(h.log).not.toContain('CANCEL sip:b@x');
    expect(h.ctx.branches[1]!.cancel).toBe('wanted');
    h.provisional(1, 100);
    expect(h.log.at(-2)).toBe('CANCEL sip:b@x');
    // A later 2xx is forwarded at once too (step 5); the 487s of the others are kept, not sent.
    h.final(0, 200);
    expect(h.log.at(-1)).toBe('upstream 200');
    h.final(1, 487);
    expect(h.state()).toBe('Accepted');
    expect(h.log.some((l) => l.startsWith('best'))).toBe(false);
  });

  it('a 6xx ends the search: the others are cancelled (step 10)', () => {
    const h = harness();
    h.forward('sip:a@x', 'sip:b@x');
    h.provisional(1);
    h.final(0, 603);
    expect(h.log).toContain('CANCEL sip:b@x');
    h.final(1, 487);
    expect(h.log.at(-1)).toBe('best 603');
  });

  it('a CANCEL cancels every branch; the 487 is then sent as best (§16.10)', () => {
    const h = harness();
    h.forward('sip:a@x');
    h.provisional(0);
    h.machine.send({ type: 'CANCEL' });
    expect(h.state()).toBe('Cancelling');
    expect(h.log.at(-2)).toBe('CANCEL sip:a@x');
    expect(h.view().timers.map((t) => t.name)).toContain('64·T1 after CANCEL, branch 1');
    h.final(0, 487);
    expect(h.state()).toBe('Completed');
    expect(h.log.slice(-3)).toEqual(['C stop sip:a@x', 'giveUp stop sip:a@x', 'best 487']);
    expect(h.view().timers).toEqual([]);
  });

  it('Timer C cancels a branch with a 1xx, which is given up 64·T1 later with 408 (§16.8, §9.1)', () => {
    const h = harness();
    h.forward('sip:a@x');
    h.provisional(0);
    h.clock.advance(TIMER_C);
    expect(h.log.slice(-3)).toEqual(['C fire sip:a@x', 'CANCEL sip:a@x', 'giveUp start sip:a@x']);
    expect(h.state()).toBe('Collecting');
    h.clock.advance(GIVE_UP - 1);
    expect(h.state()).toBe('Collecting');
    h.clock.advance(1);
    expect(h.log.slice(-3)).toEqual(['giveUp fire sip:a@x', 'abandon sip:a@x', 'best 408']);
    expect(h.state()).toBe('Completed');
    expect(h.view().last?.event).toBe('timer.giveUp.*');
  });

  it('Timer C on a branch with no provisional response makes its 408 at once', () => {
    const h = harness();
    h.forward('sip:a@x', 'sip:b@x');
    h.final(1, 480);
    h.clock.advance(TIMER_C);
    // Of two 4xx the first branch's stays (step 6).
    expect(h.log.slice(-2)).toEqual(['C fire sip:a@x', 'best 408']);
    // Settled: it keeps no request and no response while its transactions end.
    expect(h.ctx.request).toBeNull();
    expect(h.ctx.branches.map((b) => [b.request, b.final])).toEqual([
      [null, undefined],
      [null, undefined],
    ]);
  });

  it('keeps the requests while a branch may still need a CANCEL or a made-up 408, then lets go (§16.7)', () => {
    const h = harness();
    h.forward('sip:a@x', 'sip:b@x');
    h.provisional(1);
    h.final(0, 200);
    expect(h.log.slice(-2)).toEqual(['CANCEL sip:b@x', 'giveUp start sip:b@x']);
    expect(h.ctx.request).not.toBeNull();
    expect(h.ctx.branches[1]!.request).not.toBeNull();
    h.clock.advance(GIVE_UP);
    expect(h.ctx.branches[1]!.final).toBeUndefined();
    expect(h.ctx.request).toBeNull();
    expect(h.ctx.branches.every((b) => b.request === null)).toBe(true);
    // Its drawing is labelled with the method and Request-URI it keeps.
    expect([h.ctx.method, h.ctx.requestUri]).toEqual(['INVITE', 'sip:bob@biloxi.com']);
  });

  it('a branch that times out (Timer B) gets 408; a second timeout changes nothing', () => {
    const h = harness();
    h.forward('sip:a@x', 'sip:b@x');
    h.machine.send({ type: 'timeout', branch: h.ctx.branches[0]! });
    expect(h.ctx.branches[0]!.final?.status).toBe(408);
    const before = h.view().last;
    h.machine.send({ type: 'timeout', branch: h.ctx.branches[0]! });
    expect(h.view().last).toEqual(before);
    h.final(1, 302);
    expect(h.log.at(-1)).toBe('best 302');
  });

  it('tries the next group of a sequential fork when the first is final (§16.6)', () => {
    const h = harness({ waiting: [['sip:c@x']] });
    h.forward('sip:a@x');
    h.final(0, 486);
    expect(h.state()).toBe('Collecting');
    expect(h.log.slice(-2)).toEqual(['forward sip:c@x', 'C start sip:c@x']);
    h.final(1, 200);
    expect(h.state()).toBe('Accepted');
  });

  it('skips a group whose targets have no next hop, and answers at once when none is left', () => {
    const h = harness({ unroutable: ['sip:a@x', 'sip:c@x'], waiting: [['sip:c@x']] });
    h.forward('sip:a@x');
    expect(h.log).toEqual(['forward sip:a@x', 'forward sip:c@x', 'best 404']);
    expect(h.state()).toBe('Completed');
  });

  it('waits for the other branches when one target has no next hop (its 404 is kept, step 6)', () => {
    const h = harness({ unroutable: ['sip:a@x'] });
    h.forward('sip:a@x', 'sip:b@x');
    expect(h.state()).toBe('Collecting');
    expect(h.log).toEqual(['forward sip:a@x', 'forward sip:b@x', 'C start sip:b@x']);
    h.final(1, 486);
    expect(h.log.at(-1)).toBe('best 404');
  });

  it('does not forward the next group after a CANCEL', () => {
    const h = harness({ waiting: [['sip:c@x']] });
    h.forward('sip:a@x');
    h.machine.send({ type: 'CANCEL' });
    h.final(0, 487);
    expect(h.log).not.toContain('forward sip:c@x');
    expect(h.log.at(-1)).toBe('best 487');
  });

  it('a non-INVITE request has no Timer C and no CANCEL', () => {
    const h = harness({ method: 'MESSAGE' });
    h.forward('sip:a@x', 'sip:b@x');
    h.final(0, 200);
    expect(h.log).toEqual(['forward sip:a@x', 'forward sip:b@x', 'upstream 200']);
  });

  it('terminates only when its server transaction and every branch have ended', () => {
    const h = harness();
    h.forward('sip:a@x');
    h.final(0, 486);
    h.machine.send({ type: 'ended' });
    expect(h.state()).toBe('Completed');
    h.ctx.serverDone = true;
    h.machine.send({ type: 'ended' });
    expect(h.state()).toBe('Completed');
    h.ctx.branches[0]!.tx = undefined;
    h.machine.send({ type: 'ended' });
    expect(h.state()).toBe('Terminated');
    expect(h.ended()).toBe(true);
  });

  it('is drawn from its definition, with the labels of the RFC steps', () => {
    const g = machineGraphOf(responseContextMachine.id)!;
    expect(g.states.filter((s) => !s.pseudo).map((s) => s.name)).toEqual([
      'Collecting',
      'Cancelling',
      'Accepted',
      'Completed',
      'Terminated',
    ]);
    const label = (source: string, event: string): string | undefined =>
      g.edges.find((e) => e.source === source && e.event === event)?.label;
    expect(label('Collecting', '2xx')).toBe(
      '2xx received / forwarded, CANCEL others (§16.7 steps 5, 10)',
    );
    expect(label('Collecting', 'timer.C.*')).toMatch(/^Timer C fires \/ CANCEL branch/);
    expect(g.edges.find((e) => e.source === 'Checking' && e.target === 'Completed')?.label).toBe(
      'all branches final / best response sent (§16.7 step 6)',
    );
  });
});

describe('a stateful proxy hosts one response context machine per request it forwards', () => {
  it('shows the context of a forked INVITE with Timer C running per branch, then its end', () => {
    const sim = new Simulation(structuredClone(BUILTIN_SCENARIOS.get('forking')!));
    const contexts = (): MachineInstance[] =>
      sim.elements
        .filter((e) => e.kind === 'stateful-proxy')
        .flatMap((e) => e.state().machines ?? [])
        .filter((m) => m.machine === responseContextMachine.id);
    let forked: MachineInstance | undefined;
    for (let r = sim.step(); r !== undefined; r = sim.step()) {
      forked ??= contexts().find((m) => m.state === 'Collecting' && m.timers.length > 1);
    }
    expect(forked?.timers.map((t) => [t.name, t.durationMs])).toEqual([
      ['C, branch 1', TIMER_C],
      ['C, branch 2', TIMER_C],
    ]);
    const ended = contexts().find((m) => m.id === forked!.id);
    expect(ended?.state).toBe('Terminated');
    expect(ended?.done).toBe(true);
  });
});
