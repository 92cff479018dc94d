/**
 * What parseLab checks beyond the shape of each field: the scenario against sim/scenario's own schema
 * (with the parameters drawn for a sample student), the lab's limits on time and steps, placeholders
 * that name no parameter, and references between the parts — checks and unlocked settings that name
 * elements of the scenario, `after` that names another message check, answers to questions that exist,
 * and a reference solution that only uses what the lab unlocks.
 */
import { formatPath, scenarioSchema, type Scenario } from '../scenario';
import { planActions } from './actions';
import { labSalt, normalAnswer, sealedChoice } from './answer-key';
import { checkMatchers, labChecks, type Check, type MessageMatcher } from './check-schema';
import { LabError, joinPath, type LabIssue } from './lab-error';
import { sentencesFromZod } from './lab-issues';
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
import { settingLabel } from './field-labels';
import { SETTINGS_BY_KIND, TIMELINE_ACTIONS } from './scenario-parts';

/** An element kind in words: "user agent", "stateful proxy". */
function kindWords(kind: string): string {
  return kind.replace(/-/g, ' ');
}

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
  doc: Record<string, unknown>,
  params: ParameterValues,
  elementsTooMany: boolean,
): { issues: LabIssue[]; scenario?: Scenario } {
  const raw = doc['scenario'];
  if (record(raw) === undefined) return { issues: [] }; // the lab schema reports it
  const sample = substitute(raw, params);
  const r = scenarioSchema.safeParse(sample);
  if (!r.success) {
    return {
      issues: sentencesFromZod(
        r.error.issues.filter(
          (i) => !(elementsTooMany && formatPath(i.path) === 'elements' && i.code === 'too_big'),
        ),
        { ...doc, scenario: sample },
        ['scenario'],
      ),
    };
  }
  const limits = scenarioLimitIssues(r.data);
  return limits.length > 0 ? { issues: limits } : { issues: [], scenario: r.data };
}

/** `{{message}}` as a written message of the reference solution: the element's own message (written.ts). */
function isMessagePlaceholder(p: { name: string; path: readonly PropertyKey[] }): boolean {
  const [top, list, , field] = p.path;
  return p.name === 'message' && top === 'solution' && list === 'actions' && field === 'text';
}

function placeholderIssues(doc: Record<string, unknown>, declared: Set<string>): LabIssue[] {
  return findPlaceholders(doc)
    .filter((p) => !declared.has(p.name) && !isMessagePlaceholder(p))
    .map((p) => ({
      path: formatPath(p.path),
      message: `{{${p.name}}} names no parameter: add a parameter “${p.name}” under Per-student parameters, or remove the braces`,
    }));
}

/**
 * The methods the elements of this simulator send (RFC 3261 §7.1 and the extensions they speak: RFC 3428
 * MESSAGE, RFC 6665 SUBSCRIBE and NOTIFY). A check or a fault rule about any other method can never
 * match a message. Methods are case-sensitive (§7.1): "invite" is not INVITE.
 */
export const METHODS_SENT: readonly string[] = [
  'INVITE',
  'ACK',
  'BYE',
  'CANCEL',
  'REGISTER',
  'OPTIONS',
  'MESSAGE',
  'SUBSCRIBE',
  'NOTIFY',
];

/** Levenshtein distance, for "did you mean BYE?". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length]!;
}

/** Why a method cannot match a message of this simulator, or undefined when it can. */
export function methodProblem(method: string): string | undefined {
  if (METHODS_SENT.includes(method)) return undefined;
  const upper = method.toUpperCase();
  if (METHODS_SENT.includes(upper))
    return `SIP methods are case-sensitive (RFC 3261 §7.1): write ${upper}, not "${method}"`;
  const near = METHODS_SENT.map((m) => ({ m, d: distance(upper, m) }))
    .filter((x) => x.d <= 2)
    .sort((x, y) => x.d - y.d)[0];
  return `no element of this simulator sends "${method}"${near ? `: did you mean ${near.m}?` : ''} The methods are ${METHODS_SENT.join(', ')}`;
}

/** SIP-level problems of a matcher: a method no element sends. */
function matcherIssues(m: MessageMatcher, at: string): LabIssue[] {
  const problem = m.method !== undefined ? methodProblem(m.method) : undefined;
  return problem ? [{ path: joinPath(at, 'method'), message: problem }] : [];
}

/** Problems a question can have beyond its shape: empty text, twin choices, a sealed answer now missing. */
function questionIssues(lab: Lab, c: Check, at: string): LabIssue[] {
  if (c.kind !== 'answer') return [];
  const issues: LabIssue[] = [];
  if (c.question.trim() === '')
    issues.push({ path: `${at}.question`, message: 'write the question' });
  if (c.choices !== undefined) {
    const seen = new Map<string, number>();
    c.choices.forEach((choice, i) => {
      const k = normalAnswer(choice);
      const j = seen.get(k);
      if (j !== undefined)
        issues.push({
          path: `${at}.choices[${i}]`,
          message: `choices ${j + 1} and ${i + 1} read the same: make each choice different`,
        });
      else seen.set(k, i);
    });
    if (c.answerHashes !== undefined && sealedChoice(labSalt(lab), c) === undefined)
      issues.push({
        path: `${at}.correct`,
        message:
          'none of the choices is the sealed right answer any more: choose the right one again',
      });
  }
  return issues;
}

