'use client';

/**
 * Each element's state at the current step, from the session's snapshot: transactions with their
 * RFC state and running timers, dialogs, registrar bindings, activities (calls, registrations,
 * subscriptions, messages), settings and problems. One collapsible block per element.
 */
import { lazy, memo, Suspense, useState, type ReactNode } from 'react';
import type {
  ActivitySnapshot,
  BindingSnapshot,
  ElementSnapshot,
  TransactionSnapshotView,
} from '@/sim/elements';
import type { DialogSnapshot } from '@/sim/dialog';
import { KIND_LABELS, KindIcon } from './element-kind';
import { formatRemaining, formatSeconds, plural, timerLabel } from './format';
import { useSession } from './use-session';

/** The "Diagram" view (the machines drawn live), loaded only when the reader asks for it. */
const MachineDiagrams = lazy(() => import('./diagram/MachineDiagrams'));

function ClockIcon() {
  return (
    <svg
      viewBox="0 0 16 16"
      width="11"
      height="11"
      aria-hidden="true"
      focusable="false"
      className="sim-clock"
    >
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M8 4.2V8l2.6 1.8" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

function Timers({ timers }: { timers: { name: string; remainingMs: number }[] }) {
  if (timers.length === 0) return null;
  return (
    <span className="sim-timers">
      {timers.map((t) => (
        <span key={t.name} className="sim-timer">
          <ClockIcon />
          {timerLabel(t.name)} {formatRemaining(t.remainingMs)} left
        </span>
      ))}
    </span>
  );
}

const LIST_LIMIT = 6;

/**
 * A long list (a busy proxy holds hundreds of transactions) shows its latest few items, with a
 * button for the rest: the panel stays readable, and a step re-renders a handful of rows.
 */
function Capped<T>({
  items,
  render,
}: {
  items: readonly T[];
  render: (item: T, i: number) => ReactNode;
}) {
  const [all, setAll] = useState(false);
  const hidden = all ? 0 : Math.max(0, items.length - LIST_LIMIT);
  return (
    <>
      {hidden > 0 ? (
        <p className="sim-muted sim-small">
          {hidden} earlier not shown.{' '}
          <button type="button" className="sim-link-button" onClick={() => setAll(true)}>
            Show all {items.length}
          </button>
        </p>
      ) : null}
      <ul className="sim-plain-list">
        {items.slice(hidden).map((item, i) => render(item, hidden + i))}
      </ul>
      {all && items.length > LIST_LIMIT ? (
        <button type="button" className="sim-link-button sim-small" onClick={() => setAll(false)}>
          Show only the latest {LIST_LIMIT}
        </button>
      ) : null}
    </>
  );
}

function summaryCounts(el: ElementSnapshot): string {
  const parts: string[] = [];
  if (el.transactions.length > 0) parts.push(plural(el.transactions.length, 'transaction'));
  if (el.dialogs.length > 0) parts.push(plural(el.dialogs.length, 'dialog'));
  if (el.bindings && el.bindings.length > 0) parts.push(plural(el.bindings.length, 'binding'));
  if (el.problems.length > 0) parts.push(plural(el.problems.length, 'problem'));
  return parts.length > 0 ? parts.join(', ') : 'idle';
}

// Each list item is memoised: with the snapshot's unchanged parts kept (keepEqual in the session
// store), a step re-renders only the items it changed.
const ActivityItem = memo(function ActivityItem({ activity: a }: { activity: ActivitySnapshot }) {
  return (
    <li>
      <span className="sim-badge">{a.kind}</span> {a.summary}
      {a.timers ? <Timers timers={a.timers} /> : null}
    </li>
  );
});

const TransactionItem = memo(function TransactionItem({
  transaction: t,
}: {
  transaction: TransactionSnapshotView;
}) {
  return (
    <li>
      <strong>{t.method}</strong> {t.kind}: <span className="sim-state-name">{t.state}</span>{' '}
      <span className="sim-muted sim-small">
        branch <code>{t.branch}</code>
      </span>
      <Timers timers={t.timers} />
    </li>
  );
});

const DialogItem = memo(function DialogItem({ dialog: d }: { dialog: DialogSnapshot }) {
  return (
    <li className="sim-dialog">
      <span className="sim-state-name">{d.state}</span> {d.method} dialog as {d.role.toUpperCase()}
      <dl className="sim-fields sim-fields-compact">
        <div className="sim-field">
          <dt>Call-ID</dt>
          <dd>
            <code>{d.callId}</code>
          </dd>
        </div>
        <div className="sim-field">
          <dt>Tags</dt>
          <dd>
            local <code>{d.localTag}</code>, remote <code>{d.remoteTag}</code>
          </dd>
        </div>
        <div className="sim-field">
          <dt>CSeq</dt>
          <dd>
            local {d.localSeq ?? '—'}, remote {d.remoteSeq ?? '—'}
          </dd>
        </div>
        <div className="sim-field">
          <dt>Remote target</dt>
          <dd>
            <code>{d.remoteTarget}</code>
          </dd>
        </div>
        <div className="sim-field">
          <dt>Route set</dt>
          <dd>
            {d.routeSet.length === 0 ? (
              'empty'
            ) : (
              <ol className="sim-plain-list">
                {d.routeSet.map((r, i) => (
                  <li key={i}>
                    <code>{r}</code>
                  </li>
                ))}
              </ol>
            )}
          </dd>
        </div>
      </dl>
    </li>
  );
});

const BindingItem = memo(function BindingItem({ binding: b }: { binding: BindingSnapshot }) {
  return (
    <li>
      <code>{b.aor}</code> <span aria-hidden="true">→</span>
      <span className="visually-hidden">at</span> <code>{b.contact}</code>{' '}
      <span className="sim-muted">
        (expires in {b.expiresIn} s, q={b.q})
      </span>
    </li>
  );
});

const ElementState = memo(function ElementState({
  el,
  label,
  active,
}: {
  el: ElementSnapshot;
  label: string | undefined;
  active: boolean;
}) {
  const activities = el.activities ?? [];
  const settings = Object.entries(el.settings).filter(([, v]) => v !== '');
  const empty =
    el.transactions.length === 0 &&
    el.dialogs.length === 0 &&
    (el.bindings?.length ?? 0) === 0 &&
    activities.length === 0;
  return (
    <details className={`sim-element-state${active ? ' sim-element-active' : ''}`} open>
      <summary>
        <KindIcon kind={el.kind} size={16} />
        <strong>{el.name}</strong>
        <span className="sim-muted">
          {KIND_LABELS[el.kind].name}, {el.address}:{el.port}
        </span>
        <span className="sim-state-counts">
          {summaryCounts(el)}
          {active ? <span className="sim-active-word"> · active this step</span> : null}
        </span>
      </summary>
      <div className="sim-element-body">
        {label ? <p className="sim-muted sim-small">{label}</p> : null}
        {activities.length > 0 ? (
          <div className="sim-state-group">
            <h4>Activities</h4>
            <Capped items={activities} render={(a, i) => <ActivityItem key={i} activity={a} />} />
          </div>
        ) : null}
        {el.transactions.length > 0 ? (
          <div className="sim-state-group">
            <h4>Transactions</h4>
            <Capped
              items={el.transactions}
              render={(t) => <TransactionItem key={t.id} transaction={t} />}
            />
          </div>
        ) : null}
        {el.dialogs.length > 0 ? (
          <div className="sim-state-group">
            <h4>Dialogs</h4>
            <Capped items={el.dialogs} render={(d) => <DialogItem key={d.id} dialog={d} />} />
          </div>
        ) : null}
        {el.bindings && el.bindings.length > 0 ? (
          <div className="sim-state-group">
            <h4>Bindings</h4>
            <Capped
              items={el.bindings}
              render={(b) => <BindingItem key={`${b.aor} ${b.contact}`} binding={b} />}
            />
          </div>
        ) : el.kind === 'registrar' ? (
          <div className="sim-state-group">
            <h4>Bindings</h4>
            <p className="sim-muted sim-small">none</p>
          </div>
        ) : null}
        {empty && el.kind !== 'registrar' ? (
          <p className="sim-muted sim-small">No transactions, dialogs or activities.</p>
        ) : null}
        {el.problems.length > 0 ? (
          <div className="sim-state-group">
            <h4>Problems</h4>
            <ul className="sim-plain-list">
              {el.problems.map((p, i) => (
                <li key={i} className="sim-problem">
                  {p}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {settings.length > 0 ? (
          <p className="sim-settings">
            <span className="sim-muted">Settings:</span>{' '}
            {settings.map(([k, v], i) => (
              <span key={k}>
                {i > 0 ? ', ' : ''}
                {k} <code>{String(v)}</code>
              </span>
            ))}
          </p>
        ) : null}
      </div>
    </details>
  );
});

export function StatePanel({
  order,
  initialView = 'text',
}: {
  order: readonly string[];
  /** Which view shows first: the state as text, or the state machines drawn. */
  initialView?: 'text' | 'diagram';
}) {
  const { state } = useSession();
  const [shown, setShown] = useState(initialView);
  const { view, scenario } = state;
  const byName = new Map(view.snapshot.elements.map((e) => [e.name, e]));
  const labels = new Map(scenario.elements.map((e) => [e.name, e.label]));
  const active = new Set(view.stepEvents.map((e) => e.element));
  return (
    <section className="sim-state" aria-label="Element state">
      <div className="sim-panel-bar">
        <h3 className="sim-panel-title">State</h3>
        <span className="sim-small sim-view-switch" role="group" aria-label="State view">
          <button
            type="button"
            className="sim-link-button"
            aria-pressed={shown === 'text'}
            onClick={() => setShown('text')}
          >
            Text
          </button>
          <span aria-hidden="true"> | </span>
          <button
            type="button"
            className="sim-link-button"
            aria-pressed={shown === 'diagram'}
            onClick={() => setShown('diagram')}
          >
            Diagram
          </button>
        </span>
        <span className="sim-muted sim-small">at t = {formatSeconds(view.time)}</span>
      </div>
      {shown === 'diagram' ? (
        <div className="sim-state-body">
          <Suspense fallback={<p className="sim-muted sim-small">Loading the diagrams…</p>}>
            <MachineDiagrams order={order} />
          </Suspense>
        </div>
      ) : null}
      <div className="sim-state-body" hidden={shown !== 'text'}>
        {order.map((name) => {
          const el = byName.get(name);
          return el ? (
            <ElementState key={name} el={el} label={labels.get(name)} active={active.has(name)} />
          ) : null;
        })}
      </div>
    </section>
  );
}
