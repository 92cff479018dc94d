'use client';
/**
 * "Predict the next message": the simulation runs up to a moment (the first trace event matching
 * `after`) and pauses; the student picks what comes next; the pick is checked against what the
 * simulation itself sends next — not against a list written in the lesson.
 */
import { useMemo, useState } from 'react';
import { builtinScenario } from '@/sim/scenario';
import {
  Session,
  findEvent,
  labelMatches,
  messageLabel,
  nextMessageAfter,
  type EventMatcher,
} from '@/sim/session';
import { markCorrect } from './progress';

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
    pausedAt: moment.detail,
    next: messageLabel(next),
    nextDetail: `${next.detail} (t = ${(next.time / 1000).toFixed(3)} s).`,
    isNext: (choice) => labelMatches(choice, next),
  };
}

export function PredictNext({
  id,
  scenario,
  after,
  question,
  choices,
}: {
  id: string;
  scenario: string;
  after: EventMatcher;
  question: string;
  choices: string[];
}) {
  const prepared = useMemo(() => prepare(scenario, after), [scenario, after]);
  const [picked, setPicked] = useState<string | null>(null);
  if (!prepared.ok) return <p className="feedback-wrong">{prepared.error}</p>;
  const right = picked !== null && prepared.isNext(picked);
  return (
    <section className="predict" aria-labelledby={`${id}-q`} data-predict={id}>
      <h3 id={`${id}-q`}>Predict the next message</h3>
      <p className="predict-scenario">
        Scenario <code>{scenario}</code>, paused when: {prepared.pausedAt}.
      </p>
      <ol className="predict-ladder" aria-label="Messages so far">
        {prepared.messages.map((m) => (
          <li key={m.id}>{m.text}</li>
        ))}
      </ol>
      <p>{question}</p>
      <div className="predict-choices" role="group" aria-label="Your prediction">
        {choices.map((c) => (
          <button
            key={c}
            type="button"
            aria-pressed={picked === c}
            onClick={() => {
              setPicked(c);
              if (prepared.isNext(c)) markCorrect(id);
            }}
          >
            {c}
          </button>
        ))}
      </div>
      <div role="status" aria-live="polite">
        {picked !== null ? (
          <p className={right ? 'feedback-right' : 'feedback-wrong'}>
            <strong>{right ? 'Right.' : 'Not this time.'}</strong> The simulation sends{' '}
            <strong>{prepared.next}</strong> next: {prepared.nextDetail}
          </p>
        ) : null}
      </div>
    </section>
  );
}
