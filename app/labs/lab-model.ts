/**
 * Helpers over sim/lab's exports for the lab pages: trying a list of student actions, recording a new
 * one (a change that only repeats the last one replaces it), the form each setting takes, the user
 * actions a lab offers, and words for actions and checks. Pure functions, no React.
 */
import type { ScenarioElement, Scenario } from '@/sim/scenario';
import {
  LabError,
  describeCheck,
  labChecks,
  planActions,
  settingLabel,
  type ActionPlan,
  type Lab,
  type LabIssue,
  type ParameterValues,
  type StudentAction,
} from '@/sim/lab';

export type ElementKind = ScenarioElement['kind'];

export type PlanResult = { ok: true; plan: ActionPlan } | { ok: false; issues: LabIssue[] };

/** planActions without throwing. */
export function tryPlan(
  lab: Lab,
  params: ParameterValues,
  actions: readonly StudentAction[],
): PlanResult {
  try {
    return { ok: true, plan: planActions(lab, params, actions) };
  } catch (e) {
    if (e instanceof LabError) return { ok: false, issues: e.issues };
    return {
      ok: false,
      issues: [{ path: '', message: e instanceof Error ? e.message : String(e) }],
    };
  }
}

function sameKeys(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

/**
 * The list with a new action recorded. When it only changes again what the last action changed (the
 * same setting of the same element, the same link, the same question), it replaces the last action:
 * nothing ran in between, so the result is the same and the list stays short as the student types.
 */
export function recordAction(
  actions: readonly StudentAction[],
  next: StudentAction,
): StudentAction[] {
  const last = actions[actions.length - 1];
  let replace = false;
  if (last && last.kind === next.kind) {
    if (last.kind === 'setting' && next.kind === 'setting')
      replace = last.element === next.element && sameKeys(last.settings, next.settings);
    else if (last.kind === 'link' && next.kind === 'link')
      replace =
        last.a === next.a &&
        last.b === next.b &&
        (last.latencyMs === undefined) === (next.latencyMs === undefined) &&
        (last.loss === undefined) === (next.loss === undefined);
    else if (last.kind === 'answer' && next.kind === 'answer')
      replace = last.question === next.question;
    else if (last.kind === 'write' && next.kind === 'write') replace = last.check === next.check;
  }
  return replace ? [...actions.slice(0, -1), next] : [...actions, next];
}

/** The issues about one action of a list (paths "actions[i]..."), with the rest of the path. */
export function issuesOfAction(
  issues: readonly LabIssue[],
  index: number,
): { path: string; message: string }[] {
  const prefix = `actions[${index}]`;
  return issues
    .filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`))
    .map((i) => ({ path: i.path.slice(prefix.length).replace(/^\./, ''), message: i.message }));
}

// ---------------------------------------------------------------------------------------------
// Settings

export type SettingInput =
  | { type: 'boolean' }
  | { type: 'select'; options: { value: string; label: string }[]; numeric?: boolean }
  | { type: 'number' }
  | { type: 'text'; list?: string[] }
  | { type: 'json' };

export { SETTING_LABELS, settingLabel } from '@/sim/lab';

const BOOLEAN_SETTINGS = new Set(['recordRoute', 'authenticate', 'followRedirects', 'refresh']);
const NUMBER_SETTINGS = new Set([
  'port',
  'registerExpires',
  'subscribeExpires',
  'firstCSeq',
  'minExpires',
  'maxExpires',
  'timerCMs',
]);
const JSON_SETTINGS = new Set(['answer', 'users', 'bindings', 'initial', 'position']);

/** How a setting of an element is edited. */
export function settingInput(
  kind: ElementKind,
  setting: string,
  scenario: Pick<Scenario, 'elements'>,
): SettingInput {
  if (BOOLEAN_SETTINGS.has(setting)) return { type: 'boolean' };
  if (NUMBER_SETTINGS.has(setting)) return { type: 'number' };
  if (JSON_SETTINGS.has(setting)) return { type: 'json' };
  if (setting === 'kind')
    return kind === 'stateful-proxy' || kind === 'stateless-proxy'
      ? {
          type: 'select',
          options: [
            { value: 'stateful-proxy', label: 'stateful proxy' },
            { value: 'stateless-proxy', label: 'stateless proxy' },
          ],
        }
      : { type: 'select', options: [{ value: kind, label: kind }] };
  if (setting === 'forking')
    return {
      type: 'select',
      options: [
        { value: 'parallel', label: 'parallel' },
        { value: 'sequential', label: 'sequential' },
      ],
    };
  if (setting === 'status')
    return {
      type: 'select',
      numeric: true,
      options: [
        { value: '302', label: '302 Moved Temporarily' },
        { value: '301', label: '301 Moved Permanently' },
        { value: '300', label: '300 Multiple Choices' },
      ],
    };
  if (setting === 'registrar' && kind !== 'user-agent')
    return {
      type: 'select',
      options: [
        { value: '', label: '(none)' },
        ...scenario.elements
          .filter((e) => e.kind === 'registrar')
          .map((e) => ({ value: e.name, label: e.name })),
      ],
    };
  if (setting === 'registrar' || setting === 'outboundProxy' || setting === 'aor')
    return {
      type: 'text',
      list: scenario.elements.flatMap((e) =>
        'domain' in e ? [`sip:${e.domain}`, ...(e.host ? [`sip:${e.host}`] : [])] : [],
      ),
    };
  return { type: 'text' };
}

/** A setting's value as a form shows it. */
export function settingText(value: unknown, input: SettingInput): string {
  if (value === undefined || value === null) return '';
  if (input.type === 'json') return JSON.stringify(value);
  return String(value);
}

// ---------------------------------------------------------------------------------------------
// User actions

export const ACTION_ARGS: Record<string, readonly string[]> = {
  register: ['expires'],
  unregister: ['all'],
  invite: ['to'],
  cancel: [],
  bye: [],
  answer: [],
  decline: [],
  busy: [],
  message: ['to', 'text'],
  subscribe: ['to', 'event', 'expires'],
  unsubscribe: ['to'],
  'set-status': ['aor', 'status'],
};

export { ARG_LABELS } from '@/sim/lab';

/** The (actor, action) pairs a lab offers, for a select of "alice: register". */
export function offeredActions(
  unlock: Lab['unlock'],
  elements: readonly ScenarioElement[],
): { actor: string; action: string }[] {
  const out: { actor: string; action: string }[] = [];
  const seen = new Set<string>();
  for (const u of unlock.actions ?? []) {
    const action = typeof u === 'string' ? u : u.action;
    const wanted = action === 'set-status' ? 'presence-server' : 'user-agent';
    const actors =
      typeof u === 'string'
        ? elements.filter((e) => e.kind === wanted).map((e) => e.name)
        : u.actors.filter((a) => elements.some((e) => e.name === a && e.kind === wanted));
    for (const actor of actors) {
      const key = `${actor}\u0000${action}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ actor, action });
    }
  }
  return out;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** A timeline action in words: "alice: invite sip:bob@b.example.com". */
