/**
 * The ladder exports: built from a run's trace and from a capture; as lines (as the CLI always
 * printed), flow text, Mermaid (parsed by mermaid's own parser), PlantUML and SVG (well-formed XML).
 */
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { runScenario } from '@/cli/commands/run';
import { wireToText } from '@/sim/codec';
import { readCapture } from '@/sim/capture';
import {
  ladderFromCapture,
  ladderFromTrace,
  toFlowText,
  toLines,
  toMermaid,
  toPlantUml,
  toSvg,
  type Ladder,
} from '@/sim/export';
import type { TraceEvent } from '@/sim/network';
import { builtinNames, builtinScenario } from '@/sim/scenario';
import { ascii, ipv4, pcapFile, records, sipMessage, udp } from '../capture/capture-builder';
import { allElements, checkXml } from './xml-check';

/** The ladder exactly as cli/commands/run.ts printed it before sim/export (the reference for toLines). */
function oldLadder(events: readonly TraceEvent[]): string[] {
  const label = (e: TraceEvent) =>
    e.method
      ? e.method
      : e.status !== undefined
        ? `${e.status} ${wireToText(e.reason ?? '')}`.trim()
        : '?';
  const lines: string[] = [];
  for (const e of events) {
    if (e.type !== 'send' && e.type !== 'drop') continue;
    const t = (e.time / 1000).toFixed(3).padStart(8);
    const path = `${e.from ?? '?'} → ${e.to ?? e.destination ?? '?'}`;
    if (e.type === 'send')
      lines.push(
        `${t}s  ${path.padEnd(26)} ${label(e)}${e.retransmission ? '  (retransmission)' : ''}`,
      );
    else lines.push(`${t}s  ${' '.repeat(26)}   ✗ lost: ${e.detail}`);
  }
  return lines;
}

const TRACES = builtinNames().map((name) => {
  const scenario = builtinScenario(name)!;
  return { name, events: runScenario(scenario), title: scenario.title };
});

/** A ladder with everything the formats must cope with. */
const AWKWARD: Ladder = {
  title: 'Edge cases: "quotes", <angles> & ampersands; #hash %% percent',
  lanes: [
    { id: 'a', label: 'alice <sip:alice@atlanta.example.com>; #1' },
    { id: 'p', label: 'proxy "P1"' },
    { id: 'b', label: '[2001:db8::2]:5060' },
    { id: 'c', label: 'carol' },
  ],
  rows: [
    { time: 0, from: 'a', to: 'p', label: 'INVITE' },
    {
      time: 0.5,
      from: 'a',
      to: 'p',
      label: 'INVITE',
      retransmission: true,
      lost: true,
      note: 'lost on the link a–p (loss 50%)',
    },
    { time: 0.52, from: 'p', to: 'a', label: '100 Trying' },
    { time: 0.6, from: 'p', to: 'p', label: 'OPTIONS' },
    {
      time: 0.7,
      from: 'c',
      to: 'a',
      label: '403 Forbidden; <b>bold</b> #x **not bold** --not struck-- //x// ~tilde \\n',
    },
    {
      time: 1.234567,
      from: 'b',
      to: 'a',
      label: 'MESSAGE',
      marks: ['malformed', 'rule-3261-8.1.1'],
      note: 'line 3, column 7: "é" ünïcödé\u0001control',
    },
  ],
};

