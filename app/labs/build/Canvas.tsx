'use client';

/**
 * The builder's canvas: the lab's elements and links on React Flow. Drag a node to move it (its
 * position is saved in the scenario, which also orders the ladder's lifelines), drag from one handle
 * to another to link two elements, click a node or a link to edit it. Everything here can also be done
 * with the keyboard: the palette buttons, the element list and the "Add link" form beside the canvas.
 */
import {
  Background,
  ConnectionMode,
  Controls,
  Handle,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
  type NodeProps,
  type NodeTypes,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useEffect, useMemo, useState } from 'react';
import type { ScenarioElement } from '@/sim/scenario';
import { KIND_LABELS, KindIcon } from '@/app/components/simulator/element-kind';
import { layoutScenario } from '@/app/components/simulator/scenario-layout';
import type { ElementKind } from '../lab-model';
import type { DraftElement, DraftLink } from './draft';

export type Selection = { kind: 'element'; name: string } | { kind: 'link'; index: number } | null;

type LabNode = Node<{ name: string; kind: ElementKind; address: string; label?: string }, 'lab'>;

function LabNodeView({ data, selected }: NodeProps<LabNode>) {
  const kind = KIND_LABELS[data.kind] ?? { name: data.kind };
  return (
    <div className={`lab-node${selected ? ' lab-node-selected' : ''}`}>
      <Handle type="target" position={Position.Left} className="lab-handle" />
      <Handle type="source" position={Position.Right} className="lab-handle" />
      <div className="lab-node-kind">
        {KIND_LABELS[data.kind] ? <KindIcon kind={data.kind} size={14} /> : null}
        <span>{kind.name}</span>
      </div>
      <div className="lab-node-name">{data.name || '(no name)'}</div>
      {data.label ? <div className="lab-node-label">{data.label}</div> : null}
      <div className="lab-node-address">{data.address}</div>
    </div>
  );
}

const NODE_TYPES: NodeTypes = { lab: memo(LabNodeView) };

/** Fits the view when an element is added or removed, so a new node is never off screen. */
function FitWhenCountChanges({ count }: { count: number }) {
  const { fitView } = useReactFlow();
  const ready = useNodesInitialized();
  useEffect(() => {
    if (ready && count > 0) void fitView({ padding: 0.2, maxZoom: 1.1, duration: 0 });
  }, [ready, count, fitView]);
  return null;
}

interface CanvasProps {
  elements: readonly DraftElement[];
  links: readonly DraftLink[];
  selection: Selection;
  onSelect: (s: Selection) => void;
  onMove: (name: string, position: { x: number; y: number }) => void;
  onConnect: (a: string, b: string) => void;
}

function CanvasView({ elements, links, selection, onSelect, onMove, onConnect }: CanvasProps) {
  // What React Flow measures and where a node is while it is dragged (saved when the drag ends).
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const [dragging, setDragging] = useState<Record<string, { x: number; y: number }>>({});

  const auto = useMemo(
    () => layoutScenario(elements as unknown as ScenarioElement[]).positions,
    [elements],
  );
  const nodes: LabNode[] = elements.map((e) => {
    const node: LabNode = {
      id: e.name,
      type: 'lab',
      position: dragging[e.name] ?? e.position ?? auto.get(e.name) ?? { x: 0, y: 0 },
      data: {
        name: e.name,
        kind: e.kind,
        address: e.address,
        ...(typeof e['label'] === 'string' ? { label: e['label'] } : {}),
      },
      selected: selection?.kind === 'element' && selection.name === e.name,
      ariaLabel: `${KIND_LABELS[e.kind]?.name ?? e.kind} ${e.name}, ${e.address}`,
    };
    const m = measured[e.name];
    if (m) node.measured = m;
    return node;
  });
  const edges: Edge[] = links.map((l, i) => ({
    id: `link-${i}`,
    source: l.a,
    target: l.b,
    label: `${l.latencyMs ?? 10} ms${l.loss ? ` · loss ${Math.round(l.loss * 100)}%` : ''}`,
    selected: selection?.kind === 'link' && selection.index === i,
    className: 'lab-edge',
    ariaLabel: `Link ${l.a} – ${l.b}`,
  }));

  const onNodesChange = (changes: NodeChange<LabNode>[]) => {
    const m: Record<string, { width: number; height: number }> = {};
    let measuredChanged = false;
    for (const c of changes) {
      if (c.type === 'dimensions' && c.dimensions) {
        m[c.id] = c.dimensions;
        measuredChanged = true;
      }
      if (c.type === 'position' && c.position) {
        const p = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
        if (c.dragging) setDragging((d) => ({ ...d, [c.id]: p }));
        else {
          setDragging((d) => {
            const rest = { ...d };
            delete rest[c.id];
            return rest;
          });
          onMove(c.id, p);
        }
      }
      if (c.type === 'position' && !c.position && c.dragging === false) {
        const p = dragging[c.id];
        if (p) {
          setDragging((d) => {
            const rest = { ...d };
            delete rest[c.id];
            return rest;
          });
          onMove(c.id, p);
        }
      }
      if (c.type === 'select' && c.selected) onSelect({ kind: 'element', name: c.id });
    }
    if (measuredChanged) setMeasured((old) => ({ ...old, ...m }));
  };

  const onEdgesChange = (changes: EdgeChange[]) => {
    for (const c of changes)
      if (c.type === 'select' && c.selected) {
        const i = Number(c.id.replace('link-', ''));
        if (Number.isInteger(i)) onSelect({ kind: 'link', index: i });
      }
  };

  return (
    <div className="lab-canvas" aria-label="Canvas: the elements and links of the lab" role="group">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={(c: Connection) => {
          if (c.source && c.target && c.source !== c.target) onConnect(c.source, c.target);
        }}
        onPaneClick={() => onSelect(null)}
        connectionMode={ConnectionMode.Loose}
        deleteKeyCode={null}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1.1 }}
        minZoom={0.3}
        maxZoom={1.5}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} />
        <FitWhenCountChanges count={elements.length} />
      </ReactFlow>
      {elements.length === 0 ? (
        <p className="lab-canvas-empty">
          Empty. Add elements with the buttons above, then link them.
        </p>
      ) : null}
    </div>
  );
}

export function Canvas(props: CanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasView {...props} />
    </ReactFlowProvider>
  );
}
