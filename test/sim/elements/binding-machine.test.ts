// The life of a registrar's binding (RFC 3261 §10.3 steps 6–7, §10.2.1.1): driven alone over a real
// location service, then seen in a registrar's state as the Diagram view draws it.
import { describe, expect, it } from 'vitest';
import { LocationService, machineGraphOf } from '../../../sim/elements';
import {
  bindingMachine,
  type BindingMachineEvent,
  type BindingMachineHost,
  type BindingUpdate,
} from '../../../sim/elements/binding-machine';
import { BUILTIN_SCENARIOS, Simulation } from '../../../sim/scenario';
import { MachineRunner } from '../../../sim/transaction';
import { FakeClock } from '../transaction/harness';

const AOR = 'sip:bob@biloxi.com';
const CONTACT = 'sip:bob@192.0.2.4';

function harness(added: BindingUpdate | null = { callId: 'c1', cseq: 1, expires: 3600, q: 1 }) {
  const clock = new FakeClock();
  const location = new LocationService();
  const log: string[] = [];
  const host: BindingMachineHost = {
    find: (aor, contact) => location.find(aor, contact),
    bind: (aor, contact, u) => {
      location.put({
        aor,
        contact,
        expiresAt: clock.now() + u.expires * 1000,
        q: u.q,
        callId: u.callId,
        cseq: u.cseq,
      });
      log.push(`bind ${u.expires}`);
    },
    unbind: (aor, contact, all) => {
      location.remove(aor, contact);
      log.push(all ? 'unbind all' : 'unbind');
    },
    outOfOrder: () => void log.push('500'),
  };
  let done = false;
  const machine = new MachineRunner<BindingMachineEvent>(
    bindingMachine,
    clock,
    { host, aor: AOR, contact: CONTACT, ...(added ? { added } : {}) },
    () => (done = true),
  );
  const state = (): string => machine.view('b', bindingMachine.id, 'b').state;
  const register = (callId: string, cseq: number, expires: number): void =>
    machine.send({ type: 'REGISTER', update: { callId, cseq, expires, q: 1 } });
  return { clock, location, log, machine, state, register, done: () => done };
}

describe('binding machine (§10.3)', () => {
  it('a REGISTER with a new Contact adds the binding', () => {
    const h = harness();
    expect(h.state()).toBe('Active');
    expect(h.log).toEqual(['bind 3600']);
    expect(h.location.lookup(AOR, 0).map((b) => b.contact)).toEqual([CONTACT]);
  });

  it('a configured binding is not written again', () => {
    const h = harness(null);
    expect(h.state()).toBe('Active');
    expect(h.log).toEqual([]);
  });

  it('a later REGISTER updates it: new expiry, new CSeq (step 7)', () => {
    const h = harness();
    h.clock.advance(1000);
    h.register('c1', 2, 600);
    expect(h.state()).toBe('Active');
    expect(h.log).toEqual(['bind 3600', 'bind 600']);
    expect(h.location.find(AOR, CONTACT)).toMatchObject({ cseq: 2, expiresAt: 601_000 });
  });

  it('refuses a REGISTER of the same Call-ID whose CSeq is not higher (step 7: 500)', () => {
    const h = harness({ callId: 'c1', cseq: 5, expires: 3600, q: 1 });
    h.register('c1', 5, 600);
    h.register('c1', 4, 0);
    expect(h.log).toEqual(['bind 3600', '500', '500']);
    expect(h.state()).toBe('Active');
    expect(h.location.find(AOR, CONTACT)?.cseq).toBe(5);
    // Another Call-ID may have any CSeq.
    h.register('c2', 1, 60);
    expect(h.log.at(-1)).toBe('bind 60');
  });

  it('expires=0 removes it (step 7); the machine ends', () => {
    const h = harness();
    h.register('c1', 2, 0);
    expect(h.state()).toBe('Removed');
    expect(h.log.at(-1)).toBe('unbind');
    expect(h.location.find(AOR, CONTACT)).toBeUndefined();
    expect(h.done()).toBe(true);
    // A finished binding takes no more events.
    h.register('c1', 3, 60);
    expect(h.log.at(-1)).toBe('unbind');
  });

  it('"Contact: *" removes it with the others (step 6)', () => {
    const h = harness();
    h.machine.send({ type: 'remove-all' });
    expect(h.state()).toBe('Removed');
    expect(h.log.at(-1)).toBe('unbind all');
  });

  it('ends Expired when its time passes (§10.2.1.1)', () => {
    const h = harness();
    h.machine.send({ type: 'expired' });
    expect(h.state()).toBe('Expired');
    expect(h.done()).toBe(true);
  });

  it('is drawn with the steps of §10.3', () => {
    const g = machineGraphOf(bindingMachine.id)!;
    expect(g.states.map((s) => [s.name, s.final])).toEqual([
      ['Active', false],
      ['Removed', true],
      ['Expired', true],
    ]);
    expect(g.edges.filter((e) => e.source === 'Active' && e.event === 'REGISTER')).toHaveLength(3);
  });
});

describe('a registrar hosts one binding machine per binding', () => {
  it('shows each binding with its expiry as a running timer', () => {
    const scenario = structuredClone(BUILTIN_SCENARIOS.get('registration')!);
    const sim = new Simulation(scenario);
    const registrar = (): ReturnType<(typeof sim.elements)[number]['state']> =>
      sim.elements.find((e) => e.kind === 'registrar')!.state();
    let active:
      | { state: string; timers: { name: string; startedAt: number; durationMs: number }[] }
      | undefined;
    for (let r = sim.step(); r !== undefined; r = sim.step()) {
      const m = registrar().machines?.find((x) => x.machine === 'binding' && !x.done);
      if (m) {
        active = m;
        break;
      }
    }
    expect(active?.state).toBe('Active');
    expect(active?.timers.map((t) => t.name)).toEqual(['expires']);
    const bound = registrar().bindings![0]!;
    const timer = active!.timers[0]!;
    expect(timer.startedAt + timer.durationMs).toBe(bound.expiresAt);
    expect(timer.durationMs).toBeGreaterThan(0);
  });
});
