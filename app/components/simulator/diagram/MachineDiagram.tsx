'use client';

/**
 * One machine instance drawn live (RFC 3261 §17 Figures 5–8, §12): its states and transitions laid
 * out from the machine's own definition, the current state highlighted (aria-current), the
 * transition just taken marked and linked to the trace event that caused it, the timers running shown
 * on the current state with the virtual time left. Transitions are numbered on the drawing and
 * labelled in the list below it as the RFC's figures label them ("Timer A fires / Reset A, INVITE
 * sent").
 */
import { useMemo } from 'react';
import type { MachineSnapshot } from '@/sim/elements';
import { machineGraphOf } from '@/sim/elements/machine-catalogue';
import type { GraphEdge, MachineGraph } from '@/sim/transaction';
import { formatRemaining } from '../format';
import {
  badgeRect,
  layoutMachine,
  type DiagramLayout,
  type EdgeRoute,
  type NodeBox,
} from './diagram-layout';

/** The SVG rectangle of a route's numbers. */
function pill(r: EdgeRoute): { x: number; y: number; width: number; height: number } {
  const { x, y, w, h } = badgeRect(r);
  return { x, y, width: w, height: h };
}

const layouts = new WeakMap<MachineGraph, DiagramLayout>();

function layoutOf(graph: MachineGraph): DiagramLayout {
  let l = layouts.get(graph);
  if (!l) {
    l = layoutMachine(graph);
    layouts.set(graph, l);
  }
  return l;
}

function stateName(graph: MachineGraph, path: string): string {
  return graph.states.find((s) => s.path === path)?.name ?? (path === '' ? 'start' : path);
}

function timerText(m: MachineSnapshot): string {
  return m.timers.map((t) => `${t.name} ${formatRemaining(t.remainingMs)}`).join(' · ');
}

function StateBox({ node, current, timers }: { node: NodeBox; current: boolean; timers: string }) {
  const { state, cx, y, w, h } = node;
  const x = cx - w / 2;
  const cls = `sim-dg-state${current ? ' sim-dg-current' : ''}${state.final ? ' sim-dg-final' : ''}`;
  if (state.pseudo) {
    // A choice (an eventless transition out of a transient state): a small diamond, named beside it.
    const r = h / 2;
    const cy = y + r;
    return (
      <g
        className={`${cls} sim-dg-pseudo`}
        data-state={state.path}
        aria-current={current || undefined}
      >
        <path d={`M${cx},${cy - r} L${cx + r},${cy} L${cx},${cy + r} L${cx - r},${cy} Z`} />
        <text x={cx + r + 4} y={cy + 3.5} textAnchor="start" className="sim-dg-pseudo-name">
          {state.name}
        </text>
      </g>
    );
  }
  return (
    <g className={cls}>
      {/* The state itself: its text is its name (the timers are drawn beside it, not in it). */}
      <g data-state={state.path} aria-current={current || undefined}>
        <rect x={x} y={y} width={w} height={h} rx={9} />
        {state.final ? (
          <rect x={x + 3} y={y + 3} width={w - 6} height={h - 6} rx={7} className="sim-dg-inner" />
        ) : null}
        <text x={cx} y={current && timers ? y + 16 : y + h / 2 + 4.5} textAnchor="middle">
          {state.name}
        </text>
      </g>
      {current && timers ? (
        <text
          x={cx}
          y={y + 30}
          textAnchor="middle"
          className="sim-dg-timers"
          aria-hidden="true"
          {...(timers.length * 6 > w - 10
            ? { textLength: w - 10, lengthAdjust: 'spacingAndGlyphs' }
            : {})}
        >
          {timers}
        </text>
      ) : null}
    </g>
  );
}

