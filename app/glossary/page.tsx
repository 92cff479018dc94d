import type { Metadata } from 'next';
import glossary from '@/content/glossary.json';

export const metadata: Metadata = { title: 'Glossary — SIP Lab' };

interface Entry {
  id: string;
  term: string;
  definition: string;
  rfc?: string;
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
              {e.definition}
              {e.rfc ? (
                <>
                  {' '}
                  <a
                    href={`https://www.rfc-editor.org/rfc/rfc3261#section-${e.rfc}`}
                    rel="noreferrer"
                  >
                    RFC 3261 §{e.rfc}
                  </a>
                </>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
