'use client';

import { useEffect, useRef } from 'react';
import type { ProblemLocation } from './analyze';
import styles from './message-lab.module.css';

/** The character at the problem, or a visible stand-in when it is a line end or the end of the text. */
function Marker({ char }: { char: string | undefined }) {
  if (char === undefined || char === '\n') {
    const what = char === undefined ? 'end of the message' : 'end of the line';
    return (
      <mark className={`${styles.marker} ${styles.markerEnd}`}>
        <span aria-hidden="true">↵</span>
        <span className="visually-hidden">({what})</span>
      </mark>
    );
  }
  return <mark className={styles.marker}>{char === ' ' || char === '\t' ? '\u00a0' : char}</mark>;
}

/**
 * A read-only rendering of the message, one row per line with its number, the line with the
 * problem highlighted and the character at the problem marked.
 */
export function SourceView({ text, location }: { text: string; location: ProblemLocation }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const errorLineRef = useRef<HTMLDivElement>(null);

  const lines = text.split('\n');
  const index = Math.min(location.index, text.length);
  // The line (0-based) and column (string index in that line) of the problem.
  const errorLine = text.slice(0, index).split('\n').length - 1;
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const column = index - lineStart;

  useEffect(() => {
    const container = containerRef.current;
    const row = errorLineRef.current;
    if (container === null || row === null) return;
    // Scroll the rendering (not the page) so the line with the problem is in view.
    container.scrollTop = Math.max(0, row.offsetTop - container.clientHeight / 3);
  }, [text, index]);

  return (
    <div
      ref={containerRef}
      className={styles.source}
      role="region"
      aria-label={`The message, with line ${location.line} highlighted`}
      tabIndex={0}
    >
      {lines.map((line, i) => {
        const number = i + 1;
        if (i !== errorLine) {
          return (
            <div key={i} className={styles.sourceLine}>
              <span className={styles.gutter} aria-hidden="true">
                {number}
              </span>
              <span className={styles.sourceText}>{line === '' ? '\u00a0' : line}</span>
            </div>
          );
        }
        const codePoint = text.codePointAt(index);
        const char = codePoint === undefined ? undefined : String.fromCodePoint(codePoint);
        const after = char === undefined || char === '\n' ? '' : line.slice(column + char.length);
        return (
          <div
            key={i}
            ref={errorLineRef}
            className={`${styles.sourceLine} ${styles.errorLine}`}
            data-error-line={number}
          >
            <span className={styles.gutter} aria-hidden="true">
              {number}
            </span>
            <span className={styles.sourceText}>
              <span className="visually-hidden">Problem on this line: </span>
              {line.slice(0, column)}
              <Marker char={char} />
              {after}
            </span>
          </div>
        );
      })}
    </div>
  );
}
