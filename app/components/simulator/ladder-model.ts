/**
 * The ladder's rows, read from the trace: one row per datagram (its "send" event, joined with the
 * "receive" or "drop" of the same datagram number), one per timer that fires, per user action, per
 * note and per discarded message. Built incrementally: the trace of one run only grows, so each step
 * reads just the events it added, and a trace of thousands of messages costs nothing per step.
 */
import type { TraceEvent } from '@/sim/network';
import { messageLabel, timerLabel } from './format';

export type LadderRowKind = 'message' | 'timer' | 'action' | 'note' | 'discard' | 'error';

export interface LadderRow {
  index: number;
  kind: LadderRowKind;
  /** The row's own event: the "send" of a message, or the timer fire, action, note or discard. */
  event: TraceEvent;
  /** Sender of a message, or the element where a marker happened. */
  element: string;
  /** Receiver of a message (undefined when no element listens at the destination). */
  to?: string;
  label: string;
  /** Set once the trace holds them (may be beyond the current step: compare ids with the position). */
  receive?: TraceEvent;
  drop?: TraceEvent;
  /** Messages and timers of one transaction share this key (the transaction id without the element). */
  transactionKey?: string;
  /** Messages of one call or registration share this key (the Call-ID). */
  dialogKey?: string;
}

/** Where a message row stands when the view holds `eventCount` events. */
export type MessageState = 'in-flight' | 'arrived' | 'dropped';

export function messageState(row: LadderRow, eventCount: number): MessageState {
  if (row.drop && row.drop.id < eventCount) return 'dropped';
  if (row.receive && row.receive.id < eventCount) return 'arrived';
  return 'in-flight';
}

function transactionKey(e: TraceEvent): string | undefined {
  if (e.transactionId !== undefined) {
    // Ids read "element:branch:method"; both ends of a transaction share "branch:method".
    const prefix = `${e.element}:`;
    return e.transactionId.startsWith(prefix)
      ? e.transactionId.slice(prefix.length)
      : e.transactionId;
  }
  if (e.branch !== undefined && e.cseq !== undefined) {
    const method = e.cseq.split(' ')[1];
    if (method !== undefined) return `${e.branch}:${method}`;
  }
  return undefined;
}

const MARKERS: Partial<Record<TraceEvent['type'], LadderRowKind>> = {
  'timer-fire': 'timer',
  action: 'action',
  note: 'note',
  discard: 'discard',
  error: 'error',
};

export class LadderIndex {
  readonly rows: LadderRow[] = [];
  /** Trace event id → index of the row that shows it (send, receive, drop, or the marker itself). */
  readonly rowOfEvent = new Map<number, number>();
  private readonly byDatagram = new Map<number, LadderRow>();
  private processed = 0;

  constructor(readonly trace: readonly TraceEvent[]) {}

  /** Reads the events added to the trace since the last call. */
  update(): void {
    const trace = this.trace;
    for (; this.processed < trace.length; this.processed++) {
      const e = trace[this.processed]!;
      if (e.type === 'send') {
        const row: LadderRow = {
          index: this.rows.length,
          kind: 'message',
          event: e,
          element: e.from ?? e.element,
          label: messageLabel(e),
        };
        if (e.to !== undefined) row.to = e.to;
        const tk = transactionKey(e);
        if (tk !== undefined) row.transactionKey = tk;
        if (e.callId !== undefined) row.dialogKey = e.callId;
        this.rows.push(row);
        this.rowOfEvent.set(e.id, row.index);
        if (e.datagram !== undefined) this.byDatagram.set(e.datagram, row);
      } else if ((e.type === 'receive' || e.type === 'drop') && e.datagram !== undefined) {
        const row = this.byDatagram.get(e.datagram);
        if (!row) continue;
        if (e.type === 'receive') row.receive = e;
        else row.drop = e;
        this.rowOfEvent.set(e.id, row.index);
      } else {
        const kind = MARKERS[e.type];
        if (kind === undefined) continue;
        const row: LadderRow = {
          index: this.rows.length,
          kind,
          event: e,
          element: e.element,
          label: kind === 'timer' ? `${timerLabel(e.timer ?? '?')} fires` : e.detail,
        };
        const tk = transactionKey(e);
        if (tk !== undefined) row.transactionKey = tk;
        this.rows.push(row);
        this.rowOfEvent.set(e.id, row.index);
      }
    }
  }

  /** How many rows a view with `eventCount` trace events shows (rows are in trace order). */
  visibleCount(eventCount: number): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows[mid]!.event.id < eventCount) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  rowFor(eventId: number): LadderRow | undefined {
    const i = this.rowOfEvent.get(eventId);
    return i === undefined ? undefined : this.rows[i];
  }

  /** The row of a datagram, by its number in the run. */
  rowOfDatagram(datagram: number): LadderRow | undefined {
    return this.byDatagram.get(datagram);
  }
}

export type HighlightMode = 'transaction' | 'dialog' | 'none';

export function groupKey(row: LadderRow | undefined, mode: HighlightMode): string | undefined {
  if (!row || mode === 'none') return undefined;
  return mode === 'transaction' ? row.transactionKey : row.dialogKey;
}
