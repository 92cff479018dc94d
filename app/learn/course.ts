/**
 * The course outline for the lesson lists (server only: reads each lesson's source at build time,
 * without importing the MDX modules, so list pages carry none of the lessons' components).
 */
import type { LessonEntry } from '@/app/components/lesson/LessonList';
import { lessonFiles, lessonOutline } from './lesson-source';

export function courseEntries(): LessonEntry[] {
  return lessonFiles().map((l) => {
    const o = lessonOutline(l.file);
    return {
      slug: l.slug,
      order: l.order,
      title: l.title,
      summary: l.summary,
      checks: [...o.quizIds, ...o.predictIds],
    };
  });
}
