/**
 * What the topology draws on top of the links at a given display time: each message in flight as a
 * dot at the fraction of its trip that time has covered (send time → receive time of its datagram),
 * each message lost in the current step as a ✗, and the elements that acted in the step.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Scenario, ScenarioElement } from '@/sim/scenario';
import { messageState } from './ladder-model';
import type { SimState } from './use-session';

export interface Dot {
  datagram: number;
  label: string;
  /** 0 at the sender, 1 at the receiver. */
  progress: number;
  /** True when it travels from the edge's source to its target. */
  forward: boolean;
  retransmission: boolean;
}

export interface Drop {
  datagram: number;
  label: string;
  detail: string;
}

export interface Flight {
  dots: ReadonlyMap<string, Dot[]>;
  drops: ReadonlyMap<string, Drop[]>;
  active: ReadonlySet<string>;
}

/**
 * The flight of the current display time, for the topology's nodes and edges to select from. The
 * flight changes on every step and every animation frame; through the store, a node re-renders only
 * when its "active" mark changes, and an edge only when its own dots or drops do (a busy network's
 * other nodes and links skip the render).
 */
export class FlightStore {
  private flight: Flight = { dots: new Map(), drops: new Map(), active: new Set() };
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  get current(): Flight {
    return this.flight;
  }

  publish(flight: Flight): void {
    this.flight = flight;
    for (const l of this.listeners) l();
  }
}

const NO_DOTS: readonly Dot[] = [];
const NO_DROPS: readonly Drop[] = [];

/** What a node or an edge reads; each function returns the same value while its part is unchanged. */
export const flightOf = {
  active: (f: Flight, element: string): boolean => f.active.has(element),
  dots: (f: Flight, edge: string): readonly Dot[] => f.dots.get(edge) ?? NO_DOTS,
  drops: (f: Flight, edge: string): readonly Drop[] => f.drops.get(edge) ?? NO_DROPS,
};

export interface TopologyContextValue {
  elements: ReadonlyMap<string, ScenarioElement>;
  flight: FlightStore;
  /** Nodes drawn compact (name and address), for a narrow pane. */
  compact: boolean;
}

export const TopologyContext = createContext<TopologyContextValue>({
  elements: new Map(),
  flight: new FlightStore(),
  compact: false,
});

/** A part of the topology's flight, selected: the component re-renders only when it changes. */
export function useFlight<T>(select: (f: Flight) => T): T {
  const store = useContext(TopologyContext).flight;
  const get = () => select(store.current);
  return useSyncExternalStore(store.subscribe, get, get);
}

/** One edge per pair of elements; its source is the name that sorts first. */
export function edgeId(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** Longest trip worth looking back for (the scenario format caps latency at 60 s). */
const WINDOW_MS = 61_000;

function latencyOf(scenario: Scenario, a: string, b: string): number {
  const link = scenario.links.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a));
  return link ? link.latencyMs : scenario.defaultLatencyMs;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function computeFlight(state: SimState, displayTime: number): Flight {
  const { ladder, rowCount, view, stepRows, scenario } = state;
  const eventCount = view.eventCount;
  const dots = new Map<string, Dot[]>();
  const drops = new Map<string, Drop[]>();
  for (let i = rowCount - 1; i >= 0; i--) {
    const row = ladder.rows[i]!;
    if (row.kind !== 'message') continue;
    const sent = row.event.time;
    if (sent < displayTime - WINDOW_MS) break;
    if (row.to === undefined || row.event.datagram === undefined) continue;
    const edge = edgeId(row.element, row.to);
    const where = messageState(row, eventCount);
    if (where === 'dropped') {
      if (stepRows.has(i))
        push(drops, edge, {
          datagram: row.event.datagram,
          label: row.label,
          detail: row.drop?.detail ?? 'lost',
        });
      continue;
    }
    if (sent > displayTime) continue;
    // Arrived earlier: no longer drawn. Arrived in this step: drawn until it reaches the receiver.
    if (where === 'arrived' && !stepRows.has(i)) continue;
    // The receive time is known once the trace holds it; before that, the link's latency says it.
    const arrival = row.receive?.time ?? sent + latencyOf(scenario, row.element, row.to);
    let progress = arrival > sent ? (displayTime - sent) / (arrival - sent) : 1;
    progress = Math.max(0, Math.min(where === 'arrived' ? 1 : 0.97, progress));
    push(dots, edge, {
      datagram: row.event.datagram,
      label: row.label,
      progress,
      forward: row.element < row.to,
      retransmission: row.event.retransmission === true,
    });
  }
  const active = new Set(view.stepEvents.map((e) => e.element));
  return { dots, drops, active };
}
