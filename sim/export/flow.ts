/**
 * The ladder drawn with characters, like sngrep's call flow: a time column, one column per lane with
 * its lifeline, arrows between them with the label on the line ("╌" for a retransmission, "✗" where a
 * lost message ends), and a line under a row for its marks and note. Fits the given width (100
 * columns by default) by narrowing the lanes and shortening labels with "…".
 */
import { timeDecimals, type Ladder } from './ladder';

export interface FlowOptions {
  /** Columns of the drawing (at least 40). */
  width?: number;
}

const MIN_LANE = 9;

export function toFlowText(ladder: Ladder, options: FlowOptions = {}): string {
  const width = Math.max(40, options.width ?? 100);
  const decimals = timeDecimals(ladder.rows);
  const timeWidth = Math.max(...ladder.rows.map((r) => r.time.toFixed(decimals).length), 4) + 3;
  const n = Math.max(1, ladder.lanes.length);
  const laneWidth = Math.max(MIN_LANE, Math.floor((width - timeWidth) / n));
  const lineWidth = timeWidth + laneWidth * n;
  const center = new Map(
    ladder.lanes.map((l, i) => [l.id, timeWidth + laneWidth * i + Math.floor(laneWidth / 2)]),
  );
  const lifelines = (): string[] => {
    const line = Array<string>(lineWidth).fill(' ');
    for (const x of center.values()) line[x] = '│';
    return line;
  };
  const out: string[] = [fit(ladder.title, width), ''];

  const header = Array<string>(lineWidth).fill(' ');
  ladder.lanes.forEach((l) => {
    const text = fit(l.label, laneWidth - 1);
    const x = center.get(l.id)! - Math.floor(text.length / 2);
    for (let i = 0; i < text.length; i++) header[x + i] = text[i]!;
  });
  out.push(header.join('').trimEnd());
  const top = lifelines();
  for (const x of center.values()) top[x] = '┬';
  out.push(top.join('').trimEnd());

  for (const r of ladder.rows) {
    const line = lifelines();
    const time = r.time.toFixed(decimals).padStart(timeWidth - 3);
    for (let i = 0; i < time.length; i++) line[i] = time[i]!;
    const a = center.get(r.from);
    const b = center.get(r.to);
    if (a !== undefined && b !== undefined)
      drawArrow(line, a, b, r.label, r.lost === true, r.retransmission === true, laneWidth);
    out.push(line.join('').trimEnd());
    const extra = [r.marks && r.marks.length > 0 ? `[${r.marks.join(', ')}]` : '', r.note ?? '']
      .filter(Boolean)
      .join(' ');
    if (extra) {
      const below = lifelines();
      const text = fit(`↳ ${extra}`, lineWidth - timeWidth);
      for (let i = 0; i < text.length; i++) below[timeWidth + i] = text[i]!;
      out.push(below.join('').trimEnd());
    }
  }
  return out.join('\n') + '\n';
}

function drawArrow(
  line: string[],
  a: number,
  b: number,
  label: string,
  lost: boolean,
  retransmission: boolean,
  laneWidth: number,
): void {
  const dash = retransmission ? '╌' : '─';
  if (a === b) {
    // A message to itself: a loop on its lifeline and the label beside it.
    const text = fit(`↺ ${label}`, laneWidth - 2);
    for (let i = 0; i < text.length && a + 2 + i < line.length; i++) line[a + 2 + i] = text[i]!;
    return;
  }
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  for (let x = lo + 1; x < hi; x++) line[x] = dash;
  const head = lost ? '✗' : a < b ? '▶' : '◀';
  line[a < b ? hi - 1 : lo + 1] = head;
  const room = hi - lo - 5;
  if (room < 1) return;
  const text = ` ${fit(label, room)} `;
  const start = lo + 1 + Math.floor((hi - lo - 1 - text.length) / 2);
  for (let i = 0; i < text.length; i++) line[start + i] = text[i]!;
}

/** The text cut to `n` characters with "…" when longer. */
function fit(text: string, n: number): string {
  const chars = [...text.replace(/[\r\n\t]+/g, ' ')];
  if (chars.length <= n) return chars.join('');
  return n <= 1 ? chars.slice(0, n).join('') : `${chars.slice(0, n - 1).join('')}…`;
}
