/**
 * Filtering and searching the ladder's rows: by call (the Call-ID, RFC 3261 §8.1.1.4), by element, by
 * request method or response status (§7.1, §7.2), and by text anywhere in the messages as they went on
 * the wire. Pure and incremental: the rows of one run only grow, so a LadderMatcher reads each row once,
 * in slices that the caller sizes (a deadline), and the matches of any earlier view are a prefix of its
 * list. The lower-cased text of each row is made lazily, the first time a search needs it.
 */
import { textToWire } from '@/sim/codec';
import type { LadderIndex, LadderRow } from './ladder-model';

/** What the reader asked the ladder to show. Every field left out matches every row. */
export interface LadderFilter {
  /** Only rows of this call or registration (its Call-ID). */
  callId?: string;
  /** Only rows that this element sends or receives, or that happen at it. */
  element?: string;
  /** Only messages of this kind: "INVITE" (requests of a method) or "200" (responses of a status). */
  message?: string;
  /** Text to find in the messages (case-insensitive), their labels and the elements' names. */
  text?: string;
}

/** The filter without its empty fields (a search of spaces finds nothing new, so it is left out). */
export function normalizeFilter(f: LadderFilter): LadderFilter {
  const out: LadderFilter = {};
  if (f.callId) out.callId = f.callId;
  if (f.element) out.element = f.element;
  if (f.message) out.message = f.message;
  const text = f.text?.trim();
  if (text) out.text = text;
  return out;
}

export function isEmptyFilter(f: LadderFilter): boolean {
  return !f.callId && !f.element && !f.message && !f.text?.trim();
}

/** Whether a filter only narrows by selects (no search text): then rows are not "matches" to mark. */
export function hasSearch(f: LadderFilter): boolean {
  return (f.text?.trim() ?? '') !== '';
}

/** A stable key for a filter (to tell whether two filters ask the same). */
export function filterKey(f: LadderFilter): string {
  const n = normalizeFilter(f);
  return JSON.stringify([n.callId ?? '', n.element ?? '', n.message ?? '', n.text ?? '']);
}

/** The kind of message a row shows, as the filter names it: the method of a request, the status code. */
export function messageKind(row: LadderRow): string | undefined {
  if (row.kind !== 'message') return undefined;
  if (row.event.method !== undefined) return row.event.method;
  if (row.event.status !== undefined) return String(row.event.status);
  return undefined;
}

/**
 * The lower-cased text a search reads in each row, made the first time it is asked for and kept. A
 * message's text is the bytes as sent (a wire string), so a search for "é" is turned into wire form
 * too (matchText) and both sides are lower-cased the same way.
 */
export class LadderSearchText {
  private readonly texts: (string | undefined)[] = [];

  constructor(private readonly ladder: LadderIndex) {}

  of(index: number): string {
    const cached = this.texts[index];
    if (cached !== undefined) return cached;
    const row = this.ladder.rows[index];
    if (!row) return '';
    const e = row.event;
    const parts = [row.element, row.to ?? '', row.label, e.detail];
    if (e.raw !== undefined) parts.push(e.raw);
    if (row.drop) parts.push(row.drop.detail);
    const text = parts.join('\n').toLowerCase();
    this.texts[index] = text;
    return text;
  }
}

const SEARCH_TEXTS = new WeakMap<LadderIndex, LadderSearchText>();

/** The search texts of one ladder (shared by every matcher over it). */
export function searchTextOf(ladder: LadderIndex): LadderSearchText {
  let s = SEARCH_TEXTS.get(ladder);
  if (!s) {
    s = new LadderSearchText(ladder);
    SEARCH_TEXTS.set(ladder, s);
  }
  return s;
}

/** A search string as the rows' text holds it: wire form (one character per byte), lower-cased. */
export function matchText(text: string): string {
  return textToWire(text.trim()).toLowerCase();
}

/**
 * The rows of one ladder that pass one filter, found incrementally. `advance` reads rows until the
 * ladder's end or until `stop()` says the slice is over; `matches` holds the indexes found so far, in
 * row order.
 */
export class LadderMatcher {
  readonly filter: LadderFilter;
  readonly matches: number[] = [];
  /** Rows read so far (all rows before this index have been judged). */
  processed = 0;
  private readonly needle: string;
  private readonly search: LadderSearchText;
  /** Call-ID of each transaction seen so far, so that timers join the call of their messages. */
  private readonly callOfTransaction = new Map<string, string>();

  constructor(
    readonly ladder: LadderIndex,
    filter: LadderFilter,
  ) {
    this.filter = normalizeFilter(filter);
    this.needle = this.filter.text !== undefined ? matchText(this.filter.text) : '';
    this.search = searchTextOf(ladder);
  }

  get done(): boolean {
    return this.processed >= this.ladder.rows.length;
  }

