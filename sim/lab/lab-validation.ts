/**
 * What parseLab checks beyond the shape of each field: the scenario against sim/scenario's own schema
 * (with the parameters drawn for a sample student), the lab's limits on time and steps, placeholders
 * that name no parameter, and references between the parts — checks and unlocked settings that name
 * elements of the scenario, `after` that names another message check, answers to questions that exist,
 * and a reference solution that only uses what the lab unlocks.
 */
import { formatPath, scenarioSchema, type Scenario } from '../scenario';
import { planActions } from './actions';
import { checkMatchers, labChecks, type Check } from './check-schema';
import { LabError, joinPath, type LabIssue } from './lab-error';
import type { Lab } from './lab-schema';
import { scenarioLimitIssues } from './instantiate';
import {
  drawParameters,
  findPlaceholders,
  parameterSchema,
  substitute,
  type LabParameter,
  type ParameterValues,
} from './parameters';
import { SETTINGS_BY_KIND, TIMELINE_ACTIONS } from './scenario-parts';

/** The seed of the sample student a lab is validated for. */
export const VALIDATION_SEED = 'lab-validation';

function record(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** The parameters that parse, whatever else is wrong with the document. */
function usableParameters(doc: Record<string, unknown>): LabParameter[] {
  const list = doc['parameters'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((p) => {
    const r = parameterSchema.safeParse(p);
    return r.success ? [r.data] : [];
  });
}

/**
 * The scenario, with sample parameter values, against the scenario schema. Returns the scenario when
 * valid. `elementsTooMany`: the element count limit was already reported.
 */
function scenarioIssues(
  raw: unknown,
  params: ParameterValues,
  elementsTooMany: boolean,
): { issues: LabIssue[]; scenario?: Scenario } {
  if (record(raw) === undefined) return { issues: [] }; // the lab schema reports it
  const r = scenarioSchema.safeParse(substitute(raw, params));
  if (!r.success) {
    return {
      issues: r.error.issues
        .filter(
          (i) => !(elementsTooMany && formatPath(i.path) === 'elements' && i.code === 'too_big'),
        )
        .map((i) => ({ path: joinPath('scenario', formatPath(i.path)), message: i.message })),
    };
  }
  const limits = scenarioLimitIssues(r.data);
  return limits.length > 0 ? { issues: limits } : { issues: [], scenario: r.data };
}

function placeholderIssues(doc: Record<string, unknown>, declared: Set<string>): LabIssue[] {
  return findPlaceholders(doc)
    .filter((p) => !declared.has(p.name))
    .map((p) => ({
      path: formatPath(p.path),
      message: `{{${p.name}}} names no parameter: declare it in "parameters" or remove the braces`,
    }));
}

/** References between the parts of a valid lab (with sample values in place). */
function referenceIssues(lab: Lab, scenario: Scenario): LabIssue[] {
  const issues: LabIssue[] = [];
  const kinds = new Map(scenario.elements.map((e) => [e.name, e.kind]));
  const known = (name: string | undefined, path: string): void => {
    if (name !== undefined && !kinds.has(name))
      issues.push({ path, message: `no element of the scenario is named "${name}"` });
  };

  const parameterNames = new Set<string>();
  (lab.parameters ?? []).forEach((p, i) => {
    if (parameterNames.has(p.name))
      issues.push({
        path: `parameters[${i}].name`,
        message: `another parameter is named "${p.name}"`,
      });
    parameterNames.add(p.name);
  });

  // What the lab unlocks.
  for (const [element, settings] of Object.entries(lab.unlock.elements ?? {})) {
    const kind = kinds.get(element);
    const path = `unlock.elements.${element}`;
    if (kind === undefined) {
      issues.push({ path, message: `no element of the scenario is named "${element}"` });
      continue;
    }
    const allowed = SETTINGS_BY_KIND.get(kind) ?? [];
    settings.forEach((s, i) => {
      if (!allowed.includes(s))
        issues.push({
          path: `${path}[${i}]`,
          message: `a ${kind} has no setting "${s}" (it has: ${allowed.join(', ')})`,
        });
    });
  }
  (lab.unlock.actions ?? []).forEach((u, i) => {
    const action = typeof u === 'string' ? u : u.action;
    const path = `unlock.actions[${i}]`;
    if (!TIMELINE_ACTIONS.includes(action))
      issues.push({
        path: typeof u === 'string' ? path : `${path}.action`,
        message: `"${action}" is not a user action (they are: ${TIMELINE_ACTIONS.join(', ')})`,
      });
    if (typeof u !== 'string') u.actors.forEach((a, j) => known(a, `${path}.actors[${j}]`));
  });

  // Tasks and checks.
  const taskIds = new Set<string>();
  const checks = new Map<string, Check>();
  lab.tasks.forEach((t, ti) => {
    if (taskIds.has(t.id))
      issues.push({ path: `tasks[${ti}].id`, message: `another task has the id "${t.id}"` });
    taskIds.add(t.id);
    t.checks.forEach((c, ci) => {
      const path = `tasks[${ti}].checks[${ci}]`;
      if (checks.has(c.id))
        issues.push({ path: `${path}.id`, message: `another check has the id "${c.id}"` });
      checks.set(c.id, c);
      for (const { matcher, path: mp } of checkMatchers(c)) {
        const at = joinPath(path, formatPath(mp));
        known(matcher.from, joinPath(at, 'from'));
        known(matcher.to, joinPath(at, 'to'));
      }
      if (c.kind === 'state') {
        known(c.element, `${path}.element`);
        const kind = kinds.get(c.element);
        if (c.binding && kind !== undefined && kind !== 'registrar')
          issues.push({
            path: `${path}.binding`,
            message: `bindings live at a registrar, and ${c.element} is a ${kind}`,
          });
      }
      if (c.kind === 'setting') {
        known(c.element, `${path}.element`);
        const unlocked = lab.unlock.elements?.[c.element] ?? [];
        if (kinds.has(c.element) && !unlocked.includes(c.setting))
          issues.push({
            path: `${path}.setting`,
            message: `the student cannot change ${c.element}'s ${c.setting}: unlock it in unlock.elements.${c.element}`,
          });
      }
    });
  });
  // `after` names an earlier-or-later message check, without going round in circles.
  lab.tasks.forEach((t, ti) =>
    t.checks.forEach((c, ci) => {
      if (c.kind !== 'message' || c.after === undefined) return;
      const path = `tasks[${ti}].checks[${ci}].after`;
      const other = checks.get(c.after);
      if (!other) {
        issues.push({ path, message: `no check has the id "${c.after}"` });
        return;
      }
      if (other.kind !== 'message') {
        issues.push({
          path,
          message: `"after" names a message check, and "${c.after}" is a ${other.kind} check`,
        });
        return;
      }
      const seen = new Set<string>();
      let next: Check | undefined = c;
      while (next && next.kind === 'message' && next.after !== undefined) {
        if (seen.has(next.id)) {
          issues.push({
            path,
            message:
              next.id === c.id && c.after === c.id
                ? 'a check cannot come after itself'
                : `"after" goes round in a circle through "${next.id}"`,
          });
          return;
        }
        seen.add(next.id);
        next = checks.get(next.after);
      }
    }),
  );
  return issues;
}

/**
 * The checks of parseLab that go beyond each field's shape. `lab` is the document when it matched the
 * lab schema. Returns the issues (empty when the lab is good).
 */
export function validateLab(
  input: unknown,
  lab: Lab | undefined,
  elementsTooMany: boolean,
): LabIssue[] {
  const doc = record(input);
  if (doc === undefined) return [];
  const parameters = usableParameters(doc);
  const sample = drawParameters(parameters, VALIDATION_SEED);
  const declared = new Set(parameters.map((p) => p.name));
  const issues: LabIssue[] = [...placeholderIssues(doc, declared)];
  const { issues: scenario, scenario: sampleScenario } = scenarioIssues(
    doc['scenario'],
    sample,
    elementsTooMany,
  );
  issues.push(...scenario);
  if (lab === undefined || sampleScenario === undefined || issues.length > 0) return issues;

  const instance = substitute(lab, sample);
  issues.push(...referenceIssues(instance, sampleScenario));
  if (labChecks(lab).length === 0)
    issues.push({ path: 'tasks', message: 'a lab has at least one check' });
  if (issues.length > 0) return issues;
  // The reference solution may only do what a student may do.
  try {
    planActions(lab, sample, substitute(lab.solution.actions, sample), {
      path: 'solution.actions',
    });
  } catch (e) {
    if (!(e instanceof LabError)) throw e;
    issues.push(...e.issues);
  }
  return issues;
}
