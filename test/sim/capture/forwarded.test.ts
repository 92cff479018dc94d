// What a proxy changed, found in a capture by Vias alone (sim/capture forwardedDiff), against the
// simulator's hop diff (sim/session hopDiff, which knows each send's cause) on the same run.
import { describe, expect, it } from 'vitest';
import { forwardedDiff, readCapture, tracePcap } from '@/sim/capture';
import { Simulation, builtinScenario } from '@/sim/scenario';
import { hopDiff } from '@/sim/session';
import type { TraceEvent } from '@/sim/network';

function run(name: string): TraceEvent[] {
  const s = builtinScenario(name);
  if (!s) throw new Error(`no scenario ${name}`);
  const sim = new Simulation(s);
  sim.run();
  return [...sim.trace];
}

/** The capture of a run, each message with the trace's send event it was written from. */
function captured(trace: readonly TraceEvent[]) {
  const sends = trace.filter((e) => e.type === 'send' && e.raw !== undefined && e.source);
  const { messages } = readCapture(tracePcap(trace));
  expect(messages.length).toBe(sends.length);
  messages.forEach((m, i) => expect(m.raw).toBe(sends[i]!.raw));
  return { messages, sends };
}

describe('forwardedDiff', () => {
  for (const scenario of [
    'call-trapezoid',
    'forking',
    'bye-record-route',
    'invite-407',
    'cancel',
    'stateless-vs-stateful',
  ])
    it(`finds what each proxy changed, as the simulator does (${scenario})`, () => {
      const trace = run(scenario);
      const { messages, sends } = captured(trace);
      let forwarded = 0;
      messages.forEach((m, i) => {
        const sim = hopDiff(trace, sends[i]!.id);
        const cap = forwardedDiff(messages, i);
        const what = `${i} ${m.firstLine} from ${m.source}`;
        if (sim === undefined) {
          // The simulator's causes can miss a forward (a stateless proxy relaying a response keeps
          // no cause link); the Vias still show it: what reached the proxy, less the proxy's Via.
          if (cap !== undefined) {
            expect(messages[cap.received]!.destination, what).toBe(m.source);
            expect(cap.changes.find((c) => c.header === 'Via')?.kind, what).toBe(
              m.firstLine.startsWith('SIP/') ? 'removed' : 'added',
            );
          }
          return;
        }
        if (m.firstLine.startsWith('CANCEL ')) {
          // A stateful proxy builds its own CANCEL for each branch (§16.10): a new request with one
          // Via, not a forwarded copy, though the simulator traces it to the CANCEL it received.
          expect(cap, what).toBeUndefined();
          return;
        }
        forwarded++;
        expect(cap, what).toBeDefined();
        const { from, ...diff } = sim;
        const { received, ...capDiff } = cap!;
        expect(capDiff).toEqual(diff);
        // The message it was made from is the one whose delivery the proxy received.
        const receivedSend = sends.findIndex((s) => s.datagram === from.datagram);
        expect(received).toBe(receivedSend);
      });
      expect(forwarded).toBeGreaterThan(0);
    });

  it('shows Max-Forwards decremented and a Via added on an INVITE a proxy forwarded', () => {
    const { messages } = captured(run('call-trapezoid'));
    const i = messages.findIndex(
      (m, k) => m.firstLine.startsWith('INVITE ') && forwardedDiff(messages, k) !== undefined,
    );
    expect(i).toBeGreaterThan(0);
    const d = forwardedDiff(messages, i)!;
    expect(messages[d.received]!.firstLine.startsWith('INVITE ')).toBe(true);
    expect(messages[d.received]!.destination).toBe(messages[i]!.source);
    expect(d.changes).toContainEqual({
      kind: 'changed',
      header: 'Max-Forwards',
      before: '70',
      after: '69',
    });
    const via = d.changes.find((c) => c.header === 'Via');
    expect(via?.kind).toBe('added');
    expect(via?.after).toMatch(/^SIP\/2\.0\/UDP .*;branch=z9hG4bK/);
  });

  it('finds nothing for a message a UA made, an out-of-range index or an unreadable message', () => {
    const { messages } = captured(run('call-trapezoid'));
    expect(forwardedDiff(messages, 0)).toBeUndefined();
    expect(forwardedDiff(messages, messages.length)).toBeUndefined();
    expect(
      forwardedDiff(
        [{ ...messages[0]!, raw: 'garbage', error: { message: 'x', line: 1, column: 1 } }],
        0,
      ),
    ).toBeUndefined();
  });
});