  /** Judges rows until the end of the ladder, or until `stop` returns true (checked every 64 rows). */
  advance(stop: () => boolean = () => false): boolean {
    const rows = this.ladder.rows;
    while (this.processed < rows.length) {
      const row = rows[this.processed]!;
      if (this.test(row)) this.matches.push(row.index);
      this.processed++;
      if ((this.processed & 63) === 0 && stop()) break;
    }
    return this.done;
  }

  private callOf(row: LadderRow): string | undefined {
    if (row.dialogKey !== undefined) {
      if (row.transactionKey !== undefined)
        this.callOfTransaction.set(row.transactionKey, row.dialogKey);
      return row.dialogKey;
    }
    return row.transactionKey !== undefined
      ? this.callOfTransaction.get(row.transactionKey)
      : undefined;
  }

  /** Whether one row passes the filter. */
  test(row: LadderRow): boolean {
    const f = this.filter;
    // The call is read for every row, so that the transaction → call map sees every message.
    const call = this.callOf(row);
    if (f.callId !== undefined && call !== f.callId) return false;
    if (f.element !== undefined && row.element !== f.element && row.to !== f.element) return false;
    if (f.message !== undefined && messageKind(row) !== f.message) return false;
    if (this.needle !== '' && !this.search.of(row.index).includes(this.needle)) return false;
    return true;
  }

  /** How many matches a view showing the first `rowCount` rows holds (matches are in row order). */
  countBelow(rowCount: number): number {
    const m = this.matches;
    let lo = 0;
    let hi = m.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (m[mid]! < rowCount) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Position in `matches` of a row, or -1 when the row does not pass. */
  positionOf(rowIndex: number): number {
    const i = this.countBelow(rowIndex);
    return this.matches[i] === rowIndex ? i : -1;
  }
}

/** One choice in a filter's select: the value the filter takes, what a person reads, how many rows. */
export interface FacetOption {
  value: string;
  label: string;
  count: number;
}

/**
 * What the filter's selects offer, read incrementally from the rows: the calls (by Call-ID, named by
 * the message that opened them), the kinds of requests and responses, each with its number of rows.
 */
export class LadderFacets {
  private readonly calls = new Map<string, FacetOption>();
  private readonly methods = new Map<string, FacetOption>();
  private readonly statuses = new Map<string, FacetOption>();
  private processed = 0;

  constructor(readonly ladder: LadderIndex) {}

  /** Reads rows up to `upTo` (the rows of the view). */
  update(upTo: number): void {
    const rows = this.ladder.rows;
    const end = Math.min(upTo, rows.length);
    for (; this.processed < end; this.processed++) {
      const row = rows[this.processed]!;
      if (row.kind !== 'message') continue;
      const e = row.event;
      if (row.dialogKey !== undefined) {
        const call = this.calls.get(row.dialogKey);
        if (call) call.count++;
        else
          this.calls.set(row.dialogKey, {
            value: row.dialogKey,
            label: `${e.method ?? row.label} ${row.element} → ${row.to ?? '?'} (${shortCallId(row.dialogKey)})`,
            count: 1,
          });
      }
      const kind = messageKind(row);
      if (kind === undefined) continue;
      const map = e.method !== undefined ? this.methods : this.statuses;
      const option = map.get(kind);
      if (option) option.count++;
      else map.set(kind, { value: kind, label: e.method ?? row.label, count: 1 });
    }
  }

  get read(): number {
    return this.processed;
  }

  /** Calls in the order they began. */
  callOptions(): FacetOption[] {
    return [...this.calls.values()];
  }

  /** Request methods in the order they first appeared. */
  methodOptions(): FacetOption[] {
    return [...this.methods.values()];
  }

  /** Response statuses, lowest code first. */
  statusOptions(): FacetOption[] {
    return [...this.statuses.values()].sort((a, b) => Number(a.value) - Number(b.value));
  }
}

/** A Call-ID short enough for a select: its first 12 characters and "…". */
export function shortCallId(callId: string): string {
  return callId.length > 14 ? `${callId.slice(0, 12)}…` : callId;
}

/**
 * Where `needle` occurs in `text`, case-insensitively, as [start, end) ranges (for marking the
 * matches in a label or a line of a message). An empty needle finds nothing.
 */
export function findRanges(text: string, needle: string): [number, number][] {
  const n = needle.trim().toLowerCase();
  if (n === '') return [];
  const hay = text.toLowerCase();
  // Lower-casing may change a string's length (a few Unicode letters): then no ranges, rather than wrong ones.
  if (hay.length !== text.length) return [];
  const out: [number, number][] = [];
  let from = 0;
  for (;;) {
    const i = hay.indexOf(n, from);
    if (i < 0) break;
    out.push([i, i + n.length]);
    from = i + n.length;
  }
  return out;
}
