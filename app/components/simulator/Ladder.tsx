'use client';

/**
 * The ladder (sequence) diagram: a lifeline per element, an arrow per datagram, markers for timers
 * and user actions. Rows are virtualized (only those in view are in the DOM), so a run of thousands
 * of messages steps as fast as a short one; a filter narrows the list of row indexes the virtualizer
 * walks, never the DOM. The current step's rows are marked and scrolled into view; the messages of
 * the selected event's transaction or dialog can be highlighted together. Each lane keeps a readable
 * width: when the lanes do not fit, the ladder scrolls sideways with the time column pinned and the
 * lane names scrolling along. "Show as table" swaps in the same rows as an HTML table.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
} from 'react';
import { KIND_LABELS } from './element-kind';
import { hasSearch, isEmptyFilter, normalizeFilter } from './ladder-filter';
import { LadderFilterBar } from './LadderFilterBar';
import { LadderLegend } from './LadderLegend';
import { groupKey, messageState, type HighlightMode } from './ladder-model';
import { LadderRow, ROW_HEIGHT, TOUCH_ROW_HEIGHT } from './LadderRow';
import { LadderTable } from './LadderTable';
import { useCoarsePointer } from './use-coarse-pointer';
import { useLadderMatches } from './use-ladder-matches';
import { useSession } from './use-session';

/**
 * Where the scroll box must go to show a row, from the virtualizer's own record of the scroll
 * offset and the box's height (no layout read); undefined when the row is already in view.
 */
function offsetToReveal(
  scrollOffset: number,
  viewport: number,
  index: number,
  height: number,
): number | undefined {
  const top = index * height;
  const bottom = top + height;
  if (top < scrollOffset) return top;
  if (bottom > scrollOffset + viewport) return bottom - viewport;
  return undefined;
}

