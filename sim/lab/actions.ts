/**
 * Turning what a student did into the scenario to run. Settings, fault rules and links change the
 * starting scenario as sim/session's applyChange does when a student explores; timeline actions are
 * added to the scenario's timeline in order of time. An action the lab does not unlock, or one the
 * scenario format refuses, is refused with the reason and the path of the action (`actions[3]`).
 *
 * An answer is about the ladder the student was looking at when giving it: the run of the actions
 * before it in the list. So "select the retransmission the stateful proxy absorbed", then "switch the
 * proxy to stateless", then "select the one it forwarded" grades each answer on its own run.
 */
import { scenarioSchema, type Scenario, type TimelineAction } from '../scenario';
import { applyChange } from '../session';
import { labChecks, type AnswerCheck, type WriteCheck } from './check-schema';
import { LabError, joinPath, type LabIssue } from './lab-error';
import { settingLabel } from './field-labels';
import { sentence, sentencesFromZod } from './lab-issues';
import type { Lab, LabUnlock } from './lab-schema';
import { labScenario, withLabLimits } from './instantiate';
import { substitute, type ParameterValues } from './parameters';
import { timelineActionSchema } from './scenario-parts';
import type { StudentAction } from './student-action';

/** An answer and the scenario whose run it is about. */
export interface PlannedAnswer {
  /** Position of the answer in the action list. */
  index: number;
  question: string;
  choice: string | number;
  scenario: Scenario;
}

/** A message the student wrote, and the scenario whose run it is about. */
export interface PlannedWrite {
  /** Position of the action in the list. */
  index: number;
  check: string;
  text: string;
  scenario: Scenario;
}

export interface ActionPlan {
  /** The scenario to run: every action applied, limits in place. */
  scenario: Scenario;
  answers: PlannedAnswer[];
  /** The messages written for "write the message" checks, in order. */
  written: PlannedWrite[];
}

export interface ApplyOptions {
  /** Where the actions are, for the paths of refusals ("actions" or "solution.actions"). */
  path?: string;
}

function unlockedActor(unlock: LabUnlock, action: string, actor: string): boolean {
  return (unlock.actions ?? []).some((u) =>
    typeof u === 'string' ? u === action : u.action === action && u.actors.includes(actor),
  );
}

function sortedTimeline(base: readonly TimelineAction[], added: readonly TimelineAction[]) {
  // A stable sort: at the same time, the scenario's own actions come first, then the student's in order.
  return [...base, ...added]
    .map((a, i) => ({ a, i }))
    .sort((x, y) => x.a.at - y.a.at || x.i - y.i)
    .map((x) => x.a);
}

/**
 * Re-validates a changed scenario; its issues, as sentences about the element, link or fault rule they
 * are in, moved to the action that made the change.
 */
function revalidate(
  scenario: Scenario,
  where: string,
  mapPath: (scenarioPath: string) => string,
): { scenario: Scenario } | { issues: LabIssue[] } {
  const r = scenarioSchema.safeParse(scenario);
  if (r.success) return { scenario: r.data };
  return {
    issues: sentencesFromZod(r.error, { scenario }, ['scenario']).map((i) => ({
      path: mapPath(i.path.replace(/^scenario\.?/, '')) || where,
      message: i.message,
    })),
  };
}

/**
 * Applies a student's actions to the lab's scenario (with this student's parameter values). Throws
 * LabError listing every refused action with its reason.
 */
