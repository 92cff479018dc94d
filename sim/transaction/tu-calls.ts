/**
 * Calls from the transaction machines into their TU (RFC 3261 §17), with errors kept visible.
 * XState catches what an action throws (and reports it through the wall clock's setTimeout), so a TU
 * error is kept and rethrown when the layer call that led to it returns; when a timer led to it, it
 * is thrown from the simulation clock at the same virtual time, so the step that ran the timer fails.
 */
import type { Clock } from './env';

export class TuCalls {
  private failure: { error: unknown } | null = null;
  private depth = 0;

  constructor(private readonly clock: Clock) {}

  /** Runs a layer step (start a machine, send it an event), then rethrows the first TU error. */
  run(step: () => void): void {
    this.depth++;
    try {
      step();
    } finally {
      this.depth--;
    }
    if (this.depth === 0 && this.failure) {
      const { error } = this.failure;
      this.failure = null;
      throw error;
    }
  }

  /** Calls the TU from inside a machine. */
  call(tuCallback: () => void): void {
    try {
      tuCallback();
    } catch (error) {
      this.fail(error);
    }
  }

  fail(error: unknown): void {
    if (this.depth > 0) this.failure ??= { error };
    else
      this.clock.setTimeout(() => {
        throw error;
      }, 0);
  }
}