/** References between the parts of a valid lab (with sample values in place). */
function referenceIssues(lab: Lab, scenario: Scenario): LabIssue[] {
  const issues: LabIssue[] = [];
  const kinds = new Map(scenario.elements.map((e) => [e.name, e.kind]));
  scenario.faults.forEach((f, i) => {
    const problem = f.method !== undefined ? methodProblem(f.method) : undefined;
    if (problem) issues.push({ path: `scenario.faults[${i}].method`, message: problem });
  });
  const names = [...kinds.keys()].join(', ');
  const noSuch = (name: string): string =>
    `no element of the network is named “${name}”: choose one of ${names}`;
  const known = (name: string | undefined, path: string): void => {
    if (name !== undefined && !kinds.has(name)) issues.push({ path, message: noSuch(name) });
  };

  const parameterNames = new Set<string>();
  (lab.parameters ?? []).forEach((p, i) => {
    if (parameterNames.has(p.name))
      issues.push({
        path: `parameters[${i}].name`,
        message: `another parameter is named “${p.name}”: give each its own name`,
      });
    parameterNames.add(p.name);
  });

  // What the lab unlocks.
  for (const [element, settings] of Object.entries(lab.unlock.elements ?? {})) {
    const kind = kinds.get(element);
    const path = `unlock.elements.${element}`;
    if (kind === undefined) {
      issues.push({ path, message: noSuch(element) });
      continue;
    }
    const allowed = SETTINGS_BY_KIND.get(kind) ?? [];
    settings.forEach((s, i) => {
      if (!allowed.includes(s))
        issues.push({
          path: `${path}[${i}]`,
          message: `a ${kindWords(kind)} has no setting “${s}” (it has: ${allowed.map((a) => settingLabel(a, kind)).join(', ')})`,
        });
    });
  }
  (lab.unlock.actions ?? []).forEach((u, i) => {
    const action = typeof u === 'string' ? u : u.action;
    const path = `unlock.actions[${i}]`;
    if (!TIMELINE_ACTIONS.includes(action))
      issues.push({
        path: typeof u === 'string' ? path : `${path}.action`,
        message: `“${action}” is not a user action: choose one of ${TIMELINE_ACTIONS.join(', ')}`,
      });
    if (typeof u !== 'string') u.actors.forEach((a, j) => known(a, `${path}.actors[${j}]`));
  });

  // Tasks and checks.
  const taskIds = new Set<string>();
  const checks = new Map<string, Check>();
  lab.tasks.forEach((t, ti) => {
    if (taskIds.has(t.id))
      issues.push({
        path: `tasks[${ti}].id`,
        message: `another task has the id “${t.id}”: give each task its own`,
      });
    taskIds.add(t.id);
    t.checks.forEach((c, ci) => {
      const path = `tasks[${ti}].checks[${ci}]`;
      if (checks.has(c.id))
        issues.push({
          path: `${path}.id`,
          message: `another check has the id “${c.id}”: give each check its own`,
        });
      checks.set(c.id, c);
      for (const { matcher, path: mp } of checkMatchers(c)) {
        const at = joinPath(path, formatPath(mp));
        known(matcher.from, joinPath(at, 'from'));
        known(matcher.to, joinPath(at, 'to'));
        issues.push(...matcherIssues(matcher, at));
        if (c.kind === 'answer' && Object.values(matcher).every((v) => v === undefined))
          issues.push({
            path: at,
            message:
              'describe the message to select: choose at least its event, sender, receiver, method or status',
          });
      }
      if (
        c.kind === 'message' &&
        c.absent !== true &&
        c.method === undefined &&
        c.status === undefined
      )
        issues.push({
          path: `${path}.method`,
          message: 'choose the method or status of the message, such as INVITE, 200 or 4xx',
        });
      if (c.kind === 'state' && c.transaction?.method !== undefined) {
        const problem = methodProblem(c.transaction.method);
        if (problem) issues.push({ path: `${path}.transaction.method`, message: problem });
      }

      if (c.kind === 'state') {
        known(c.element, `${path}.element`);
        const kind = kinds.get(c.element);
        if (c.binding && kind !== undefined && kind !== 'registrar')
          issues.push({
            path: `${path}.binding`,
            message: `bindings live at a registrar, and ${c.element} is a ${kindWords(kind)}: choose a registrar`,
          });
      }
      if (c.kind === 'write') {
        known(c.element, `${path}.element`);
        if (c.method !== undefined) {
          const problem = methodProblem(c.method);
          if (problem) issues.push({ path: `${path}.method`, message: problem });
        }
      }
      if (c.kind === 'setting') {
        known(c.element, `${path}.element`);
        const unlocked = lab.unlock.elements?.[c.element] ?? [];
        if (kinds.has(c.element) && !unlocked.includes(c.setting))
          issues.push({
            path: `${path}.setting`,
            message: `the student cannot change ${c.element}'s ${settingLabel(c.setting, kinds.get(c.element))}: tick it under “The student may change” in ${c.element}'s settings`,
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
        issues.push({ path, message: `no check has the id “${c.after}”: choose another check` });
        return;
      }
      if (other.kind !== 'message') {
        issues.push({
          path,
          message: `“only after the first match of” names a message check, and “${c.after}” is a ${other.kind === 'answer' ? 'question' : `${other.kind} check`}`,
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
    doc,
    sample,
    elementsTooMany,
  );
  issues.push(...scenario);
  if (lab === undefined || sampleScenario === undefined || issues.length > 0) return issues;

  const instance = substitute(lab, sample);
  issues.push(...referenceIssues(instance, sampleScenario));
  lab.tasks.forEach((t, ti) =>
    t.checks.forEach((c, ci) =>
      issues.push(...questionIssues(lab, c, `tasks[${ti}].checks[${ci}]`)),
    ),
  );
  if (labChecks(lab).length === 0)
    issues.push({ path: 'tasks', message: 'add at least one check to a task' });
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
