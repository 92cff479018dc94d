'use client';

/**
 * Runs simulation work (run-protocol.ts) in a Web Worker with a time limit. A newer request for the
 * same runner replaces an older one (the worker is stopped and started again), and a run that takes
 * longer than the limit is stopped with a clear message: a hostile lab cannot freeze the tab. Where
 * workers are not available, the work runs on the page after a tick.
 */
import { computeRun, type RunRequest, type RunResponse } from './run-protocol';

/** A run longer than this is stopped. */
export const RUN_TIME_LIMIT_MS = 30_000;

interface Pending {
  id: number;
  resolve: (r: RunResponse) => void;
  timer: number;
}

export class LabRunner {
  private worker: Worker | null = null;
  private pending: Pending | null = null;
  private nextId = 1;
  private workerFailed = false;

  private start(): Worker | null {
    if (this.worker || this.workerFailed) return this.worker;
    try {
      const w = new Worker(new URL('./lab.worker.ts', import.meta.url));
      w.onmessage = (e: MessageEvent<{ id: number; response: RunResponse }>) => {
        const p = this.pending;
        if (!p || p.id !== e.data.id) return;
        window.clearTimeout(p.timer);
        this.pending = null;
        p.resolve(e.data.response);
      };
      w.onerror = (e) => {
        e.preventDefault();
        const p = this.pending;
        this.stop();
        this.workerFailed = true;
        if (p) p.resolve({ ok: false, error: `The simulation stopped: ${e.message}`, issues: [] });
      };
      this.worker = w;
    } catch {
      this.workerFailed = true;
    }
    return this.worker;
  }

  /** Stops the worker (and the run in it), answering the pending request as cancelled. */
  stop(): void {
    if (this.pending) {
      window.clearTimeout(this.pending.timer);
      this.pending.resolve({ ok: false, error: 'cancelled', issues: [], cancelled: true });
      this.pending = null;
    }
    this.worker?.terminate();
    this.worker = null;
  }

  run(request: RunRequest, limitMs = RUN_TIME_LIMIT_MS): Promise<RunResponse> {
    // A run already going is replaced: its worker is stopped.
    if (this.pending) this.stop();
    const worker = this.start();
    if (!worker)
      return new Promise((resolve) => window.setTimeout(() => resolve(computeRun(request)), 0));
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = window.setTimeout(() => {
        this.pending = null;
        this.worker?.terminate();
        this.worker = null;
        resolve({
          ok: false,
          error: `The simulation ran for more than ${RUN_TIME_LIMIT_MS / 1000} s and was stopped. The lab asks for too much work (a lab may run at most one hour of simulated time and 20,000 steps).`,
          issues: [],
        });
      }, limitMs);
      this.pending = { id, resolve, timer };
      worker.postMessage({ id, request });
    });
  }
}
