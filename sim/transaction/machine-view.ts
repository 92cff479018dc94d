/**
 * What the state panel's diagrams read of a running state machine (the transaction machines of
 * RFC 3261 §17 and every machine built on them: dialogs §12, calls §13, registrations §10.2,
 * subscriptions RFC 6665, a proxy's response context §16.7): the state it is in, the transition it
 * just took and the trace event that caused it, and the timers running with when they started.
 * Plain serialisable data, free of the clock (absolute times), like the rest of an element's state.
 */
import type { Clock } from './env';

/** The trace as a machine's host sees it, to link a transition to the event that caused it. */
export interface MachineTrace {
  /** The trace event being handled now (a datagram's arrival, a user action), if any. */
  cause(): number | undefined;
  /** The id the next trace event will get. */
  nextId(): number;
  /**
   * What explains a transition one of the machine's timers caused, among the events recorded since
   * `mark` (the id the next event had when it fired): the timer's "fires" event if one was recorded,
   * else the first event recorded; undefined when none was.
   */
  causeSince(mark: number): number | undefined;
}

/**
 * The transition a machine took last, as its drawing marks it: one edge, or several when it passed
 * through a choice (an eventless transition out of a transient state) on the way.
 */
export interface TakenTransition {
  /** The state it left ('' for the transition that created the machine). */
  from: string;
  /** The state it rests in now. */
  to: string;
  /** The event's type, as the machine names it ('timer.A', 'response', 'xstate.init' …). */
  event: string;
  /** The drawn edges it took, in order (see machineGraph's edge ids). */
  edges: string[];
  /** Virtual time (ms). */
  time: number;
  /** The trace event that caused it: a datagram's arrival, a timer firing, a user action. */
  traceId?: number;
}

/** A timer running in a machine: its name as the RFC gives it, when it started and for how long. */
export interface MachineTimer {
  name: string;
  startedAt: number;
  durationMs: number;
}

/** One machine instance at one moment (an element's state lists them). */
export interface MachineInstance {
  /** Unique within its element (a transaction id, a dialog id, "call 1" …). */
  id: string;
  /** The machine definition's id: which drawing (see the element layer's machine catalogue). */
  machine: string;
  /** For people: "INVITE client transaction, branch z9hG4bK…". */
  label: string;
  /** The state it is in, as the machine names it. */
  state: string;
  /** True once it reached a final state (it stays shown a little while). */
  done: boolean;
  last?: TakenTransition;
  timers: MachineTimer[];
}

/** The edge id of transition `index` among those of `source` for `event` (machineGraph uses it too). */
export function edgeId(source: string, event: string, index: number): string {
  return `${source}|${event}|${index}`;
}

/** A state value as a path: 'Calling', or 'Parent.Child' for a nested state. */
export function statePath(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    const [key, child] = Object.entries(value as Record<string, unknown>)[0] ?? [];
    if (key === undefined) return '';
    const rest = statePath(child);
    return rest === '' ? key : `${key}.${rest}`;
  }
  return '';
}

/** Keeps the last few instances that ended, newest last (the drawing of a finished one stays a while). */
export class EndedMachines {
  private readonly items: MachineInstance[] = [];

  constructor(private readonly keep = 4) {}

  add(instance: MachineInstance): void {
    this.items.push(instance);
    if (this.items.length > this.keep) this.items.shift();
  }

  list(): readonly MachineInstance[] {
    return this.items;
  }
}

/** What a machine definition says of itself for its drawing (the `meta` of its root). */
export interface MachineMeta {
  /** Its name for people: "INVITE client transaction". */
  title: string;
  /** Where the RFC defines it: "RFC 3261 §17.1.1, Figure 5". */
  source: string;
  /** The label of the arrow that creates it, as the figures write it: "INVITE from TU / INVITE sent". */
  created: string;
}

/** What a machine's host gives the runner: the simulation clock, and the trace when one is kept. */
export interface MachineEnv {
  clock: Clock;
  trace?: MachineTrace;
}
