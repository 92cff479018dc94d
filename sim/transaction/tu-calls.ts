/**
 * Calls from the transaction machines into their TU (RFC 3261 §17), made once the machine has finished
 * its transition (so the TU never runs inside a machine's action, and sees every machine settled), with
 * errors kept visible. XState catches what an action throws (and reports it through the wall clock's
 * setTimeout), so a TU error is kept and rethrown when the layer call that led to it returns; when a
 * timer led to it, it is thrown from the simulation clock at the same virtual time.
 */
import type { Clock } from './env';

export class TuCalls {
  readonly clock: Clock;
  private failure: { error: unknown } | null = null;
  private depth = 0;
  private readonly pending: (() => void)[] = [];

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /**
   * The clock the machines get: their timers run as layer steps too, so what a timer makes a machine
   * tell its TU is told after the transition.
   */
  readonly machineClock: Clock = new StepClock(this);

  /** Runs a layer step (start a machine, send it an event), tells the TU what it must hear, then rethrows the first TU error. */
  run(step: () => void): void {
    this.depth++;
    try {
      step();
    } finally {
      this.depth--;
    }
    if (this.depth > 0) return;
    while (this.pending.length > 0) {
      const next = this.pending.shift()!;
      this.depth++;
      try {
        next();
      } catch (error) {
        this.failure ??= { error };
      } finally {
        this.depth--;
      }
    }
    if (this.failure) {
      const { error } = this.failure;
      this.failure = null;
      throw error;
    }
  }

  /** A call from a machine to the TU: made when the current layer step ends. */
  call(tuCallback: () => void): void {
    if (this.depth > 0) {
      this.pending.push(tuCallback);
      return;
    }
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

/** The simulation clock, with each timer run as a layer step of its TuCalls (see machineClock). */
class StepClock implements Clock {
  constructor(private readonly calls: TuCalls) {}
  now(): number {
    return this.calls.clock.now();
  }
  setTimeout(fn: () => void, ms: number): number {
    const calls = this.calls;
    return calls.clock.setTimeout(() => calls.run(fn), ms);
  }
  clearTimeout(handle: number): void {
    this.calls.clock.clearTimeout(handle);
  }
}
