'use client';

/**
 * Runs a ladder filter (ladder-filter.ts) without holding the page's thread: the rows are read in
 * slices of a few milliseconds, the next slice after a macrotask, so a search over thousands of
 * messages never blocks typing, stepping or scrolling. The ladder of a run only grows: new rows are
 * read as they come, old ones never again.
 */
import { useEffect, useMemo, useState } from 'react';
import { LadderMatcher, filterKey, isEmptyFilter, type LadderFilter } from './ladder-filter';
import type { LadderIndex } from './ladder-model';

/** How long one slice may read rows, in ms (well under the 50 ms of a "long task"). */
const SLICE_MS = 8;

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : 0;
}

function slice(m: LadderMatcher): boolean {
  const deadline = now() + SLICE_MS;
  return m.advance(() => now() > deadline);
}

export interface LadderMatches {
  /** Undefined when the filter keeps every row. */
  matcher: LadderMatcher | undefined;
  /** True while rows are still being read. */
  pending: boolean;
}

/**
 * The matcher of `filter` over `ladder`, brought up to the ladder's `known` rows in the background.
 * Re-renders the caller after each slice.
 */
export function useLadderMatches(
  ladder: LadderIndex,
  filter: LadderFilter,
  known: number,
): LadderMatches {
  const key = filterKey(filter);
  const empty = isEmptyFilter(filter);
  // A new filter reads its first slice at once, so the ladder does not flash empty.
  const matcher = useMemo(() => {
    if (empty) return undefined;
    const m = new LadderMatcher(ladder, filterFromKey(key));
    slice(m);
    return m;
  }, [ladder, key, empty]);
  const [, setProgress] = useState(0);

  useEffect(() => {
    if (!matcher || matcher.done) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      if (!live) return;
      const done = slice(matcher);
      setProgress(matcher.processed);
      if (!done) timer = setTimeout(run, 0);
    };
    timer = setTimeout(run, 0);
    return () => {
      live = false;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [matcher, known]);

  return { matcher, pending: matcher !== undefined && !matcher.done };
}

/** The filter a key was made from (filterKey writes [callId, element, message, text]). */
function filterFromKey(key: string): LadderFilter {
  const [callId, element, message, text] = JSON.parse(key) as [string, string, string, string];
  const f: LadderFilter = {};
  if (callId) f.callId = callId;
  if (element) f.element = element;
  if (message) f.message = message;
  if (text) f.text = text;
  return f;
}
