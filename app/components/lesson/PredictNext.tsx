'use client';
/**
 * "Predict the next message": the simulation runs up to a moment (the first trace event matching
 * `after`) and pauses; the student picks what comes next; the pick is checked against what the
 * simulation itself sends next — not against a list written in the lesson. Only the first pick
 * counts; after it the answer is shown with why (the lesson's `why`, and `whyNot` for a wrong pick).
 */
import { useMemo, useState } from 'react';
import { builtinScenario } from '@/sim/scenario';
import {
  Session,
  describeMoment,
  findEvent,
  labelMatches,
  messageLabel,
  nextMessageAfter,
  type EventMatcher,
} from '@/sim/session';
import { markCorrect, useProgress } from './progress';

interface Prepared {
  ok: true;
  messages: { id: number; text: string }[];
  pausedAt: string;
  next: string;
  nextDetail: string;
  isNext: (choice: string) => boolean;
}

function prepare(scenario: string, after: EventMatcher): Prepared | { ok: false; error: string } {
  const s = builtinScenario(scenario);
  if (!s) return { ok: false, error: `There is no scenario named "${scenario}".` };
  const session = new Session(s);
  session.runToEnd();
  const trace = session.trace;
  const moment = findEvent(trace, after);
  if (!moment) return { ok: false, error: `The scenario "${scenario}" never reaches this moment.` };
  const next = nextMessageAfter(trace, moment.id);
  if (!next) return { ok: false, error: 'Nothing is sent after this moment.' };
  const messages = trace
    .filter((e) => e.id <= moment.id && (e.type === 'send' || e.type === 'drop'))
    .map((e) => ({
      id: e.id,
      text:
        e.type === 'drop'
          ? `✗ ${messageLabel(e)} from ${e.from} is lost`
          : `${e.from} → ${e.to ?? e.destination}: ${messageLabel(e)}`,
    }));
  return {
    ok: true,
    messages,
    pausedAt: describeMoment(moment),
    next: messageLabel(next),
    nextDetail: `${next.detail} (t = ${(next.time / 1000).toFixed(3)} s).`,
    isNext: (choice) => labelMatches(choice, next),
  };
}

function Feedback({
  prepared,
  first,
  latest,
  why,
  whyNot,
}: {
  prepared: Prepared;
  first: string;
  latest: string;
  why: string;
  whyNot: Readonly<Record<string, string>>;
}) {
  const right = prepared.isNext(first);
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
          {prepared.isNext(latest)
            ? `${latest} is the right answer, but only your first pick counts: this check stays open. Come back to it later and predict again.`
            : `${latest} is not next either.${whyNot[latest] !== undefined ? ` ${whyNot[latest]}` : ''} Only your first pick counts.`}
        </p>
      )}
    </div>
  );
}

export function PredictNext({
  id,
  scenario,
  after,
  question,
  choices,
  why,
  whyNot = {},
}: {
  id: string;
  scenario: string;
  after: EventMatcher;
  question: string;
  choices: string[];
  /** Why the simulation's next message comes next, shown after the first pick. */
  why: string;
  /** For a wrong choice, why it does not come next. */
  whyNot?: Readonly<Record<string, string>>;
}) {
  // The lesson passes `after` as a new object literal on every render: key the run on its content.
  const afterKey = JSON.stringify(after);
  const prepared = useMemo(
    () => prepare(scenario, JSON.parse(afterKey) as EventMatcher),
    [scenario, afterKey],
  );
  const progress = useProgress();
  const [first, setFirst] = useState<string | null>(null);
  const [latest, setLatest] = useState<string | null>(null);
  if (!prepared.ok) return <p className="feedback-wrong">{prepared.error}</p>;
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
            first === null ? '' : prepared.isNext(c) ? 'right' : c === first ? 'wrong' : '';
          return (
            <button
              key={c}
              type="button"
              aria-pressed={latest === c}
              data-mark={mark || undefined}
              onClick={() => {
                if (first === null) {
                  setFirst(c);
                  if (prepared.isNext(c)) markCorrect(id);
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
