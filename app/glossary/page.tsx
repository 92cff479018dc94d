import type { Metadata } from 'next';
import { Fragment } from 'react';
import { Rfc } from '@/app/components/lesson/Rfc';
import glossary from '@/content/glossary.json';

export const metadata: Metadata = { title: 'Glossary — SIP Lab' };

interface Entry {
  id: string;
  term: string;
  definition: string;
  /** The sections that define the term, each with its RFC. */
  cite: { rfc: string; section: string }[];
}

export default function GlossaryPage() {
  const entries = [...(glossary as Entry[])].sort((a, b) => a.term.localeCompare(b.term));
  return (
    <>
      <h1>Glossary</h1>
      <p className="lead">
        The terms of SIP used in the lessons and the inspector, in a sentence or two each.
      </p>
      <dl className="glossary">
        {entries.map((e) => (
          <div key={e.id} id={e.id} className="glossary-entry">
            <dt>{e.term}</dt>
            <dd>
              {e.definition}{' '}
              {e.cite.map((c, k) => (
                <Fragment key={`${c.rfc}-${c.section}`}>
                  {k > 0 ? ', ' : ''}
                  <Rfc rfc={c.rfc} section={c.section} />
                </Fragment>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
