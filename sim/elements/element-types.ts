/**
 * What every simulated element offers the layers above: it is a network endpoint, it can be told to act
 * (the timeline's user actions), and it can describe its state for the UI (transactions with their
 * timers, dialogs, bindings, calls, subscriptions).
 */
import type { DialogSnapshot } from '../dialog';
import type { Endpoint } from '../network';
import type { MachineInstance } from '../transaction';
import type { ElementConfig, ElementKind } from './config';
import type { BindingSnapshot, BindingState } from './location-service';

export interface TimerSnapshot {
  name: string;
  /** Virtual ms left before it fires. */
  remainingMs: number;
  durationMs: number;
}

export interface TransactionSnapshotView {
  id: string;
  kind: string;
  method: string;
  branch: string;
  state: string;
  timers: TimerSnapshot[];
}

/** A user agent's view of one call or registration or subscription, in words and fields. */
export interface ActivitySnapshot {
  kind: 'call' | 'registration' | 'subscription' | 'message';
  /** e.g. "calling sip:bob@b.example.com", "registered until 3600 s". */
  summary: string;
  state: string;
  peer?: string;
  timers?: TimerSnapshot[];
}

/** A machine instance as the diagrams show it at one moment: its timers with the time left. */
export interface MachineSnapshot extends Omit<MachineInstance, 'timers'> {
  timers: (TimerSnapshot & { startedAt: number })[];
}

export interface ElementSnapshot {
  name: string;
  kind: ElementKind;
  address: string;
  port: number;
  transactions: TransactionSnapshotView[];
  dialogs: DialogSnapshot[];
  bindings?: BindingSnapshot[];
  activities?: ActivitySnapshot[];
  /** Settings a lesson or lab may toggle, with their current value. */
  settings: Record<string, string | number | boolean>;
  /** How many messages it received that it had to reject or discard, by reason. */
  problems: string[];
  /**
   * Its state machines — transactions, dialogs, calls, registration, subscriptions, response contexts —
   * live ones and the last few that ended, for the state panel's diagrams.
   */
  machines?: MachineSnapshot[];
}

// ---- state: what an element keeps, free of the clock ---------------------------------------------------

/** A running timer as an element's state keeps it: when it started and for how long. */
export interface TimerState {
  name: string;
  startedAt: number;
  durationMs: number;
}

export interface TransactionStateView extends Omit<TransactionSnapshotView, 'timers'> {
  timers: TimerState[];
}

export interface ActivityState extends Omit<ActivitySnapshot, 'timers'> {
  /** When it runs out (virtual ms); the summary then says how long is left. */
  until?: number;
}

/**
 * An element's state with absolute times instead of time left: it changes only when the element acts,
 * so a session can keep one per change instead of one per step (snapshotAt turns it into what the UI
 * shows at a given time).
 */
export interface ElementState extends Omit<
  ElementSnapshot,
  'transactions' | 'bindings' | 'activities' | 'machines'
> {
  transactions: TransactionStateView[];
  bindings?: BindingState[];
  activities?: ActivityState[];
  machines?: MachineInstance[];
}

/** The time left of something that runs out at `at`, in whole seconds, as of `now`. */
function secondsLeft(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** What an element's state shows at virtual time `now`: timers' time left, bindings' and activities'. */
export function snapshotAt(state: ElementState, now: number): ElementSnapshot {
  const { transactions, bindings, activities, machines, ...rest } = state;
  const out: ElementSnapshot = {
    ...rest,
    transactions: transactions.map((t) => ({
      ...t,
      timers: t.timers.map((x) => ({
        name: x.name,
        durationMs: x.durationMs,
        remainingMs: Math.max(0, x.startedAt + x.durationMs - now),
      })),
    })),
  };
  if (bindings)
    out.bindings = bindings
      .filter((b) => b.expiresAt > now)
      .map(({ expiresAt, ...b }) => ({ ...b, expiresIn: secondsLeft(expiresAt, now) }));
  if (machines)
    out.machines = machines.map((m) => ({
      ...m,
      timers: m.timers.map((x) => ({
        name: x.name,
        startedAt: x.startedAt,
        durationMs: x.durationMs,
        remainingMs: Math.max(0, x.startedAt + x.durationMs - now),
      })),
    }));
  if (activities)
    out.activities = activities.map(({ until, ...a }) =>
      until === undefined
        ? a
        : { ...a, summary: `${a.summary}, ${secondsLeft(until, now)} s left` },
    );
  return out;
}

/** A user action from the timeline, as the element receives it (already validated by the scenario layer). */
export interface ElementAction {
  action: string;
  [arg: string]: unknown;
}

export interface SimElement extends Endpoint {
  readonly kind: ElementKind;
  readonly config: ElementConfig;
  /** Carries out a user action; returns a sentence for the trace, or throws ActionError when it cannot. */
  perform(action: ElementAction): string;
  /** Its state, free of the clock (see snapshotAt). */
  state(): ElementState;
}

/** An action an element cannot carry out now ("bye" with no call): recorded in the trace, never thrown past the simulation. */
export class ActionError extends Error {
  override readonly name = 'ActionError';
}
