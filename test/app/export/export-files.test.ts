// "Export ladder"'s files: names, types and the sim/export renderer behind each format.
import { describe, expect, it } from 'vitest';
import { toFlowText, toMermaid, toPlantUml, toSvg, type Ladder } from '@/sim/export';
import { EXPORT_FORMATS, baseName, ladderFile } from '@/app/components/export/export-files';

const ladder: Ladder = {
  title: 'A call between two domains (the SIP trapezoid)',
  lanes: [
    { id: 'a', label: 'alice' },
    { id: 'b', label: 'bob' },
  ],
  rows: [
    { time: 0, from: 'a', to: 'b', label: 'INVITE' },
    { time: 0.1, from: 'b', to: 'a', label: '200 OK' },
  ],
};

describe('export files', () => {
  it('offers the six formats of the issue', () => {
    expect(EXPORT_FORMATS.map((f) => f.label)).toEqual([
      'Text',
      'SVG',
      'PNG',
      'Mermaid',
      'PlantUML',
      'pcap',
    ]);
  });
  it('names files after the title', () => {
    expect(baseName(ladder.title)).toBe('a-call-between-two-domains-the-sip-trapezoid');
    expect(baseName('zeek-sip-wireshark.pcap')).toBe('zeek-sip-wireshark');
    expect(baseName('***')).toBe('ladder');
  });
  it('renders each text format with sim/export', () => {
    expect(ladderFile(ladder, 'text')).toMatchObject({ name: expect.stringMatching(/\.txt$/) });
    expect(ladderFile(ladder, 'text').contents).toBe(toFlowText(ladder));
    expect(ladderFile(ladder, 'svg')).toEqual({
      name: `${baseName(ladder.title)}.svg`,
      type: 'image/svg+xml',
      contents: toSvg(ladder),
    });
    expect(ladderFile(ladder, 'mermaid').contents).toBe(toMermaid(ladder));
    expect(ladderFile(ladder, 'plantuml').contents).toBe(toPlantUml(ladder));
    expect(ladderFile(ladder, 'plantuml').name).toMatch(/\.puml$/);
  });
});
