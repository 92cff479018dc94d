/** Sessions: the step / back / go-to / run API over a scenario, for the UI and the CLI. */
export {
  Session,
  CHECKPOINT_EVERY,
  applyChange,
  type SessionView,
  type CompactView,
  type StepRecord,
  type ScenarioChange,
} from './session';
export { hopDiff, causeChain, type HopDiff, type HeaderChange } from './hop-diff';
export {
  findEvent,
  matches,
  messageLabel,
  nextMessageAfter,
  labelMatches,
  describeMoment,
  type EventMatcher,
} from './predict';
export {
  wireMessagesOf,
  checkOptionsOf,
  rfcFindings,
  captureFindings,
  type CapturedForCheck,
} from './rfc-check';
export { SessionHost, TRACE_SLICE, type HostUpdate } from './session-host';
