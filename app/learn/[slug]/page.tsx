import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LessonContents } from '@/app/components/lesson/LessonContents';
import { lessonOutline } from '../lesson-source';
import { LESSONS, lessonBySlug } from '../lessons';

export function generateStaticParams() {
  return LESSONS.map((l) => ({ slug: l.meta.slug }));
}

export const dynamicParams = false;

export async function generateMetadata({
  params,
}: {
  params: Promise<{ slug: string }>;
}): Promise<Metadata> {
  const { slug } = await params;
  const lesson = lessonBySlug(slug);
  return {
    title: lesson ? `${lesson.meta.title} — SIP Lab` : 'Lesson — SIP Lab',
    description: lesson?.meta.summary,
  };
}

export default async function LessonPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const lesson = lessonBySlug(slug);
  if (!lesson) notFound();
  const i = LESSONS.indexOf(lesson);
  const prev = LESSONS[i - 1];
  const next = LESSONS[i + 1];
  const outline = lessonOutline(lesson.file);
  const { Content } = lesson;
  return (
    <div className="lesson-layout">
      <LessonContents
        title={`Lesson ${lesson.meta.order} of ${LESSONS.length}`}
        headings={outline.headings}
        rfc={lesson.meta.rfc ?? []}
      />
      <article className="lesson">
        <p className="lesson-kicker">
          <Link href="/learn/">Lessons</Link> › {lesson.meta.order}
        </p>
        <h1>{lesson.meta.title}</h1>
        <p className="lead">{lesson.meta.summary}</p>
        <Content />
        <nav className="lesson-pager" aria-label="Previous and next lesson">
          {prev ? (
            <Link href={`/learn/${prev.meta.slug}/`} rel="prev">
              ← {prev.meta.title}
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            <Link href={`/learn/${next.meta.slug}/`} rel="next">
              {next.meta.title} →
            </Link>
          ) : (
            <Link href="/learn/">All lessons</Link>
          )}
        </nav>
      </article>
    </div>
  );
}