/** The first position in a sorted list holding a value ≥ v. */
function lowerBound(list: readonly number[], length: number, v: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function Ladder({ order }: { order: readonly string[] }) {
  const { state, actions } = useSession();
  const {
    ladder,
    rowCount,
    stepRows,
    selected,
    view,
    moveId,
    scenario,
    findingsByMessage,
    filter,
  } = state;
  const [mode, setMode] = useState<HighlightMode>('transaction');
  const [asTable, setAsTable] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(() => !isEmptyFilter(filter));
  const [legendOpen, setLegendOpen] = useState(false);
  const [onlyMatches, setOnlyMatches] = useState(true);
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const legendButton = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useRef<number | undefined>(undefined);
  const baseId = useId();
  const highlightId = `${baseId}-hl`;
  const filterPanelId = `${baseId}-filter`;
  const legendPanelId = `${baseId}-legend`;
  const markerId = `sim-arrow-${baseId.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const coarse = useCoarsePointer();
  const rowHeight = coarse ? TOUCH_ROW_HEIGHT : ROW_HEIGHT;

  const lanes = useMemo(() => {
    const m = new Map<string, number>();
    order.forEach((name, i) => m.set(name, ((i + 0.5) / order.length) * 100));
    return m;
  }, [order]);

  const kinds = useMemo(
    () => new Map(scenario.elements.map((e) => [e.name, KIND_LABELS[e.kind].name])),
    [scenario.elements],
  );

  // The rows shown: every row, or those the filter keeps. With "only rows that match the search"
  // off, the search marks rows among those the selects keep instead of hiding the others.
  const searching = hasSearch(filter);
  const selectsOnly = useMemo(() => {
    const { text: _text, ...rest } = normalizeFilter(filter);
    return rest;
  }, [filter]);
  const shownFilter = searching && !onlyMatches ? selectsOnly : filter;
  const known = ladder.rows.length;
  const shown = useLadderMatches(ladder, shownFilter, known);
  const searched = useLadderMatches(ladder, searching && !onlyMatches ? filter : {}, known);
  const matchesOf = searching ? (onlyMatches ? shown.matcher : searched.matcher) : undefined;
  const pending = shown.pending || searched.pending;

  const shownMatcher = shown.matcher;
  const visibleCount = shownMatcher ? shownMatcher.countBelow(rowCount) : rowCount;
  const rowAt = useCallback(
    (i: number) => (shownMatcher ? shownMatcher.matches[i] : i),
    [shownMatcher],
  );
  /** Position in the shown list of a row index (or where it would be). */
  const positionOfRow = useCallback(
    (rowIndex: number) =>
      shownMatcher ? lowerBound(shownMatcher.matches, visibleCount, rowIndex) : rowIndex,
    [shownMatcher, visibleCount],
  );
  const matchCount = matchesOf ? matchesOf.countBelow(rowCount) : 0;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render only through its own methods
  const virtualizer = useVirtualizer({
    count: visibleCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  useEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);

  const reveal = useCallback(
    (position: number) => {
      const to = offsetToReveal(
        virtualizer.scrollOffset ?? 0,
        virtualizer.scrollRect?.height ?? 0,
        position,
        rowHeight,
      );
      // Scrolling in the next frame keeps the layout it needs out of React's commit.
      if (to !== undefined) requestAnimationFrame(() => virtualizer.scrollToOffset(to));
    },
    [virtualizer, rowHeight],
  );

  // The current step's last shown row comes into view after each move.
  let lastStepPosition: number | undefined;
  for (const r of stepRows) {
    if (r >= rowCount) continue;
    const p = positionOfRow(r);
    if (rowAt(p) !== r) continue;
    if (lastStepPosition === undefined || p > lastStepPosition) lastStepPosition = p;
  }
  const rowsShown = !asTable && !legendOpen;
  useEffect(() => {
    if (!rowsShown || lastStepPosition === undefined || lastStepPosition >= visibleCount) return;
    reveal(lastStepPosition);
  }, [moveId, lastStepPosition, visibleCount, rowsShown, reveal]);

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

  // The lane names scroll sideways with the rows (the head sits outside the scroll box), and leave
  // room for the box's vertical scroll bar so that names and lifelines line up.
  const onScroll = useCallback(() => {
    const box = scrollRef.current;
    const head = headRef.current;
    if (box && head && head.scrollLeft !== box.scrollLeft) head.scrollLeft = box.scrollLeft;
  }, []);
  useEffect(() => {
    const box = scrollRef.current;
    const head = headRef.current;
    if (!box || !head || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      head.style.paddingRight = `${box.offsetWidth - box.clientWidth}px`;
      head.scrollLeft = box.scrollLeft;
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, [rowsShown]);

  const selectedRow = selected ? ladder.rowFor(selected.id) : undefined;
  const group = groupKey(selectedRow, mode);
  const selectedPosition =
    selectedRow !== undefined && selectedRow.index < rowCount
      ? positionOfRow(selectedRow.index)
      : undefined;
  const selectedShown =
    selectedPosition !== undefined && rowAt(selectedPosition) === selectedRow?.index;
  const focusPosition = selectedShown ? selectedPosition! : visibleCount - 1;
  const eventCount = view.eventCount;

  // When the reader changes what is shown, the chosen row stays in view (once the rows are known).
  const revealSelected = useRef(false);
  useEffect(() => {
    revealSelected.current = true;
  }, [shownFilter]);
  useEffect(() => {
    if (!revealSelected.current || shown.pending || !rowsShown) return;
    revealSelected.current = false;
    if (selectedShown) reveal(selectedPosition!);
  }, [shown.pending, shownMatcher, selectedShown, selectedPosition, rowsShown, reveal]);

  const onSelect = useCallback((id: number) => actions.select(id), [actions]);

  const goToPosition = (p: number, focus: boolean) => {
    const rowIndex = rowAt(p);
    const row = rowIndex !== undefined ? ladder.rows[rowIndex] : undefined;
    if (!row) return;
    if (focus) focusAfterRender.current = rowIndex;
    reveal(p);
    actions.select(row.event.id);
  };

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown' && e.key !== 'Home' && e.key !== 'End') return;
    const target = e.target as HTMLElement;
    const current =
      target.dataset.index !== undefined
        ? positionOfRow(Number(target.dataset.index))
        : focusPosition;
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? visibleCount - 1
          : current + (e.key === 'ArrowUp' ? -1 : 1);
    if (next < 0 || next >= visibleCount) return;
    e.preventDefault();
    goToPosition(next, true);
  }

  /** The next (or previous) search match after the selected row, selected and scrolled to. */
  const jumpToMatch = (direction: 1 | -1) => {
    if (!matchesOf || matchCount === 0) return;
    const from = selectedRow?.index ?? (direction === 1 ? -1 : rowCount);
    const i = lowerBound(matchesOf.matches, matchCount, from);
    let target: number;
    if (direction === 1) {
      const after = matchesOf.matches[i] === from ? i + 1 : i;
      target = after < matchCount ? after : 0;
    } else target = i - 1 >= 0 ? i - 1 : matchCount - 1;
    const rowIndex = matchesOf.matches[target]!;
    goToPosition(positionOfRow(rowIndex), false);
  };
  const matchPosition = matchesOf && selectedRow ? matchesOf.positionOf(selectedRow.index) : -1;

  const active = normalizeFilter(filter);
  const activeCount = Object.keys(active).length;
  const needle = searching ? active.text : undefined;
  // A lane is at least as wide as its name needs (bold 0.78rem: about 0.5rem a character).
  const longestName = order.reduce((n, name) => Math.max(n, name.length), 0);
  const style = {
    '--lanes': order.length,
    '--lane-min': `max(5rem, ${(longestName * 0.5 + 0.8).toFixed(1)}rem)`,
  } as CSSProperties;

  return (
    <section
      className={`sim-ladder${coarse ? ' sim-ladder-touch' : ''}`}
      aria-label="Ladder diagram"
      style={style}
      onKeyDown={(e) => {
        // Escape closes the legend, from the legend or its button.
        if (e.key === 'Escape' && legendOpen) {
          e.stopPropagation();
          setLegendOpen(false);
          legendButton.current?.focus();
        }
      }}
    >
      <div className="sim-panel-bar">
        <h3 className="sim-panel-title">Ladder</h3>
        <div className="sim-ladder-options">
          <button
            type="button"
            className="sim-button sim-button-small"
            aria-expanded={filtersOpen}
            aria-controls={filterPanelId}
            onClick={() => setFiltersOpen((v) => !v)}
          >
            Filter and search{activeCount > 0 ? ` (${activeCount} on)` : ''}
          </button>
          <button
            type="button"
            ref={legendButton}
            className="sim-button sim-button-small"
            aria-expanded={legendOpen}
            aria-controls={legendPanelId}
            onClick={() => setLegendOpen((v) => !v)}
          >
            Legend
          </button>
          <span className="sim-inline-field">
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
          </span>
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
      <div id={filterPanelId} hidden={!filtersOpen}>
        {filtersOpen ? (
          <LadderFilterBar order={order} onlyMatches={onlyMatches} onOnlyMatches={setOnlyMatches} />
        ) : null}
      </div>
      {/* In the rows' place while open: the ladder keeps its height. */}
      <div
        id={legendPanelId}
        className="sim-legend-pop"
        role="region"
        aria-label="Legend of the ladder"
        hidden={!legendOpen}
      >
        {legendOpen ? (
          <>
            <LadderLegend markerId={markerId} mode={mode} />
            <button
              type="button"
              className="sim-button sim-button-small sim-legend-close"
              onClick={() => {
                setLegendOpen(false);
                legendButton.current?.focus();
              }}
            >
              Close the legend
            </button>
          </>
        ) : null}
      </div>
      <div className="sim-filter-status" aria-live="polite">
        {activeCount > 0 ? (
          <>
            <span>
              {pending ? 'Filtering… ' : ''}
              {shownMatcher
                ? `${visibleCount.toLocaleString('en')} of ${rowCount.toLocaleString('en')} rows shown`
                : `all ${rowCount.toLocaleString('en')} rows shown`}
              {searching
                ? ` · ${matchCount.toLocaleString('en')} ${matchCount === 1 ? 'match' : 'matches'}${
                    matchPosition >= 0 ? ` (${matchPosition + 1} selected)` : ''
                  }`
                : ''}
            </span>
            {searching ? (
              <span className="sim-filter-nav">
                <button
                  type="button"
                  className="sim-button sim-button-small"
                  onClick={() => jumpToMatch(-1)}
                  disabled={matchCount === 0}
                >
                  Previous match
                </button>
                <button
                  type="button"
                  className="sim-button sim-button-small"
                  onClick={() => jumpToMatch(1)}
                  disabled={matchCount === 0}
                >
                  Next match
                </button>
              </span>
            ) : null}
            {!filtersOpen ? (
              <button
                type="button"
                className="sim-link-button"
                onClick={() => actions.setFilter({})}
              >
                Clear filter
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      {legendOpen ? null : asTable ? (
        <LadderTable group={group} mode={mode} rowAt={rowAt} count={visibleCount} />
      ) : (
        <div className="sim-ladder-view">
          <div className="sim-ladder-head" aria-hidden="true" ref={headRef}>
            <div className="sim-ladder-head-inner">
              <span className="sim-row-time">time</span>
              <span className="sim-row-lanes">
                {order.map((name) => (
                  <span
                    key={name}
                    className="sim-ladder-name"
                    style={{ left: `${lanes.get(name)}%` }}
                    title={`${name}: ${kinds.get(name) ?? ''}`}
                  >
                    {name}
                  </span>
                ))}
              </span>
            </div>
          </div>
          <div
            className="sim-ladder-scroll"
            ref={scrollRef}
            onKeyDown={onKeyDown}
            onScroll={onScroll}
            role="group"
            aria-label={`Ladder: ${visibleCount} rows; arrow keys move between them`}
          >
            {rowCount === 0 ? (
              <p className="sim-empty">
                Nothing has happened yet. Press <strong>Step</strong> to run the first event.
              </p>
            ) : visibleCount === 0 && !pending ? (
              <p className="sim-empty">
                No row so far matches the filter. Step on, or change or clear the filter.
              </p>
            ) : null}
            <div className="sim-ladder-rows" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const rowIndex = rowAt(item.index);
                const row = rowIndex !== undefined ? ladder.rows[rowIndex] : undefined;
                if (!row) return null;
                const isMatch =
                  needle !== undefined &&
                  (onlyMatches ||
                    (matchesOf !== undefined && matchesOf.positionOf(row.index) >= 0));
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
                    focusable={item.index === focusPosition}
                    top={item.start}
                    markerId={markerId}
                    onSelect={onSelect}
                    findings={
                      row.kind === 'message' ? findingsByMessage.get(row.event.id) : undefined
                    }
                    height={rowHeight}
                    match={isMatch ? needle : undefined}
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
