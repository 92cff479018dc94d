'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { analyze, type CutLocation, type ProblemLocation } from './analyze';
import { CutView } from './CutView';
import { EXAMPLES, INITIAL_MESSAGE } from './examples';
import { FieldsPanel } from './FieldsPanel';
import { LineTable } from './LineTable';
import styles from './message-lab.module.css';
import { SourceView } from './SourceView';
import { VerdictPanel } from './VerdictPanel';

/** How long typing must pause before the message is analysed again. */
const DEBOUNCE_MS = 150;

/** The advance of one character in a monospace font (CSS font shorthand), or null if it cannot be measured. */
function monospaceCharWidth(font: string): number | null {
  const context = document.createElement('canvas').getContext('2d');
  if (context === null) return null;
  context.font = font;
  return context.measureText('0').width || null;
}

export function MessageLab() {
  const [text, setText] = useState(INITIAL_MESSAGE);
  // The text last analysed: it follows `text` once typing pauses.
  const [analysed, setAnalysed] = useState(INITIAL_MESSAGE);
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (text === analysed) return;
    const timer = window.setTimeout(() => setAnalysed(text), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, analysed]);

  const analysis = useMemo(() => analyze(analysed), [analysed]);

  function loadExample(exampleText: string) {
    setText(exampleText);
    setAnalysed(exampleText);
  }

  /** Focuses the textarea and selects the character the problem is at. */
  function showInMessage(location: ProblemLocation) {
    const textarea = textareaRef.current;
    if (textarea === null) return;
    const start = Math.min(location.index, textarea.value.length);
    // One character: two UTF-16 code units when it lies outside the Basic Multilingual Plane.
    const codePoint = textarea.value.codePointAt(start);
    const end = codePoint === undefined ? start : start + (codePoint > 0xffff ? 2 : 1);
    select(textarea, start, end, location.line);
  }

  /** Focuses the textarea and selects what Content-Length leaves out of the message. */
  function showCut(cut: CutLocation) {
    const textarea = textareaRef.current;
    if (textarea === null) return;
    const start = Math.min(cut.index, textarea.value.length);
    select(textarea, start, textarea.value.length, cut.line);
  }

  function select(textarea: HTMLTextAreaElement, start: number, end: number, line: number) {
    textarea.focus();
    textarea.setSelectionRange(start, end);
    // Bring the character into view (lines do not wrap): its line a third of the way down the
    // textarea, its column in the middle when it lies beyond the right edge.
    const style = getComputedStyle(textarea);
    const lineHeight = parseFloat(style.lineHeight) || 20;
    textarea.scrollTop = Math.max(0, (line - 1) * lineHeight - textarea.clientHeight / 3);
    const column = start - (textarea.value.lastIndexOf('\n', start - 1) + 1);
    const charWidth = monospaceCharWidth(style.font) ?? parseFloat(style.fontSize) * 0.6;
    const x = column * charWidth;
    textarea.scrollLeft = x < textarea.clientWidth * 0.8 ? 0 : x - textarea.clientWidth / 2;
  }

  const location = analysis.kind === 'verdict' ? analysis.location : undefined;
  const cut = analysis.kind === 'verdict' ? analysis.cut : undefined;
  const rejected = analysis.kind !== 'verdict' || analysis.verdict.verdict === 'reject';

  return (
    <>
      <div className={styles.workspace}>
        <div className={styles.editor}>
          <div className={styles.examples} role="group" aria-labelledby="examples-label">
            <span id="examples-label" className={styles.examplesLabel}>
              Load an example:
            </span>
            {EXAMPLES.map((example) => (
              <button
                key={example.id}
                type="button"
                className={styles.button}
                onClick={() => loadExample(example.text)}
              >
                {example.label}
              </button>
            ))}
          </div>
          <label htmlFor="sip-message" className={styles.label}>
            SIP message
          </label>
          <p id="sip-message-hint" className={styles.hint}>
            Start line, header fields, an empty line, then the body. On the wire every line ends in
            CR LF: a line typed or pasted here gets its CR back before the message is read, so
            Content-Length counts two bytes for each line end in the body.
          </p>
          <textarea
            ref={textareaRef}
            id="sip-message"
            className={styles.textarea}
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-describedby="sip-message-hint"
            aria-invalid={rejected}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            autoCorrect="off"
            wrap="off"
            rows={20}
          />
        </div>
        <div className={styles.results}>
          <VerdictPanel analysis={analysis} onShowInMessage={showInMessage} onShowCut={showCut} />
          {location !== undefined && (
            <section aria-labelledby="where-heading" className={styles.where}>
              <h3 id="where-heading">Where the problem is</h3>
              <SourceView text={analysis.text} location={location} />
            </section>
          )}
          {cut !== undefined && (
            <section aria-labelledby="cut-heading" className={styles.where}>
              <h3 id="cut-heading">Where Content-Length ends the message</h3>
              <CutView text={analysis.text} cut={cut} />
            </section>
          )}
        </div>
      </div>
      {analysis.kind === 'verdict' && (
        <>
          <LineTable analysis={analysis} />
          {analysis.message !== undefined && <FieldsPanel message={analysis.message} />}
        </>
      )}
    </>
  );
}
