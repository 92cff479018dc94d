/**
 * Labs: a simulated SIP network plus tasks whose checks run on the simulation's own trace, per-student
 * parameters, a reference solution, submissions graded by replay, and labs shared as links.
 */
export {
  labSchema,
  taskSchema,
  unlockSchema,
  parseLab,
  parseLabText,
  type Lab,
  type LabInput,
  type LabTask,
  type LabUnlock,
} from './lab-schema';
export { LabError, type LabIssue } from './lab-error';
export {
  checkSchema,
  messageMatcherSchema,
  headerConditionSchema,
  labChecks,
  writeCheckSchema,
  type Check,
  type MessageCheck,
  type StateCheck,
  type AnswerCheck,
  type SettingCheck,
  type WriteCheck,
  type MessageMatcher,
  type HeaderCondition,
} from './check-schema';
export {
  parameterSchema,
  drawParameters,
  paramSeedFor,
  substitute,
  type LabParameter,
  type ParameterValues,
} from './parameters';
export {
  instantiateLab,
  studentParameters,
  labScenario,
  withLabLimits,
  type LabInstance,
} from './instantiate';
export {
  referenceSolution,
  judgeWritten,
  elementMessage,
  describeWrite,
  writeTarget,
  MESSAGE_PLACEHOLDER,
  type WrittenOutcome,
} from './written';
export { studentActionSchema, type StudentAction, type StudentActionInput } from './student-action';
export {
  applyActions,
  planActions,
  type ActionPlan,
  type PlannedAnswer,
  type PlannedWrite,
  type ApplyOptions,
} from './actions';
export {
  evaluate,
  describeCheck,
  type CheckResult,
  type Evaluation,
  type RunView,
  type GivenAnswer,
} from './checks';
export {
  TraceIndex,
  eventMatches,
  matchingEvents,
  describeMatcher,
  describeEvent,
} from './trace-match';
export {
  submissionSchema,
  runLab,
  runScenario,
  createSubmission,
  gradeSubmission,
  gradeSubmissionText,
  type Submission,
  type LabRun,
  type SimulationRun,
  type RunEnd,
  type GradeResult,
  type GradeOptions,
} from './grade';
export { labHash, legacyLabHash, canonicalJson } from './lab-hash';
export { encodeLab, decodeLab, base64UrlEncode, base64UrlDecode } from './share';
export { SETTINGS_BY_KIND, TIMELINE_ACTIONS } from './scenario-parts';
export * as LIMITS from './limits';
export {
  sealLab,
  sealCheck,
  labSalt,
  defaultSalt,
  answerHash,
  matchesSealed,
  sealedChoice,
  hasSealedAnswers,
  isSealedQuestion,
  questionForm,
  normalAnswer,
  type QuestionForm,
} from './answer-key';
export {
  sentencesFromZod,
  placeIssues,
  placedIssue,
  issueText,
  isZodWording,
  sentence,
} from './lab-issues';
export { SETTING_LABELS, ARG_LABELS, LOCATION_SERVICE_LABEL, settingLabel } from './field-labels';
export { parsePath, placeOf, placeText, type DocumentKind } from './field-places';
export { looksLikeLab, looksLikeSubmission, SUBMISSION_NOT_LAB } from './document-kind';
export { METHODS_SENT, methodProblem } from './lab-validation';
export { gradeRows, gradeCsv, GRADE_CSV_COLUMNS, csvCell, type GradeRow } from './grade-csv';
export { checksPassingWithoutWork, NO_WORK_STUDENT } from './no-work';
// The built-in labs (answer key in clear) are in './builtin', for server code and the CLI only.
