// The diagram's layout of every catalogued machine (RFC 3261 §17 Figures 5–8, §12): each state drawn
// once inside the picture, no two boxes overlapping, each transition on exactly one numbered arrow.
import { describe, expect, it } from 'vitest';
import {
  badgeRect,
  layoutMachine,
  overlaps,
  stateRect,
} from '../../../app/components/simulator/diagram/diagram-layout';
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
    // A choice's name, written beside its diamond, counts as part of it.
    for (const a of layout.nodes)
      for (const b of layout.nodes) {
        if (a === b) continue;
        expect(overlaps(stateRect(a), stateRect(b)), `${a.state.path} / ${b.state.path}`).toBe(
          false,
        );
      }
  });

  it('puts no arrow’s numbers on a state, a choice’s name or another arrow’s numbers', () => {
    const states = layout.nodes.map((n) => ({ name: n.state.path, rect: stateRect(n) }));
    const badges = layout.routes
      .filter((r) => r.kind !== 'init')
      .map((r) => ({ name: r.numbers.join(','), rect: badgeRect(r) }));
    const clashes: string[] = [];
    badges.forEach((b, i) => {
      for (const s of states) if (overlaps(b.rect, s.rect)) clashes.push(`${b.name} on ${s.name}`);
      for (const o of badges.slice(i + 1))
        if (overlaps(b.rect, o.rect)) clashes.push(`${b.name} on ${o.name}`);
      expect(b.rect.x).toBeGreaterThanOrEqual(0);
      expect(b.rect.x + b.rect.w).toBeLessThanOrEqual(layout.width);
    });
    expect(clashes).toEqual([]);
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
