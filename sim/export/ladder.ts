/**
 * The ladder (the sequence diagram of RFC 3665's call flows) as plain data: lanes for the elements
 * and one row per message, in time order. Every export format renders this one description.
 */

export interface LadderLane {
  id: string;
  /** What the lane is called in the output ("alice", "192.0.2.1:5060"). */
  label: string;
}

export interface LadderRow {
  /** Seconds (from the start of the run or the first packet). */
  time: number;
  /** Lane ids. */
  from: string;
  to: string;
  /** "INVITE", "180 Ringing". */
  label: string;
  /** The message never arrived. */
  lost?: boolean;
  /** The sender sent it before (RFC 3261 §17 timers). */
  retransmission?: boolean;
  /** A sentence about the row (why it was lost, what the codec said). */
  note?: string;
  /** Short tags shown beside the label ("malformed", a rule's id). */
  marks?: string[];
}

export interface Ladder {
  title: string;
  lanes: LadderLane[];
  rows: LadderRow[];
}

/** Lanes in order of first appearance in the rows (for builders). */
export class LaneOrder {
  private readonly lanes = new Map<string, LadderLane>();
  add(id: string, label = id): string {
    if (!this.lanes.has(id)) this.lanes.set(id, { id, label });
    return id;
  }
  list(): LadderLane[] {
    return [...this.lanes.values()];
  }
}

/** Decimals that show every time exactly: 3 when all are whole milliseconds, else 6 (microseconds). */
export function timeDecimals(rows: readonly LadderRow[]): number {
  return rows.every((r) => Math.abs(r.time * 1000 - Math.round(r.time * 1000)) < 1e-6) ? 3 : 6;
}
