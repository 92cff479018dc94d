/**
 * Where a machine's drawing puts its states and arrows (RFC 3261 §17 Figures 5–8, §12), computed from
 * the machine graph (read from the XState definition): states in rows by how far they are from the
 * initial one (longest path, back edges left out), arrows between them, parallel arrows merged into
 * one with all their numbers, a loop for transitions that stay in their state. Pure geometry, no
 * React: the diagram component draws what this returns.
 */
import type { GraphEdge, GraphState, MachineGraph } from '@/sim/transaction';

export interface NodeBox {
  state: GraphState;
  /** Centre x, top y. */
  cx: number;
  y: number;
  w: number;
  h: number;
  layer: number;
}

export interface EdgeRoute {
  /** The graph edges this arrow stands for (parallel transitions share one arrow). */
  edges: GraphEdge[];
  /** Their numbers in the transition list (1-based, graph order). */
  numbers: number[];
  /** SVG path data. */
  d: string;
  /** Where the numbers sit. */
  badge: { x: number; y: number };
  kind: 'forward' | 'back' | 'loop' | 'init';
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: NodeBox[];
  routes: EdgeRoute[];
}

const NODE_H = 38;
const PSEUDO = 14;
const ROW = 76;
const TOP = 30;
const GAP = 36;
const CHAR_W = 7.4;
/** Width of one character of a badge's numbers and of a choice's name (the drawing's small text). */
const SMALL_CHAR_W = 6.6;

function nodeWidth(s: GraphState): number {
  return s.pseudo ? PSEUDO : Math.max(110, Math.round(s.name.length * CHAR_W + 28));
}

/** The room a state takes in its row: a choice's name is written beside its diamond. */
function roomOf(s: GraphState): number {
  return nodeWidth(s) + (s.pseudo ? 4 + s.name.length * SMALL_CHAR_W : 0);
}

/** Layers by longest path from the initial state over the graph without its back edges. */
function layers(graph: MachineGraph): Map<string, number> {
  const out = new Map<string, string[]>();
  for (const s of graph.states) out.set(s.path, []);
  for (const e of graph.edges)
    if (e.source !== '' && e.source !== e.target && out.has(e.target))
      out.get(e.source)?.push(e.target);
  // Depth-first from the initial state (then any state not reached): an edge to a state on the
  // stack is a back edge.
  const back = new Set<string>();
  const mark = new Map<string, 'open' | 'done'>();
  const order: string[] = [];
  const visit = (p: string): void => {
    mark.set(p, 'open');
    for (const t of out.get(p) ?? []) {
      const m = mark.get(t);
      if (m === 'open') back.add(`${p}\u0000${t}`);
      else if (m === undefined) visit(t);
    }
    mark.set(p, 'done');
    order.push(p);
  };
  if (out.has(graph.initial)) visit(graph.initial);
  for (const s of graph.states) if (!mark.has(s.path)) visit(s.path);
  const layer = new Map<string, number>();
  for (const p of order.reverse()) {
    const l = layer.get(p) ?? 0;
    layer.set(p, l);
    for (const t of out.get(p) ?? [])
      if (!back.has(`${p}\u0000${t}`)) layer.set(t, Math.max(layer.get(t) ?? 0, l + 1));
  }
  return layer;
}

const num = (n: number): string => String(Math.round(n * 10) / 10);

/** A rectangle: left, top, width, height. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The pill a route's numbers are drawn in (MachineDiagram draws it from the same figures). */
export function badgeRect(route: Pick<EdgeRoute, 'badge' | 'numbers'>): Rect {
  const w = route.numbers.join(',').length * SMALL_CHAR_W + 10;
  return { x: route.badge.x - w / 2, y: route.badge.y - 8, w, h: 16 };
}

