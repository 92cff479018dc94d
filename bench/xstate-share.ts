/**
 * The XState share of a transaction (RFC 3261 §17.1.1, issue 14): what one INVITE client transaction
 * costs — created, given a 180 and a 200, its timers started, cancelled and Timer M fired — against a
 * minimal XState machine with two transitions, both run the way elements run them (MachineRunner on
 * the simulation clock, no actor system), in the same process and the same timed rounds.
 *
 * The ratio says how much of a transaction's cost is ours (its actions, guards and bookkeeping) and how
 * much any XState machine pays: a ratio near 1 would mean the runtime itself is the floor.
 */
import { isRequest, isResponse, parseMessage, responseTo } from '../sim/codec';
import type { SipRequest, SipResponse } from '../sim/codec';
import { EventQueue } from '../sim/network';
import { DEFAULT_TIMERS, inviteClientTransaction, type TransactionEnv } from '../sim/transaction';
import { MachineRunner } from '../sim/transaction/machine-runner';
import { setup, raise, type AnyStateMachine, type EventObject } from 'xstate';

/** Two transitions and a final state: the least a machine run through MachineRunner can do. */
const minimal = setup({ types: { events: {} as { type: 'next' } } }).createMachine({
  id: 'minimal',
  initial: 'a',
  states: { a: { on: { next: 'b' } }, b: { on: { next: 'c' } }, c: { type: 'final' } },
});

/** The same two transitions, the second one by a delayed event on the clock (one timer, as XState does). */
const minimalDelayed = setup({
  types: { events: {} as { type: 'next' } | { type: 'timer' } },
  actions: { startTimer: raise({ type: 'timer' }, { id: 't', delay: 100 }) },
}).createMachine({
  id: 'minimal with a delay',
  initial: 'a',
  states: {
    a: { on: { next: 'b' } },
    b: { entry: 'startTimer', on: { timer: 'c' } },
    c: { type: 'final' },
  },
});

function invite(): SipRequest {
  const m = parseMessage(
    [
      'INVITE sip:bob@biloxi.com SIP/2.0',
      'Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKkjshdyff',
      'To: Bob <sip:bob@biloxi.com>',
      'From: Alice <sip:alice@atlanta.com>;tag=88sja8x',
      'Max-Forwards: 70',
      'Call-ID: 987asjd97y7atg',
      'CSeq: 986759 INVITE',
      'Contact: <sip:alice@pc33.atlanta.com>',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n'),
  );
  if (!isRequest(m)) throw new Error('the benchmark INVITE did not parse as a request');
  return m;
}

interface Case {
  label: string;
  /** Runs `n` transactions (or minimal machines) to their final state; returns a count to consume. */
  run(n: number): number;
}

function runToEnd(queue: EventQueue): void {
  while (queue.runNext() !== undefined) {
    /* every timer due runs; the runners stop their own when done */
  }
}

function transactionCase(): Case {
  const queue = new EventQueue();
  const request = invite();
  const ringing: SipResponse = responseTo(request, 180, { toTag: '99sa0xk' });
  const ok: SipResponse = responseTo(request, 200, { toTag: '99sa0xk' });
  if (!isResponse(ringing) || !isResponse(ok)) throw new Error('responseTo gave no response');
  let sent = 0;
  let passed = 0;
  // No `record`: no trace is kept, as in the load runs of bench:sim.
  const env: TransactionEnv = {
    clock: queue,
    timers: DEFAULT_TIMERS,
    reliable: false,
    send: () => void sent++,
  };
  const tu = { passResponse: () => void passed++, timeout: () => {}, transportError: () => {} };
  const destination = { address: '192.0.2.10', port: 5060 };
  return {
    label: 'INVITE client transaction (create, 180, 200, Timer M)',
    run(n) {
      let done = 0;
      for (let i = 0; i < n; i++) {
        const input = { id: 'ict', env, request, destination, tu };
        const runner = new MachineRunner<EventObject>(
          inviteClientTransaction,
          queue,
          input,
          () => void done++,
        );
        runner.send({ type: 'response', response: ringing } as EventObject);
        runner.send({ type: 'response', response: ok } as EventObject);
        runToEnd(queue);
      }
      if (done !== n) throw new Error(`${n - done} transactions did not reach Terminated`);
      return sent + passed;
    },
  };
}

function minimalCase(machine: AnyStateMachine, label: string, events: number): Case {
  const queue = new EventQueue();
  const next = { type: 'next' };
  return {
    label,
    run(n) {
      let done = 0;
      for (let i = 0; i < n; i++) {
        const runner = new MachineRunner<EventObject>(machine, queue, undefined, () => void done++);
        for (let e = 0; e < events; e++) runner.send(next);
        runToEnd(queue);
      }
      if (done !== n) throw new Error(`${label}: ${n - done} machines did not reach their end`);
      return done;
    },
  };
}

export interface ShareRow {
  label: string;
  /** Median over rounds, µs per transaction (or per minimal machine). */
  us: number;
}

export interface XStateShare {
  transaction: ShareRow;
  minimal: ShareRow;
  minimalDelayed: ShareRow;
  /** transaction ÷ minimal. */
  ratio: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Warm-up, then `rounds` interleaved rounds of `perRound` runs of each case (background load on a
 * shared machine hits all three alike); the median round per case.
 */
export function measureXStateShare(rounds = 15, perRound = 2000): XStateShare {
  const cases = [
    transactionCase(),
    minimalCase(minimal, 'minimal machine (two transitions)', 2),
    minimalCase(minimalDelayed, 'minimal machine (two transitions, one by a delayed event)', 1),
  ];
  let sink = 0;
  for (const c of cases) sink += c.run(perRound);
  const times: number[][] = cases.map(() => []);
  for (let r = 0; r < rounds; r++)
    for (let k = 0; k < cases.length; k++) {
      const i = (k + r) % cases.length;
      const t0 = performance.now();
      sink += cases[i]!.run(perRound);
      times[i]!.push(((performance.now() - t0) * 1000) / perRound);
    }
  if (sink === 0) throw new Error('nothing ran');
  const rows = cases.map((c, i) => ({ label: c.label, us: median(times[i]!) }));
  return {
    transaction: rows[0]!,
    minimal: rows[1]!,
    minimalDelayed: rows[2]!,
    ratio: rows[0]!.us / rows[1]!.us,
  };
}
