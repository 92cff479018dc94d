/**
 * The life of a dialog (RFC 3261 §12): created early by a provisional response with a To tag or
 * confirmed by a 2xx (§12.1), confirmed when a 2xx comes for an early one (§13.2.2.4, §13.3.1.4), and
 * terminated by a non-2xx final response while early (§12.3), by BYE once confirmed (§15), or, for a
 * subscription's dialog, when the subscription ends (RFC 6665 §4.4.1). The Dialog class hosts it: its
 * state is this machine's.
 */
import { setup } from 'xstate';
import type { SipResponse } from '../codec';

/** What the machine asks of the dialog it runs: adopt the route set and target of a 2xx (UAC). */
export interface DialogMachineHost {
  adoptResponse(response: SipResponse): void;
}

export interface DialogMachineInput {
  host: DialogMachineHost;
  /** Created by a 2xx (or at the UAS by a request it answers 2xx at once): confirmed from the start. */
  confirmed: boolean;
}

export type DialogMachineEvent =
  /** A 2xx for the request that created it (§13.2.2.4 at the UAC; sent by the UAS, §13.3.1.4). */
  | { type: '2xx'; response?: SipResponse }
  /** A non-2xx final response to the request that created it (§12.3). */
  | { type: 'non-2xx' }
  /** The INVITE's transaction ended with no 2xx on this dialog (§13.2.2.4, RFC 6026 Timer M). */
  | { type: 'transaction-ended' }
  /** The INVITE was given up: no final response 64·T1 after the CANCEL (§9.1). */
  | { type: 'given-up' }
  /** BYE sent or received (§15). */
  | { type: 'BYE' }
  /** The subscription the dialog carries has ended (RFC 6665 §4.4.1). */
  | { type: 'subscription-ended' };

export const dialogMachine = setup({
  types: {
    context: {} as DialogMachineInput,
    events: {} as DialogMachineEvent,
    input: {} as DialogMachineInput,
  },
  guards: {
    confirmed: ({ context }) => context.confirmed,
  },
  actions: {
    // The UAC recomputes the route set and the remote target from the 2xx (§12.1.2, §13.2.2.4).
    adoptResponse: ({ context, event }) => {
      if (event.type === '2xx' && event.response) context.host.adoptResponse(event.response);
    },
  },
}).createMachine({
  id: 'dialog',
  meta: {
    title: 'Dialog',
    source: 'RFC 3261 §12 (creation §12.1, termination §12.3, §15), RFC 6665 §4.4.1',
    created: 'dialog-creating response or request',
  },
  context: ({ input }) => input,
  initial: 'Created',
  states: {
    Created: {
      // Where a new dialog starts depends on what created it: transient, drawn as the initial dot.
      meta: { pseudo: true },
      always: [
        {
          description: '2xx (or NOTIFY, RFC 6665 §4.1.2.4) / confirmed dialog (§12.1)',
          guard: 'confirmed',
          target: 'Confirmed',
        },
        { description: '1xx with To tag / early dialog (§12.1)', target: 'Early' },
      ],
    },
    Early: {
      description: 'Created by a provisional response: no ACK, no BYE yet (§12.1, §15)',
      on: {
        '2xx': {
          description: '2xx / confirm; UAC: route set, remote target from it (§13.2.2.4)',
          target: 'Confirmed',
          actions: 'adoptResponse',
        },
        'non-2xx': { description: 'non-2xx final response / - (§12.3)', target: 'Terminated' },
        'transaction-ended': {
          description: 'INVITE transaction ends, no 2xx here / - (§13.2.2.4)',
          target: 'Terminated',
        },
        'given-up': {
          description: 'no final response 64·T1 after CANCEL / - (§9.1)',
          target: 'Terminated',
        },
      },
    },
    Confirmed: {
      description: 'A 2xx was sent or received: requests inside the dialog may flow (§12.2)',
      on: {
        BYE: { description: 'BYE sent or received / - (§15)', target: 'Terminated' },
        'subscription-ended': {
          description: 'subscription ends / - (RFC 6665 §4.4.1)',
          target: 'Terminated',
        },
      },
    },
    Terminated: { type: 'final' },
  },
});
