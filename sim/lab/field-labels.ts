/**
 * The words of the lab builder's form: the label of every field of a lab document (the settings of an
 * element as RFC 3261 names them — address of record, registrar, Record-Route — and the parts of tasks,
 * checks and the timeline), and where in the form a path of the document is ("Task 1 “Register”, check
 * “ok”, Method or status"). The builder's fields and the sentences of lab-issues.ts both read them, so a
 * problem names the field as the form shows it. Times stored in ms are shown in seconds and loss (0–1)
 * in %, the units a person reads everywhere in SIP Lab.
 */

/** The label of each setting of an element, as the builder's element panel shows it. */
export const SETTING_LABELS: Readonly<Record<string, string>> = {
  kind: 'Kind',
  name: 'Name',
  recordRoute: 'Record-Route',
  forking: 'Forking',
  password: 'Password (digest)',
  username: 'User name (digest)',
  aor: 'Address of record (AOR)',
  registrar: 'Registrar (SIP URI)',
  outboundProxy: 'Outbound proxy (SIP URI)',
  displayName: 'Display name',
  registerExpires: 'REGISTER expires (s)',
  subscribeExpires: 'SUBSCRIBE expires (s)',
  answer: 'How it answers calls',
  mode: 'Answers calls',
  ringMs: 'Rings for (s)',
  ring: 'Rings',
  followRedirects: 'Follows redirects',
  refresh: 'Refreshes its registration',
  address: 'IP address',
  port: 'Port',
  host: 'Host name (DNS)',
  label: 'Label',
  domain: 'Domain',
  authenticate: 'Asks for digest authentication',
  realm: 'Realm',
  users: 'Users (digest credentials)',
  minExpires: 'Minimum expires (s)',
  maxExpires: 'Maximum expires (s)',
  bindings: 'Bindings at the start',
  timerCMs: 'Timer C (s)',
  status: 'Redirect status',
  initial: 'Presence at the start',
  position: 'Position',
};

/** A proxy's or redirect server's `registrar` names the registrar whose bindings it reads. */
export const LOCATION_SERVICE_LABEL = 'Location service (registrar)';

export function settingLabel(name: string, kind?: string): string {
  if (name === 'registrar' && kind !== undefined && kind !== 'user-agent')
    return LOCATION_SERVICE_LABEL;
  return SETTING_LABELS[name] ?? name;
}

/** The arguments of a timeline action, as its row shows them. */
export const ARG_LABELS: Readonly<Record<string, string>> = {
  at: 'At (s)',
  actor: 'Who',
  action: 'Does',
  expires: 'Expires (s)',
  all: 'All bindings',
  to: 'To (SIP URI)',
  sdp: 'With SDP',
  text: 'Text',
  event: 'Event package',
  aor: 'AOR (SIP URI)',
  status: 'Status',
};

const TOP_LABELS: Readonly<Record<string, string>> = {
  version: 'Format version',
  id: 'Id',
  title: 'Title',
  summary: 'Summary',
  author: 'Author',
  instructions: 'Instructions',
  scenario: 'Network',
  unlock: 'What the student may do',
  tasks: 'Tasks',
  timeLimitMinutes: 'Time limit (minutes)',
  parameters: 'Per-student parameters',
  solution: 'Reference solution',
  answerSalt: 'Answer key',
};

const SCENARIO_LABELS: Readonly<Record<string, string>> = {
  version: 'Network format version',
  name: 'Name of the network',
  title: 'Title of the network',
  description: 'Description of the network',
  seed: 'Random seed',
  timers: 'Timers T1, T2, T4',
  defaultLatencyMs: 'Latency without a link (ms)',
  elements: 'Elements',
  links: 'Links',
  dns: 'DNS records',
  timeline: 'Timeline',
  faults: 'Fault rules',
  endAt: 'Run ends at (s)',
  maxSteps: 'Step limit',
};

const LINK_LABELS: Readonly<Record<string, string>> = {
  a: 'Link from',
  b: 'Link to',
  latencyMs: 'Latency (ms)',
  loss: 'Loss (%)',
};

const FAULT_LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  from: 'Sent by',
  to: 'Sent to',
  method: 'Method or status',
  status: 'Method or status',
  datagram: 'Datagram number',
  retransmission: 'Which sends',
  after: 'After (s)',
  until: 'Until (s)',
  count: 'Count',
};

const TASK_LABELS: Readonly<Record<string, string>> = {
  id: 'Task id',
  title: 'Task title',
  description: 'What to do',
  hint: 'Hint',
  checks: 'Checks',
};

/** The fields of a message matcher (a message check, or the message a question asks to select). */
const MATCHER_LABELS: Readonly<Record<string, string>> = {
  type: 'Event',
  from: 'From',
  to: 'To',
  method: 'Method or status',
  status: 'Method or status',
  retransmission: 'Transmission',
  forwarded: 'Then the receiver',
  headers: 'Header conditions',
};

const CHECK_LABELS: Readonly<Record<string, string>> = {
  ...MATCHER_LABELS,
  id: 'Id',
  kind: 'Kind of check',
  points: 'Points',
  label: 'In words, for the student',
  absent: 'How many',
  count: 'Times',
  atLeast: 'Times',
  after: 'Only after the first match of',
  element: 'Element',
  binding: 'Has at the end',
  dialog: 'Has at the end',
  transaction: 'Has at the end',
  activity: 'Has at the end',
  setting: 'Setting',
  equals: 'Equals',
  question: 'Question',
  choices: 'Choices',
  correct: 'The right one',
  accept: 'Answers taken as right',
  answerHashes: 'The right answer (sealed)',
  select: 'The message to select',
};

const STATE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  binding: { aor: 'For the AOR', contact: 'To the contact' },
  dialog: { state: 'In the state' },
  activity: { kind: 'Activity', state: 'Ends in the state' },
  transaction: { method: 'Method', state: 'State', reached: 'Reached or ended in' },
};

const HEADER_LABELS: Readonly<Record<string, string>> = {
  name: 'Header',
  present: 'Condition',
  equals: 'Text',
  contains: 'Text',
  below: 'Number',
  above: 'Number',
};

const PARAMETER_LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  kind: 'Kind',
  label: 'Label',
  choices: 'Choices',
  min: 'Minimum',
  max: 'Maximum',
  length: 'Length',
};

const ACTION_LABELS: Readonly<Record<string, string>> = {
  kind: 'Kind of action',
  at: 'At (s)',
  action: 'User action',
  element: 'Element',
  settings: 'Settings',
  rule: 'Fault rule',
  a: 'Link from',
  b: 'Link to',
  latencyMs: 'Latency (ms)',
  loss: 'Loss (%)',
  question: 'Question',
  choice: 'Answer',
};

const SUBMISSION_LABELS: Readonly<Record<string, string>> = {
  version: 'Format version',
  labId: 'Lab id',
  labHash: 'Lab hash',
  student: 'Student',
  paramSeed: 'Parameter seed',
  actions: 'Actions',
  claimedScore: 'Claimed score',
  submittedAt: 'Submitted at',
};

/** Fields stored in ms that the form shows in seconds. */
export const SECONDS_FIELDS: ReadonlySet<string> = new Set([
  'at',
  'endAt',
  'after',
  'until',
  'ringMs',
  'timerCMs',
]);

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
