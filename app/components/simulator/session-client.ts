'use client';

/**
 * Where the simulator's session runs: in a Web Worker (session.worker.ts) when the browser has them,
 * else in the page itself behind the same asynchronous interface. Either way the page only sends
 * requests and draws the updates (sim/session SessionHost).
 */
import { wrap, releaseProxy } from 'comlink';
import type { TraceEvent } from '@/sim/network';
import type { Finding } from '@/sim/rules';
import type { Scenario } from '@/sim/scenario';
import type { HostUpdate, ScenarioChange, SessionHost } from '@/sim/session';

/** The host's methods (sim/session SessionHost), all answered asynchronously. */
export interface SessionRemote {
  open(scenario: Scenario, startStep?: number): Promise<HostUpdate>;
  goTo(n: number, revision: number, known: number): Promise<HostUpdate>;
  change(change: ScenarioChange, position?: number): Promise<HostUpdate>;
  stepOfEvent(id: number): Promise<number | undefined>;
  trace(revision: number, from: number, to: number): Promise<TraceEvent[]>;
  countTotal(revision: number): Promise<number | undefined>;
  findings(revision: number): Promise<Finding[] | undefined>;
}

export interface SessionConnection {
  host: SessionRemote;
  /** Stops the worker (the widget left the page). */
  close(): void;
}

/**
 * Without workers: the same host on the page, loaded only then (the simulator's code stays out of the
 * page's own JavaScript).
 */
function inPage(): SessionConnection {
  let made: Promise<SessionHost> | undefined;
  const host = (): Promise<SessionHost> =>
    (made ??= import('@/sim/session').then(
      (m) => new m.SessionHost(() => new Promise<void>((resolve) => window.setTimeout(resolve, 0))),
    ));
  const remote: SessionRemote = {
    open: async (...a) => (await host()).open(...a),
    goTo: async (...a) => (await host()).goTo(...a),
    change: async (...a) => (await host()).change(...a),
    stepOfEvent: async (...a) => (await host()).stepOfEvent(...a),
    trace: async (...a) => (await host()).trace(...a),
    countTotal: async (...a) => (await host()).countTotal(...a),
    findings: async (...a) => (await host()).findings(...a),
  };
  return { host: remote, close: () => {} };
}

export function connectSession(): SessionConnection {
  if (typeof Worker === 'undefined') return inPage();
  try {
    const worker = new Worker(new URL('./session.worker.ts', import.meta.url), { type: 'module' });
    const remote = wrap<SessionHost>(worker);
    // comlink's Remote<SessionHost> is exactly these methods made asynchronous.
    return {
      host: remote as unknown as SessionRemote,
      close: () => {
        remote[releaseProxy]();
        worker.terminate();
      },
    };
  } catch {
    return inPage();
  }
}
