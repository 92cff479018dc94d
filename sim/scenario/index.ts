/** Scenarios: topology + timeline + faults as validated JSON, the built-in ones, and running them. */
export {
  scenarioSchema,
  parseScenario,
  formatPath,
  ScenarioError,
  type Scenario,
  type ScenarioInput,
  type ScenarioElement,
  type TimelineAction,
  type ScenarioReplacement,
  replacementSchema,
  type ScenarioIssue,
} from './schema';
export {
  Simulation,
  type StepResult,
  type SimulationSnapshot,
  type SimulationFailure,
  type SimulationOptions,
} from './simulation';
export { BUILTIN_SCENARIOS, builtinScenario, builtinNames } from './builtins';
