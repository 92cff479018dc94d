/**
 * The drawing of a state machine, read from its XState definition (never drawn by hand, so the drawing
 * cannot disagree with the behaviour): its states, and one edge per transition labelled as the RFC's
 * figures label them ("event / action", the transition's `description`), plus the arrow that creates
 * it (the root's `meta.created`). Edge ids match the ones MachineRunner notes for the transition just
 * taken.
 */
import type { AnyStateMachine } from 'xstate';
import { edgeId, type MachineMeta } from './machine-view';

export interface GraphState {
  /** 'Calling' (or 'Parent.Child' for a nested state). */
  path: string;
  name: string;
  final: boolean;
  /** A transient state that only chooses where to go (drawn as a dot, not as a state). */
  pseudo: boolean;
  description?: string;
}

export interface GraphEdge {
  id: string;
  /** '' for the arrow that creates the machine. */
  source: string;
  target: string;
  /** The event's type as the machine names it. */
  event: string;
  /** "Timer A fires / Reset A, INVITE sent". */
  label: string;
}

export interface MachineGraph {
  id: string;
  title: string;
  source: string;
  initial: string;
  states: GraphState[];
  edges: GraphEdge[];
}

interface NodeLike {
  path: readonly string[];
  key: string;
  type: string;
  description?: string;
  meta?: { pseudo?: boolean };
  states: Record<string, NodeLike>;
  transitions: ReadonlyMap<string, readonly TransitionLike[]>;
  always?: readonly TransitionLike[];
  initial?: { target: readonly NodeLike[] };
}
interface TransitionLike {
  eventType: string;
  description?: string;
  target?: readonly NodeLike[];
}

const graphs = new WeakMap<AnyStateMachine, MachineGraph>();

/** The graph of a machine definition (computed once per definition). */
export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const known = graphs.get(machine);
  if (known) return known;
  const root = machine.root as unknown as NodeLike;
  const meta = (machine.root.meta ?? {}) as Partial<MachineMeta>;
  const states: GraphState[] = [];
  const edges: GraphEdge[] = [];
  const initial = root.initial?.target[0]?.path.join('.') ?? '';
  edges.push({
    id: edgeId('', 'xstate.init', 0),
    source: '',
    target: initial,
    event: 'xstate.init',
    label: meta.created ?? '',
  });
  const visit = (node: NodeLike): void => {
    for (const child of Object.values(node.states)) {
      const path = child.path.join('.');
      states.push({
        path,
        name: child.key,
        final: child.type === 'final',
        pseudo: child.meta?.pseudo === true,
        ...(child.description !== undefined ? { description: child.description } : {}),
      });
      const add = (event: string, list: readonly TransitionLike[]): void =>
        list.forEach((t, i) =>
          edges.push({
            id: edgeId(path, event, i),
            source: path,
            target: t.target?.[0]?.path.join('.') ?? path,
            event,
            label: t.description ?? event,
          }),
        );
      for (const [event, list] of child.transitions) add(event, list);
      if (child.always) add('', child.always);
      visit(child);
    }
  };
  visit(root);
  const graph: MachineGraph = {
    id: machine.id,
    title: meta.title ?? machine.id,
    source: meta.source ?? '',
    initial,
    states,
    edges,
  };
  graphs.set(machine, graph);
  return graph;
}
