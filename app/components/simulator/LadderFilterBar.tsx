'use client';

/**
 * The ladder's filter and search form: by call (Call-ID), by element, by request method or response
 * status, and text to find in the messages as sent. The selects apply at once; the search applies
 * when typing pauses (or on Enter), so a long run is not searched at every keystroke.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { LadderFacets, shortCallId, type LadderFilter } from './ladder-filter';
import { useSession } from './use-session';

/** How long typing must pause before the search runs, in ms. */
const SEARCH_DELAY_MS = 200;

export function LadderFilterBar({
  order,
  onlyMatches,
  onOnlyMatches,
}: {
  order: readonly string[];
  onlyMatches: boolean;
  onOnlyMatches: (only: boolean) => void;
}) {
  const { state, actions } = useSession();
  const { ladder, rowCount, filter } = state;
  const id = useId();
  const facets = useMemo(() => new LadderFacets(ladder), [ladder]);
  facets.update(rowCount);
  const calls = facets.callOptions();
  const methods = facets.methodOptions();
  const statuses = facets.statusOptions();

  const [draft, setDraft] = useState(filter.text ?? '');
  const committed = filter.text ?? '';
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // A search changed elsewhere (Clear, a link) shows in the box.
  const [seen, setSeen] = useState(committed);
  if (seen !== committed) {
    setSeen(committed);
    if (draft.trim() !== committed) setDraft(committed);
  }
  useEffect(() => () => clearTimeout(timer.current), []);

  const set = (change: Partial<LadderFilter>) => actions.setFilter({ ...filter, ...change });
  const commitText = (text: string) => {
    clearTimeout(timer.current);
    if (text.trim() !== committed) set({ text });
  };
  const onText = (text: string) => {
    setDraft(text);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => commitText(text), SEARCH_DELAY_MS);
  };

  // A value from a link that this view has not seen yet still shows as chosen.
  const callListed = filter.callId === undefined || calls.some((c) => c.value === filter.callId);
  const messageListed =
    filter.message === undefined ||
    methods.some((m) => m.value === filter.message) ||
    statuses.some((s) => s.value === filter.message);

  return (
    <form
      className="sim-filter"
      role="search"
      aria-label="Filter and search the ladder"
      onSubmit={(e) => {
        e.preventDefault();
        commitText(draft);
      }}
    >
      <div className="sim-filter-field sim-filter-search">
        <label htmlFor={`${id}-q`}>Search messages</label>
        <input
          id={`${id}-q`}
          type="search"
          value={draft}
          placeholder="Call-ID, header, text…"
          spellCheck={false}
          autoComplete="off"
          enterKeyHint="search"
          onChange={(e) => onText(e.target.value)}
        />
      </div>
      <div className="sim-filter-field">
        <label htmlFor={`${id}-call`}>Call</label>
        <select
          id={`${id}-call`}
          value={filter.callId ?? ''}
          onChange={(e) => set({ callId: e.target.value })}
        >
          <option value="">all calls</option>
          {!callListed && filter.callId ? (
            <option value={filter.callId}>{shortCallId(filter.callId)} (not yet in the run)</option>
          ) : null}
          {calls.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div className="sim-filter-field">
        <label htmlFor={`${id}-el`}>Element</label>
        <select
          id={`${id}-el`}
          value={filter.element ?? ''}
          onChange={(e) => set({ element: e.target.value })}
        >
          <option value="">all elements</option>
          {order.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="sim-filter-field">
        <label htmlFor={`${id}-msg`}>Method or status</label>
        <select
          id={`${id}-msg`}
          value={filter.message ?? ''}
          onChange={(e) => set({ message: e.target.value })}
        >
          <option value="">all messages and events</option>
          {!messageListed && filter.message ? (
            <option value={filter.message}>{filter.message} (not yet in the run)</option>
          ) : null}
          {methods.length > 0 ? (
            <optgroup label="Requests">
              {methods.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label} ({m.count})
                </option>
              ))}
            </optgroup>
          ) : null}
          {statuses.length > 0 ? (
            <optgroup label="Responses">
              {statuses.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label} ({s.count})
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </div>
      <div className="sim-filter-actions">
        <label className="sim-check">
          <input
            type="checkbox"
            checked={onlyMatches}
            onChange={(e) => onOnlyMatches(e.target.checked)}
          />{' '}
          Only rows that match the search
        </label>
        <button
          type="button"
          className="sim-button sim-button-small"
          onClick={() => {
            clearTimeout(timer.current);
            setDraft('');
            actions.setFilter({});
          }}
        >
          Clear filter
        </button>
      </div>
    </form>
  );
}
