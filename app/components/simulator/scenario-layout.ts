/**
 * Where each element goes in the topology and in which order the ladder draws their lifelines.
 * Positions given in the scenario win; otherwise a deterministic left-to-right layout: the first
 * user agent on the left, proxies and servers in between in scenario order, the other user agents
 * stacked on the right (in columns of at most four), and each registrar that a proxy or redirect
 * server reads placed under it. On a narrow screen (narrowLayout) the same columns become rows, top
 * to bottom, at most two elements side by side, so that the names stay readable without zooming out.
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
  /** Row pitch of a layout in rows (for curving edges that skip rows); none in the wide one. */
  rowPitch?: number;
}

export const COLUMN_WIDTH = 230;
/** Vertical distance between stacked user agents, and from a proxy down to its registrar. */
const STACK = 100;
const BELOW = 105;
/** At most this many user agents stacked in one column. */
const STACK_MAX = 4;

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
  for (let i = 0; i < others.length; i += STACK_MAX) columns.push(others.slice(i, i + STACK_MAX));

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

/** Horizontal and vertical distance between compact nodes in the narrow layout. */
export const NARROW_SLOT = 152;
export const NARROW_ROW = 82;

/**
 * The narrow layout: the wide layout's columns (elements sharing an x, taken left to right) become
 * rows, top to bottom, each split into rows of at most two elements side by side (top to bottom
 * within a column first). One element alone in its row sits in the middle.
 */
export function narrowLayout(wide: ScenarioLayout): ScenarioLayout {
  const columns = new Map<number, { name: string; y: number }[]>();
  for (const name of wide.order) {
    const p = wide.positions.get(name) ?? { x: 0, y: 0 };
    const x = Math.round(p.x / 10);
    const column = columns.get(x) ?? [];
    column.push({ name, y: p.y });
    columns.set(x, column);
  }
  const positions = new Map<string, Point>();
  let row = 0;
  for (const x of [...columns.keys()].sort((a, b) => a - b)) {
    const column = columns.get(x)!.sort((a, b) => a.y - b.y);
    for (let i = 0; i < column.length; i += 2) {
      const pair = column.slice(i, i + 2);
      pair.forEach((e, j) => {
        const slot = pair.length === 1 ? 0.5 : j;
        positions.set(e.name, { x: slot * NARROW_SLOT, y: row * NARROW_ROW });
      });
      row++;
    }
  }
  return { positions, order: wide.order, columnWidth: NARROW_SLOT, rowPitch: NARROW_ROW };
}
