'use client';
/**
 * "Be the element": the simulation stopped where an element is about to send; the student writes the
 * message. Check asks sim/exercise to compare it with the real element's (parse errors are shown in
 * place, as in the message lab); Send it plays the scenario again with the written message in place
 * of the element's own (the scenario's `replace`), in the simulator widget, opened at the step it
 * leaves; "Back to my message" returns to the moment before sending. Usable on its own page and in a lesson.
 *
 *   <BeTheElement exercise="bye-route" seed={4} />
 */
import Link from 'next/link';
import { useEffect, useMemo, useRef, useState } from 'react';
import { SourceView } from '@/app/message-lab/SourceView';
import { byteOffsetToIndex, restoreCrlf, type ProblemLocation } from '@/app/message-lab/analyze';
import { Simulator } from '@/app/components/simulator';
import {
  ExerciseError,
  attempt as makeAttempt,
  checkAtMoment,
  readWritten,
  scenarioWithWritten,
  wireAsText,
  type Attempt,
  type CheckResult,
  type WrittenParseError,
} from '@/sim/exercise';
import { DigestHelper } from './DigestHelper';
import { FindingsView } from './FindingsView';
import { markSolved } from './progress';
import { SituationView } from './SituationView';
import './practice.css';

const DEBOUNCE_MS = 150;

export interface BeTheElementProps {
  exercise: string;
  seed: number;
  /** Asks for another attempt (the page draws a seed and puts it in the URL); absent in a lesson. */
  onNewSeed?: () => void;
  /** On its own page (a full simulator); else embedded in a lesson, with a link to the page. */
  standalone?: boolean;
}

function locate(text: string, e: WrittenParseError): ProblemLocation {
  const { wire, originalIndex } = restoreCrlf(text);
  const i = byteOffsetToIndex(wire, e.offset);
  return {
    offset: e.offset,
    index: originalIndex[Math.min(i, originalIndex.length - 1)] ?? text.length,
    line: e.line,
    column: e.column,
    problem: e.problem,
    expected: e.expected,
  };
}

function bodyBytes(text: string): number | undefined {
  const written = readWritten(text);
  if (!written.ok) return undefined;
  return written.message.body.length;
}

type Prepared = { ok: true; attempt: Attempt } | { ok: false; error: string };

function prepare(exercise: string, seed: number): Prepared {
  try {
    return { ok: true, attempt: makeAttempt(exercise, seed) };
  } catch (e) {
    if (e instanceof ExerciseError) return { ok: false, error: e.message };
    throw e;
  }
}

export function BeTheElement({
  exercise,
  seed: initialSeed,
  onNewSeed,
  standalone,
}: BeTheElementProps) {
  const [seed, setSeed] = useState(initialSeed);
  const prepared = useMemo(() => prepare(exercise, seed), [exercise, seed]);
  if (!prepared.ok)
    return (
      <p className="feedback-wrong" role="alert">
        {prepared.error}
      </p>
    );
  return (
    <Attempted
      key={seed}
      attempt={prepared.attempt}
      standalone={standalone === true}
      onNewSeed={onNewSeed ?? (() => setSeed((s) => (s * 7919 + 13) % 999_983))}
    />
  );
}

