import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { listExercises } from '@/sim/exercise';
import { ExerciseClient } from '../ExerciseClient';
import '../practice.css';

export function generateStaticParams() {
  return listExercises().map((e) => ({ id: e.id }));
}

export const dynamicParams = false;

export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  const { id } = await params;
  const e = listExercises().find((x) => x.id === id);
  return {
    title: e ? `${e.title} — Be the element — SIP Lab` : 'Be the element — SIP Lab',
    description: e?.summary,
  };
}

export default async function ExercisePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const e = listExercises().find((x) => x.id === id);
  if (!e) notFound();
  return (
    <div className="practice-page">
      <p className="practice-kicker">
        <Link href="/practice/">Be the element</Link> › You are a {e.group}
      </p>
      <h1>{e.title}</h1>
      <p className="lead">{e.summary}</p>
      {/* The seed comes from the query string, read in the browser. */}
      <Suspense fallback={<p className="sim-loading">Loading the simulation…</p>}>
        <ExerciseClient id={e.id} />
      </Suspense>
    </div>
  );
}
