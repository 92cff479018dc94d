/**
 * The formats "Export ladder" offers and how its files are named: no renderer here, so the button
 * costs a page nothing until a file is asked for (export-files.ts is loaded then).
 */
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
