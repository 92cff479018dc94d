/**
 * The life of a registrar's binding (RFC 3261 §10.3 step 7, §10.2.1.1): added by a REGISTER with a new
 * Contact, updated (expiry restarted) by each later one, refused when a REGISTER of the same Call-ID
 * comes out of order, removed by expires=0 or by "Contact: *" (step 6), and removed when its expiry
 * time passes. The registrar (registrar.ts) hosts one per binding and writes what it decides into the
 * location service.
 *
 * Why the binding and not the REGISTER: a registrar handles each REGISTER in one step (§10.3 steps
 * 1–8 run while the request is in hand, and a challenge is only a 401 — the registrar keeps no record
 * of whom it challenged, since any nonce it issued is good for the retry); what lasts from one request
 * to the next, and changes with time, is the binding.
 */
import { setup } from 'xstate';
import type { Binding } from './location-service';

/** What a REGISTER asks of one of its Contacts (§10.3 step 7): its expiry already chosen. */
export interface BindingUpdate {
  callId: string;
  cseq: number;
  /** Seconds (0 removes the binding). */
  expires: number;
  q: number;
}

/** What the machine asks of the registrar: its location service, and the 500 it may answer. */
export interface BindingMachineHost {
  /** The binding as the location service holds it now. */
  find(aor: string, contact: string): Binding | undefined;
  /** Writes the binding (added or updated) into the location service. */
  bind(aor: string, contact: string, update: BindingUpdate): void;
  /** Removes it from the location service: for expires=0, or with the AOR's others (`all`, step 6). */
  unbind(aor: string, contact: string, all: boolean): void;
  /** Answers the REGISTER 500: it is older than the one that last updated the binding. */
  outOfOrder(): void;
}

export interface BindingMachineInput {
  host: BindingMachineHost;
  aor: string;
  contact: string;
  /** The REGISTER that adds it; absent for a binding the scenario configures. */
  added?: BindingUpdate;
}

export type BindingMachineEvent =
  /** A REGISTER names this binding's Contact (step 7). */
  | { type: 'REGISTER'; update: BindingUpdate }
  /** A REGISTER with "Contact: *" and Expires: 0 removed every binding of the AOR (step 6). */
  | { type: 'remove-all' }
  /** Its expiry time passed: the location service dropped it. */
  | { type: 'expired' };

export const bindingMachine = setup({
  types: {
    context: {} as BindingMachineInput,
    events: {} as BindingMachineEvent,
    input: {} as BindingMachineInput,
  },
  guards: {
    // Step 7: same Call-ID, CSeq not higher than the binding's: the REGISTER is out of order.
    outOfOrder: ({ context: { host, aor, contact }, event }) => {
      if (event.type !== 'REGISTER') return false;
      const b = host.find(aor, contact);
      return b !== undefined && b.callId === event.update.callId && event.update.cseq <= b.cseq;
    },
    removes: ({ event }) => event.type === 'REGISTER' && event.update.expires === 0,
  },
  actions: {
    add: ({ context: { host, aor, contact, added } }) => {
      if (added) host.bind(aor, contact, added);
    },
    bind: ({ context: { host, aor, contact }, event }) => {
      if (event.type === 'REGISTER') host.bind(aor, contact, event.update);
    },
    unbind: ({ context: { host, aor, contact }, event }) =>
      host.unbind(aor, contact, event.type === 'remove-all'),
    outOfOrder: ({ context: { host } }) => host.outOfOrder(),
  },
}).createMachine({
  id: 'binding',
  meta: {
    title: 'Binding (registrar)',
    source: 'RFC 3261 §10.3 steps 6–7, §10.2.1.1',
    created: 'REGISTER with a new Contact / binding added (§10.3 step 7)',
  },
  context: ({ input }) => input,
  initial: 'Active',
  states: {
    Active: {
      description: 'In the location service until its expiry time (§10.2.1.1)',
      entry: 'add',
      on: {
        REGISTER: [
          {
            description: 'REGISTER, same Call-ID, CSeq not higher / 500 (§10.3 step 7)',
            guard: 'outOfOrder',
            actions: 'outOfOrder',
          },
          {
            description: 'REGISTER, expires=0 / binding removed (§10.3 step 7)',
            guard: 'removes',
            target: 'Removed',
            actions: 'unbind',
          },
          {
            description: 'REGISTER / binding updated, expiry restarted (§10.3 step 7)',
            actions: 'bind',
          },
        ],
        'remove-all': {
          description: 'REGISTER Contact: *, Expires: 0 / removed (§10.3 step 6)',
          target: 'Removed',
          actions: 'unbind',
        },
        expired: {
          description: 'expiry time passes / binding removed (§10.2.1.1)',
          target: 'Expired',
        },
      },
    },
    Removed: { type: 'final', description: 'Removed by a REGISTER (§10.3 steps 6–7)' },
    Expired: { type: 'final', description: 'Not refreshed in time (§10.2.1.1)' },
  },
});
