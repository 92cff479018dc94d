'use client';

/**
 * A topology node: one element of the scenario, with its kind (icon and words), name, label and
 * address; compact on a narrow pane (icon, name, address). It reads its element from the topology
 * context, so the node list itself never changes.
 */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo, useContext } from 'react';
import { KIND_LABELS, KindIcon } from './element-kind';
import { flightOf, TopologyContext, useFlight } from './flight';

export type ElementNodeType = Node<{ name: string }, 'element'>;

function ElementNodeView({ data }: NodeProps<ElementNodeType>) {
  const { elements, compact } = useContext(TopologyContext);
  const active = useFlight((f) => flightOf.active(f, data.name));
  const el = elements.get(data.name);
  if (!el) return null;
  const handles = (
    <>
      <Handle type="target" position={Position.Left} className="sim-handle" isConnectable={false} />
      <Handle
        type="source"
        position={Position.Right}
        className="sim-handle"
        isConnectable={false}
      />
    </>
  );
  const activeWord = active ? <span className="sim-node-active-word">● active</span> : null;
  // Compact (a narrow pane): the kind as an icon (the node's accessible name says it), the name and
  // the address; the label is in the state panel.
  if (compact)
    return (
      <div
        className={`sim-node sim-node-compact sim-node-${el.kind}${active ? ' sim-node-active' : ''}`}
        title={`${KIND_LABELS[el.kind].name}${el.label ? `: ${el.label}` : ''}`}
      >
        {handles}
        <div className="sim-node-name">
          <KindIcon kind={el.kind} size={16} />
          <span>{el.name}</span>
        </div>
        <div className="sim-node-address">
          {el.address}:{el.port ?? 5060}
        </div>
        {activeWord}
      </div>
    );
  return (
    <div className={`sim-node sim-node-${el.kind}${active ? ' sim-node-active' : ''}`}>
      {handles}
      <div className="sim-node-kind">
        <KindIcon kind={el.kind} size={16} />
        <span>{KIND_LABELS[el.kind].name}</span>
        {activeWord}
      </div>
      <div className="sim-node-name">{el.name}</div>
      {el.label ? (
        <div className="sim-node-label" title={el.label}>
          {el.label}
        </div>
      ) : null}
      <div className="sim-node-address">
        {el.address}:{el.port ?? 5060}
      </div>
    </div>
  );
}

export const ElementNode = memo(ElementNodeView);
