'use client';
/** The lessons in order, each with its progress in this browser (self-checks answered right). */
import Link from 'next/link';
import { useProgress } from './progress';

export interface LessonEntry {
  slug: string;
  order: number;
  title: string;
  summary: string;
  checks: string[];
}

export function LessonList({ lessons }: { lessons: LessonEntry[] }) {
  const progress = useProgress();
  return (
    <ol className="lesson-list">
      {lessons.map((l) => {
        const done = l.checks.filter((c) => progress[c]).length;
        const complete = l.checks.length > 0 && done === l.checks.length;
        return (
          <li
            key={l.slug}
            className={complete ? 'lesson-item done' : 'lesson-item'}
            data-lesson={l.slug}
          >
            <Link href={`/learn/${l.slug}/`}>
              <span className="lesson-number">{l.order}.</span> {l.title}
            </Link>
            <span className="lesson-progress">
              {complete
                ? '✓ Done'
                : done > 0
                  ? `${done} of ${l.checks.length} self-checks right`
                  : 'Not started'}
            </span>
            <p>{l.summary}</p>
          </li>
        );
      })}
    </ol>
  );
}
