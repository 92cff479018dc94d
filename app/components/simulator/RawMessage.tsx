'use client';

/**
 * A message as it went on the wire, one line per row in monospace. Pointing at a line, focusing it
 * or clicking it shows what the line means and the RFC section behind it (explainMessage). The
 * ladder's search text, when there is one, is marked in the lines.
 */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { explainMessage, longName, wireToText, type SipMessage } from '@/sim/codec';
import { Marked } from './LadderRow';

export function RawMessage({
  message,
  needle,
}: {
  message: SipMessage;
  /** Text to mark in the lines (the ladder's search). */
  needle?: string | undefined;
}) {
  const lines = useMemo(() => explainMessage(message), [message]);
  const [pinned, setPinned] = useState<number | undefined>(undefined);
  const [pointed, setPointed] = useState<number | undefined>(undefined);
  const [focusIndex, setFocusIndex] = useState(0);
  const shown = pointed ?? pinned;
  const line = shown === undefined ? undefined : lines[shown];

  function onKeyDown(e: KeyboardEvent<HTMLOListElement>) {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    e.stopPropagation();
    const next = Math.min(
      lines.length - 1,
      Math.max(0, focusIndex + (e.key === 'ArrowUp' ? -1 : 1)),
    );
    setFocusIndex(next);
    e.currentTarget.querySelector<HTMLElement>(`[data-line="${next}"]`)?.focus();
  }

  return (
    <div className="sim-raw-wrap">
      <p className="sim-muted sim-small">
        Point at a line, or select it, to see what it means and where the RFC defines it.
      </p>
      <ol className="sim-raw" aria-label="The message as sent, line by line" onKeyDown={onKeyDown}>
        {lines.map((l, i) => (
          <li key={i}>
            <button
              type="button"
              data-line={i}
              tabIndex={i === focusIndex ? 0 : -1}
              className={`sim-raw-line sim-raw-${l.part}${l.problem ? ' sim-raw-problem' : ''}`}
              aria-pressed={pinned === i}
              onMouseEnter={() => setPointed(i)}
              onMouseLeave={() => setPointed(undefined)}
              onFocus={() => {
                setFocusIndex(i);
                setPointed(i);
              }}
              onBlur={() => setPointed(undefined)}
              onClick={() => setPinned(pinned === i ? undefined : i)}
            >
              {l.part === 'blank' ? (
                <span className="sim-raw-crlf">(empty line)</span>
              ) : (
                <Marked text={wireToText(l.text)} needle={needle} />
              )}
            </button>
          </li>
        ))}
      </ol>
      <div className={line ? 'sim-explain' : 'visually-hidden'} aria-live="polite">
        {line ? (
          <p>
            <strong>
              {line.part === 'header' && line.header
                ? longName(line.header)
                : line.part === 'start'
                  ? 'Start line'
                  : line.part === 'blank'
                    ? 'Empty line'
                    : 'Body'}
              :
            </strong>{' '}
            {line.meaning}
            {line.rfc ? <span className="sim-rfc"> ({line.rfc})</span> : null}
            {line.problem ? <span className="sim-problem"> Problem: {line.problem}</span> : null}
          </p>
        ) : null}
      </div>
    </div>
  );
}
