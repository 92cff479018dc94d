/**
 * Where each element goes in the topology and in which order the ladder draws their lifelines.
 * Positions given in the scenario win; otherwise a deterministic left-to-right layout: the first
 * user agent on the left, proxies and servers in between in scenario order, the other user agents
 * stacked on the right, and each registrar that a proxy or redirect server reads placed under it.
 */
import type { ScenarioElement } from '@/sim/scenario';

export interface Point {
  x: number;
  y: number;
}

export interface ScenarioLayout {
  positions: ReadonlyMap<string, Point>;
  /** Element names, left to right: the ladder's lifelines. */
  order: readonly string[];
  /** Column width used by the layout (for curving edges that skip columns). */
  columnWidth: number;
}

export const COLUMN_WIDTH = 230;
/** Vertical distance between stacked user agents, and from a proxy down to its registrar. */
const STACK = 100;
const BELOW = 105;

export function layoutScenario(elements: readonly ScenarioElement[]): ScenarioLayout {
  const referenced = new Set<string>();
  for (const e of elements)
    if (e.kind !== 'user-agent' && 'registrar' in e && e.registrar !== undefined)
      referenced.add(e.registrar);

  const agents = elements.filter((e) => e.kind === 'user-agent');
  const attached = elements.filter((e) => e.kind === 'registrar' && referenced.has(e.name));
  const servers = elements.filter(
    (e) => e.kind !== 'user-agent' && !(e.kind === 'registrar' && referenced.has(e.name)),
  );

  const columns: ScenarioElement[][] = [];
  const [first, ...others] = agents;
  if (first) columns.push([first]);
  for (const s of servers) columns.push([s]);
  if (others.length > 0) columns.push(others);

  const auto = new Map<string, Point>();
  columns.forEach((column, c) => {
    column.forEach((e, i) => {
      auto.set(e.name, { x: c * COLUMN_WIDTH, y: (i - (column.length - 1) / 2) * STACK });
    });
  });
  for (const r of attached) {
    const host = elements.find(
      (e) => e.kind !== 'user-agent' && 'registrar' in e && e.registrar === r.name,
    );
    const at = (host && auto.get(host.name)) ?? { x: columns.length * COLUMN_WIDTH, y: 0 };
    auto.set(r.name, { x: at.x, y: at.y + BELOW });
  }

  const positions = new Map<string, Point>();
  for (const e of elements) positions.set(e.name, e.position ?? auto.get(e.name) ?? { x: 0, y: 0 });

  const allGiven = elements.every((e) => e.position !== undefined);
  const order = allGiven
    ? [...elements]
        .sort((a, b) => a.position!.x - b.position!.x || a.position!.y - b.position!.y)
        .map((e) => e.name)
    : [...columns.flat(), ...attached].map((e) => e.name);

  return { positions, order, columnWidth: COLUMN_WIDTH };
}
