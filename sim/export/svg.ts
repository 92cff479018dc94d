/**
 * The ladder as a standalone SVG, as the app's ladder shows it in its light theme: lanes with their
 * names on top and dashed lifelines, a time column, arrows with their labels (dashed for a
 * retransmission, stopping short with a red cross for a lost message), marks and notes under the
 * label. Fonts are generic families only, so the file reads the same anywhere; it has a <title>,
 * width, height and viewBox.
 */
import { timeDecimals, type Ladder } from './ladder';

const COLORS = {
  background: '#ffffff',
  stripe: '#f8f8f5',
  text: '#1c2024',
  muted: '#4f5760',
  border: '#d5d9dc',
  lane: '#eef0ee',
  request: '#0b57a4',
  response: '#17633a',
  lost: '#a3161b',
};
const SANS = 'ui-sans-serif, system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif';
const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
const MARGIN = 16;
const TITLE_HEIGHT = 36;
const HEADER_HEIGHT = 40;
const ROW_HEIGHT = 34;
const NOTE_HEIGHT = 16;
/** Width of a character at 13 px, for sizing lanes (generous: the fonts differ). */
const CHAR = 7.4;

export function toSvg(ladder: Ladder): string {
  const decimals = timeDecimals(ladder.rows);
  const timeWidth =
    24 + CHAR * Math.max(...ladder.rows.map((r) => r.time.toFixed(decimals).length + 1), 5);
  // Wide enough for every lane name (bold: a little wider per character) and every label, within bounds.
  const longest = Math.max(
    ...ladder.lanes.map((l) => [...l.label].length * 1.08),
    ...ladder.rows.map((r) => [...rowLabel(r)].length + (r.marks?.join(', ').length ?? 0) + 4),
    8,
  );
  const laneWidth = Math.min(380, Math.max(140, Math.ceil(longest * CHAR) + 28));
  const n = Math.max(1, ladder.lanes.length);
  const width = Math.ceil(MARGIN * 2 + timeWidth + laneWidth * n);
  const x = new Map(ladder.lanes.map((l, i) => [l.id, MARGIN + timeWidth + laneWidth * (i + 0.5)]));
  const top = MARGIN + TITLE_HEIGHT + HEADER_HEIGHT;
  const heights = ladder.rows.map((r) => ROW_HEIGHT + (r.note ? NOTE_HEIGHT : 0));
  const height = Math.ceil(top + heights.reduce((a, b) => a + b, 0) + MARGIN + 8);

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="ladder-title">`,
    `<title id="ladder-title">${xml(ladder.title)}</title>`,
    `<desc>${xml(`${ladder.rows.length} messages between ${ladder.lanes.map((l) => l.label).join(', ')}`)}</desc>`,
    '<defs>',
    ...(['request', 'response'] as const).map(
      (k) =>
        `<marker id="arrow-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${COLORS[k]}"/></marker>`,
    ),
    '</defs>',
    `<rect width="${width}" height="${height}" fill="${COLORS.background}"/>`,
    `<g font-family="${SANS}" font-size="13" fill="${COLORS.text}">`,
    `<text x="${MARGIN}" y="${MARGIN + 20}" font-size="17" font-weight="600">${xml(ladder.title)}</text>`,
  );
  // Stripes, then lifelines, so arrows and text sit on top.
  let y = top;
  ladder.rows.forEach((_, i) => {
    if (i % 2 === 1)
      parts.push(
        `<rect x="${MARGIN}" y="${y}" width="${width - 2 * MARGIN}" height="${heights[i]}" fill="${COLORS.stripe}"/>`,
      );
    y += heights[i]!;
  });
  const bottom = y;
  parts.push(
    `<text x="${MARGIN + 4}" y="${top - 14}" font-size="11" fill="${COLORS.muted}">time (s)</text>`,
  );
  for (const l of ladder.lanes) {
    const cx = x.get(l.id)!;
    const label = fit(l.label, Math.floor((laneWidth - 16) / CHAR));
    const boxWidth = Math.min(laneWidth - 12, Math.max(60, [...label].length * CHAR + 20));
    parts.push(
      `<line x1="${cx}" y1="${top - 6}" x2="${cx}" y2="${bottom + 4}" stroke="${COLORS.border}" stroke-width="1.5" stroke-dasharray="4 4"/>`,
      `<rect x="${r1(cx - boxWidth / 2)}" y="${MARGIN + TITLE_HEIGHT}" width="${r1(boxWidth)}" height="${HEADER_HEIGHT - 12}" rx="6" fill="${COLORS.lane}" stroke="${COLORS.border}"/>`,
      `<text x="${cx}" y="${MARGIN + TITLE_HEIGHT + 19}" text-anchor="middle" font-weight="600">${xml(label)}</text>`,
    );
  }
  y = top;
  ladder.rows.forEach((r, i) => {
    const lineY = y + 22;
    parts.push(
      `<text x="${MARGIN + timeWidth - 12}" y="${lineY + 4}" text-anchor="end" font-family="${MONO}" font-size="12" fill="${COLORS.muted}">${r.time.toFixed(decimals)}</text>`,
    );
    const x1 = x.get(r.from);
    const x2 = x.get(r.to);
    if (x1 !== undefined && x2 !== undefined)
      parts.push(...arrow(r, x1, x2, lineY, laneWidth, width - MARGIN));
    y += heights[i]!;
  });
  parts.push('</g>', '</svg>');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${parts.join('\n')}\n`;
}

