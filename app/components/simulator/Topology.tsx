'use client';

/**
 * The network drawn with React Flow: a node per element, an edge per link (dashed where two elements
 * talk without a configured link), and the messages in flight moving along the edges as the display
 * time advances toward the current step's virtual time.
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
import { useEffect, useMemo, useState } from 'react';
import { ElementNode, type ElementNodeType } from './ElementNode';
import { KIND_LABELS } from './element-kind';
import { TopologyContext, computeFlight, edgeId, type TopologyContextValue } from './flight';
import type { ScenarioLayout } from './scenario-layout';
import { LinkEdge, type LinkEdgeType } from './LinkEdge';
import { useDisplayTime } from './use-display-time';
import { useSession } from './use-session';

const NODE_TYPES: NodeTypes = { element: ElementNode };
const EDGE_TYPES: EdgeTypes = { link: LinkEdge };
const FIT = { padding: 0.12, maxZoom: 1, minZoom: 0.3 } as const;

const ARIA_LABELS = {
  'node.a11yDescription.default': 'An element of the simulated network.',
  'node.a11yDescription.keyboardDisabled': 'An element of the simulated network.',
  'edge.a11yDescription.default': 'A link between two elements.',
};

/** Fits the graph to the pane whenever the pane's size changes. */
function FitOnResize() {
  const { fitView } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const ready = useNodesInitialized();
  useEffect(() => {
    if (ready && width > 0 && height > 0) void fitView(FIT);
  }, [ready, width, height, fitView]);
  return null;
}

function TopologyView({ layout, draggable }: { layout: ScenarioLayout; draggable: boolean }) {
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
  const [nodes, , onNodesChange] = useNodesState(initialNodes);

  // Pairs that exchanged messages so far, for the dashed edges of paths without a link.
  const pairs = useMemo(() => {
    const seen = new Set<string>();
    for (let i = 0; i < rowCount; i++) {
      const row = ladder.rows[i]!;
      if (row.kind === 'message' && row.to !== undefined && row.to !== row.element)
        seen.add(edgeId(row.element, row.to));
    }
    return seen;
  }, [ladder, rowCount]);

  const edges = useMemo(() => {
    const out: LinkEdgeType[] = [];
    const have = new Set<string>();
    const bend = (a: string, b: string): number => {
      const pa = layout.positions.get(a);
      const pb = layout.positions.get(b);
      if (!pa || !pb) return 0;
      // An edge that skips a column on the same row curves over the nodes in between.
      if (Math.abs(pa.y - pb.y) < 1 && Math.abs(pa.x - pb.x) > layout.columnWidth * 1.5)
        return pa.x < pb.x ? -70 : 70;
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
    for (const p of pairs) {
      const [a, b] = p.split('|') as [string, string];
      add(a, b, false, scenario.defaultLatencyMs, 0);
    }
    return out;
  }, [scenario.links, scenario.defaultLatencyMs, pairs, layout]);

  const elements = useMemo(
    () => new Map(scenario.elements.map((e) => [e.name, e])),
    [scenario.elements],
  );
  const context = useMemo<TopologyContextValue>(
    () => ({ elements, flight: computeFlight(state, displayTime) }),
    [elements, state, displayTime],
  );

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
        zoomOnPinch={draggable}
        zoomOnDoubleClick={false}
        panOnScroll={false}
        panOnDrag={draggable}
        preventScrolling={false}
        ariaLabelConfig={ARIA_LABELS}
        proOptions={{ hideAttribution: false }}
      >
        <FitOnResize />
      </ReactFlow>
    </TopologyContext.Provider>
  );
}

export function Topology({ layout, draggable }: { layout: ScenarioLayout; draggable: boolean }) {
  return (
    <section className="sim-topology" aria-label="Network topology">
      <ReactFlowProvider>
        <TopologyView layout={layout} draggable={draggable} />
      </ReactFlowProvider>
    </section>
  );
}
