/** The exercise set, in the order the list shows it (grouped by the kind of element played). */
import type { ExerciseDefinition } from '../definition';
import { proxyResponse, statefulInvite, statelessInvite } from './proxies';
import { notify, redirect302, registrarOk } from './servers';
import { uasOk, uasRinging } from './user-agent-server';
import { ack2xx, ackBusy, byeRoute, cancel, register, registerDigest } from './user-agent-client';

export const EXERCISES: readonly ExerciseDefinition[] = [
  register,
  registerDigest,
  ack2xx,
  ackBusy,
  cancel,
  byeRoute,
  uasRinging,
  uasOk,
  statelessInvite,
  statefulInvite,
  proxyResponse,
  registrarOk,
  redirect302,
  notify,
];

export function exerciseDefinition(id: string): ExerciseDefinition | undefined {
  return EXERCISES.find((e) => e.id === id);
}
