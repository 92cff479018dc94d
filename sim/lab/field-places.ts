/**
 * Where in the lab builder's form a path of a document is — "Task 1 “Register”, check 2 “ok”: Method
 * or status", "Element alice: Address of record (AOR)", "Timeline action 2 (alice: invite): To (SIP
 * URI)" — with the names and titles read from the document, and the key and the kind of object the
 * path ends at, for the sentence that says how to fix it (lab-issues.ts).
 */
import {
  ACTION_LABELS,
  ARG_LABELS,
  CHECK_LABELS,
  FAULT_LABELS,
  HEADER_LABELS,
  LINK_LABELS,
  PARAMETER_LABELS,
  SCENARIO_LABELS,
  STATE_LABELS,
  SUBMISSION_LABELS,
  TASK_LABELS,
  TOP_LABELS,
  settingLabel,
} from './field-labels';

export type Segment = string | number;

/** "tasks[0].checks[1].status" → ["tasks", 0, "checks", 1, "status"]. */
export function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  for (const m of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(m[2]);
  }
  return out;
}

/** The value at a path of a JSON value (undefined where the path leads nowhere). */
export function valueAt(doc: unknown, path: readonly Segment[]): unknown {
  let v: unknown = doc;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function quoted(v: unknown, max = 40): string {
  const t = text(v);
  if (t === undefined) return '';
  return ` “${t.length > max ? `${t.slice(0, max - 1)}…` : t}”`;
}

/** What kind of document a path is read in: a lab, a submission, or a list of a student's actions. */
export type DocumentKind = 'lab' | 'submission' | 'actions';

interface Place {
  /** The parts of the place, outermost first ("Task 1 “Register”", "check “ok”"). */
  parts: string[];
  /** The label of the field itself, when the path ends at one. */
  field?: string;
  /** The key the path ends at and the kind of object it is in, for the sentence. */
  key?: Segment;
  context: string;
}

function elementPlace(doc: unknown, base: Segment[], i: number, rest: Segment[]): Place {
  const el = valueAt(doc, [...base, i]) as Record<string, unknown> | undefined;
  const name = text(el?.['name']);
  const kind = typeof el?.['kind'] === 'string' ? el['kind'] : undefined;
  const parts = [name !== undefined ? `Element ${name}` : `Element ${i + 1}`];
  const [key, ...deeper] = rest;
  if (key === undefined) return { parts, context: 'element' };
  if (key === 'answer' && deeper[0] !== undefined)
    return {
      parts,
      field: settingLabel(String(deeper[0]), kind),
      key: deeper[0],
      context: 'element',
    };
  if ((key === 'users' || key === 'bindings') && typeof deeper[0] === 'number') {
    parts.push(`${settingLabel(key)}, entry ${deeper[0] + 1}`);
    const sub = deeper[1];
    return sub === undefined
      ? { parts, context: key }
      : { parts, field: String(sub), key: sub, context: key };
  }
  return { parts, field: settingLabel(String(key), kind), key, context: 'element' };
}

function linkPlace(doc: unknown, i: number, rest: Segment[]): Place {
  const link = valueAt(doc, ['scenario', 'links', i]) as Record<string, unknown> | undefined;
  const a = text(link?.['a']);
  const b = text(link?.['b']);
  const parts = [a !== undefined && b !== undefined ? `Link ${a}–${b}` : `Link ${i + 1}`];
  const key = rest[0];
  return key === undefined
    ? { parts, context: 'link' }
    : { parts, field: LINK_LABELS[String(key)] ?? String(key), key, context: 'link' };
}

function timelinePlace(doc: unknown, base: Segment[], i: number, rest: Segment[]): Place {
  const a = valueAt(doc, [...base, i]) as Record<string, unknown> | undefined;
  const who = text(a?.['actor']);
  const what = text(a?.['action']);
  const parts = [
    `Timeline action ${i + 1}${who !== undefined && what !== undefined ? ` (${who}: ${what})` : ''}`,
  ];
  const key = rest[0];
  return key === undefined
    ? { parts, context: 'timeline' }
    : { parts, field: ARG_LABELS[String(key)] ?? String(key), key, context: 'timeline' };
}

function faultPlace(base: Segment[], i: number, rest: Segment[]): Place {
  void base;
  const parts = [`Fault rule ${i + 1}`];
  const key = rest[0];
  return key === undefined
    ? { parts, context: 'fault' }
    : { parts, field: FAULT_LABELS[String(key)] ?? String(key), key, context: 'fault' };
}

function matcherPlace(parts: string[], rest: Segment[], context: string): Place {
  const [key, ...deeper] = rest;
  if (key === undefined) return { parts, context };
  if (key === 'headers' && typeof deeper[0] === 'number') {
    parts.push(`header condition ${deeper[0] + 1}`);
    const sub = deeper[1];
    return sub === undefined
      ? { parts, context: 'header' }
      : { parts, field: HEADER_LABELS[String(sub)] ?? String(sub), key: sub, context: 'header' };
  }
  return { parts, field: CHECK_LABELS[String(key)] ?? String(key), key, context };
}

function checkPlace(doc: unknown, t: number, c: number, rest: Segment[]): Place {
  const task = valueAt(doc, ['tasks', t]) as Record<string, unknown> | undefined;
  const check = valueAt(doc, ['tasks', t, 'checks', c]) as Record<string, unknown> | undefined;
  const kind = typeof check?.['kind'] === 'string' ? check['kind'] : 'unknown';
  const noun = kind === 'answer' ? 'question' : 'check';
  const parts = [
    `Task ${t + 1}${quoted(task?.['title'])}`,
    `${noun} ${c + 1}${quoted(check?.['id'])}`,
  ];
  const [key, ...deeper] = rest;
  if (key === undefined) return { parts, context: `check:${kind}` };
  if (key === 'select') {
    parts.push('the message to select');
    const inner = typeof deeper[0] === 'number' ? deeper.slice(1) : deeper;
    if (typeof deeper[0] === 'number') parts[parts.length - 1] += ` (${deeper[0] + 1})`;
    return matcherPlace(parts, inner, 'select');
  }
  if (kind === 'state' && typeof key === 'string' && STATE_LABELS[key] !== undefined) {
    const sub = deeper[0];
    if (sub !== undefined)
      return {
        parts,
        field: STATE_LABELS[key]![String(sub)] ?? String(sub),
        key: sub,
        context: `state:${key}`,
      };
  }
  if (key === 'choices' && typeof deeper[0] === 'number')
    return { parts, field: `Choice ${deeper[0] + 1}`, key: 'choice', context: 'answer' };
  if (key === 'accept' && typeof deeper[0] === 'number')
    return {
      parts,
      field: `Answer taken as right ${deeper[0] + 1}`,
      key: 'accept',
      context: 'answer',
    };
  if (key === 'headers') return matcherPlace(parts, rest, `check:${kind}`);
  return {
    parts,
    field: CHECK_LABELS[String(key)] ?? String(key),
    key,
    context: `check:${kind}`,
  };
}

function actionPlace(
  doc: unknown,
  base: Segment[],
  i: number,
  rest: Segment[],
  title: string,
): Place {
  const parts = [`${title} ${i + 1}`];
  const [key, ...deeper] = rest;
  if (key === undefined) return { parts, context: 'action' };
  if (key === 'action' && deeper.length > 0) {
    const action = valueAt(doc, [...base, i, 'action']) as Record<string, unknown> | undefined;
    const what = text(action?.['action']);
    parts.push(`user action${what !== undefined ? ` (${what})` : ''}`);
    const sub = deeper[0]!;
    return { parts, field: ARG_LABELS[String(sub)] ?? String(sub), key: sub, context: 'timeline' };
  }
  if (key === 'settings' && deeper[0] !== undefined)
    return { parts, field: settingLabel(String(deeper[0])), key: deeper[0], context: 'element' };
  if (key === 'rule' && deeper[0] !== undefined)
    return {
      parts: [...parts, 'fault rule'],
      field: FAULT_LABELS[String(deeper[0])] ?? String(deeper[0]),
      key: deeper[0],
      context: 'fault',
    };
  return { parts, field: ACTION_LABELS[String(key)] ?? String(key), key, context: 'action' };
}

function labPlace(doc: unknown, path: Segment[]): Place {
  const [top, ...rest] = path;
  if (top === undefined) return { parts: [], context: 'lab' };
  if (top === 'scenario') {
    const [key, i, ...deeper] = rest;
    if (key === undefined) return { parts: [], field: 'Network', key: 'scenario', context: 'lab' };
    if (key === 'elements' && typeof i === 'number')
      return elementPlace(doc, ['scenario', 'elements'], i, deeper);
    if (key === 'links' && typeof i === 'number') return linkPlace(doc, i, deeper);
    if (key === 'timeline' && typeof i === 'number')
      return timelinePlace(doc, ['scenario', 'timeline'], i, deeper);
    if (key === 'faults' && typeof i === 'number')
      return faultPlace(['scenario', 'faults'], i, deeper);
    if (key === 'dns') return { parts: ['DNS records'], context: 'dns' };
    if (key === 'timers' && i !== undefined)
      return { parts: [], field: `Timer ${String(i)} (ms)`, key: i, context: 'scenario' };
    return {
      parts: [],
      field: SCENARIO_LABELS[String(key)] ?? String(key),
      key,
      context: 'scenario',
    };
  }
  if (top === 'tasks') {
    const [t, key, c, ...deeper] = rest;
    if (typeof t !== 'number') return { parts: [], field: 'Tasks', key: 'tasks', context: 'lab' };
    const task = valueAt(doc, ['tasks', t]) as Record<string, unknown> | undefined;
    if (key === 'checks' && typeof c === 'number') return checkPlace(doc, t, c, deeper);
    const parts = [`Task ${t + 1}${quoted(task?.['title'])}`];
    return key === undefined
      ? { parts, context: 'task' }
      : { parts, field: TASK_LABELS[String(key)] ?? String(key), key, context: 'task' };
  }
  if (top === 'unlock') {
    const [key, name, j] = rest;
    const parts = ['What the student may do'];
    if (key === 'elements' && name !== undefined)
      return {
        parts,
        field: `settings of ${String(name)}${typeof j === 'number' ? ` (${j + 1})` : ''}`,
        key: 'unlockedSetting',
        context: 'unlock',
      };
    if (key === 'actions')
      return {
        parts,
        field: typeof name === 'number' ? `user action ${name + 1}` : 'user actions',
        key: 'unlockedAction',
        context: 'unlock',
      };
    if (key === 'faults') return { parts, field: 'fault rules', key, context: 'unlock' };
    if (key === 'links') return { parts, field: 'links', key, context: 'unlock' };
    return { parts, context: 'unlock' };
  }
  if (top === 'parameters') {
    const [i, key] = rest;
    if (typeof i !== 'number')
      return { parts: [], field: TOP_LABELS['parameters'], key: 'parameters', context: 'lab' };
    const p = valueAt(doc, ['parameters', i]) as Record<string, unknown> | undefined;
    const parts = [`Per-student parameter ${i + 1}${quoted(p?.['name'])}`];
    return key === undefined
      ? { parts, context: 'parameter' }
      : { parts, field: PARAMETER_LABELS[String(key)] ?? String(key), key, context: 'parameter' };
  }
  if (top === 'solution') {
    const [key, i, ...deeper] = rest;
    if (key === 'actions' && typeof i === 'number')
      return actionPlace(doc, ['solution', 'actions'], i, deeper, 'Reference solution, action');
    return { parts: [], field: 'Reference solution', key: 'solution', context: 'lab' };
  }
  return { parts: [], field: TOP_LABELS[String(top)] ?? String(top), key: top, context: 'lab' };
}

function submissionPlace(doc: unknown, path: Segment[]): Place {
  const [top, i, ...rest] = path;
  if (top === undefined) return { parts: [], context: 'submission' };
  if (top === 'actions' && typeof i === 'number')
    return actionPlace(doc, ['actions'], i, rest, 'Action');
  return {
    parts: [],
    field: SUBMISSION_LABELS[String(top)] ?? String(top),
    key: top,
    context: 'submission',
  };
}

/** Where a path of a document is, in the form's words, and the key and context it ends at. */
export function placeOf(doc: unknown, path: readonly Segment[], kind: DocumentKind = 'lab'): Place {
  if (kind === 'submission') return submissionPlace(doc, [...path]);
  if (kind === 'actions') {
    const [top, i, ...rest] = path;
    if (top === 'actions' && typeof i === 'number')
      return actionPlace(doc, ['actions'], i, rest, 'Action');
    return { parts: [], context: 'actions' };
  }
  return labPlace(doc, [...path]);
}

/** The place in words: "Task 1 “Register”, check 2 “ok”: Method or status" ('' for the whole document). */
export function placeText(place: Place): string {
  const where = place.parts.join(', ');
  if (place.field === undefined) return where;
  return where === '' ? place.field : `${where}: ${place.field}`;
}
