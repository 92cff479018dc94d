'use client';
/** The exercises by the kind of element played, each marked once answered right in this browser. */
import Link from 'next/link';
import type { ExerciseGroup, ExerciseSummary } from '@/sim/exercise';
import { usePracticeProgress } from './progress';

export interface ListedExercise extends ExerciseSummary {
  lessonTitle: string;
}

export function PracticeList({
  groups,
  exercises,
}: {
  groups: readonly ExerciseGroup[];
  exercises: readonly ListedExercise[];
}) {
  const progress = usePracticeProgress();
  const done = exercises.filter((e) => progress[e.id] !== undefined).length;
  return (
    <>
      <p className="practice-progress" aria-live="polite">
        {done} of {exercises.length} exercises answered right.
      </p>
      {groups.map((g) => {
        const list = exercises.filter((e) => e.group === g);
        if (list.length === 0) return null;
        return (
          <section
            key={g}
            className="practice-group"
            aria-labelledby={`group-${g.replace(/\W+/g, '-')}`}
          >
            <h2 id={`group-${g.replace(/\W+/g, '-')}`}>You are a {g}</h2>
            <ul className="practice-list">
              {list.map((e) => {
                const solved = progress[e.id] !== undefined;
                return (
                  <li key={e.id} className="practice-item" data-exercise={e.id}>
                    <Link href={`/practice/${e.id}/`} className="practice-link">
                      <span className="practice-title">{e.title}</span>
                      {solved ? (
                        <span className="practice-done" aria-label="answered right">
                          ✓ done
                        </span>
                      ) : null}
                    </Link>
                    <p className="practice-summary">{e.summary}</p>
                    <p className="practice-meta">
                      Taught in <Link href={`/learn/${e.lesson}/`}>{e.lessonTitle}</Link> · RFC 3261{' '}
                      {e.sections
                        .filter((s) => !s.startsWith('RFC'))
                        .map((s) => `§${s}`)
                        .join(', ') || '—'}
                      {e.sections.some((s) => s.startsWith('RFC'))
                        ? ` · ${e.sections.filter((s) => s.startsWith('RFC')).join(', ')}`
                        : ''}
                    </p>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </>
  );
}
