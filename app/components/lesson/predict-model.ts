/**
 * What a "Predict the next message" check shows, worked out when the lesson page is built: the
 * scenario runs to the first trace event matching `after`, and the message the simulation sends next
 * decides which choice is right. Only plain data leaves here, so the page itself loads no simulation.
 */
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

export interface Prediction {
  ok: true;
  /** The messages sent (or lost) up to the moment, oldest first. */
  messages: { id: number; text: string }[];
  pausedAt: string;
  next: string;
  nextDetail: string;
  /** The choices that name the message the simulation sends next. */
  right: string[];
}

export type PredictionResult = Prediction | { ok: false; error: string };

export function preparePrediction(
  scenario: string,
  after: EventMatcher,
  choices: readonly string[],
): PredictionResult {
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
    right: choices.filter((c) => labelMatches(c, next)),
  };
}