/** What a state takes in the picture: its box, and for a choice its name written beside it. */
export function stateRect(node: NodeBox): Rect {
  const box = { x: node.cx - node.w / 2, y: node.y, w: node.w, h: node.h };
  if (!node.state.pseudo) return box;
  return {
    ...box,
    w: node.w + 4 + node.state.name.length * SMALL_CHAR_W,
    y: node.y - 1,
    h: node.h + 2,
  };
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Nearby places for a badge, nearest first: along its arrow's row, then up and down, then aside. */
const NUDGES: readonly (readonly [number, number])[] = (() => {
  const out: [number, number][] = [];
  for (const dy of [0, -12, 12, -22, 22, -32, 32])
    for (const dx of [0, -18, 18, -36, 36, -54, 54]) out.push([dx, dy]);
  // Nearest first (by distance; along the row before across it when equal).
  return out.sort((a, b) => Math.hypot(a[0], a[1] * 1.2) - Math.hypot(b[0], b[1] * 1.2));
})();

/**
 * Moves each badge off the states, the choices' names and the badges placed before it, to the
 * nearest free place of NUDGES (it stays where its arrow put it when none is free).
 */
function placeBadges(routes: EdgeRoute[], nodes: Iterable<NodeBox>, width: number): void {
  const taken: Rect[] = [...nodes].map(stateRect);
  for (const r of routes) {
    if (r.kind === 'init') continue;
    const { x, y } = r.badge;
    for (const [dx, dy] of NUDGES) {
      const rect = badgeRect({ numbers: r.numbers, badge: { x: x + dx, y: y + dy } });
      if (rect.x < 0 || rect.x + rect.w > width) continue;
      if (taken.some((t) => overlaps(t, rect))) continue;
      r.badge = { x: x + dx, y: y + dy };
      break;
    }
    taken.push(badgeRect(r));
  }
}

/** The drawing's geometry for a machine graph. */
export function layoutMachine(graph: MachineGraph): DiagramLayout {
  const layer = layers(graph);
  const rows: GraphState[][] = [];
  for (const s of graph.states) (rows[layer.get(s.path) ?? 0] ??= []).push(s);
  const rowWidths = rows.map(
    (r) => (r ?? []).reduce((w, s) => w + roomOf(s), 0) + GAP * ((r ?? []).length - 1),
  );
  const width = Math.max(300, ...rowWidths) + 130;
  const nodes = new Map<string, NodeBox>();
  rows.forEach((row, i) => {
    if (!row) return;
    let x = (width - rowWidths[i]!) / 2;
    for (const s of row) {
      const w = nodeWidth(s);
      const h = s.pseudo ? PSEUDO : NODE_H;
      nodes.set(s.path, {
        state: s,
        cx: x + w / 2,
        y: TOP + i * ROW + (NODE_H - h) / 2,
        w,
        h,
        layer: i,
      });
      x += roomOf(s) + GAP;
    }
  });
  const height = TOP + (rows.length - 1) * ROW + NODE_H + 24;

  // Group the edges by (source, target), numbering them in graph order (the arrow that creates the
  // machine is not numbered in the list: it has its own arrow from the start dot).
  const groups = new Map<string, { edges: GraphEdge[]; numbers: number[] }>();
  let n = 0;
  for (const e of graph.edges) {
    const key = `${e.source}\u0000${e.target}`;
    const g = groups.get(key) ?? { edges: [], numbers: [] };
    g.edges.push(e);
    if (e.source !== '') g.numbers.push(++n);
    groups.set(key, g);
  }

  // Fan-out: the forward arrows leaving (entering) a node spread along its bottom (top) side.
  const outs = new Map<string, string[]>();
  const ins = new Map<string, string[]>();
  for (const key of groups.keys()) {
    const [s, t] = key.split('\u0000') as [string, string];
    const a = nodes.get(s);
    const b = nodes.get(t);
    if (!a || !b || s === t || b.layer <= a.layer) continue;
    (outs.get(s) ?? outs.set(s, []).get(s)!).push(key);
    (ins.get(t) ?? ins.set(t, []).get(t)!).push(key);
  }
  const portX = (
    list: Map<string, string[]>,
    node: string,
    key: string,
    other: (k: string) => number,
  ): number => {
    const box = nodes.get(node)!;
    const keys = [...(list.get(node) ?? [])].sort((x, y) => other(x) - other(y));
    const i = keys.indexOf(key);
    const step = Math.min(18, box.w / (keys.length + 1));
    return box.cx + (i - (keys.length - 1) / 2) * step;
  };
  const cxOf = (p: string): number => nodes.get(p)?.cx ?? 0;

  const routes: EdgeRoute[] = [];
  let backs = 0;
  for (const [key, g] of groups) {
    const [s, t] = key.split('\u0000') as [string, string];
    const b = nodes.get(t);
    if (!b) continue;
    if (s === '') {
      const y0 = b.y - 22;
      routes.push({
        ...g,
        d: `M${num(b.cx)},${num(y0)} L${num(b.cx)},${num(b.y)}`,
        badge: { x: b.cx, y: y0 },
        kind: 'init',
      });
      continue;
    }
    const a = nodes.get(s);
    if (!a) continue;
    if (s === t) {
      const x = a.cx + a.w / 2;
      const y = a.y + a.h / 2;
      routes.push({
        ...g,
        d: `M${num(x)},${num(y - 8)} C${num(x + 34)},${num(y - 30)} ${num(x + 34)},${num(y + 30)} ${num(x)},${num(y + 8)}`,
        // Its numbers start just right of the loop, however many there are.
        badge: { x: x + 22 + (g.numbers.join(',').length * SMALL_CHAR_W + 10) / 2, y },
        kind: 'loop',
      });
      continue;
    }
    if (b.layer > a.layer) {
      const x0 = portX(outs, s, key, (k) => cxOf(k.split('\u0000')[1]!));
      const x1 = portX(ins, t, key, (k) => cxOf(k.split('\u0000')[0]!));
      const y0 = a.y + a.h;
      const y1 = b.y;
      const span = b.layer - a.layer;
      // Over more than one row the arrow bows out, to the side it leans to, past the rows between.
      const lean = x1 === x0 ? (a.cx >= width / 2 ? 1 : -1) : Math.sign(x1 - x0);
      const bow = span > 1 ? lean * (40 + 30 * (span - 1)) : 0;
      const cx = (x0 + x1) / 2 + bow * 2;
      const cy = (y0 + y1) / 2;
      routes.push({
        ...g,
        d: `M${num(x0)},${num(y0)} Q${num(cx)},${num(cy)} ${num(x1)},${num(y1)}`,
        badge: { x: 0.25 * x0 + 0.5 * cx + 0.25 * x1, y: cy },
        kind: 'forward',
      });
      continue;
    }
    // Back (or sideways): from the left side of one to the left side of the other, bowing left.
    backs++;
    const x0 = a.cx - a.w / 2;
    const x1 = b.cx - b.w / 2;
    const y0 = a.y + a.h / 2;
    const y1 = b.y + b.h / 2;
    const cx = Math.min(x0, x1) - 36 - 14 * backs;
    const cy = (y0 + y1) / 2;
    routes.push({
      ...g,
      d: `M${num(x0)},${num(y0)} Q${num(cx)},${num(cy)} ${num(x1)},${num(y1)}`,
      badge: { x: 0.25 * x0 + 0.5 * cx + 0.25 * x1, y: cy },
      kind: 'back',
    });
  }
  placeBadges(routes, nodes.values(), width);
  return { width, height, nodes: [...nodes.values()], routes };
}