function rowLabel(r: Ladder['rows'][number]): string {
  return `${r.label}${r.retransmission ? ' (retransmission)' : ''}${r.lost ? ' (lost)' : ''}`;
}

function arrow(
  r: Ladder['rows'][number],
  x1: number,
  x2: number,
  y: number,
  laneWidth: number,
  right: number,
): string[] {
  const response = /^\d{3}\b/.test(r.label);
  const color = r.lost ? COLORS.lost : response ? COLORS.response : COLORS.request;
  const kind = response ? 'response' : 'request';
  const dash = r.retransmission ? ' stroke-dasharray="6 4"' : '';
  const out: string[] = [];
  const label = rowLabel(r);
  let labelX: number;
  if (x1 === x2) {
    out.push(
      `<path d="M${x1} ${y - 8}h26v12h-24" fill="none" stroke="${color}" stroke-width="1.6"${dash}${r.lost ? '' : ` marker-end="url(#arrow-${kind})"`}/>`,
    );
    labelX = x1 + 32;
    out.push(
      `<text x="${labelX}" y="${y - 2}" fill="${color}">${xml(fit(label, Math.floor((laneWidth - 40) / CHAR)))}${marks(r)}</text>`,
    );
  } else {
    // A lost message stops two thirds of the way, where a cross marks it.
    const end = r.lost ? x1 + (x2 - x1) * 0.66 : x2 + (x2 > x1 ? -2 : 2);
    out.push(
      `<line x1="${x1}" y1="${y}" x2="${r1(end)}" y2="${y}" stroke="${color}" stroke-width="1.6"${dash}${r.lost ? '' : ` marker-end="url(#arrow-${kind})"`}/>`,
      `<circle cx="${x1}" cy="${y}" r="2.5" fill="${color}"/>`,
    );
    if (r.lost)
      out.push(
        `<path d="M${r1(end - 5)} ${y - 5}l10 10m0 -10l-10 10" stroke="${COLORS.lost}" stroke-width="2"/>`,
      );
    labelX = (x1 + x2) / 2;
    const room = Math.floor((Math.abs(x2 - x1) - 12) / CHAR);
    out.push(
      `<text x="${r1(labelX)}" y="${y - 7}" text-anchor="middle" fill="${color}" font-weight="600">${xml(fit(label, room))}${marks(r)}</text>`,
    );
  }
  if (r.note) {
    // Under the arrow, from its left end to the right edge of the drawing.
    const left = Math.min(x1, x2) + 6;
    const room = Math.floor((right - left) / (CHAR * 0.85));
    out.push(
      `<text x="${r1(left)}" y="${y + 15}" font-size="11" font-style="italic" fill="${COLORS.muted}">${xml(fit(r.note, room))}</text>`,
    );
  }
  return out;
}

function marks(r: Ladder['rows'][number]): string {
  if (!r.marks || r.marks.length === 0) return '';
  return ` <tspan fill="${COLORS.lost}" font-weight="400" font-size="11">[${xml(r.marks.join(', '))}]</tspan>`;
}

function r1(n: number): number {
  return Math.round(n * 10) / 10;
}

function fit(text: string, n: number): string {
  const chars = [...text.replace(/[\r\n\t]+/g, ' ')];
  if (chars.length <= n) return chars.join('');
  return `${chars.slice(0, Math.max(1, n - 1)).join('')}…`;
}

/** Text for XML 1.0: markup characters escaped, characters XML cannot hold replaced by U+FFFD. */
export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
