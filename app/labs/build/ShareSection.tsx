'use client';

/**
 * The lab's link: the whole lab in the URL fragment, sealed — the right answers of its questions are
 * salted hashes and the reference solution is left out — and what that means for grading.
 */
import Link from 'next/link';
import { useId } from 'react';

export function ShareSection({ link, stale }: { link: string; stale: boolean }) {
  const id = useId();
  return (
    <section className="lab-card lab-share" aria-labelledby={`${id}-share`}>
      <h2 id={`${id}-share`}>Share</h2>
      <div className="lab-field">
        <label htmlFor={`${id}-link`}>Lab link</label>
        <input
          id={`${id}-link`}
          type="text"
          readOnly
          value={link}
          onFocus={(e) => e.target.select()}
        />
      </div>
      <p className="lab-small">
        {link.length.toLocaleString('en')} characters. The whole lab is in the link (compressed), so
        no server keeps it.{' '}
        <button
          type="button"
          className="lab-link-button"
          onClick={() => void navigator.clipboard?.writeText(link)}
        >
          Copy the link
        </button>{' '}
        ·{' '}
        <a href={link} target="_blank" rel="noopener noreferrer">
          Open it in a new tab
        </a>
      </p>
      <p className="lab-small lab-muted">
        The right answers of your questions are in the link only as salted hashes, and your
        reference solution is not in it: a student cannot read them there. A student who runs code
        could still try each choice against its hash, so the score that counts is the one the{' '}
        <Link href="/labs/grade/">Grade page</Link> works out by replaying the submission, never the
        score the student’s page showed.
      </p>
      {stale ? (
        <p className="lab-note" role="status">
          The lab changed since this link was made: press “Share link” again.
        </p>
      ) : null}
    </section>
  );
}
