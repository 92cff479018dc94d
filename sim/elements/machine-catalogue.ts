/**
 * The machine catalogue (RFC 3261 §17 Figures 5–8, §12): every state machine an element may run, by
 * the id its instances name (MachineInstance.machine), with the graph the state panel draws — read from
 * the definitions themselves, so a drawing cannot disagree with what the element does.
 */
import type { AnyStateMachine } from 'xstate';
import { dialogMachine } from '../dialog';
import {
  inviteClientTransaction,
  inviteServerTransaction,
  machineGraph,
  nonInviteClientTransaction,
  nonInviteServerTransaction,
  reliableInviteClientTransaction,
  reliableInviteServerTransaction,
  reliableNonInviteClientTransaction,
  type MachineGraph,
} from '../transaction';
import { bindingMachine } from './binding-machine';
import { responseContextMachine } from './response-context-machine';
import { incomingCallMachine } from './ua/incoming-call-machine';
import { outgoingCallMachine } from './ua/outgoing-call-machine';
import { registrationMachine } from './ua/registration-machine';
import { subscriptionMachine } from './ua/subscription-machine';

const DEFINITIONS: readonly AnyStateMachine[] = [
  inviteClientTransaction,
  reliableInviteClientTransaction,
  nonInviteClientTransaction,
  reliableNonInviteClientTransaction,
  inviteServerTransaction,
  reliableInviteServerTransaction,
  nonInviteServerTransaction,
  dialogMachine,
  outgoingCallMachine,
  incomingCallMachine,
  registrationMachine,
  subscriptionMachine,
  responseContextMachine,
  bindingMachine,
];

let byId: Map<string, AnyStateMachine> | undefined;

/** The ids of every machine in the catalogue. */
export function machineIds(): string[] {
  return DEFINITIONS.map((m) => m.id);
}

/** The drawing of the machine with this id, or undefined for an id the catalogue does not know. */
export function machineGraphOf(id: string): MachineGraph | undefined {
  byId ??= new Map(DEFINITIONS.map((m) => [m.id, m]));
  const machine = byId.get(id);
  return machine ? machineGraph(machine) : undefined;
}
