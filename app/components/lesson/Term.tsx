/** A glossary term in a lesson: a link to its definition, with the definition as a tooltip. */
import Link from 'next/link';
import type { ReactNode } from 'react';
import glossary from '@/content/glossary.json';

interface Entry {
  id: string;
  term: string;
  definition: string;
}

export function Term({ id, children }: { id: string; children: ReactNode }) {
  const entry = (glossary as Entry[]).find((g) => g.id === id);
  return (
    <Link
      href={`/glossary/#${id}`}
      className="term"
      title={entry ? `${entry.term}: ${entry.definition}` : undefined}
    >
      {children}
    </Link>
  );
}
