/** The course outline for the lesson lists (server only: reads each lesson's source at build time). */
import type { LessonEntry } from '@/app/components/lesson/LessonList';
import { lessonOutline } from './lesson-source';
import { LESSONS } from './lessons';

export function courseEntries(): LessonEntry[] {
  return LESSONS.map((l) => {
    const o = lessonOutline(l.file);
    return {
      slug: l.meta.slug,
      order: l.meta.order,
      title: l.meta.title,
      summary: l.meta.summary,
      checks: [...o.quizIds, ...o.predictIds],
    };
  });
}
