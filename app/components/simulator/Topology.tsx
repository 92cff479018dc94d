'use client';

/**
 * The network drawn with React Flow: a node per element, an edge per link (dashed where two elements
 * talk without a configured link), and the messages in flight moving along the edges as the display
 * time advances toward the current step's virtual time. Text is never drawn below 11 px: the view
 * zooms out no further than that; on a narrow pane (a phone) the network is laid out top to bottom
 * with compact nodes, and in one column the pane is as tall as the drawing needs. What still does
 * not fit can be dragged into view.
 */
import {
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useNodesState,
  useReactFlow,
  useStore,
  type NodeTypes,
  type EdgeTypes,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type RefObject,
} from 'react';
import { ElementNode, type ElementNodeType } from './ElementNode';
import { KIND_LABELS } from './element-kind';
import {
  FlightStore,
  TopologyContext,
  computeFlight,
  edgeId,
  type TopologyContextValue,
} from './flight';
import { narrowLayout, type ScenarioLayout } from './scenario-layout';
import { LinkEdge, type LinkEdgeType } from './LinkEdge';
import { useDisplayTime } from './use-display-time';
import { useSession } from './use-session';

const NODE_TYPES: NodeTypes = { element: ElementNode };
const EDGE_TYPES: EdgeTypes = { link: LinkEdge };
/** The smallest text in the drawing is 12 px at zoom 1: zooming out below this would shrink it under 11 px. */
export const READABLE_ZOOM = 11 / 12;
const FIT = { padding: 0.08, maxZoom: 1, minZoom: READABLE_ZOOM } as const;
/** A pane narrower than this (px) lays the network out top to bottom. */
const NARROW_BELOW = 544;
/** Room around the drawing, px. */
const PAD = 20;
/** The nodes' sizes in px (simulator.css: .sim-node and .sim-node-compact), for sizing the pane. */
const NODE_SIZE = { full: { w: 152, h: 86 }, compact: { w: 136, h: 52 } };

/** The drawing's size at zoom 1. */
function extent(layout: ScenarioLayout, size: { w: number; h: number }): { w: number; h: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of layout.positions.values()) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  if (minX === Infinity) return { w: 0, h: 0 };
  // Curved edges and the labels of messages in flight reach a little beyond the nodes.
  return { w: maxX - minX + size.w, h: maxY - minY + size.h + 24 };
}

/** The width of an element, kept up to date. */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width ?? 0;
      setWidth((old) => (Math.abs(old - w) >= 1 ? w : old));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

const ARIA_LABELS = {
  'node.a11yDescription.default': 'An element of the simulated network.',
  'node.a11yDescription.keyboardDisabled': 'An element of the simulated network.',
  'edge.a11yDescription.default': 'A link between two elements.',
};

/** Fits the graph to the pane whenever the pane's size or the layout changes. */
function FitOnResize({ layoutKey }: { layoutKey: string }) {
  const { fitView } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const ready = useNodesInitialized();
  useEffect(() => {
    if (!ready || width <= 0 || height <= 0) return;
    // After the nodes moved to a new layout, fit once they are drawn there.
    const frame = requestAnimationFrame(() => void fitView(FIT));
    return () => cancelAnimationFrame(frame);
  }, [ready, width, height, fitView, layoutKey]);
  return null;
}

