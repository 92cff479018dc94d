'use client';

/**
 * A lab's questions (its `answer` checks): multiple choice as radio buttons, a typed answer as a text
 * field, and "select the message in the ladder that ..." as a select listing the messages of the run
 * the student is looking at (#N t=… from → to: label). An answer is recorded as a StudentAction; it is
 * about the run at the time it was given, as sim/lab grades it.
 */
import { useId, useState } from 'react';
import { questionForm, type AnswerCheck, type StudentAction } from '@/sim/lab';
import { describeMessage, type RunMessage } from './run-protocol';
import { FieldErrors, type FieldIssue, type Recorder } from './StudentTools';

export interface MessageList {
  state: 'idle' | 'running' | 'done' | 'error';
  messages: RunMessage[];
  count: number;
  error?: string;
}

function lastAnswer(
  actions: readonly StudentAction[],
  question: string,
): { choice: string | number; stale: boolean } | undefined {
  for (let i = actions.length - 1; i >= 0; i--) {
    const a = actions[i]!;
    if (a.kind === 'answer' && a.question === question)
      return {
        choice: a.choice,
        stale: actions.slice(i + 1).some((x) => x.kind !== 'answer'),
      };
  }
  return undefined;
}

function Question({
  check,
  actions,
  record,
  messages,
  note,
  onNote,
}: {
  check: AnswerCheck;
  actions: readonly StudentAction[];
  record: Recorder;
  messages: MessageList;
  note: string | undefined;
  onNote: (text: string) => void;
}) {
  const id = useId();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [draft, setDraft] = useState<string | null>(null);
  const given = lastAnswer(actions, check.id);
  const answer = (choice: string | number) =>
    setIssues(record({ kind: 'answer', question: check.id, choice }));
  const points = check.points ?? 1;
  const pointsText = `${points} point${points === 1 ? '' : 's'}`;

  const form = questionForm(check);
  if (form === 'choices' && check.choices) {
    return (
      <fieldset className="lab-question">
        <legend>
          {check.question} <span className="lab-muted lab-small">({pointsText})</span>
        </legend>
        {check.choices.map((c, i) => (
          <label key={i} className="lab-choice">
            <input
              type="radio"
              name={`${id}-choice`}
              value={i}
              checked={
                given !== undefined &&
                (given.choice === i ||
                  (typeof given.choice === 'string' &&
                    given.choice.trim().toLowerCase() === c.trim().toLowerCase()))
              }
              onChange={() => answer(i)}
            />{' '}
            {c}
          </label>
        ))}
        <FieldErrors id={`${id}-err`} issues={issues} />
      </fieldset>
    );
  }

  if (form === 'typed') {
    return (
      <div className="lab-question lab-field">
        <label htmlFor={id}>
          {check.question} <span className="lab-muted lab-small">({pointsText})</span>
        </label>
        <input
          id={id}
          type="text"
          autoComplete="off"
          value={draft ?? (given ? String(given.choice) : '')}
          onChange={(e) => {
            setDraft(e.target.value);
            if (e.target.value.trim() !== '') answer(e.target.value);
          }}
          onBlur={() => setDraft(null)}
        />
        <FieldErrors id={`${id}-err`} issues={issues} />
      </div>
    );
  }

  // "Select the message in the ladder that ..."
  const listed = messages.messages;
  const current =
    given && !given.stale && typeof given.choice === 'number'
      ? listed.find((m) => m.id === given.choice)
      : undefined;
  // An answer given before a later change stays the answer (it is about the run seen then).
  const earlier =
    given && given.stale && typeof given.choice === 'number' ? given.choice : undefined;
  const earlierText = note ?? `message #${String(earlier)}`;
  return (
    <div className="lab-question lab-field">
      <label htmlFor={id}>
        {check.question} <span className="lab-muted lab-small">({pointsText})</span>
      </label>
      <select
        id={id}
        value={current ? String(current.id) : earlier !== undefined ? 'earlier' : ''}
        disabled={messages.state !== 'done'}
        aria-describedby={`${id}-note`}
        onChange={(e) => {
          if (e.target.value === '' || e.target.value === 'earlier') return;
          const m = listed.find((x) => String(x.id) === e.target.value);
          if (!m) return;
          const r = record({ kind: 'answer', question: check.id, choice: m.id });
          setIssues(r);
          if (r.length === 0) onNote(describeMessage(m));
        }}
      >
        <option value="">
          {messages.state === 'running'
            ? 'Running the simulation…'
            : messages.state === 'error'
              ? 'The messages of the run are not available'
              : 'Choose a message of the ladder…'}
        </option>
        {earlier !== undefined ? (
          <option value="earlier">
            Your answer: {earlierText} (in the run before your change)
          </option>
        ) : null}
        {listed.map((m) => (
          <option key={m.id} value={m.id}>
            {describeMessage(m)}
          </option>
        ))}
      </select>
      <p id={`${id}-note`} className="lab-muted lab-small">
        {earlier !== undefined
          ? `Your answer, ${earlierText}, was given before your last change to the network: it is about the run you saw then, and it counts as it is. Choose again only to answer about this run.`
          : messages.count > listed.length
            ? `The first ${listed.length} of ${messages.count} messages are listed.`
            : 'The messages of the run as it is now (the same as the ladder when stepped to the end).'}
        {messages.error ? ` ${messages.error}` : ''}
      </p>
      <FieldErrors id={`${id}-err`} issues={issues} />
    </div>
  );
}

export function Questions({
  questions,
  actions,
  record,
  messages,
  notes,
  onNote,
}: {
  questions: readonly AnswerCheck[];
  actions: readonly StudentAction[];
  record: Recorder;
  messages: MessageList;
  notes: Readonly<Record<string, string>>;
  onNote: (question: string, text: string) => void;
}) {
  if (questions.length === 0) return null;
  return (
    <div className="lab-questions">
      {questions.map((q) => (
        <Question
          key={q.id}
          check={q}
          actions={actions}
          record={record}
          messages={messages}
          note={notes[q.id]}
          onNote={(t) => onNote(q.id, t)}
        />
      ))}
    </div>
  );
}
