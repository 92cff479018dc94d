/**
 * The ladder as a PlantUML sequence diagram: participants with ids L0, L1, … and the lanes' labels as
 * names, "->" for a message, "-->" (dashed) for a retransmission, "->x" for a lost message, and a note
 * over the lanes for a row's marks and note. Creole markup in labels is escaped with "~".
 */
import type { Ladder } from './ladder';

export function toPlantUml(ladder: Ladder): string {
  const id = new Map(ladder.lanes.map((l, i) => [l.id, `L${i}`]));
  const out = ['@startuml', `title ${plantText(ladder.title)}`];
  for (const l of ladder.lanes)
    out.push(
      `participant "${l.label.replace(/"/g, "'").replace(/[\r\n]+/g, ' ')}" as ${id.get(l.id)}`,
    );
  for (const r of ladder.rows) {
    const from = id.get(r.from);
    const to = id.get(r.to);
    if (from === undefined || to === undefined) continue;
    const arrow = r.lost ? (r.retransmission ? '-->x' : '->x') : r.retransmission ? '-->' : '->';
    const suffix = r.lost ? ' (lost)' : r.retransmission ? ' (retransmission)' : '';
    out.push(`${from} ${arrow} ${to} : ${plantText(`${r.label}${suffix}`)}`);
    const extra = [r.marks && r.marks.length > 0 ? `[${r.marks.join(', ')}]` : '', r.note ?? '']
      .filter(Boolean)
      .join(' ');
    if (extra) out.push(`note over ${from === to ? from : `${from}, ${to}`} : ${plantText(extra)}`);
  }
  out.push('@enduml');
  return out.join('\n') + '\n';
}

/** Text PlantUML shows as it is: creole markers and "\n" escaped, one line. */
export function plantText(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/~/g, '~~')
    .replace(/\\/g, '\\\\')
    .replace(/(\*\*|\/\/|""|--|__|\^\^|==|\[\[)/g, (m) => `~${m[0]}~${m[1]}`)
    .replace(/</g, '~<')
    .trim();
}
