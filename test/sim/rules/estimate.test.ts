/** estimateT1: T1 read from the first retransmission gap (RFC 3261 §17.1.1.1, Timers A, E, G). */
import { describe, expect, it } from 'vitest';
import { estimateT1 } from '@/sim/rules';
import { Simulation, builtinScenario } from '@/sim/scenario';
import { A, B, Ladder } from './helpers';
import { directCall, invite, rejectedCall } from './flows';
import { wireMessagesOf } from '@/sim/session';

describe('estimateT1', () => {
  it('reads the gap between a request and its first retransmission', () => {
    const l = new Ladder([
      ['i0', 100, A, B, invite()],
      ['i1', 300, A, B, invite()],
      ['i2', 700, A, B, invite()],
    ]);
    expect(estimateT1(l.wire())).toBe(200);
  });
  it('falls back on a retransmitted final response', () => {
    const l = rejectedCall().set('ack', { time: 900 });
    l.add('final-again', 520, B, A, l.text('final'));
    expect(estimateT1(l.wire())).toBe(500);
  });
  it('is undefined when nothing was retransmitted', () => {
    expect(estimateT1(directCall().wire())).toBeUndefined();
    expect(estimateT1([])).toBeUndefined();
  });
  it('finds the 500 ms of the lost-invite scenario', () => {
    const sim = new Simulation(builtinScenario('lost-invite')!);
    sim.run();
    expect(estimateT1(wireMessagesOf(sim.network.trace.events))).toBe(500);
  });
});
