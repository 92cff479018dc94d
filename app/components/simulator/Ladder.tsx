'use client';

/**
 * The ladder (sequence) diagram: a lifeline per element, an arrow per datagram, markers for timers
 * and user actions. Rows are virtualized (only those in view are in the DOM), so a run of thousands
 * of messages steps as fast as a short one. The current step's rows are marked and scrolled into
 * view; the messages of the selected event's transaction or dialog can be highlighted together.
 * "Show as table" swaps in the same rows as an HTML table for screen readers.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { KIND_LABELS } from './element-kind';
import { groupKey, messageState, type HighlightMode } from './ladder-model';
import { LadderRow, ROW_HEIGHT } from './LadderRow';
import { LadderTable } from './LadderTable';
import { useSession } from './use-session';

/**
 * Where the scroll box must go to show a row, from the virtualizer's own record of the scroll
 * offset and the box's height (no layout read); undefined when the row is already in view.
 */
function offsetToReveal(scrollOffset: number, viewport: number, index: number): number | undefined {
  const top = index * ROW_HEIGHT;
  const bottom = top + ROW_HEIGHT;
  if (top < scrollOffset) return top;
  if (bottom > scrollOffset + viewport) return bottom - viewport;
  return undefined;
}

export function Ladder({ order }: { order: readonly string[] }) {
  const { state, actions } = useSession();
  const { ladder, rowCount, stepRows, selected, view, moveId, scenario, findingsByMessage } = state;
  const [mode, setMode] = useState<HighlightMode>('transaction');
  const [asTable, setAsTable] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useRef<number | undefined>(undefined);
  const highlightId = useId();
  const markerId = `sim-arrow-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;

  const lanes = useMemo(() => {
    const m = new Map<string, number>();
    order.forEach((name, i) => m.set(name, ((i + 0.5) / order.length) * 100));
    return m;
  }, [order]);

  const kinds = useMemo(
    () => new Map(scenario.elements.map((e) => [e.name, KIND_LABELS[e.kind].name])),
    [scenario.elements],
  );

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render only through its own methods
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  // The current step's last row comes into view after each move.
  const lastStepRow = stepRows.size > 0 ? Math.max(...stepRows) : undefined;
  const reveal = useCallback(
    (index: number) => {
      const to = offsetToReveal(
        virtualizer.scrollOffset ?? 0,
        virtualizer.scrollRect?.height ?? 0,
        index,
      );
      // Scrolling in the next frame keeps the layout it needs out of React's commit.
      if (to !== undefined) requestAnimationFrame(() => virtualizer.scrollToOffset(to));
    },
    [virtualizer],
  );
  useEffect(() => {
    if (asTable || lastStepRow === undefined || lastStepRow >= rowCount) return;
    reveal(lastStepRow);
  }, [moveId, lastStepRow, rowCount, asTable, reveal]);

  // After keyboard navigation, focus the newly selected row once it is rendered.
  useEffect(() => {
    const index = focusAfterRender.current;
    if (index === undefined) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (el) {
      el.focus();
      focusAfterRender.current = undefined;
    }
  });

  const selectedRow = selected ? ladder.rowFor(selected.id) : undefined;
  const group = groupKey(selectedRow, mode);
  const focusRow = selectedRow?.index ?? rowCount - 1;
  const eventCount = view.eventCount;

  const onSelect = useCallback((id: number) => actions.select(id), [actions]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown' && e.key !== 'Home' && e.key !== 'End') return;
    const target = e.target as HTMLElement;
    const current = Number(target.dataset.index ?? focusRow);
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? rowCount - 1
          : current + (e.key === 'ArrowUp' ? -1 : 1);
    if (next < 0 || next >= rowCount) return;
    e.preventDefault();
    const row = ladder.rows[next];
    if (!row) return;
    focusAfterRender.current = next;
    reveal(next);
    actions.select(row.event.id);
  }

  return (
    <section className="sim-ladder" aria-label="Ladder diagram">
      <div className="sim-panel-bar">
        <h3 className="sim-panel-title">Ladder</h3>
        <div className="sim-ladder-options">
          <label htmlFor={highlightId}>Highlight</label>
          <select
            id={highlightId}
            value={mode}
            onChange={(e) => setMode(e.target.value as HighlightMode)}
          >
            <option value="transaction">transaction</option>
            <option value="dialog">dialog (Call-ID)</option>
            <option value="none">none</option>
          </select>
          <button
            type="button"
            className="sim-button sim-button-small"
            aria-pressed={asTable}
            onClick={() => setAsTable((v) => !v)}
          >
            Show as table
          </button>
        </div>
      </div>
      {asTable ? (
        <LadderTable group={group} mode={mode} />
      ) : (
        <div className="sim-ladder-view">
          <div className="sim-ladder-head" aria-hidden="true">
            <span className="sim-row-time">time</span>
            <span className="sim-row-lanes">
              {order.map((name) => (
                <span
                  key={name}
                  className="sim-ladder-name"
                  style={{ left: `${lanes.get(name)}%` }}
                  title={kinds.get(name)}
                >
                  {name}
                </span>
              ))}
            </span>
          </div>
          <svg className="sim-defs" width="0" height="0" aria-hidden="true" focusable="false">
            <defs>
              <marker
                id={markerId}
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto-start-reverse"
              >
                <path d="M0 0 10 5 0 10Z" className="sim-arrowhead" />
              </marker>
              <marker
                id={`${markerId}-em`}
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto-start-reverse"
              >
                <path d="M0 0 10 5 0 10Z" className="sim-arrowhead sim-arrowhead-emphasis" />
              </marker>
            </defs>
          </svg>
          <div
            className="sim-ladder-scroll"
            ref={scrollRef}
            onKeyDown={onKeyDown}
            role="group"
            aria-label={`Ladder: ${rowCount} rows; arrow keys move between them`}
          >
            {rowCount === 0 ? (
              <p className="sim-empty">
                Nothing has happened yet. Press <strong>Step</strong> to run the first event.
              </p>
            ) : null}
            <div className="sim-ladder-rows" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = ladder.rows[item.index];
                if (!row) return null;
                return (
                  <LadderRow
                    key={row.event.id}
                    row={row}
                    state={row.kind === 'message' ? messageState(row, eventCount) : undefined}
                    lanes={lanes}
                    inStep={stepRows.has(row.index)}
                    selected={selectedRow?.index === row.index}
                    grouped={
                      group !== undefined &&
                      (mode === 'transaction' ? row.transactionKey : row.dialogKey) === group
                    }
                    focusable={row.index === focusRow}
                    top={item.start}
                    markerId={markerId}
                    onSelect={onSelect}
                    findings={
                      row.kind === 'message' ? findingsByMessage.get(row.event.id) : undefined
                    }
                  />
                );
              })}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
