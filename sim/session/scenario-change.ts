/**
 * A change a student or instructor makes to a scenario while exploring it — fault rules, a link's
 * latency or loss, an element's settings — applied to a copy of the scenario. Pure data in and out, so
 * the page can show a change in its forms at once while the run that goes with it is rebuilt elsewhere.
 */
import type { FaultRule } from '../network';
import type { Scenario } from '../scenario';

/** Changes a student or instructor can make to a scenario while exploring it. */
export interface ScenarioChange {
  /** Replace the fault rules. */
  faults?: FaultRule[];
  /** Set a link's latency or loss (created when absent). */
  link?: { a: string; b: string; latencyMs?: number; loss?: number };
  /** Change an element's settings (e.g. { recordRoute: true }, { kind: 'stateless-proxy' }). */
  element?: { name: string; settings: Record<string, unknown> };
}

export function applyChange(scenario: Scenario, change: ScenarioChange): Scenario {
  const next: Scenario = structuredClone(scenario);
  if (change.faults) next.faults = change.faults.map((f) => ({ ...f }));
  if (change.link) {
    const { a, b } = change.link;
    const existing = next.links.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a));
    if (existing) {
      if (change.link.latencyMs !== undefined) existing.latencyMs = change.link.latencyMs;
      if (change.link.loss !== undefined) existing.loss = change.link.loss;
    } else {
      next.links.push({
        a,
        b,
        latencyMs: change.link.latencyMs ?? next.defaultLatencyMs,
        loss: change.link.loss ?? 0,
      });
    }
  }
  if (change.element) {
    const i = next.elements.findIndex((e) => e.name === change.element!.name);
    if (i >= 0)
      next.elements[i] = {
        ...next.elements[i]!,
        ...change.element.settings,
      } as Scenario['elements'][number];
  }
  return next;
}
