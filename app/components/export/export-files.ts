/**
 * The files "Export ladder" makes: one per format, from the ladder description of sim/export (text
 * drawn like sngrep's flow, SVG, Mermaid, PlantUML) or the pcap bytes; PNG is the SVG drawn into a
 * canvas by the component. Pure: file name, MIME type and contents.
 */
import { toFlowText, toMermaid, toPlantUml, toSvg, type Ladder } from '@/sim/export';

export const EXPORT_FORMATS = [
  { id: 'text', label: 'Text' },
  { id: 'svg', label: 'SVG' },
  { id: 'png', label: 'PNG' },
  { id: 'mermaid', label: 'Mermaid' },
  { id: 'plantuml', label: 'PlantUML' },
  { id: 'pcap', label: 'pcap' },
] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number]['id'];

export interface ExportFile {
  name: string;
  type: string;
  contents: string | Uint8Array;
}

/** A file name from a title: lower case letters, digits and dashes ("call-trapezoid"). */
export function baseName(title: string): string {
  const s = title
    .toLowerCase()
    .replace(/\.(pcapng|pcap|cap)$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'ladder' : s.slice(0, 60);
}

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
