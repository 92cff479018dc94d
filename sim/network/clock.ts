/**
 * The simulation clock: one queue of events ordered by (virtual time in ms, sequence number), so two
 * timers due at the same millisecond, or a timer set inside a handler, run in a defined order. It is
 * also the `clock` handed to every XState actor (it has setTimeout and clearTimeout), so transaction
 * timers run on virtual time. Nothing here reads the wall clock.
 */

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(handle: number): void;
}

/** A misuse of the clock: moving time backwards, or past an item that is due earlier. */
export class ClockError extends Error {
  override readonly name = 'ClockError';
}

export type QueueItemKind = 'transmit' | 'deliver' | 'timer' | 'action';

export interface QueueItem {
  time: number;
  seq: number;
  kind: QueueItemKind;
  run: () => void;
  /** The trace event this item stems from (its "cause"), if any. */
  cause: number | undefined;
  cancelled: boolean;
}

const noop = (): void => {};

export class EventQueue implements Clock {
  private heap: QueueItem[] = [];
  /** Cancelled items still in the heap (they leave it when due, or when the heap is compacted). */
  private cancelledInHeap = 0;
  private bySeq = new Map<number, QueueItem>();
  private seq = 0;
  private time = 0;
  /** The cause given to items scheduled while another runs (set by the simulation). */
  currentCause: number | undefined = undefined;

  now(): number {
    return this.time;
  }

  get size(): number {
    return this.bySeq.size;
  }

  schedule(
    delay: number,
    kind: QueueItemKind,
    run: () => void,
    cause = this.currentCause,
  ): QueueItem {
    const item: QueueItem = {
      time: this.time + Math.max(0, delay),
      seq: ++this.seq,
      kind,
      run,
      cause,
      cancelled: false,
    };
    this.push(item);
    this.bySeq.set(item.seq, item);
    return item;
  }

  /**
   * A timer on virtual time (XState's `clock` interface): it goes into this queue and fires when the
   * simulation reaches it, never on the wall clock. Every `…clock.setTimeout` / `queue.setTimeout` in
   * sim/ is this method.
   */
  setTimeout(fn: () => void, ms: number): number {
    return this.schedule(ms, 'timer', fn).seq;
  }

  clearTimeout(handle: number): void {
    const item = this.bySeq.get(handle);
    if (item) {
      item.cancelled = true;
      // What the item would have run (and all it holds) is released now, not when it falls due.
      item.run = noop;
      this.bySeq.delete(handle);
      this.cancelledInHeap++;
      this.compact();
    }
  }

  /**
   * Drops cancelled items once they are most of the heap (a transaction's Timer B or F, cancelled by
   * its response, would otherwise wait 32 s to leave). The order (time, sequence) is total, so the
   * items left run exactly as before.
   */
  private compact(): void {
    const h = this.heap;
    if (h.length < 64 || this.cancelledInHeap * 2 < h.length) return;
    const kept = h.filter((item) => !item.cancelled);
    kept.sort((a, b) => (this.less(a, b) ? -1 : 1));
    this.heap = kept;
    this.cancelledInHeap = 0;
  }

  /** The next item due (skipping cancelled ones), without running it. */
  peek(): QueueItem | undefined {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) {
      this.pop();
      this.cancelledInHeap--;
    }
    return this.heap[0];
  }

  /**
   * Moves virtual time forward to `time` without running anything, so that something that happened
   * outside the simulation (a datagram arriving on the wall clock) enters "now". Items due exactly at
   * `time` stay queued; an item due earlier must run first, and time never goes back (ClockError).
   */
  advanceTo(time: number): void {
    if (!Number.isFinite(time))
      throw new ClockError(`advanceTo needs a finite time in ms (got ${time})`);
    if (time < this.time)
      throw new ClockError(
        `advanceTo(${time}) would move the clock back: virtual time is already ${this.time} ms`,
      );
    const next = this.peek();
    if (next !== undefined && next.time < time)
      throw new ClockError(
        `advanceTo(${time}) would skip a ${next.kind} due at ${next.time} ms: run it first`,
      );
    this.time = time;
  }

  /** Advances the clock to the next item and runs it; returns it, or undefined when nothing is left. */
  runNext(): QueueItem | undefined {
    const item = this.peek();
    if (item === undefined) return undefined;
    this.pop();
    this.bySeq.delete(item.seq);
    this.time = item.time;
    const saved = this.currentCause;
    this.currentCause = item.cause;
    try {
      item.run();
    } finally {
      this.currentCause = saved;
    }
    return item;
  }

  private less(a: QueueItem, b: QueueItem): boolean {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }

  private push(item: QueueItem): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): QueueItem | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last !== undefined) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
