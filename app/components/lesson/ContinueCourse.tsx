'use client';
/**
 * "Continue the course" on the home page: a link to the first lesson whose self-checks are not all
 * answered right yet, from the progress kept in this browser ("Start the course" before any).
 */
import Link from 'next/link';
import type { LessonEntry } from './LessonList';
import { useProgress } from './progress';

export function ContinueCourse({ lessons }: { lessons: LessonEntry[] }) {
  const progress = useProgress();
  const done = (l: LessonEntry) => l.checks.length > 0 && l.checks.every((c) => progress[c]);
  const started = lessons.some((l) => l.checks.some((c) => progress[c]));
  const next = lessons.find((l) => !done(l));
  const finished = lessons.filter(done).length;
  if (next === undefined) {
    return (
      <p className="continue-course" data-continue="finished">
        <span className="continue-note">You have done every lesson&apos;s self-checks.</span>
        <Link className="continue-link" href="/learn/">
          Go over the lessons again <span aria-hidden="true">→</span>
        </Link>
      </p>
    );
  }
  return (
    <p className="continue-course" data-continue={started ? 'continue' : 'start'}>
      {started ? (
        <span className="continue-note">
          {finished} of {lessons.length} lessons done.
        </span>
      ) : null}
      <Link className="continue-link" href={`/learn/${next.slug}/`}>
        {started ? 'Continue the course' : 'Start the course'}: {next.order}. {next.title}{' '}
        <span aria-hidden="true">→</span>
      </Link>
    </p>
  );
}