function Attempted({
  attempt,
  standalone,
  onNewSeed,
}: {
  attempt: Attempt;
  standalone: boolean;
  onNewSeed: () => void;
}) {
  const s = attempt.situation;
  const [text, setText] = useState(s.prefill);
  const [analysed, setAnalysed] = useState(s.prefill);
  const [result, setResult] = useState<{ text: string; result: CheckResult } | undefined>();
  const [sent, setSent] = useState<{ text: string; n: number } | undefined>();
  const [revealed, setRevealed] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const runRef = useRef<HTMLDivElement>(null);
  const sends = useRef(0);

  useEffect(() => {
    if (text === analysed) return;
    const t = window.setTimeout(() => setAnalysed(text), DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [text, analysed]);

  const written = useMemo(() => readWritten(analysed), [analysed]);
  const parseError =
    !written.ok && analysed.trim() !== '' ? locate(analysed, written.error) : undefined;
  const bytes = useMemo(() => bodyBytes(analysed), [analysed]);
  const scenario = useMemo(
    () => (sent ? scenarioWithWritten(attempt.scenario, attempt.target, sent.text) : undefined),
    [sent, attempt],
  );

  useEffect(() => {
    if (sent) runRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [sent]);

  function check() {
    setAnalysed(text);
    const r = checkAtMoment(attempt.moment, text);
    setResult({ text, result: r });
    if (r.correct) markSolved(attempt.exercise.id, attempt.seed);
  }

  function send() {
    sends.current += 1;
    setSent({ text, n: sends.current });
  }

  function back() {
    setSent(undefined);
    textareaRef.current?.focus();
  }

  const canSend = readWritten(text).ok && text.trim() !== '';
  const stale = result !== undefined && result.text !== text;
  const pageLink = `/practice/${attempt.exercise.id}/?seed=${attempt.seed}`;
  const element = s.element.label;

  return (
    <section
      className={`bte${standalone ? ' bte-page' : ' bte-embedded'}`}
      aria-label={`Be the element: ${attempt.exercise.title}`}
      data-exercise={attempt.exercise.id}
      data-seed={attempt.seed}
    >
      {standalone ? null : (
        <p className="bte-embed-title">
          <strong>Be the element:</strong> {attempt.exercise.title}
        </p>
      )}
      <div className="bte-bar">
        <p className="bte-prompt">{s.prompt}</p>
        <p className="bte-attempt">
          Attempt <code>{attempt.seed}</code>{' '}
          <button type="button" className="bte-button bte-secondary" onClick={onNewSeed}>
            New values
          </button>
          {standalone ? null : (
            <>
              {' '}
              <Link href={pageLink}>Open on its own page</Link>
            </>
          )}
        </p>
      </div>
      <div className="bte-grid" hidden={sent !== undefined}>
        <SituationView situation={s} />
        <div className="bte-work">
          <h2 id={`bte-write-${attempt.exercise.id}`}>Your message</h2>
          <p className="bte-help" id={`bte-help-${attempt.exercise.id}`}>
            Write the whole message {element} sends: start line, header fields, an empty line, then
            the body if it has one. Header order, case, compact forms and folding do not matter.
            {s.prefill !== '' ? ' It starts as a copy of the message to work from.' : ''}
          </p>
          <textarea
            ref={textareaRef}
            className="bte-editor"
            aria-labelledby={`bte-write-${attempt.exercise.id}`}
            aria-describedby={`bte-help-${attempt.exercise.id}`}
            aria-invalid={parseError !== undefined}
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            autoCorrect="off"
            wrap="off"
            rows={16}
          />
          <p className="bte-count">
            {bytes !== undefined ? `Body: ${bytes} bytes (with CRLF line ends).` : '\u00a0'}
          </p>
          {parseError ? (
            <div className="bte-parse" role="status">
              <p>
                <strong>
                  This is not a SIP message yet — line {parseError.line}, column {parseError.column}
                  :
                </strong>{' '}
                {parseError.problem}
                {parseError.expected ? `, expected ${parseError.expected}` : ''}
              </p>
              <SourceView text={analysed} location={parseError} />
            </div>
          ) : null}
          <div className="bte-actions">
            <button type="button" className="bte-button" onClick={check}>
              Check
            </button>
            <button
              type="button"
              className="bte-button"
              onClick={send}
              disabled={!canSend}
              title={canSend ? undefined : 'Send it needs a message the codec can read'}
            >
              Send it
            </button>
            <button
              type="button"
              className="bte-button bte-secondary"
              onClick={() => {
                setText(s.prefill);
                setAnalysed(s.prefill);
                setResult(undefined);
              }}
            >
              Start again
            </button>
          </div>
          {s.challenge ? <DigestHelper challenge={s.challenge} /> : null}
          {result && !result.result.parsed ? (
            <p className="bte-bad" role="status">
              Check needs a SIP message: {result.result.error.message}
            </p>
          ) : null}
          {result && result.result.parsed ? (
            <>
              {stale ? (
                <p className="bte-stale">You changed the message since this check: check again.</p>
              ) : null}
              <FindingsView findings={result.result.findings} correct={result.result.correct} />
            </>
          ) : null}
          <details className="bte-reveal" onToggle={(e) => setRevealed(e.currentTarget.open)}>
            <summary>Stuck? See the message {element} sends</summary>
            {revealed ? (
              <pre className="bte-pre" tabIndex={0}>
                {wireAsText(attempt.moment.send.raw ?? '')}
              </pre>
            ) : null}
          </details>
        </div>
      </div>
      {sent && scenario ? (
        <div className="bte-run" ref={runRef}>
          <div className="bte-run-head">
            <h2>Your message in the network</h2>
            <button type="button" className="bte-button" onClick={back}>
              Back to my message
            </button>
          </div>
          <p>
            The same run, with your message sent in place of {element}’s own. It opens at the step
            your message leaves; Step or Play to see what happens to it. “Back to my message”
            returns to the moment before sending.
          </p>
          <Simulator
            key={`${attempt.exercise.id}-${attempt.seed}-${sent.n}`}
            scenario={scenario}
            startStep={attempt.moment.sendStep}
            compact={!standalone}
            height={standalone ? 560 : 480}
          />
        </div>
      ) : null}
    </section>
  );
}
