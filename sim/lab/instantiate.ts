/**
 * A lab for one student: the parameters drawn from the student's seed are put in place of the
 * `{{placeholders}}` everywhere (scenario, instructions, tasks, checks, solution), and the scenario is
 * validated by sim/scenario's schema, with the lab's limits on simulated time and steps applied.
 */
import { scenarioSchema, type Scenario } from '../scenario';
import { LabError, joinPath, type LabIssue } from './lab-error';
import { placeIssues, sentencesFromZod } from './lab-issues';
import type { Lab } from './lab-schema';
import { MAX_SIMULATED_MS, MAX_STEPS } from './limits';
import { drawParameters, paramSeedFor, substitute, type ParameterValues } from './parameters';

export interface LabInstance {
  /** The lab with this student's values in place of the placeholders. */
  lab: Lab;
  params: ParameterValues;
  /** The starting scenario, validated, with the lab's limits applied. */
  scenario: Scenario;
}

/** The lab's limits on a scenario about to run: at most one hour of virtual time and 20,000 steps. */
export function withLabLimits(scenario: Scenario): Scenario {
  return {
    ...scenario,
    endAt: Math.min(scenario.endAt ?? MAX_SIMULATED_MS, MAX_SIMULATED_MS),
    maxSteps: Math.min(scenario.maxSteps, MAX_STEPS),
  };
}

/** What in a scenario goes beyond the lab's limits (the scenario format itself allows more). */
export function scenarioLimitIssues(scenario: Scenario, prefix = 'scenario'): LabIssue[] {
  const issues: LabIssue[] = [];
  if (scenario.endAt !== undefined && scenario.endAt > MAX_SIMULATED_MS)
    issues.push({
      path: joinPath(prefix, 'endAt'),
      message: `a lab runs at most one hour of simulated time: set “Run ends at” to ${MAX_SIMULATED_MS / 1000} s or less`,
    });
  if (scenario.maxSteps > MAX_STEPS)
    issues.push({
      path: joinPath(prefix, 'maxSteps'),
      message: `a lab runs at most ${MAX_STEPS.toLocaleString('en')} steps: set the step limit to ${MAX_STEPS.toLocaleString('en')} or less`,
    });
  scenario.timeline.forEach((a, i) => {
    if (a.at > MAX_SIMULATED_MS)
      issues.push({
        path: joinPath(prefix, `timeline[${i}].at`),
        message: `a lab runs at most one hour of simulated time: this action is at ${a.at / 1000} s; move it to ${MAX_SIMULATED_MS / 1000} s or earlier`,
      });
  });
  return issues;
}

/** The lab's scenario with these parameter values, validated; throws LabError (paths under "scenario"). */
export function labScenario(lab: Pick<Lab, 'scenario'>, params: ParameterValues): Scenario {
  const raw = substitute(lab.scenario, params);
  const r = scenarioSchema.safeParse(raw);
  if (!r.success) throw new LabError(sentencesFromZod(r.error, { scenario: raw }, ['scenario']));
  const limits = scenarioLimitIssues(r.data);
  if (limits.length > 0) throw new LabError(placeIssues(limits, { scenario: raw }));
  return r.data;
}

/** The lab as one student sees it (their parameters in place). */
export function instantiateLab(lab: Lab, params: ParameterValues): LabInstance {
  const scenario = labScenario(lab, params);
  return { lab: substitute(lab, params), params, scenario };
}

/** The parameters of a student (by name or id). */
export function studentParameters(
  lab: Pick<Lab, 'id' | 'parameters'>,
  student: string,
): ParameterValues {
  return drawParameters(lab.parameters, paramSeedFor(lab.id, student));
}
