/**
 * Facts read from a lesson's MDX source at build time (server only): its section headings for the
 * table of contents and its self-check ids for progress on the course page.
 */
import { readFileSync } from 'node:fs';
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
