'use client';

/**
 * A lab shared as a link: the lab is in the URL fragment (/labs/play/#<lab>), compressed and encoded
 * by sim/lab's encodeLab, so no server ever sees it. It is decoded and validated in the browser; a
 * damaged, tampered or oversized link gets an error that says what is wrong (and where), and the page
 * stays usable: another link can be pasted or a lab file opened.
 */
import Link from 'next/link';
import { useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import {
  decodeLab,
  encodeLab,
  issueText,
  LabError,
  parseLabText,
  SUBMISSION_NOT_LAB,
  type Lab,
  type LabIssue,
} from '@/sim/lab';
import { ClientOnly, EmbedMode } from '../client-only';
import { LabPlayer } from '../LabPlayer';
import { labPoints } from '../lab-model';
import { rememberOpened } from '../storage';
import '../labs.css';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

type Decoded = { ok: true; lab: Lab; fragment: string } | { ok: false; issues: LabIssue[] };

function decode(hash: string): Decoded {
  const fragment = hash.replace(/^#/, '');
  try {
    return { ok: true, lab: decodeLab(fragment), fragment };
  } catch (e) {
    if (e instanceof LabError) return { ok: false, issues: e.issues };
    return {
      ok: false,
      issues: [{ path: '', message: e instanceof Error ? e.message : String(e) }],
    };
  }
}

function OpenAnother() {
  const id = useId();
  const [link, setLink] = useState('');
  const [fileIssues, setFileIssues] = useState<LabIssue[]>([]);
  return (
    <section className="lab-card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Open another lab</h2>
      <form
        className="lab-form lab-form-inline"
        onSubmit={(e) => {
          e.preventDefault();
          const at = link.indexOf('#');
          window.location.hash = at >= 0 ? link.slice(at + 1) : link.trim();
        }}
      >
        <div className="lab-field">
          <label htmlFor={`${id}-link`}>Paste a lab link</label>
          <input
            id={`${id}-link`}
            type="url"
            value={link}
            onChange={(e) => setLink(e.target.value)}
          />
        </div>
        <button type="submit" className="lab-button">
          Open the link
        </button>
      </form>
      <div className="lab-field">
        <label htmlFor={`${id}-file`}>Or open a lab file (JSON)</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            void file.text().then((text) => {
              try {
                const lab = parseLabText(text);
                setFileIssues([]);
                window.location.hash = encodeLab(lab);
              } catch (err) {
                setFileIssues(
                  err instanceof LabError
                    ? err.issues
                    : [{ path: '', message: err instanceof Error ? err.message : String(err) }],
                );
              }
            });
          }}
        />
      </div>
      {fileIssues.length === 1 && fileIssues[0]?.message === SUBMISSION_NOT_LAB ? (
        <div className="lab-error" role="alert">
          <p>
            This file is a student&apos;s submission, not a lab: grade it on the{' '}
            <Link href="/labs/grade/">Grade page</Link>.
          </p>
        </div>
      ) : fileIssues.length > 0 ? (
        <div className="lab-error" role="alert">
          <p>This file is not a lab that can be opened:</p>
          <ul className="lab-issues">
            {fileIssues.map((i, n) => (
              <li key={n}>{issueText(i)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>
        <Link href="/labs/">All labs</Link>
      </p>
    </section>
  );
}

function SharedLabBody() {
  const hash = useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => '',
  );
  const decoded = useMemo(() => decode(hash), [hash]);

  useEffect(() => {
    if (!decoded.ok) return;
    const { lab, fragment } = decoded;
    rememberOpened({
      id: lab.id,
      title: lab.title,
      summary: lab.summary,
      author: lab.author,
      tasks: lab.tasks.length,
      points: labPoints(lab),
      fragment,
    });
  }, [decoded]);

  if (!decoded.ok) {
    return (
      <div className="lab-page">
        <h1>This lab link cannot be opened</h1>
        <div className="lab-error" role="alert">
          <p>
            The link does not hold a lab that can be used. It may have been cut short or changed
            when it was copied. What is wrong:
          </p>
          <ul className="lab-issues">
            {decoded.issues.slice(0, 20).map((i, n) => (
              <li key={n}>{issueText(i)}</li>
            ))}
          </ul>
          {decoded.issues.length > 20 ? <p>…and {decoded.issues.length - 20} more.</p> : null}
          <p>Ask for the link again, or open the lab file if you have it.</p>
        </div>
        <OpenAnother />
      </div>
    );
  }
  return (
    <LabPlayer
      key={decoded.fragment}
      lab={decoded.lab}
      origin="shared"
      fragment={decoded.fragment}
    />
  );
}

export function SharedLab() {
  return (
    <>
      <EmbedMode />
      <ClientOnly
        fallback={
          <div className="lab-page">
            <h1>Shared lab</h1>
            <p>Opening the lab in this link…</p>
          </div>
        }
      >
        <SharedLabBody />
      </ClientOnly>
    </>
  );
}