export function planActions(
  lab: Lab,
  params: ParameterValues,
  actions: readonly StudentAction[],
  options: ApplyOptions = {},
): ActionPlan {
  const prefix = options.path ?? 'actions';
  const start = labScenario(lab, params);
  const unlock = substitute(lab.unlock, params);
  const questions = new Map<string, AnswerCheck>();
  const writes = new Map<string, WriteCheck>();
  for (const { check } of labChecks(lab)) {
    if (check.kind === 'answer') questions.set(check.id, check);
    if (check.kind === 'write') writes.set(check.id, check);
  }

  let current = start;
  const added: TimelineAction[] = [];
  const answers: PlannedAnswer[] = [];
  const written: PlannedWrite[] = [];
  const issues: LabIssue[] = [];
  const scenarioNow = (): Scenario =>
    withLabLimits({ ...current, timeline: sortedTimeline(current.timeline, added) });

  actions.forEach((raw, i) => {
    const at = `${prefix}[${i}]`;
    // A student's actions are taken as they are: text like "{{password}}" typed by a student is
    // not a placeholder (only the lab's own solution has them, substituted by the caller).
    const action = raw;
    const refuse = (message: string, field = ''): void => {
      issues.push({ path: joinPath(at, field), message });
    };
    switch (action.kind) {
      case 'timeline': {
        const value = { ...action.action, at: action.at };
        const r = timelineActionSchema.safeParse(value);
        if (!r.success) {
          for (const issue of sentencesFromZod(r.error, { scenario: { timeline: [value] } }, [
            'scenario',
            'timeline',
            0,
          ])) {
            const p = issue.path.replace(/^scenario\.timeline\[0\]\.?/, '');
            // The place is said by whoever reads the actions (a lab's solution, a submission).
            issues.push({
              path: p === 'at' ? joinPath(at, 'at') : joinPath(joinPath(at, 'action'), p),
              message: issue.message,
            });
          }
          return;
        }
        const t = r.data;
        if (!unlockedActor(unlock, t.action, t.actor)) {
          refuse(`this lab does not let the student make ${t.actor} ${t.action}`, 'action.action');
          return;
        }
        const el = current.elements.find((e) => e.name === t.actor);
        if (!el) {
          refuse(`no element is named "${t.actor}"`, 'action.actor');
          return;
        }
        const wanted = t.action === 'set-status' ? 'presence-server' : 'user-agent';
        if (el.kind !== wanted) {
          refuse(
            `"${t.action}" is an action of a ${wanted}, and ${t.actor} is a ${el.kind}`,
            'action.action',
          );
          return;
        }
        added.push(t);
        return;
      }
      case 'setting': {
        const allowed = unlock.elements?.[action.element];
        if (!allowed) {
          refuse(
            `this lab does not let the student change the settings of ${action.element}`,
            'element',
          );
          return;
        }
        const keys = Object.keys(action.settings);
        if (keys.length === 0) {
          refuse('a setting action changes at least one setting', 'settings');
          return;
        }
        const locked = keys.filter((k) => !allowed.includes(k));
        if (locked.length > 0) {
          for (const k of locked)
            refuse(
              `this lab does not let the student change ${action.element}'s ${settingLabel(k)} (it unlocks: ${allowed.map((x) => settingLabel(x)).join(', ') || 'nothing'})`,
              `settings.${k}`,
            );
          return;
        }
        const index = current.elements.findIndex((e) => e.name === action.element);
        if (index < 0) {
          refuse(`no element is named "${action.element}"`, 'element');
          return;
        }
        const set: Record<string, unknown> = {};
        for (const k of keys) if (action.settings[k] !== null) set[k] = action.settings[k];
        const changed = applyChange(current, { element: { name: action.element, settings: set } });
        const el = changed.elements[index] as Record<string, unknown>;
        for (const k of keys) if (action.settings[k] === null) delete el[k];
        const elementPath = `elements[${index}]`;
        const r = revalidate(changed, at, (p) =>
          p.startsWith(elementPath + '.')
            ? joinPath(joinPath(at, 'settings'), p.slice(elementPath.length + 1))
            : p.startsWith(elementPath)
              ? joinPath(at, 'settings')
              : at,
        );
        if ('issues' in r) issues.push(...r.issues);
        else current = r.scenario;
        return;
      }
      case 'fault': {
        if (unlock.faults !== true) {
          refuse('this lab does not let the student add fault rules');
          return;
        }
        const changed = applyChange(current, { faults: [...current.faults, action.rule] });
        const n = changed.faults.length - 1;
        const r = revalidate(changed, at, (p) =>
          p.startsWith(`faults[${n}]`) ? joinPath(at, 'rule' + p.slice(`faults[${n}]`.length)) : at,
        );
        if ('issues' in r) issues.push(...r.issues);
        else current = r.scenario;
        return;
      }
      case 'link': {
        if (unlock.links !== true) {
          refuse("this lab does not let the student change links' latency or loss");
          return;
        }
        const link: { a: string; b: string; latencyMs?: number; loss?: number } = {
          a: action.a,
          b: action.b,
        };
        if (action.latencyMs !== undefined) link.latencyMs = action.latencyMs;
        if (action.loss !== undefined) link.loss = action.loss;
        const changed = applyChange(current, { link });
        const r = revalidate(changed, at, (p) => {
          const m = /^links\[\d+\]\.(a|b)$/.exec(p);
          return m ? joinPath(at, m[1]!) : at;
        });
        if ('issues' in r) issues.push(...r.issues);
        else current = r.scenario;
        return;
      }
      case 'answer': {
        const q = questions.get(action.question);
        if (!q) {
          refuse(`this lab has no question with the id "${action.question}"`, 'question');
          return;
        }
        const problem = answerProblem(q, action.choice);
        if (problem) {
          refuse(problem, 'choice');
          return;
        }
        answers.push({
          index: i,
          question: action.question,
          choice: action.choice,
          scenario: scenarioNow(),
        });
        return;
      }
      case 'write': {
        if (!writes.has(action.check)) {
          refuse(
            `this lab has no "write the message" check with the id "${action.check}"`,
            'check',
          );
          return;
        }
        // Like an answer, a written message is about the run the student was looking at.
        written.push({ index: i, check: action.check, text: action.text, scenario: scenarioNow() });
        return;
      }
    }
  });
  if (issues.length > 0)
    throw new LabError(
      issues.map((i) => ({ ...i, message: sentence(i.message) })),
      'actions',
    );
  return { scenario: scenarioNow(), answers, written };
}

/** Why an answer cannot be taken (not whether it is right). */
function answerProblem(q: AnswerCheck, choice: string | number): string | undefined {
  if (q.choices !== undefined) {
    if (typeof choice === 'number' && choice >= q.choices.length)
      return `the question has ${q.choices.length} choices (0 to ${q.choices.length - 1})`;
    return undefined;
  }
  if (q.select !== undefined && typeof choice !== 'number')
    return 'the answer to "select the message" is the number of a trace event';
  return undefined;
}

/** The scenario to run for a student's actions (see planActions). */
export function applyActions(
  lab: Lab,
  params: ParameterValues,
  actions: readonly StudentAction[],
  options: ApplyOptions = {},
): Scenario {
  return planActions(lab, params, actions, options).scenario;
}
