/**
 * The ladder of a simulation run: one row per datagram sent (a "send" event of sim/network's trace),
 * marked lost when a "drop" event of the same datagram follows, with the drop's reason as its note.
 */
import { wireToText } from '../codec';
import type { TraceEvent } from '../network';
import { LaneOrder, type Ladder, type LadderRow } from './ladder';

export function ladderFromTrace(events: readonly TraceEvent[], title = 'Simulation'): Ladder {
  const lanes = new LaneOrder();
  const rows: LadderRow[] = [];
  const byDatagram = new Map<number, LadderRow>();
  for (const e of events) {
    if (e.type === 'send') {
      const row: LadderRow = {
        time: e.time / 1000,
        from: lanes.add(e.from ?? e.source ?? '?'),
        to: lanes.add(e.to ?? e.destination ?? '?'),
        label: labelOf(e),
      };
      if (e.retransmission) row.retransmission = true;
      rows.push(row);
      if (e.datagram !== undefined) byDatagram.set(e.datagram, row);
    } else if (e.type === 'drop' && e.datagram !== undefined) {
      const row = byDatagram.get(e.datagram);
      if (row !== undefined) {
        row.lost = true;
        row.note = e.detail;
      }
    }
  }
  return { title, lanes: lanes.list(), rows };
}

function labelOf(e: TraceEvent): string {
  if (e.method) return e.method;
  if (e.status !== undefined) return `${e.status} ${wireToText(e.reason ?? '')}`.trim();
  return '?';
}
