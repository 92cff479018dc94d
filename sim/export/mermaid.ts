/**
 * The ladder as a Mermaid sequenceDiagram: participants with ids L0, L1, … and the lanes' labels as
 * aliases, "->>" for a message, "-->>" (dotted) for a retransmission, "--x" for a lost message, and a
 * Note over the two lanes for a row's marks and note. Characters Mermaid reads as syntax in text
 * ("#", ";", "<", ">", line ends) are written as its entity codes.
 */
import type { Ladder } from './ladder';

export function toMermaid(ladder: Ladder): string {
  const id = new Map(ladder.lanes.map((l, i) => [l.id, `L${i}`]));
  const out = ['---', `title: ${yamlString(ladder.title)}`, '---', 'sequenceDiagram'];
  for (const l of ladder.lanes)
    out.push(`    participant ${id.get(l.id)} as ${mermaidText(l.label)}`);
  for (const r of ladder.rows) {
    const from = id.get(r.from);
    const to = id.get(r.to);
    if (from === undefined || to === undefined) continue;
    const arrow = r.lost ? '--x' : r.retransmission ? '-->>' : '->>';
    const suffix = r.lost ? ' (lost)' : r.retransmission ? ' (retransmission)' : '';
    out.push(`    ${from}${arrow}${to}: ${mermaidText(`${r.label}${suffix}`)}`);
    const extra = [r.marks && r.marks.length > 0 ? `[${r.marks.join(', ')}]` : '', r.note ?? '']
      .filter(Boolean)
      .join(' ');
    if (extra)
      out.push(`    Note over ${from === to ? from : `${from},${to}`}: ${mermaidText(extra)}`);
  }
  return out.join('\n') + '\n';
}

const ENTITIES: Record<string, string> = {
  '#': '#35;',
  ';': '#59;',
  '<': '#lt;',
  '>': '#gt;',
  '%%': '#37;#37;',
};

/** Text that Mermaid shows as it is (entity codes for its syntax characters, one line). */
export function mermaidText(text: string): string {
  const escaped = text
    .replace(/[\r\n\t]+/g, ' ')
    .trim()
    .replace(/[#;<>]|%%/g, (c) => ENTITIES[c] ?? c);
  return escaped === '' ? '#160;' : escaped;
}

function yamlString(text: string): string {
  return JSON.stringify(text.replace(/[\r\n]+/g, ' '));
}
