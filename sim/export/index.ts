/**
 * Exports of the ladder: one plain description (lanes and rows, built from a simulation trace or
 * from a capture's messages) rendered as the CLI's lines, a flow drawn with characters like sngrep's, Mermaid, PlantUML or a
 * standalone SVG. Pure functions: the page and the CLI share them.
 */
export { type Ladder, type LadderLane, type LadderRow, timeDecimals } from './ladder';
export { ladderFromTrace } from './from-trace';
export { ladderFromCapture, labelOf } from './from-capture';
export { toLines } from './lines';
export { toFlowText, type FlowOptions } from './flow';
export { toMermaid, mermaidText } from './mermaid';
export { toPlantUml, plantText } from './plantuml';
export { toSvg } from './svg';

import type { Ladder } from './ladder';
import { toLines } from './lines';
import { toMermaid } from './mermaid';
import { toPlantUml } from './plantuml';
import { toSvg } from './svg';
import { toFlowText } from './flow';

export const LADDER_FORMATS = ['lines', 'flow', 'mermaid', 'plantuml', 'svg'] as const;
export type LadderFormat = (typeof LADDER_FORMATS)[number];

/** The ladder in one of the formats (lines joined with "\n"). */
export function exportLadder(ladder: Ladder, format: LadderFormat): string {
  switch (format) {
    case 'lines':
      return toLines(ladder).join('\n') + '\n';
    case 'flow':
      return toFlowText(ladder);
    case 'mermaid':
      return toMermaid(ladder);
    case 'plantuml':
      return toPlantUml(ladder);
    case 'svg':
      return toSvg(ladder);
  }
}
