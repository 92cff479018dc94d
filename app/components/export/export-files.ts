/**
 * The files "Export ladder" makes: one per format, from the ladder description of sim/export (text
 * drawn like sngrep's flow, SVG, Mermaid, PlantUML) or the pcap bytes; PNG is the SVG drawn into a
 * canvas by the component. Pure: file name, MIME type and contents.
 */
import { toFlowText, toMermaid, toPlantUml, toSvg, type Ladder } from '@/sim/export';
import { baseName, type ExportFile, type ExportFormat } from './export-formats';

export { EXPORT_FORMATS, baseName, type ExportFile, type ExportFormat } from './export-formats';

/** The SVG of the ladder (PNG is drawn from it). */
export { toSvg };

/** The text formats' file (PNG and pcap are made from other inputs). */
export function ladderFile(
  ladder: Ladder,
  format: Exclude<ExportFormat, 'png' | 'pcap'>,
): ExportFile {
  const base = baseName(ladder.title);
  switch (format) {
    case 'text':
      return {
        name: `${base}.txt`,
        type: 'text/plain;charset=utf-8',
        contents: toFlowText(ladder),
      };
    case 'svg':
      return { name: `${base}.svg`, type: 'image/svg+xml', contents: toSvg(ladder) };
    case 'mermaid':
      return { name: `${base}.mmd`, type: 'text/plain;charset=utf-8', contents: toMermaid(ladder) };
    case 'plantuml':
      return {
        name: `${base}.puml`,
        type: 'text/plain;charset=utf-8',
        contents: toPlantUml(ladder),
      };
  }
}