function TopologyView({
  layout,
  draggable,
  compact,
  pannable,
}: {
  layout: ScenarioLayout;
  draggable: boolean;
  /** Compact nodes (name and address only), for a narrow pane. */
  compact: boolean;
  /** The drawing does not fit at a readable zoom: it may be dragged. */
  pannable: boolean;
}) {
  const { state } = useSession();
  const { scenario, ladder, rowCount } = state;
  const displayTime = useDisplayTime(state);

  // The element set never changes within a scenario: nodes are made once and read their element
  // (which a toggle may change) from the context.
  const [initialNodes] = useState<ElementNodeType[]>(() =>
    scenario.elements.map((e) => ({
      id: e.name,
      type: 'element',
      position: layout.positions.get(e.name) ?? { x: 0, y: 0 },
      data: { name: e.name },
      draggable,
      selectable: false,
      connectable: false,
      ariaLabel: `${e.name}: ${KIND_LABELS[e.kind].name}${e.label ? `, ${e.label}` : ''}, ${e.address}:${e.port ?? 5060}`,
    })),
  );
  const [nodes, setNodes, onNodesChange] = useNodesState(initialNodes);
  // Another layout (the pane became narrow or wide): every node moves to its place in it.
  const layoutKey = compact ? 'narrow' : 'wide';
  useEffect(() => {
    setNodes((ns) =>
      ns.map((n) => ({ ...n, position: layout.positions.get(n.id) ?? n.position, draggable })),
    );
  }, [layout, draggable, setNodes]);

  // Pairs that exchanged messages so far, for the dashed edges of paths without a link; as one
  // string, so that the edges stay the same objects while no new pair appears.
  const pairsKey = useMemo(() => {
    const seen = new Set<string>();
    for (let i = 0; i < rowCount; i++) {
      const row = ladder.rows[i]!;
      if (row.kind === 'message' && row.to !== undefined && row.to !== row.element)
        seen.add(edgeId(row.element, row.to));
    }
    return [...seen].join(' ');
  }, [ladder, rowCount]);

  const edges = useMemo(() => {
    const out: LinkEdgeType[] = [];
    const have = new Set<string>();
    const bend = (a: string, b: string): number => {
      const pa = layout.positions.get(a);
      const pb = layout.positions.get(b);
      if (!pa || !pb) return 0;
      // An edge that skips a column on the same row (or a row in the same column) curves over the
      // nodes in between.
      if (Math.abs(pa.y - pb.y) < 1 && Math.abs(pa.x - pb.x) > layout.columnWidth * 1.5)
        return pa.x < pb.x ? -70 : 70;
      if (
        layout.rowPitch !== undefined &&
        Math.abs(pa.x - pb.x) < 1 &&
        Math.abs(pa.y - pb.y) > layout.rowPitch * 1.5
      )
        return pa.y < pb.y ? 60 : -60;
      return 0;
    };
    const add = (a: string, b: string, configured: boolean, latencyMs: number, loss: number) => {
      const id = edgeId(a, b);
      if (have.has(id)) return;
      have.add(id);
      const [source, target] = a < b ? [a, b] : [b, a];
      out.push({
        id,
        type: 'link',
        source,
        target,
        selectable: false,
        focusable: false,
        // Above the nodes, so a message's label stays readable as it leaves or reaches one.
        zIndex: 1,
        data: { configured, latencyMs, loss, bend: bend(source, target) },
        ariaLabel: configured ? `Link ${a}–${b}` : `Path ${a}–${b} without a configured link`,
      });
    };
    for (const l of scenario.links) add(l.a, l.b, true, l.latencyMs, l.loss);
    for (const p of pairsKey === '' ? [] : pairsKey.split(' ')) {
      const [a, b] = p.split('|') as [string, string];
      add(a, b, false, scenario.defaultLatencyMs, 0);
    }
    return out;
  }, [scenario.links, scenario.defaultLatencyMs, pairsKey, layout]);

  const elements = useMemo(
    () => new Map(scenario.elements.map((e) => [e.name, e])),
    [scenario.elements],
  );
  // The flight goes to the nodes and edges through a store, so that each re-renders only when its
  // own part changes; it is published before the browser paints, in the same frame as the step.
  const [flight] = useState(() => new FlightStore());
  const context = useMemo<TopologyContextValue>(
    () => ({ elements, flight, compact }),
    [elements, flight, compact],
  );
  useLayoutEffect(() => {
    flight.publish(computeFlight(state, displayTime));
  }, [flight, state, displayTime]);

  return (
    <TopologyContext.Provider value={context}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        fitView
        fitViewOptions={FIT}
        minZoom={0.3}
        maxZoom={1.5}
        nodesDraggable={draggable}
        nodesConnectable={false}
        elementsSelectable={false}
        nodesFocusable
        edgesFocusable={false}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        zoomOnScroll={false}
        zoomOnPinch={false}
        zoomOnDoubleClick={false}
        panOnScroll={false}
        panOnDrag={draggable || pannable}
        preventScrolling={false}
        ariaLabelConfig={ARIA_LABELS}
        proOptions={{ hideAttribution: false }}
      >
        <FitOnResize layoutKey={layoutKey} />
      </ReactFlow>
    </TopologyContext.Provider>
  );
}

export function Topology({ layout, draggable }: { layout: ScenarioLayout; draggable: boolean }) {
  const ref = useRef<HTMLElement>(null);
  const width = useWidth(ref);
  const narrow = width > 0 && width < NARROW_BELOW;
  const shown = useMemo(() => (narrow ? narrowLayout(layout) : layout), [narrow, layout]);
  const size = narrow ? NODE_SIZE.compact : NODE_SIZE.full;
  const drawing = extent(shown, size);
  const zoom = width > 0 ? Math.max(READABLE_ZOOM, Math.min(1, (width - 2 * PAD) / drawing.w)) : 1;
  const fitHeight = Math.ceil(drawing.h * zoom + 2 * PAD);
  const pannable = width > 0 && drawing.w * READABLE_ZOOM + 2 * PAD > width;
  // In one column (the CSS decides) the pane is as tall as the drawing needs at that zoom.
  const style = { '--topology-fit-height': `${fitHeight}px` } as CSSProperties;
  return (
    <section
      className={`sim-topology${narrow ? ' sim-topology-narrow' : ''}`}
      aria-label="Network topology"
      ref={ref}
      style={style}
    >
      <ReactFlowProvider>
        <TopologyView
          layout={shown}
          draggable={draggable && !narrow}
          compact={narrow}
          pannable={pannable}
        />
      </ReactFlowProvider>
    </section>
  );
}