export function describeTimeline(a: Record<string, unknown>): string {
  const args = (ACTION_ARGS[String(a['action'])] ?? [])
    .filter((k) => a[k] !== undefined)
    .map((k) =>
      k === 'to' || k === 'aor' ? String(a[k]) : `${k}=${JSON.stringify(a[k]) ?? 'null'}`,
    );
  return `${String(a['actor'])}: ${String(a['action'])}${args.length > 0 ? ` ${args.join(' ')}` : ''}`;
}

/** A student action in words, for the list of what the student did. */
export function describeAction(action: StudentAction, lab: Lab): string {
  switch (action.kind) {
    case 'timeline':
      return `At ${seconds(action.at)}, ${describeTimeline(action.action)}`;
    case 'setting':
      return `Set ${Object.entries(action.settings)
        .map(
          ([k, v]) =>
            `${action.element}'s ${settingLabel(k)} to ${k === 'password' && typeof v === 'string' ? `“${v}”` : v === null ? 'its default' : JSON.stringify(v)}`,
        )
        .join(', ')}`;
    case 'fault': {
      const r = action.rule;
      const what = [
        r.method ?? (r.status !== undefined ? `${r.status}` : 'messages'),
        r.from ? `from ${r.from}` : '',
        r.to ? `to ${r.to}` : '',
        r.retransmission === true ? '(retransmissions only)' : '',
        r.retransmission === false ? '(first transmissions only)' : '',
        r.count !== undefined ? `, ${r.count} time${r.count === 1 ? '' : 's'}` : '',
      ]
        .filter(Boolean)
        .join(' ');
      return `Drop ${what}`;
    }
    case 'link':
      return `Set the link ${action.a}–${action.b}: ${[
        action.latencyMs !== undefined ? `latency ${action.latencyMs} ms` : '',
        action.loss !== undefined ? `loss ${Math.round(action.loss * 100)} %` : '',
      ]
        .filter(Boolean)
        .join(', ')}`;
    case 'answer': {
      const q = labChecks(lab).find((c) => c.check.id === action.question)?.check;
      const question = q?.kind === 'answer' ? q.question : action.question;
      let answer = String(action.choice);
      if (q?.kind === 'answer' && q.choices && typeof action.choice === 'number')
        answer = q.choices[action.choice] ?? answer;
      else if (q?.kind === 'answer' && q.select) answer = `message #${action.choice}`;
      return `Answer “${question}”: ${answer}`;
    }
    case 'write': {
      const c = labChecks(lab).find((x) => x.check.id === action.check)?.check;
      const first = action.text.trim().split('\n')[0] ?? '';
      const asked = c?.kind === 'write' ? describeCheck(c) : action.check;
      return `Your message for “${asked}”: ${first}${action.text.trim().includes('\n') ? ' …' : ''}`;
    }
  }
}

/** Points a lab is worth. */
export function labPoints(lab: Pick<Lab, 'tasks'>): number {
  return labChecks(lab).reduce((s, { check }) => s + (check.points ?? 1), 0);
}

/** A file name from words: "record-route-ann-lee.json". */
export function fileName(...parts: string[]): string {
  const base = parts
    .map((p) =>
      p
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('-');
  return `${base || 'lab'}.json`;
}

/** Starts a download of a JSON document. */
export function downloadJson(name: string, value: unknown): void {
  downloadText(name, `${JSON.stringify(value, null, 2)}\n`, 'application/json');
}

/** Starts a download of a text file (made in the page: nothing is sent anywhere). */
export function downloadText(name: string, text: string, type: string): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
