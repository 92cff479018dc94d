'use client';

import { useMemo } from 'react';
import { builtinLab } from '@/sim/lab';
import { ClientOnly, EmbedMode } from '../client-only';
import { LabPlayer } from '../LabPlayer';

/** A built-in lab: the static page shows its title; the browser opens it with the student's progress. */
export function BuiltinLab({
  slug,
  title,
  summary,
}: {
  slug: string;
  title: string;
  summary: string;
}) {
  const lab = useMemo(() => builtinLab(slug), [slug]);
  return (
    <>
      <EmbedMode />
      <ClientOnly
        fallback={
          <div className="lab-page">
            <h1>{title}</h1>
            <p className="lead">{summary}</p>
            <p>Loading the lab…</p>
          </div>
        }
      >
        {lab ? <LabPlayer lab={lab} origin="builtin" /> : <p>There is no lab “{slug}”.</p>}
      </ClientOnly>
    </>
  );
}
