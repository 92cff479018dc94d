'use client';

/**
 * The state panel's "Diagram" view (RFC 3261 §17 Figures 5–8, §12): for each element, each of its
 * state machines drawn live from the current step's snapshot — the live ones and the last few that
 * ended. Loaded only when the reader switches to it (StatePanel lazy-loads this module).
 */
import type { ElementSnapshot } from '@/sim/elements';
import { KIND_LABELS, KindIcon } from '../element-kind';
import { useSession } from '../use-session';
import { MachineDiagram } from './MachineDiagram';
import './diagram.css';

/** A busy proxy runs hundreds of transactions: the drawing shows an element's latest few. */
const SHOWN = 6;

function ElementDiagrams({
  el,
  onSelectEvent,
}: {
  el: ElementSnapshot;
  onSelectEvent: (id: number) => void;
}) {
  const machines = el.machines ?? [];
  const hidden = Math.max(0, machines.length - SHOWN);
  return (
    <section className="sim-dg-element" aria-label={`${el.name}: state machines`}>
      <h4 className="sim-dg-element-title">
        <KindIcon kind={el.kind} size={16} /> {el.name}{' '}
        <span className="sim-muted sim-small">{KIND_LABELS[el.kind].name}</span>
      </h4>
      {machines.length === 0 ? (
        <p className="sim-muted sim-small">No state machine running.</p>
      ) : (
        <>
          {hidden > 0 ? (
            <p className="sim-muted sim-small">{hidden} earlier machines not drawn.</p>
          ) : null}
          {machines.slice(hidden).map((m) => (
            <MachineDiagram
              key={`${m.machine} ${m.id}`}
              machine={m}
              onSelectEvent={onSelectEvent}
            />
          ))}
        </>
      )}
    </section>
  );
}

export default function MachineDiagrams({ order }: { order: readonly string[] }) {
  const { state, actions } = useSession();
  const byName = new Map(state.view.snapshot.elements.map((e) => [e.name, e]));
  return (
    <div className="sim-dg-view">
      {order.map((name) => {
        const el = byName.get(name);
        return el ? <ElementDiagrams key={name} el={el} onSelectEvent={actions.select} /> : null;
      })}
    </div>
  );
}
