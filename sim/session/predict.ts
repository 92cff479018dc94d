/**
 * Finding events in a trace by what they are ("the first REGISTER the registrar receives"), and what
 * happens next — so a lesson can pause a simulation at a moment and check a student's prediction
 * against the simulation itself.
 */
import { wireToText } from '../codec';
import type { TraceEvent } from '../network';

export interface EventMatcher {
  element?: string;
  type?: 'send' | 'receive' | 'drop';
  method?: string;
  status?: number;
  /** Which occurrence, from 1 (default 1). */
  nth?: number;
}

export function matches(e: TraceEvent, m: EventMatcher): boolean {
  if (
    m.type !== undefined
      ? e.type !== m.type
      : e.type !== 'send' && e.type !== 'receive' && e.type !== 'drop'
  )
    return false;
  if (m.element !== undefined && e.element !== m.element) return false;
  if (m.method !== undefined && e.method !== m.method) return false;
  if (m.status !== undefined && e.status !== m.status) return false;
  return true;
}

/** The nth event matching, or undefined. */
export function findEvent(trace: readonly TraceEvent[], m: EventMatcher): TraceEvent | undefined {
  let n = m.nth ?? 1;
  for (const e of trace) {
    if (matches(e, m) && --n === 0) return e;
  }
  return undefined;
}

/** "INVITE" for a request, "200 OK" for a response. */
export function messageLabel(e: TraceEvent): string {
  if (e.method !== undefined) return e.method;
  if (e.status !== undefined) return `${e.status} ${wireToText(e.reason ?? '')}`.trim();
  return e.type;
}

/**
 * A moment in words, for "paused just after …": "alice sent INVITE to proxy", "registrar received
 * REGISTER from alice", "INVITE from alice was lost".
 */
export function describeMoment(e: TraceEvent): string {
  const label = messageLabel(e);
  switch (e.type) {
    case 'send':
      return `${e.element} sent ${label}${e.retransmission === true ? ' again' : ''} to ${e.to ?? e.destination ?? 'the network'}`;
    case 'receive':
      return `${e.element} received ${label} from ${e.from ?? e.source ?? 'the network'}`;
    case 'drop':
      return `${label} from ${e.from ?? e.element} was lost on the way`;
    default:
      return e.detail;
  }
}

/** The next message any element sends after the given event. */
export function nextMessageAfter(
  trace: readonly TraceEvent[],
  afterId: number,
): TraceEvent | undefined {
  for (let i = afterId + 1; i < trace.length; i++) {
    const e = trace[i]!;
    if (e.type === 'send') return e;
  }
  return undefined;
}

/** True when a student's label names the message ("200 OK", "200", "invite" all name their message). */
export function labelMatches(choice: string, e: TraceEvent): boolean {
  const c = choice.trim().toLowerCase();
  if (e.method !== undefined) return c === e.method.toLowerCase();
  if (e.status !== undefined) return c === String(e.status) || c === messageLabel(e).toLowerCase();
  return false;
}
