/**
 * How the user agent's parts (a call §13, a registration §10.2, a subscription RFC 6665) run their
 * machines: on the UA's simulation clock, noted for the diagrams when a trace is kept, and read back
 * as the words the UA's activity list has always used for their states.
 */
import type { AnyStateMachine, EventObject } from 'xstate';
import { MachineRunner, type MachineTimers } from '../../transaction';
import type { UaCore } from './ua-core';

/** These machines end by their state (Ended, Failed …), not by a final state the host must hear of. */
const NOTHING_TO_DO = (): void => {};

/** Starts `machine` for the UA, with the input its actions read (made with the runner's timers). */
export function runUaMachine<E extends EventObject>(
  ua: UaCore,
  machine: AnyStateMachine,
  input: (timers: MachineTimers) => unknown,
): MachineRunner<E> {
  const env = ua.machineEnv;
  return new MachineRunner<E>(
    machine,
    env.clock,
    input,
    NOTHING_TO_DO,
    env.trace ? { trace: env.trace } : {},
  );
}

/** The activity list's word for the state the machine is in. */
export function activityWord<W extends Record<string, string>>(
  words: W,
  runner: MachineRunner<EventObject>,
): W[keyof W] {
  return words[runner.getSnapshot().value as keyof W]!;
}
