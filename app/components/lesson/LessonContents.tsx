'use client';
/**
 * A lesson's contents: beside the text on a wide screen; on a phone a bar pinned to the top with a
 * "Contents" button that opens the list over the page (an opaque panel, closed again by a link, the
 * button, Escape or a tap outside it).
 */
import { useEffect, useId, useRef, useState } from 'react';

export interface ContentsHeading {
  id: string;
  text: string;
}

export function LessonContents({
  title,
  headings,
  rfc,
}: {
  /** "Lesson 12 of 17". */
  title: string;
  headings: readonly ContentsHeading[];
  /** RFC 3261 sections the lesson covers. */
  rfc: readonly string[];
}) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const navRef = useRef<HTMLElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!navRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggleRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return (
    <nav ref={navRef} className="lesson-toc" aria-label="On this page" data-open={open}>
      <div className="toc-bar">
        <p className="toc-title">{title}</p>
        <button
          ref={toggleRef}
          type="button"
          className="toc-toggle"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen((o) => !o)}
        >
          Contents <span aria-hidden="true">{open ? '▴' : '▾'}</span>
        </button>
      </div>
      <div id={listId} className="toc-body">
        <ol>
          {headings.map((h) => (
            <li key={h.id}>
              <a href={`#${h.id}`} onClick={() => setOpen(false)}>
                {h.text}
              </a>
            </li>
          ))}
        </ol>
        {rfc.length > 0 ? (
          <p className="toc-rfc">
            RFC 3261:{' '}
            {rfc.map((s, k) => (
              <span key={s}>
                {k > 0 ? ', ' : ''}
                <a href={`https://www.rfc-editor.org/rfc/rfc3261#section-${s}`} rel="noreferrer">
                  §{s}
                </a>
              </span>
            ))}
          </p>
        ) : null}
      </div>
    </nav>
  );
}
