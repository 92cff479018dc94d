/**
 * The moment an element is about to send a message: a session of the scenario run step by step until
 * the trace holds the element's send of the target message (its nth of that method or status, not
 * counting retransmissions). The step that decided it is the one whose event caused the send (a
 * datagram arriving, a timer, the user); what the element knew is its state just before that step.
 */
import type { ElementSnapshot } from '../elements';
import type { TraceEvent } from '../network';
import { parseScenario, type Scenario, type ScenarioInput } from '../scenario';
import { Session } from '../session';
import type { MessageTarget } from './definition';
import { ExerciseError } from './errors';

export interface Moment {
  scenario: Scenario;
  target: MessageTarget;
  /** The element's own send of the message (its raw is what the real element writes). */
  send: TraceEvent;
  /** Every trace event before the send. */
  before: readonly TraceEvent[];
  /** The step (1-based) whose events hold the send. */
  sendStep: number;
  /** The step in which the element decided to send it (what triggered it happened then). */
  decideStep: number;
  /** The event that triggered it (a receive, a timer firing, a user action), when known. */
  trigger: TraceEvent | undefined;
  /** Every element's state just before the deciding step. */
  elements: ElementSnapshot[];
  /** Virtual time of the deciding step (ms). */
  time: number;
}

/** True when a trace event is the element's first transmission of a message of the target's kind. */
export function isTargetKind(e: TraceEvent, target: MessageTarget): boolean {
  if (e.type !== 'send' || e.element !== target.element || e.retransmission === true) return false;
  return target.method !== undefined ? e.method === target.method : e.status === target.status;
}

export function describeTarget(target: MessageTarget): string {
  const what = target.method ?? String(target.status);
  return `${target.element}'s ${target.nth === 1 ? 'first' : `message number ${target.nth} of kind`} ${what}`;
}

/** Runs the scenario until the target message is sent. Throws ExerciseError when it never is. */
export function runToMoment(input: Scenario | ScenarioInput, target: MessageTarget): Moment {
  const scenario = parseScenario(input);
  const session = new Session(scenario);
  let seen = 0;
  let send: TraceEvent | undefined;
  let checked = 0;
  while (send === undefined) {
    if (!session.step()) break;
    const trace = session.trace;
    for (; checked < trace.length && send === undefined; checked++) {
      const e = trace[checked]!;
      if (isTargetKind(e, target) && ++seen === target.nth) send = e;
    }
  }
  if (send === undefined)
    throw new ExerciseError(
      'no-moment',
      `The scenario "${scenario.name}" never reaches ${describeTarget(target)}: the run ends first.`,
    );
  const sendStep = session.position;
  const trace = session.trace;
  // A send leaves on the clock's next turn (Network.send schedules it): the element decided in the
  // last step before it that was not itself a datagram leaving.
  let decideStep = sendStep - 1;
  while (decideStep > 1 && session.stepRecord(decideStep)?.kind === 'transmit') decideStep--;
  const stepEvents = trace.slice(
    session.traceLengthAt(decideStep - 1),
    session.traceLengthAt(decideStep),
  );
  const trigger =
    stepEvents.find(
      (e) => e.element === send.element && (e.type === 'receive' || e.type === 'action'),
    ) ??
    stepEvents.find((e) => e.element === send.element && e.type === 'timer-fire') ??
    stepEvents.find((e) => e.element === send.element) ??
    stepEvents[0];
  const snapshot = session.snapshotAt(Math.max(0, decideStep - 1));
  return {
    scenario,
    target,
    send,
    before: trace.slice(0, send.id),
    sendStep,
    decideStep,
    trigger,
    elements: snapshot.elements,
    time: session.stepRecord(decideStep)?.time ?? 0,
  };
}
