'use client';
/**
 * The student's side of "Predict the next message" (PredictNext runs the simulation when the page is
 * built): the messages so far, the choices, and the check of the pick against the simulation's next
 * message. Only the first pick counts; after it the answer is shown with why (the lesson's `why`, and
 * `whyNot` for a wrong pick).
 */
import { useState } from 'react';
import type { Prediction } from './predict-model';
import { markCorrect, useProgress } from './progress';

function Feedback({
  prepared,
  first,
  latest,
  why,
  whyNot,
}: {
  prepared: Prediction;
  first: string;
  latest: string;
  why: string;
  whyNot: Readonly<Record<string, string>>;
}) {
  const right = prepared.right.includes(first);
  const answer = (
    <>
      The simulation sends <strong>{prepared.next}</strong> next: {prepared.nextDetail}
    </>
  );
  return (
    <div className={right ? 'feedback-right' : 'feedback-wrong'}>
      {right ? (
        <p>
          <strong>Right.</strong> {answer}
        </p>
      ) : (
        <p>
          <strong>Not this time:</strong> {first} is not next.
          {whyNot[first] !== undefined && <> {whyNot[first]}</>} {answer}
        </p>
      )}
      <p className="predict-why">
        <strong>Why:</strong> {why}
      </p>
      {latest !== first && (
        <p className="predict-later">
          {prepared.right.includes(latest)
            ? `${latest} is the right answer, but only your first pick counts: this check stays open. Come back to it later and predict again.`
            : `${latest} is not next either.${whyNot[latest] !== undefined ? ` ${whyNot[latest]}` : ''} Only your first pick counts.`}
        </p>
      )}
    </div>
  );
}

export function PredictNextQuiz({
  id,
  scenario,
  prepared,
  question,
  choices,
  why,
  whyNot,
}: {
  id: string;
  scenario: string;
  prepared: Prediction;
  question: string;
  choices: string[];
  why: string;
  whyNot: Readonly<Record<string, string>>;
}) {
  const progress = useProgress();
  const [first, setFirst] = useState<string | null>(null);
  const [latest, setLatest] = useState<string | null>(null);
  return (
    <section className="predict" aria-labelledby={`${id}-q`} data-predict={id}>
      <h3 id={`${id}-q`}>
        Predict the next message
        {progress[id] ? <span className="quiz-done"> (answered right before)</span> : null}
      </h3>
      <p className="predict-scenario">
        Scenario <code>{scenario}</code>, paused just after {prepared.pausedAt}.
      </p>
      <ol className="predict-ladder" aria-label="Messages so far">
        {prepared.messages.map((m) => (
          <li key={m.id}>{m.text}</li>
        ))}
      </ol>
      <p>{question}</p>
      <div className="predict-choices" role="group" aria-label="Your prediction">
        {choices.map((c) => {
          const mark =
            first === null ? '' : prepared.right.includes(c) ? 'right' : c === first ? 'wrong' : '';
          return (
            <button
              key={c}
              type="button"
              aria-pressed={latest === c}
              data-mark={mark || undefined}
              onClick={() => {
                if (first === null) {
                  setFirst(c);
                  if (prepared.right.includes(c)) markCorrect(id);
                }
                setLatest(c);
              }}
            >
              {mark === 'right' ? <span aria-hidden="true">✓ </span> : null}
              {mark === 'wrong' ? <span aria-hidden="true">✗ </span> : null}
              {c}
            </button>
          );
        })}
      </div>
      <div role="status" aria-live="polite">
        {first !== null && latest !== null ? (
          <Feedback prepared={prepared} first={first} latest={latest} why={why} whyNot={whyNot} />
        ) : null}
      </div>
    </section>
  );
}
