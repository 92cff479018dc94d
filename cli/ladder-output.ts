/**
 * `--format` for the commands that print a ladder (run, import): the one-line-per-message ladder the
 * CLI has always printed ("text"), or an export of sim/export (flow, mermaid, plantuml, svg).
 */
import { exportLadder, type Ladder, type LadderFormat } from '../sim/export';

export const FORMATS = ['text', 'flow', 'mermaid', 'plantuml', 'svg'] as const;
export type CliFormat = (typeof FORMATS)[number];

export const FORMAT_HELP = `  --format F    how to print the ladder:
                  text      one line per message: time, from → to, method or status (the default)
                  flow      lanes and arrows drawn with characters, like sngrep's call flow
                  mermaid   a Mermaid sequenceDiagram
                  plantuml  a PlantUML sequence diagram (@startuml … @enduml)
                  svg       a standalone SVG image`;

/** The --format value, undefined when absent, or an error message. */
export function formatOption(args: readonly string[]): CliFormat | undefined | { error: string } {
  const at = args.indexOf('--format');
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || !(FORMATS as readonly string[]).includes(value))
    return {
      error: `--format needs one of ${FORMATS.join(', ')}${value === undefined ? '' : ` (got "${value}")`}`,
    };
  return value as CliFormat;
}

/** The ladder in a CLI format, as the lines to print. */
export function ladderOutput(ladder: Ladder, format: CliFormat): string[] {
  const as: LadderFormat = format === 'text' ? 'lines' : format;
  return exportLadder(ladder, as).replace(/\n$/, '').split('\n');
}
