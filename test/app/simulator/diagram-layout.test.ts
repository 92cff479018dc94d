// The diagram's layout of every catalogued machine (RFC 3261 §17 Figures 5–8, §12): each state drawn
// once inside the picture, no two boxes overlapping, each transition on exactly one numbered arrow.
import { describe, expect, it } from 'vitest';
import { layoutMachine } from '../../../app/components/simulator/diagram/diagram-layout';
import { machineGraphOf, machineIds } from '../../../sim/elements';

describe.each(machineIds())('layout of %s', (id) => {
  const graph = machineGraphOf(id)!;
  const layout = layoutMachine(graph);

  it('draws every state once, inside the picture, without overlaps', () => {
    expect(layout.nodes.map((n) => n.state.path).sort()).toEqual(
      graph.states.map((s) => s.path).sort(),
    );
    for (const n of layout.nodes) {
      expect(n.cx - n.w / 2).toBeGreaterThanOrEqual(0);
      expect(n.cx + n.w / 2).toBeLessThanOrEqual(layout.width);
      expect(n.y + n.h).toBeLessThanOrEqual(layout.height);
    }
    for (const a of layout.nodes)
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart =
          a.cx + a.w / 2 <= b.cx - b.w / 2 ||
          b.cx + b.w / 2 <= a.cx - a.w / 2 ||
          a.y + a.h <= b.y ||
          b.y + b.h <= a.y;
        expect(apart, `${a.state.path} / ${b.state.path}`).toBe(true);
      }
  });

  it('puts each transition on one arrow, numbered 1… in graph order', () => {
    const routed = layout.routes.flatMap((r) => r.edges.map((e) => e.id));
    expect(routed.sort()).toEqual(graph.edges.map((e) => e.id).sort());
    const numbers = layout.routes.flatMap((r) => r.numbers).sort((a, b) => a - b);
    expect(numbers).toEqual(graph.edges.filter((e) => e.source !== '').map((_, i) => i + 1));
    for (const r of layout.routes) {
      expect(r.badge.x).toBeGreaterThanOrEqual(0);
      expect(r.badge.x).toBeLessThanOrEqual(layout.width);
    }
  });

  it('puts the initial state in the top row', () => {
    const initial = layout.nodes.find((n) => n.state.path === graph.initial)!;
    expect(initial.layer).toBe(0);
  });
});
