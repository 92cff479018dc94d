/**
 * "Predict the next message": the simulation runs up to a moment (the first trace event matching
 * `after`) and pauses; the student picks what comes next; the pick is checked against what the
 * simulation itself sends next — not against a list written in the lesson. A server component: the
 * run happens when the page is built, and the page receives only its result (PredictNextQuiz).
 */
import type { EventMatcher } from '@/sim/session';
import { preparePrediction } from './predict-model';
import { PredictNextQuiz } from './PredictNextQuiz';

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
  const prepared = preparePrediction(scenario, after, choices);
  if (!prepared.ok) return <p className="feedback-wrong">{prepared.error}</p>;
  return (
    <PredictNextQuiz
      id={id}
      scenario={scenario}
      prepared={prepared}
      question={question}
      choices={choices}
      why={why}
      whyNot={whyNot}
    />
  );
}
