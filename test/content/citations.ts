/**
 * RFC citations in the lessons, the glossary and the inspector's header explanations, and the check
 * that a cited section exists in the RFC the citation names. The section lists are in
 * test/fixtures/rfc (see test/fixtures/SOURCES.md): RFC 3261 and RFC 2617 complete, extracted from
 * their texts; the other RFCs by hand, with only the sections the project cites and their parents.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SectionList } from '../fixtures/rfc/extract-sections';

export interface Citation {
  /** The RFC number the citation names, or null when it names none. */
  rfc: string | null;
  /** The section, or null for a citation of the whole RFC. */
  section: string | null;
  /** Where it is, for the failure message: "13-invitation.mdx:72", "glossary nonce". */
  where: string;
}

export interface GlossaryEntry {
  id: string;
  term: string;
  definition: string;
  cite: { rfc: string; section: string }[];
}

const TOKEN = /RFC\s*(\d+)|§\s*(\d+(?:\.\d+)*)/g;

/**
 * The citations in a piece of text: each "§x" belongs to the last "RFC N" before it in the same
 * text ("RFC 3261 §20.42, §18.2.2; RFC 3581 §4" is three citations). A "§x" with no RFC before it
 * names none. "RFC N" with no section after it is a mention of the whole RFC, not a citation of a
 * section, and is not returned.
 */
export function citationsInText(text: string, where: string): Citation[] {
  const out: Citation[] = [];
  let rfc: string | null = null;
  for (const m of text.matchAll(TOKEN)) {
    if (m[1] !== undefined) rfc = m[1];
    else out.push({ rfc, section: m[2]!, where });
  }
  return out;
}

function lineOf(src: string, index: number): number {
  return src.slice(0, index).split('\n').length;
}

const RFC_COMPONENT = /<Rfc\b([^>]*?)\/>/g;

/** Every citation of a lesson: its <Rfc /> components, the RFC 3261 sections of its meta, and any "§" in its text. */
export function lessonCitations(src: string, file: string): Citation[] {
  const out: Citation[] = [];
  for (const m of src.matchAll(RFC_COMPONENT)) {
    const props = m[1]!;
    out.push({
      rfc: /\brfc="([^"]*)"/.exec(props)?.[1] ?? null,
      section: /\bsection="([^"]*)"/.exec(props)?.[1] ?? null,
      where: `${file}:${lineOf(src, m.index)}`,
    });
  }
  // The lesson page lists meta.rfc under the heading "RFC 3261".
  const meta = /export const meta = \{[\s\S]*?\n\};/.exec(src);
  const metaRfc = meta ? /\brfc:\s*\[([^\]]*)\]/.exec(meta[0]) : null;
  if (meta && metaRfc) {
    for (const s of metaRfc[1]!.matchAll(/'([^']*)'/g))
      out.push({ rfc: '3261', section: s[1]!, where: `${file} meta.rfc` });
  }
  // Text outside the components: a "§" here must name its RFC in the same sentence.
  const rest = src.replace(RFC_COMPONENT, (c) => c.replace(/[^\n]/g, ' '));
  for (const line of rest.split('\n').entries()) {
    out.push(...citationsInText(line[1], `${file}:${line[0] + 1}`));
  }
  return out;
}

/** Every citation of the glossary: the cite list of each entry and any "§" in its definition. */
export function glossaryCitations(entries: readonly GlossaryEntry[]): Citation[] {
  return entries.flatMap((e) => [
    ...e.cite.map((c) => ({ rfc: c.rfc, section: c.section, where: `glossary ${e.id}` })),
    ...citationsInText(e.definition, `glossary ${e.id} (definition)`),
  ]);
}

/** Every citation of the header explanations: the rfc field and any "§" in the summary. */
export function headerDocCitations(
  docs: Readonly<Record<string, { summary: string; rfc: string }>>,
): Citation[] {
  return Object.entries(docs).flatMap(([key, d]) => [
    ...citationsInText(d.rfc, `header-docs ${key}`),
    ...citationsInText(d.summary, `header-docs ${key} (summary)`),
  ]);
}

/** The section lists of test/fixtures/rfc, by RFC number. */
export function loadSectionLists(dir: string): Map<string, SectionList> {
  const lists = new Map<string, SectionList>();
  for (const f of readdirSync(dir).filter((n) => /^rfc\d+-sections\.json$/.test(n))) {
    const list = JSON.parse(readFileSync(join(dir, f), 'utf8')) as SectionList;
    lists.set(list.rfc, list);
  }
  return lists;
}

/** What is wrong with a citation, or null when the section exists in the RFC it names. */
export function problemWith(c: Citation, lists: ReadonlyMap<string, SectionList>): string | null {
  if (c.rfc === null)
    return `${c.where}: cites §${c.section ?? '?'} without naming its RFC ("RFC 3261 §${c.section ?? '?'}")`;
  const list = lists.get(c.rfc);
  if (!list)
    return `${c.where}: cites RFC ${c.rfc}, which has no section list; add test/fixtures/rfc/rfc${c.rfc}-sections.json and say its source in test/fixtures/SOURCES.md`;
  if (c.section === null) return null;
  if (list.sections.some((s) => s.number === c.section)) return null;
  return list.complete
    ? `${c.where}: RFC ${c.rfc} (${list.title}) has no section ${c.section}`
    : `${c.where}: section ${c.section} is not in the list of RFC ${c.rfc} (${list.title}); if the RFC has it, add it (and its parents) from the RFC's table of contents`;
}
