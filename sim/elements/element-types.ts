/**
 * What every simulated element offers the layers above: it is a network endpoint, it can be told to act
 * (the timeline's user actions), and it can describe its state for the UI (transactions with their
 * timers, dialogs, bindings, calls, subscriptions).
 */
import type { DialogSnapshot } from '../dialog';
import type { Endpoint } from '../network';
import type { ElementConfig, ElementKind } from './config';
import type { BindingSnapshot } from './location-service';

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
  snapshot(): ElementSnapshot;
}

/** An action an element cannot carry out now ("bye" with no call): recorded in the trace, never thrown past the simulation. */
export class ActionError extends Error {
  override readonly name = 'ActionError';
}
