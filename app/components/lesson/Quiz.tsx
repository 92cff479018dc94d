'use client';
/** A multiple-choice self-check with feedback on every option (lesson MDX: <Quiz id question options />). */
import { useId, useState } from 'react';
import { markCorrect, useProgress } from './progress';

export interface QuizOption {
  text: string;
  correct?: boolean;
  feedback: string;
}

export function Quiz({
  id,
  question,
  options,
}: {
  id: string;
  question: string;
  options: QuizOption[];
}) {
  const [picked, setPicked] = useState<number | null>(null);
  const [checked, setChecked] = useState<number | null>(null);
  const progress = useProgress();
  const name = useId();
  const result = checked === null ? null : options[checked];
  return (
    <fieldset className="quiz" data-quiz={id}>
      <legend>
        {question}
        {progress[id] ? <span className="quiz-done"> (answered right before)</span> : null}
      </legend>
      {options.map((o, i) => (
        <label key={i} className="quiz-option">
          <input
            type="radio"
            name={name}
            value={i}
            checked={picked === i}
            onChange={() => {
              setPicked(i);
              setChecked(null);
            }}
          />{' '}
          {o.text}
        </label>
      ))}
      <button
        type="button"
        disabled={picked === null}
        onClick={() => {
          if (picked === null) return;
          setChecked(picked);
          if (options[picked]?.correct) markCorrect(id);
        }}
      >
        Check answer
      </button>
      <div role="status" aria-live="polite" className="quiz-feedback">
        {result ? (
          <p className={result.correct ? 'feedback-right' : 'feedback-wrong'}>
            <strong>{result.correct ? 'Right.' : 'Not quite.'}</strong> {result.feedback}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
