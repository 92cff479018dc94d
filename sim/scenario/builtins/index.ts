/** The built-in scenarios, one for each situation of the course (more are welcome). */
import { parseScenario, type Scenario, type ScenarioInput } from '../schema';
import { busyOffice } from './busy-office';
import { callTrapezoid } from './call-trapezoid';
import { forking } from './forking';
import { redirect } from './redirect';
import { registration } from './registration';
import { registrationDigest } from './registration-digest';
import {
  busy,
  byeNoRecordRoute,
  byeRecordRoute,
  cancel,
  invite407,
  lostInvite,
  message,
  noAnswer,
  statelessVsStateful,
} from './single-proxy';
import { subscribeNotify } from './subscribe-notify';

const INPUTS: readonly ScenarioInput[] = [
  registration,
  registrationDigest,
  callTrapezoid,
  forking,
  redirect,
  byeRecordRoute,
  byeNoRecordRoute,
  subscribeNotify,
  message,
  invite407,
  cancel,
  busy,
  noAnswer,
  lostInvite,
  statelessVsStateful,
  busyOffice,
];

/** Validated built-in scenarios, by name, in course order. */
export const BUILTIN_SCENARIOS: ReadonlyMap<string, Scenario> = new Map(
  INPUTS.map((s) => [s.name, parseScenario(s)]),
);

export function builtinNames(): string[] {
  return [...BUILTIN_SCENARIOS.keys()];
}

/** A fresh copy of a built-in scenario (callers may change it). */
export function builtinScenario(name: string): Scenario | undefined {
  const s = BUILTIN_SCENARIOS.get(name);
  return s === undefined ? undefined : structuredClone(s);
}
