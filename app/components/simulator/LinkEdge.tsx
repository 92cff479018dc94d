'use client';

/**
 * A topology edge: a configured link (labelled with its latency and loss) or, dashed, a path two
 * elements used without one. It draws the messages in flight on it as labelled dots, and a ✗ at its
 * middle for a message lost in this step. Edges float: they end at the nodes' borders, and curve
 * over the columns they skip.
 */
import {
  BaseEdge,
  EdgeLabelRenderer,
  useInternalNode,
  type Edge,
  type EdgeProps,
  type InternalNode,
} from '@xyflow/react';
import { flightOf, useFlight } from './flight';

export type LinkEdgeType = Edge<
  { configured: boolean; latencyMs: number; loss: number; bend: number },
  'link'
>;

interface Pt {
  x: number;
  y: number;
}

function center(n: InternalNode): Pt {
  return {
    x: n.internals.positionAbsolute.x + (n.measured.width ?? 0) / 2,
    y: n.internals.positionAbsolute.y + (n.measured.height ?? 0) / 2,
  };
}

/** Where the line from a node's centre toward `to` leaves the node's box (plus a small gap). */
function border(n: InternalNode, to: Pt): Pt {
  const c = center(n);
  const w = (n.measured.width ?? 0) / 2 + 4;
  const h = (n.measured.height ?? 0) / 2 + 4;
  const dx = to.x - c.x;
  const dy = to.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const k = Math.min(
    dx === 0 ? Infinity : w / Math.abs(dx),
    dy === 0 ? Infinity : h / Math.abs(dy),
  );
  return { x: c.x + dx * k, y: c.y + dy * k };
}

function pointAt(p0: Pt, c: Pt, p1: Pt, t: number): Pt {
  const u = 1 - t;
  return {
    x: u * u * p0.x + 2 * u * t * c.x + t * t * p1.x,
    y: u * u * p0.y + 2 * u * t * c.y + t * t * p1.y,
  };
}

export function LinkEdge({ id, source, target, data }: EdgeProps<LinkEdgeType>) {
  const dots = useFlight((f) => flightOf.dots(f, id));
  const drops = useFlight((f) => flightOf.drops(f, id));
  const s = useInternalNode(source);
  const t = useInternalNode(target);
  if (!s || !t || !data) return null;
  const cs = center(s);
  const ct = center(t);
  const mid = { x: (cs.x + ct.x) / 2, y: (cs.y + ct.y) / 2 };
  const len = Math.hypot(ct.x - cs.x, ct.y - cs.y) || 1;
  // Control point: off the straight line by `bend`, along its normal.
  const control = {
    x: mid.x + (-(ct.y - cs.y) / len) * data.bend,
    y: mid.y + ((ct.x - cs.x) / len) * data.bend,
  };
  const p0 = border(s, data.bend === 0 ? ct : control);
  const p1 = border(t, data.bend === 0 ? cs : control);
  const path = `M ${p0.x} ${p0.y} Q ${control.x} ${control.y} ${p1.x} ${p1.y}`;
  const labelAt = pointAt(p0, control, p1, 0.5);

  const caption = data.configured
    ? `${data.latencyMs} ms${data.loss > 0 ? ` · loss ${Math.round(data.loss * 100)} %` : ''}`
    : `no link (${data.latencyMs} ms)`;

  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={data.configured ? 'sim-edge' : 'sim-edge sim-edge-unlinked'}
      />
      <EdgeLabelRenderer>
        <div
          className="sim-edge-label nodrag nopan"
          style={{
            // Below a horizontal link, beside a vertical one.
            transform:
              Math.abs(ct.y - cs.y) > Math.abs(ct.x - cs.x)
                ? `translate(0, -50%) translate(${labelAt.x + 6}px, ${labelAt.y}px)`
                : `translate(-50%, 0) translate(${labelAt.x}px, ${labelAt.y + 5}px)`,
          }}
        >
          {caption}
        </div>
      </EdgeLabelRenderer>
      {drops.map((d, i) => (
        <g
          key={`drop-${d.datagram}`}
          className="sim-edge-drop"
          transform={`translate(${labelAt.x} ${labelAt.y - i * 16})`}
        >
          <title>{d.detail}</title>
          <text className="sim-edge-drop-x" textAnchor="middle" y={6}>
            ✗
          </text>
          <text className="sim-dot-label" textAnchor="middle" y={-12}>
            {d.label} lost
          </text>
        </g>
      ))}
      {dots.map((d, i) => {
        const p = pointAt(p0, control, p1, d.forward ? d.progress : 1 - d.progress);
        return (
          <g
            key={`dot-${d.datagram}`}
            className={`sim-dot${d.retransmission ? ' sim-dot-retx' : ''}`}
            transform={`translate(${p.x} ${p.y})`}
          >
            <circle r={6} />
            <text className="sim-dot-label" textAnchor="middle" y={-11 - (i % 3) * 13}>
              {d.label}
              {d.retransmission ? ' (again)' : ''}
            </text>
          </g>
        );
      })}
    </>
  );
}
