/**
 * The ladder as the CLI has always printed it: one line per message — time, "from → to", label —
 * with retransmissions marked, a "✗ lost" line under a message that never arrived, and a "↳" line
 * with the note of any other row that has one (what the codec said of a malformed message).
 */
import { timeDecimals, type Ladder } from './ladder';

export function toLines(ladder: Ladder): string[] {
  const label = new Map(ladder.lanes.map((l) => [l.id, l.label]));
  const decimals = timeDecimals(ladder.rows);
  const lines: string[] = [];
  for (const r of ladder.rows) {
    const t = r.time.toFixed(decimals).padStart(decimals + 5);
    const path = `${label.get(r.from) ?? r.from} → ${label.get(r.to) ?? r.to}`;
    const marks = r.marks && r.marks.length > 0 ? `  [${r.marks.join(', ')}]` : '';
    lines.push(
      `${t}s  ${path.padEnd(26)} ${r.label}${r.retransmission ? '  (retransmission)' : ''}${marks}`,
    );
    if (r.lost) lines.push(`${t}s  ${' '.repeat(26)}   ✗ lost: ${r.note ?? ''}`);
    else if (r.note !== undefined) lines.push(`${t}s  ${' '.repeat(26)}   ↳ ${r.note}`);
  }
  return lines;
}