export function MachineDiagram({
  machine,
  onSelectEvent,
}: {
  machine: MachineSnapshot;
  onSelectEvent: (id: number) => void;
}) {
  const graph = machineGraphOf(machine.machine);
  const layout = useMemo(() => (graph ? layoutOf(graph) : undefined), [graph]);
  if (!graph || !layout) {
    return (
      <p className="sim-muted sim-small">
        {machine.label}: <span className="sim-state-name">{machine.state}</span> (no drawing for “
        {machine.machine}”)
      </p>
    );
  }
  const taken = new Set(machine.last?.edges ?? []);
  const timers = timerText(machine);
  const numbered = graph.edges.filter((e) => e.source !== '');
  const numberOf = new Map(numbered.map((e, i) => [e.id, i + 1]));
  const fromHere = numbered.filter((e) => e.source === machine.state);
  const last = machine.last;
  const takenEdges = graph.edges.filter((e) => taken.has(e.id));
  const titleId = `dg-${machine.machine}-${machine.id}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const edgeItem = (e: GraphEdge) => (
    <li key={e.id} className={taken.has(e.id) ? 'sim-dg-taken-item' : undefined}>
      <span className="sim-dg-num">{numberOf.get(e.id)}</span> {stateName(graph, e.source)} →{' '}
      {stateName(graph, e.target)}: <span className="sim-dg-label">{e.label}</span>
    </li>
  );
  return (
    <figure
      className={`sim-dg${machine.done ? ' sim-dg-done' : ''}`}
      data-machine={machine.machine}
      data-instance={machine.id}
      aria-labelledby={titleId}
    >
      <figcaption id={titleId}>
        <strong>{machine.label}</strong>{' '}
        <span className="sim-muted sim-small">
          {graph.source} · in{' '}
          <span className="sim-state-name">{stateName(graph, machine.state)}</span>
          {timers ? <> · {timers} left</> : null}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        className="sim-dg-svg"
        role="group"
        aria-label={`${graph.title}: states`}
        style={{ maxWidth: `${layout.width}px` }}
      >
        <defs>
          <marker
            id="sim-dg-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" className="sim-dg-arrowhead" />
          </marker>
          <marker
            id="sim-dg-arrow-taken"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" className="sim-dg-arrowhead-taken" />
          </marker>
        </defs>
        {layout.routes.map((r) => {
          const on = r.edges.some((e) => taken.has(e.id));
          return (
            <g
              key={r.edges[0]!.id}
              className={`sim-dg-edge${on ? ' sim-dg-taken' : ''}`}
              data-taken={on || undefined}
            >
              <title>{r.edges.map((e) => e.label).join('\n')}</title>
              <path d={r.d} markerEnd={`url(#${on ? 'sim-dg-arrow-taken' : 'sim-dg-arrow'})`} />
              {r.kind === 'init' ? (
                <circle cx={r.badge.x} cy={r.badge.y} r={4} className="sim-dg-start" />
              ) : (
                <g className="sim-dg-badge" aria-hidden="true">
                  <rect {...pill(r)} rx={8} />
                  <text x={r.badge.x} y={r.badge.y + 3.5} textAnchor="middle">
                    {r.numbers.join(',')}
                  </text>
                </g>
              )}
            </g>
          );
        })}
        {layout.nodes.map((n) => (
          <StateBox
            key={n.state.path}
            node={n}
            current={n.state.path === machine.state}
            timers={timers}
          />
        ))}
      </svg>
      {last ? (
        <p className="sim-dg-last sim-small">
          <span className="sim-muted">Just taken:</span>{' '}
          {last.from === ''
            ? `created in ${stateName(graph, last.to)}`
            : `${stateName(graph, last.from)} → ${stateName(graph, last.to)}`}
          {takenEdges.length > 0 ? (
            <>
              {' '}
              (
              {takenEdges.map((e, i) => (
                <span key={e.id}>
                  {i > 0 ? '; ' : ''}
                  {e.source !== '' ? (
                    <span className="sim-dg-num">{numberOf.get(e.id)}</span>
                  ) : null}{' '}
                  {e.label}
                </span>
              ))}
              )
            </>
          ) : null}
          {last.traceId !== undefined ? (
            <>
              {' '}
              <button
                type="button"
                className="sim-link-button"
                onClick={() => onSelectEvent(last.traceId!)}
                title="Show the trace event that caused this transition in the inspector"
              >
                caused by event #{last.traceId}
              </button>
            </>
          ) : null}
        </p>
      ) : null}
      {fromHere.length > 0 ? (
        <div className="sim-small">
          <span className="sim-muted">What can happen in {stateName(graph, machine.state)}:</span>
          <ul className="sim-dg-list">{fromHere.map(edgeItem)}</ul>
        </div>
      ) : null}
      <details className="sim-dg-all sim-small">
        <summary>All {numbered.length} transitions</summary>
        <ol className="sim-dg-list">{numbered.map(edgeItem)}</ol>
      </details>
    </figure>
  );
}