describe('ladder builders', () => {
  it('from a trace: one row per send, lost when the datagram was dropped, lanes in order of appearance', () => {
    const { events } = TRACES.find((t) => t.name === 'lost-invite')!;
    const ladder = ladderFromTrace(events, 'x');
    expect(ladder.lanes.map((l) => l.id)).toEqual(['alice', 'proxy', 'bob']);
    expect(ladder.rows).toHaveLength(events.filter((e) => e.type === 'send').length);
    const lost = ladder.rows.filter((r) => r.lost);
    expect(lost.length).toBe(events.filter((e) => e.type === 'drop').length);
    expect(lost[0]!.note).toMatch(/dropped/);
    expect(ladder.rows.some((r) => r.retransmission && r.label === 'INVITE')).toBe(true);
  });

  for (const { name, events } of TRACES)
    it(`toLines prints ${name} exactly as the CLI printed it before`, () => {
      expect(toLines(ladderFromTrace(events))).toEqual(oldLadder(events));
    });

  it('from a capture: labels from the start line, retransmissions by identical bytes, malformed messages marked', () => {
    const ok = sipMessage('SIP/2.0 200 OK');
    const bad = 'INVITE sip:x@example.com SIP/2.0\r\nVia nothing\r\n\r\n';
    const r = readCapture(
      pcapFile(
        records(
          [ok, ok, bad]
            .map((m, i) => ipv4('192.0.2.1', `192.0.2.${i + 2}`, 17, udp(5060, 5060, ascii(m))))
            .concat([ipv4('192.0.2.1', '192.0.2.2', 17, udp(5060, 5060, ascii(ok)))]),
        ),
        { linkType: 101 },
      ),
    );
    const ladder = ladderFromCapture(r.messages, 'capture.pcap');
    expect(ladder.lanes.map((l) => l.id)).toEqual([
      '192.0.2.1:5060',
      '192.0.2.2:5060',
      '192.0.2.3:5060',
      '192.0.2.4:5060',
    ]);
    expect(ladder.rows.map((x) => [x.label, x.retransmission ?? false, x.marks ?? []])).toEqual([
      ['200 OK', false, []],
      ['200 OK', false, []],
      ['INVITE', false, ['malformed']],
      ['200 OK', true, []],
    ]);
    expect(ladder.rows[2]!.note).toMatch(/no colon/);
    const lines = toLines(ladder);
    expect(lines[2]).toBe('   2.000s  192.0.2.1:5060 → 192.0.2.4:5060 INVITE  [malformed]');
    expect(lines[3]).toMatch(/^ {3}2\.000s {31}↳ header "Via" has no colon at line 2, column 5/);
  });
});

describe('flow text', () => {
  it('fits 100 columns, with lanes, arrows, lost and retransmitted messages, marks and notes', () => {
    const text = toFlowText(AWKWARD);
    const lines = text.trimEnd().split('\n');
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(100);
    expect(lines[0]).toBe(AWKWARD.title);
    expect(lines[2]).toMatch(/alice <sip:alice@atl…/);
    expect(lines[3]!.match(/┬/g)).toHaveLength(4);
    const rows = lines.slice(4);
    expect(rows[0]).toMatch(/^0\.000000 +│─+ INVITE ─+▶│/);
    expect(rows[1]).toMatch(/│╌+ INVITE ╌+✗│/);
    expect(rows[2]).toMatch(/↳ lost on the link a–p/);
    expect(rows[3]).toMatch(/│◀─+ 100 Trying ─+│/);
    expect(rows[4]).toMatch(/│ ↺ OPTIONS/);
    expect(rows[5]).toMatch(/│◀─* 403 Forbidden; .*… ─+│$/);
    expect(rows.at(-1)).toMatch(/↳ \[malformed, rule-3261-8\.1\.1\] line 3/);
  });

  it('narrows lanes to fit, down to a floor, for many lanes', () => {
    const many: Ladder = {
      title: 't',
      lanes: Array.from({ length: 12 }, (_, i) => ({ id: `n${i}`, label: `node-${i}` })),
      rows: [{ time: 1, from: 'n0', to: 'n11', label: 'INVITE' }],
    };
    const lines = toFlowText(many, { width: 100 }).trimEnd().split('\n');
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(12 * 9 + 8);
  });
});

describe('Mermaid', () => {
  const parse = async (text: string) => mermaid.parse(text);

  it('escapes what Mermaid reads as syntax, and marks lost and retransmitted messages', async () => {
    const text = toMermaid(AWKWARD);
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '---',
      `title: ${JSON.stringify(AWKWARD.title)}`,
      '---',
      'sequenceDiagram',
    ]);
    expect(lines).toContain(
      '    participant L0 as alice #lt;sip:alice@atlanta.example.com#gt;#59; #35;1',
    );
    expect(lines).toContain('    L0->>L1: INVITE');
    expect(lines).toContain('    L0--xL1: INVITE (lost)');
    expect(lines).toContain('    Note over L0,L1: lost on the link a–p (loss 50%)');
    expect(lines).toContain('    L1->>L1: OPTIONS');
    const texts = lines
      .slice(4)
      .map((l) => l.replace(/^ {4}(participant L\d+ as |L\d+\S+L\d+: |Note over \S+: )/, ''));
    for (const t of texts) expect(t).not.toMatch(/[<>]|%%/);
    await expect(parse(text)).resolves.toMatchObject({ diagramType: 'sequence' });
  });

  for (const { name, events, title } of TRACES)
    it(`parses: ${name}`, async () => {
      const text = toMermaid(ladderFromTrace(events, title));
      await expect(parse(text)).resolves.toMatchObject({ diagramType: 'sequence' });
      const arrows = text.split('\n').filter((l) => /^ {4}L\d+(--x|-->>|->>)L\d+: /.test(l));
      expect(arrows).toHaveLength(events.filter((e) => e.type === 'send').length);
    });

  it('is checked by a parser that can fail', async () => {
    await expect(parse('sequenceDiagram\n    L0->>: no target\n')).rejects.toThrow();
  });
});

