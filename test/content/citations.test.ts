/**
 * Every RFC citation in the lessons, the glossary and the header explanations names its RFC, and the
 * section it cites exists in that RFC (the lists in test/fixtures/rfc; their sources are in
 * test/fixtures/SOURCES.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEADER_DOCS, SDP_DOCS, explainSdpLine } from '@/sim/codec';
import glossary from '@/content/glossary.json';
import { canFollow, extractSections } from '../fixtures/rfc/extract-sections';
import {
  citationsInText,
  glossaryCitations,
  headerDocCitations,
  lessonCitations,
  loadSectionLists,
  problemWith,
  type Citation,
  type GlossaryEntry,
} from './citations';

const lists = loadSectionLists(join(__dirname, '..', 'fixtures', 'rfc'));
const lessonDir = join(__dirname, '..', '..', 'content', 'lessons');
const lessonFiles = readdirSync(lessonDir)
  .filter((f) => f.endsWith('.mdx'))
  .sort();
const entries = glossary as GlossaryEntry[];

function problems(cs: Citation[]): string[] {
  return cs.map((c) => problemWith(c, lists)).filter((p): p is string => p !== null);
}

describe('the section lists', () => {
  it('hold RFC 3261 and RFC 2617 complete, as extracted from their texts', () => {
    const rfc3261 = lists.get('3261')!;
    expect(rfc3261.complete).toBe(true);
    expect(rfc3261.sections).toHaveLength(314);
    expect(rfc3261.sections.find((s) => s.number === '17.1.1.2')?.title).toBe('Formal Description');
    expect(rfc3261.sections.find((s) => s.number === '20.14')?.title).toBe('Content-Length');
    const rfc2617 = lists.get('2617')!;
    expect(rfc2617.complete).toBe(true);
    expect(rfc2617.sections.find((s) => s.number === '4.5')?.title).toBe('Replay Attacks');
  });

  it('number every complete list in document order', () => {
    for (const list of lists.values()) {
      if (!list.complete) continue;
      let prev: string | null = null;
      for (const s of list.sections) {
        expect(canFollow(prev, s.number), `RFC ${list.rfc} §${s.number} after §${prev}`).toBe(true);
        prev = s.number;
      }
    }
  });

  it('list each section once, with a title, and the parents of every hand-written section', () => {
    for (const list of lists.values()) {
      const numbers = list.sections.map((s) => s.number);
      expect(new Set(numbers).size, `RFC ${list.rfc}`).toBe(numbers.length);
      for (const s of list.sections) {
        expect(s.title.length, `RFC ${list.rfc} §${s.number}`).toBeGreaterThan(0);
        const parent = s.number.split('.').slice(0, -1).join('.');
        if (parent)
          expect(numbers, `RFC ${list.rfc} §${s.number} needs §${parent}`).toContain(parent);
      }
    }
  });
});

describe('extractSections', () => {
  const sample = [
    'Table of Contents',
    '',
    '   1          Introduction ....................................    3',
    '   1.1        Scope ...........................................    3',
    '',
    '1 Introduction',
    '',
    '   Text of the introduction.',
    '',
    '1.1 Scope',
    '',
    '5 seconds later the timer fires (a body line that starts with a number out of sequence).',
    'RFC 9999            An Example                              June 2002',
    '2.  Second Section',
    '2.1 First Child',
    '2.1.1 Grandchild',
    '3 Third',
  ].join('\n');

  it('keeps the headings in sequence and skips the contents, page headers and stray numbers', () => {
    expect(extractSections(sample)).toEqual([
      { number: '1', title: 'Introduction' },
      { number: '1.1', title: 'Scope' },
      { number: '2', title: 'Second Section' },
      { number: '2.1', title: 'First Child' },
      { number: '2.1.1', title: 'Grandchild' },
      { number: '3', title: 'Third' },
    ]);
  });
});

describe('reading citations', () => {
  it('gives each § the RFC named before it', () => {
    expect(citationsInText('RFC 3261 §20.42, §18.2.2; RFC 3581 §4', 'x')).toEqual([
      { rfc: '3261', section: '20.42', where: 'x' },
      { rfc: '3261', section: '18.2.2', where: 'x' },
      { rfc: '3581', section: '4', where: 'x' },
    ]);
  });

  it('reads a § with no RFC before it as naming none', () => {
    expect(citationsInText('see §12.1', 'x')).toEqual([{ rfc: null, section: '12.1', where: 'x' }]);
  });

  it('reads <Rfc /> components, meta.rfc and bare § in a lesson', () => {
    const src = [
      'export const meta = {',
      "  title: 'T',",
      "  rfc: ['12', '15'],",
      '};',
      '',
      'A dialog (<Rfc rfc="6665" section="4.4.1" />) and (<Rfc section="12" />), and §9.2.',
    ].join('\n');
    expect(lessonCitations(src, 'l.mdx')).toEqual([
      { rfc: '6665', section: '4.4.1', where: 'l.mdx:6' },
      { rfc: null, section: '12', where: 'l.mdx:6' },
      { rfc: '3261', section: '12', where: 'l.mdx meta.rfc' },
      { rfc: '3261', section: '15', where: 'l.mdx meta.rfc' },
      { rfc: null, section: '9.2', where: 'l.mdx:6' },
    ]);
  });
});

describe('checking a citation', () => {
  it('accepts a section that exists in the RFC it names', () => {
    expect(problemWith({ rfc: '3261', section: '16.10', where: 'x' }, lists)).toBeNull();
    expect(problemWith({ rfc: '6665', section: '4.4.1', where: 'x' }, lists)).toBeNull();
  });

  it('catches a section the RFC does not have', () => {
    expect(problemWith({ rfc: '3261', section: '99.9', where: 'x' }, lists)).toMatch(
      /RFC 3261 .* has no section 99\.9/,
    );
    // RFC 3261 §7.1 is "Requests"; the event framework's sections are not in RFC 3261.
    expect(problemWith({ rfc: '3261', section: '4.4.1', where: 'x' }, lists)).toMatch(
      /no section 4\.4\.1/,
    );
  });

  it('catches a section missing from a hand-written list, an RFC without a list, and a citation without an RFC', () => {
    expect(problemWith({ rfc: '6665', section: '9.9', where: 'x' }, lists)).toMatch(
      /not in the list of RFC 6665/,
    );
    expect(problemWith({ rfc: '1234', section: '1', where: 'x' }, lists)).toMatch(
      /RFC 1234, which has no section list/,
    );
    expect(problemWith({ rfc: null, section: '12', where: 'x' }, lists)).toMatch(
      /without naming its RFC/,
    );
  });
});

describe('every citation exists in the RFC it names', () => {
  for (const file of lessonFiles) {
    it(`in ${file}`, () => {
      const src = readFileSync(join(lessonDir, file), 'utf8');
      const cs = lessonCitations(src, file);
      expect(cs.length, 'every lesson cites the RFC').toBeGreaterThan(0);
      expect(problems(cs)).toEqual([]);
    });
  }

  it('in the lessons, through <Rfc rfc="…" /> components (80 or more)', () => {
    const count = lessonFiles
      .map((f) => readFileSync(join(lessonDir, f), 'utf8').match(/<Rfc\b/g)?.length ?? 0)
      .reduce((a, b) => a + b, 0);
    expect(count).toBeGreaterThanOrEqual(80);
  });

  it('in the glossary, where every entry cites at least one section', () => {
    for (const e of entries) expect(e.cite.length, e.id).toBeGreaterThan(0);
    expect(problems(glossaryCitations(entries))).toEqual([]);
  });

  it('in the SDP explanations, where every line type and attribute cites RFC 4566', () => {
    for (const [key, d] of Object.entries(SDP_DOCS))
      expect(citationsInText(d.rfc, key).length, key).toBeGreaterThan(0);
    const attribute = explainSdpLine('a=rtpmap:0 PCMU/8000', true);
    const unknown = explainSdpLine('a=ice-ufrag:8hhY', true);
    expect(
      problems([
        ...headerDocCitations(SDP_DOCS),
        ...citationsInText(attribute.rfc, 'sdp-docs rtpmap'),
        ...citationsInText(unknown.rfc, 'sdp-docs other attribute'),
      ]),
    ).toEqual([]);
  });

  it('in the plain-words verdicts and errors (sim/codec/plain-*.ts, body-cut.ts)', () => {
    const dir = join(__dirname, '..', '..', 'sim', 'codec');
    const files = readdirSync(dir).filter((f) => /^(plain-.*|body-cut)\.ts$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(3);
    const cs = files.flatMap((f) => citationsInText(readFileSync(join(dir, f), 'utf8'), f));
    expect(cs.length).toBeGreaterThan(5);
    expect(problems(cs)).toEqual([]);
  });

  it('in the header explanations, where every header cites at least one section', () => {
    for (const [key, d] of Object.entries(HEADER_DOCS))
      expect(citationsInText(d.rfc, key).length, key).toBeGreaterThan(0);
    expect(problems(headerDocCitations(HEADER_DOCS))).toEqual([]);
  });
});
