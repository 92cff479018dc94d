/**
 * "Be the element": exercises in which a student writes the message an element sends next, checked
 * semantically against the message the real element sends at that moment, and played in its place.
 * Depends on the codec, the scenario, the session and the rule data of sim/session; never on the UI.
 */
export {
  listExercises,
  attempt,
  situation,
  solve,
  check,
  checkAtMoment,
  scenarioWithWritten,
  type ExerciseSummary,
  type Attempt,
  type CheckResult,
} from './exercise';
export { ExerciseError, type ExerciseProblem } from './errors';
export {
  EXERCISE_GROUPS,
  type ExerciseGroup,
  type ExerciseDefinition,
  type MessageTarget,
  type Fact,
  type Prefill,
} from './definition';
export { EXERCISES } from './exercises';
export { drawWorld, type World, type Party } from './world';
export { runToMoment, isTargetKind, describeTarget, type Moment } from './moment';
export {
  situationOf,
  wireAsText,
  type Situation,
  type ShownMessage,
  type Challenge,
} from './situation';
export { readWritten, writtenToWire, type WrittenMessage, type WrittenParseError } from './text';
export { compareContext, type CompareContext, type MessageRole } from './context';
export { compareMessages, type Comparison } from './compare/compare';
export type { Finding, Verdict } from './compare/finding';