describe('PlantUML', () => {
  it('has @startuml … @enduml, participants, arrows (->x for lost, --> for retransmitted) and escaped creole', () => {
    const lines = toPlantUml(AWKWARD).trimEnd().split('\n');
    expect(lines[0]).toBe('@startuml');
    expect(lines.at(-1)).toBe('@enduml');
    expect(lines).toContain(`participant "proxy 'P1'" as L1`);
    expect(lines).toContain('L0 -> L1 : INVITE');
    expect(lines).toContain('L0 -->x L1 : INVITE (lost)');
    expect(lines).toContain('L1 -> L0 : 100 Trying');
    expect(lines).toContain('note over L0, L1 : lost on the link a–p (loss 50%)');
    const forbidden = lines.find((l) => l.startsWith('L3 -> L0'))!;
    expect(forbidden).toBe(
      'L3 -> L0 : 403 Forbidden; ~<b>bold~</b> #x ~*~*not bold~*~* ~-~-not struck~-~- ~/~/x~/~/ ~~tilde \\\\n',
    );
    expect(lines.filter((l) => l.startsWith('participant '))).toHaveLength(4);
  });

  for (const { name, events, title } of TRACES.slice(0, 3))
    it(`has one arrow per datagram: ${name}`, () => {
      const lines = toPlantUml(ladderFromTrace(events, title)).split('\n');
      expect(lines.filter((l) => /^L\d+ (->|-->|->x|-->x) L\d+ : /.test(l))).toHaveLength(
        events.filter((e) => e.type === 'send').length,
      );
    });
});

describe('SVG', () => {
  function svgOf(ladder: Ladder) {
    const source = toSvg(ladder);
    const { problems, root } = checkXml(source);
    expect(problems).toEqual([]);
    return { source, root: root!, all: allElements(root!) };
  }

  it('is well-formed standalone SVG with width, height, viewBox and a title', () => {
    const { root, all } = svgOf(AWKWARD);
    expect(root.name).toBe('svg');
    expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
    const { width, height, viewBox } = root.attributes;
    expect(viewBox).toBe(`0 0 ${width} ${height}`);
    expect(Number(width)).toBeGreaterThan(400);
    expect(root.children[0]!.name).toBe('title');
    expect(root.children[0]!.text).toBe(
      'Edge cases: &quot;quotes&quot;, &lt;angles&gt; &amp; ampersands; #hash %% percent',
    );
    // Generic font families only (no web fonts to load).
    const fonts = all
      .map((e) => e.attributes['font-family'])
      .filter((f): f is string => f !== undefined);
    for (const f of fonts) expect(f).toMatch(/(sans-serif|monospace)$/);
    expect(all.some((e) => e.name === 'image' || e.name === 'style')).toBe(false);
  });

  it('draws a lane per element, an arrow per message, dashed retransmissions and a cross for lost messages', () => {
    const { all } = svgOf(AWKWARD);
    const laneNames = all.filter(
      (e) =>
        e.name === 'text' &&
        e.attributes['font-weight'] === '600' &&
        e.attributes['text-anchor'] === 'middle',
    );
    expect(laneNames.map((e) => e.text).slice(0, 4)).toEqual([
      'alice &lt;sip:alice@atlanta.example.com&gt;; #1',
      'proxy &quot;P1&quot;',
      '[2001:db8::2]:5060',
      'carol',
    ]);
    const arrows = all.filter((e) => e.name === 'line' && e.attributes['stroke-width'] === '1.6');
    expect(arrows).toHaveLength(AWKWARD.rows.filter((r) => r.from !== r.to).length);
    expect(arrows.filter((e) => e.attributes['stroke-dasharray'] === '6 4')).toHaveLength(1);
    expect(arrows.filter((e) => e.attributes['marker-end'] === undefined)).toHaveLength(1);
    expect(all.filter((e) => e.name === 'path' && e.attributes.stroke === '#a3161b')).toHaveLength(
      1,
    );
    const times = all
      .filter((e) => e.name === 'text' && e.attributes['text-anchor'] === 'end')
      .map((e) => e.text);
    expect(times).toEqual(['0.000000', '0.500000', '0.520000', '0.600000', '0.700000', '1.234567']);
  });

  for (const { name, events, title } of TRACES)
    it(`is well-formed: ${name}`, () => {
      const { root } = svgOf(ladderFromTrace(events, title));
      expect(root.children[0]!.text.length).toBeGreaterThan(0);
    });
});
