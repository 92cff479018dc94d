'use client';

/**
 * The labs saved in this browser: the builder's drafts and the labs opened from links, each with a
 * link to open it again and a button to remove it.
 */
import Link from 'next/link';
import { useMemo } from 'react';
import { withBasePath } from '../_deploy/base-path';
import {
  DRAFTS_KEY,
  OPENED_KEY,
  deleteDraft,
  forgetOpened,
  parseDrafts,
  parseOpened,
  useStoredRaw,
} from './storage';

function text(v: unknown, fallback: string): string {
  return typeof v === 'string' && v.trim() !== '' ? v : fallback;
}

function draftCounts(doc: Record<string, unknown>): { tasks: number; points: number } {
  const tasks = Array.isArray(doc['tasks']) ? (doc['tasks'] as unknown[]) : [];
  let points = 0;
  for (const t of tasks) {
    const checks =
      t !== null && typeof t === 'object' ? (t as Record<string, unknown>)['checks'] : undefined;
    if (!Array.isArray(checks)) continue;
    for (const c of checks) {
      const p = c !== null && typeof c === 'object' ? (c as Record<string, unknown>)['points'] : 1;
      points += typeof p === 'number' ? p : 1;
    }
  }
  return { tasks: tasks.length, points };
}

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString();
}

export function SavedLabs() {
  const draftsRaw = useStoredRaw(DRAFTS_KEY);
  const openedRaw = useStoredRaw(OPENED_KEY);
  const drafts = useMemo(() => parseDrafts(draftsRaw), [draftsRaw]);
  const opened = useMemo(() => parseOpened(openedRaw), [openedRaw]);
  return (
    <section aria-labelledby="saved-labs">
      <h2 id="saved-labs">Saved in this browser</h2>
      {drafts.length === 0 && opened.length === 0 ? (
        <p className="lab-muted">
          Nothing yet. Labs you open from a link and drafts from the{' '}
          <Link href="/labs/build/">lab builder</Link> are listed here.
        </p>
      ) : null}
      {drafts.length > 0 ? (
        <>
          <h3>Your drafts</h3>
          <ul className="lab-list">
            {drafts.map((d) => {
              const title = text(d.doc['title'], 'Untitled lab');
              const { tasks, points } = draftCounts(d.doc);
              return (
                <li key={d.draftId} className="card lab-list-item">
                  <h4>
                    <Link href={`/labs/build/?draft=${encodeURIComponent(d.draftId)}`}>
                      {title}
                    </Link>
                  </h4>
                  <p>{text(d.doc['summary'], 'No summary yet.')}</p>
                  <p className="lab-meta">
                    Draft
                    {typeof d.doc['author'] === 'string' && d.doc['author']
                      ? ` by ${d.doc['author']}`
                      : ''}{' '}
                    · {tasks} task{tasks === 1 ? '' : 's'} · {points} point{points === 1 ? '' : 's'}
                    {when(d.updatedAt) ? ` · saved ${when(d.updatedAt)}` : ''}
                  </p>
                  <button
                    type="button"
                    className="lab-link-button"
                    onClick={() => deleteDraft(d.draftId)}
                  >
                    Delete draft<span className="visually-hidden"> “{title}”</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {opened.length > 0 ? (
        <>
          <h3>Opened from links</h3>
          <ul className="lab-list">
            {opened.map((o) => (
              <li key={o.fragment} className="card lab-list-item">
                <h4>
                  <a href={`${withBasePath('/labs/play/')}#${o.fragment}`}>{o.title}</a>
                </h4>
                <p>{o.summary}</p>
                <p className="lab-meta">
                  {o.author ? `By ${o.author} · ` : ''}
                  {o.tasks} task{o.tasks === 1 ? '' : 's'} · {o.points} point
                  {o.points === 1 ? '' : 's'}
                  {when(o.openedAt) ? ` · opened ${when(o.openedAt)}` : ''}
                </p>
                <button
                  type="button"
                  className="lab-link-button"
                  onClick={() => forgetOpened(o.fragment)}
                >
                  Forget<span className="visually-hidden"> “{o.title}”</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
