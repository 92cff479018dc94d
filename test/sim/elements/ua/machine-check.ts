/** Checks shared by the user agent's machine tests: the edges a machine took are in its drawing. */
import { expect } from 'vitest';
import { machineGraphOf } from '../../../../sim/elements';
import type { MachineInstance } from '../../../../sim/transaction';

/** The instance's state, after checking that the transition it last took is drawn. */
export function drawnState(view: MachineInstance): string {
  const graph = machineGraphOf(view.machine);
  expect(graph, view.machine).toBeDefined();
  expect(graph!.states.map((s) => s.path)).toContain(view.state);
  const ids = new Set(graph!.edges.map((e) => e.id));
  for (const edge of view.last?.edges ?? []) expect(ids, edge).toContain(edge);
  return view.state;
}
