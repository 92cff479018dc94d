/**
 * Facts read from a lesson's MDX source at build time (server only): its section headings for the
 * table of contents and its self-check ids for progress on the course page.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { slugify } from './slugify';

export interface LessonOutline {
  headings: { id: string; text: string }[];
  quizIds: string[];
  predictIds: string[];
}

export function lessonOutline(file: string): LessonOutline {
  const src = readFileSync(join(process.cwd(), 'content', 'lessons', file), 'utf8');
  const withoutCode = src.replace(/```[\s\S]*?```/g, '');
  const headings = [...withoutCode.matchAll(/^## (.+)$/gm)].map((m) => ({
    id: slugify(m[1]!),
    text: m[1]!.replace(/`/g, ''),
  }));
  const quizIds = [...withoutCode.matchAll(/<Quiz\s[^>]*?id="([^"]+)"/g)].map((m) => m[1]!);
  const predictIds = [...withoutCode.matchAll(/<PredictNext\s[^>]*?id="([^"]+)"/g)].map(
    (m) => m[1]!,
  );
  return { headings, quizIds, predictIds };
}

export interface LessonFileMeta {
  file: string;
  title: string;
  slug: string;
  order: number;
  summary: string;
  rfc?: string[];
}

/**
 * Every lesson's metadata read from its source (the `export const meta = {…}` literal), without
 * importing the MDX modules: a page that only lists lessons must not pull their components
 * (and the simulator they embed) into its JavaScript.
 */
export function lessonFiles(): LessonFileMeta[] {
  const dir = join(process.cwd(), 'content', 'lessons');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .map((file) => {
      const src = readFileSync(join(dir, file), 'utf8');
      const m = /export const meta = (\{[\s\S]*?\});/.exec(src);
      if (!m) throw new Error(`${file} has no "export const meta = {...};"`);
      // The lessons are the project's own files: their metadata is a plain object literal.
      const meta = new Function(`return (${m[1]});`)() as Omit<LessonFileMeta, 'file'>;
      return { file, ...meta };
    })
    .sort((a, b) => a.order - b.order);
}
