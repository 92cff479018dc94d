/**
 * Problems of a lab, a submission or a student's actions as plain sentences: each names the field as
 * the builder's form shows it (field-labels.ts, field-places.ts) and says how to fix it — "Add at
 * least one task", "Timeline action 2 (alice: invite): To (SIP URI): Choose who the INVITE goes to."
 * The schemas are written with zod, and zod's own words ("Too small: expected array to have >=1
 * items", "Invalid discriminator value") never reach a person: every issue is rewritten here from its
 * code and the value in the document.
 */
import type { z } from 'zod';
import { SECONDS_FIELDS } from './field-labels';
import {
  parsePath,
  placeOf,
  placeText,
  valueAt,
  type DocumentKind,
  type Segment,
} from './field-places';
import type { LabIssue } from './lab-error';

type ZodIssue = z.core.$ZodIssue;

/** zod's own wording, which must never be shown: its default messages start like these. */
const ZOD_WORDS =
  /^(Invalid (input|option|discriminator|string|type|key|element|value|union)|Too (small|big)|Unrecognized key|Expected |Required$)/i;

/** A message of ours is a sentence: a capital letter first and a full stop at the end. */
export function sentence(text: string): string {
  const t = text.trim();
  if (t === '') return t;
  const first = t[0]!.toUpperCase() + t.slice(1);
  return /[.!?…]$/.test(first) ? first : `${first}.`;
}

const KIND_WORDS: Readonly<Record<string, string>> = {
  'user-agent': 'user agent',
  registrar: 'registrar',
  'stateful-proxy': 'stateful proxy',
  'stateless-proxy': 'stateless proxy',
  'redirect-server': 'redirect server',
  'presence-server': 'presence server',
  message: 'message',
  state: 'state',
  answer: 'question',
  setting: 'setting',
  write: 'write the message',
};

function listWords(values: readonly unknown[]): string {
  const words = values.map((v) => (typeof v === 'string' ? (KIND_WORDS[v] ?? v) : String(v)));
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function shown(value: unknown): string {
  if (typeof value === 'string') return `“${value.length > 40 ? `${value.slice(0, 39)}…` : value}”`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'nothing (null)';
  return Array.isArray(value) ? 'a list' : 'a group of fields';
}

/** A number as the form shows it: seconds for times kept in ms, % for loss. */
function inUnits(key: Segment | undefined, n: number): string {
  const k = String(key);
  if (SECONDS_FIELDS.has(k)) return `${(n / 1000).toLocaleString('en')} s`;
  if (k === 'loss') return `${Math.round(n * 100)} %`;
  return n.toLocaleString('en');
}

/** Sentences for a field that has a value of its own kind: a SIP status, a port, a method. */
function knownRange(key: Segment | undefined, context: string): string | undefined {
  const k = String(key);
  if (k === 'status' && context !== 'timeline' && context !== 'element')
    return 'A status is a number from 100 to 699, or a class such as 4xx.';
  if (k === 'status' && context === 'element') return 'A redirect server answers 300, 301 or 302.';
  if (k === 'port') return 'A port is a number from 1 to 65535.';
  if (k === 'loss') return 'Loss is from 0 to 100 %.';
  if (k === 'points') return 'A check is worth 0 to 100 points.';
  return undefined;
}

/** "A port is a number from 1 to 65535, not “x”." */
function withValue(range: string, value: unknown): string {
  return `${range.replace(/\.$/, '')}, not ${shown(value)}.`;
}

const METHOD_TEXT =
  'Write a SIP method such as INVITE, REGISTER or BYE: one word of letters, as RFC 3261 §25.1 writes a method.';

function requiredText(
  key: Segment | undefined,
  context: string,
  doc: unknown,
  at: Segment[],
): string {
  const parent = valueAt(doc, at.slice(0, -1)) as Record<string, unknown> | undefined;
  switch (key) {
    case 'to':
      if (context === 'timeline') {
        const action = typeof parent?.['action'] === 'string' ? parent['action'] : 'request';
        return `Choose who the ${action.toUpperCase()} goes to (a SIP URI such as sip:bob@example.com).`;
      }
      return 'Choose the element it goes to.';
    case 'text':
      return 'Write the text of the MESSAGE.';
    case 'aor':
      if (context === 'timeline') return 'Choose whose presence changes (a SIP URI).';
      if (context.startsWith('state:')) return 'Write the AOR, such as sip:alice@example.com.';
      return 'Give the user agent an address of record, such as sip:alice@example.com.';
    case 'address':
      return 'Give the element an IP address, such as 10.0.0.10.';
    case 'domain':
      return 'Write the domain the server serves, such as example.com.';
    case 'name':
      if (context === 'parameter') return 'Give the parameter a name.';
      if (context === 'header') return 'Write the name of the header, such as Record-Route.';
      return 'Give the element a name.';
    case 'kind':
      if (context === 'element') return 'Choose the kind of element.';
      if (context === 'parameter') return 'Choose the kind of parameter.';
      if (context === 'action') return 'Choose the kind of action.';
      return 'Choose the kind of check.';
    case 'question':
      return 'Write the question.';
    case 'title':
      if (context === 'task') return 'Give the task a title.';
      if (context === 'scenario') return 'Give the network a title.';
      return 'Give the lab a title.';
    case 'id':
      if (context === 'task') return 'Give the task an id.';
      if (context.startsWith('check')) return 'Give the check an id.';
      return 'Give the lab an id: lower-case letters, digits and “-”.';
    case 'element':
      return 'Choose the element.';
    case 'setting':
      return 'Choose the setting.';
    case 'equals':
      return 'Write the value the setting must have.';
    case 'actor':
      return 'Choose who does it.';
    case 'a':
    case 'b':
      return 'Choose the two elements the link joins.';
    case 'action':
      return 'Choose what the user agent does.';
    case 'state':
      return context === 'state:dialog'
        ? 'Choose the state of the dialog.'
        : 'Write the state, such as registered.';
    case 'checks':
      return 'Add at least one check to this task.';
    case 'tasks':
      return 'Add at least one task.';
    case 'elements':
      return 'Add at least one element to the network.';
    case 'solution':
      return 'Add a reference solution (an empty list of actions will do).';
    case 'unlock':
      return 'Say what the student may do (it may be nothing).';
    case 'scenario':
      return 'Add a network to the lab.';
    case 'version':
      return 'Say which lab format this is: "version": 2.';
    case 'student':
      return "Write the student's name or id.";
    case 'choices':
      return 'Give at least two choices, one a line.';
    case 'accept':
      return 'Give at least one answer taken as right.';
    case 'actions':
      return 'Add the list of actions (it may be empty).';
    case 'settings':
      return 'Say which settings change.';
    case 'question_id':
      return 'Choose the question.';
    default:
      return 'Fill this in.';
  }
}

function tooSmall(
  issue: ZodIssue & { code: 'too_small' },
  key: Segment | undefined,
  context: string,
  doc: unknown,
  at: Segment[],
): string {
  const min = Number(issue.minimum);
  if (issue.origin === 'array' || issue.origin === 'set') {
    if (key === 'tasks' || key === 'checks' || key === 'elements')
      return requiredText(key, context, doc, at);
    if (key === 'choices')
      return min <= 2 ? 'Give at least two choices, one a line.' : `Give at least ${min} choices.`;
    if (key === 'accept') return 'Give at least one answer taken as right.';
    if (key === 'actors') return 'Choose at least one user agent who may do it.';
    return `Give at least ${min} ${min === 1 ? 'entry' : 'entries'}.`;
  }
  if (issue.origin === 'string') {
    const value = valueAt(doc, at);
    if (value === '' || min <= 1) return requiredText(key, context, doc, at);
    return `Write at least ${min} characters.`;
  }
  return knownRange(key, context) ?? `Use ${inUnits(key, min)} or more.`;
}

function tooBig(
  issue: ZodIssue & { code: 'too_big' },
  key: Segment | undefined,
  context: string,
): string {
  const max = Number(issue.maximum);
  if (issue.origin === 'array' || issue.origin === 'set')
    return `Keep it to at most ${max.toLocaleString('en')} ${max === 1 ? 'entry' : 'entries'}.`;
  if (issue.origin === 'string')
    return `Shorten it to at most ${max.toLocaleString('en')} characters.`;
  return knownRange(key, context) ?? `Use at most ${inUnits(key, max)}.`;
}

function wrongType(expected: string, key: Segment | undefined, context: string): string {
  const range = knownRange(key, context);
  switch (expected) {
    case 'number':
      return range ?? 'Write a number.';
    case 'int':
      return range ?? 'Write a whole number.';
    case 'string':
      return 'Write text here.';
    case 'boolean':
      return 'Choose yes or no (true or false).';
    case 'array':
      return 'Write a list here (JSON such as [ ... ]).';
    case 'object':
    case 'record':
      return 'Write a group of fields here (JSON such as { ... }).';
    default:
      return 'The value here is not of the kind this field takes.';
  }
}

/** The branch of a union that got furthest, for a sentence about what is wrong inside it. */
function bestBranch(branches: readonly (readonly ZodIssue[])[]): readonly ZodIssue[] | undefined {
  let best: readonly ZodIssue[] | undefined;
  let bestScore = -1;
  for (const b of branches) {
    if (b.length === 0) continue;
    const depth = Math.max(...b.map((i) => i.path.length));
    const typeOnly = b.every((i) => i.code === 'invalid_type' && i.path.length === 0);
    const score = typeOnly ? 0 : 1 + depth * 2 - b.length * 0.01;
    if (score > bestScore) {
      bestScore = score;
      best = b;
    }
  }
  return bestScore > 0 ? best : undefined;
}

function unionText(
  issue: ZodIssue & { code: 'invalid_union' },
  key: Segment | undefined,
  context: string,
  doc: unknown,
  at: Segment[],
  kind: DocumentKind,
): string {
  const value = valueAt(doc, at);
  const disc = 'discriminator' in issue ? issue.discriminator : undefined;
  if (disc !== undefined) {
    const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : [];
    const noun =
      context === 'element'
        ? 'kind of element'
        : context === 'timeline'
          ? 'user action'
          : context === 'action'
            ? 'kind of action'
            : 'kind of check';
    const choose = `Choose the ${noun}: ${listWords(options)}.`;
    return value === undefined ? choose : `${shown(value)} is not a ${noun}. ${choose}`;
  }
  if (key === 'status') {
    const range = knownRange(key, context) ?? 'Write a status.';
    return value === undefined ? range : withValue(range, value);
  }
  if (key === 'unlockedAction')
    return 'Choose a user action such as register or invite (or one with the user agents who may do it).';
  const branch = bestBranch(issue.errors);
  if (branch?.[0] !== undefined) {
    const inner = branch[0];
    return describe({ ...inner, path: [...inner.path] } as ZodIssue, doc, at, kind).message;
  }
  return value === undefined
    ? requiredText(key, context, doc, at)
    : `${shown(value)} is not something this field takes.`;
}

function formatText(
  message: string,
  key: Segment | undefined,
  context: string,
  value: unknown,
): string {
  if (key === 'method' || (key === 'event' && context === 'timeline'))
    return value === ''
      ? key === 'method'
        ? 'Write the method, such as INVITE.'
        : 'Write the event package, such as presence.'
      : `${shown(value)} is not a SIP ${key === 'method' ? 'method' : 'event package'}. ${key === 'method' ? METHOD_TEXT : 'An event package is one word, such as presence (RFC 6665).'}`;
  const range = knownRange(key, context);
  if (key === 'status' && range !== undefined)
    return value === undefined || value === '' ? range : withValue(range, value);
  const ours = !ZOD_WORDS.test(message);
  if (value === '' || value === undefined)
    return ours ? sentence(`Fill this in: ${message}`) : 'Fill this in.';
  if (!ours) return `${shown(value)} is not written the way this field takes.`;
  return sentence(`Write ${message} (not ${shown(value)})`);
}

const ROOT_TEXT: Readonly<Record<DocumentKind, string>> = {
  lab: 'This is not a lab: a lab file is a JSON object with a title, a network and tasks.',
  submission:
    "This is not a submission: a submission file is a JSON object with the lab's id, the student and their actions.",
  actions: 'This is not a list of actions.',
};

/** The sentence for one zod issue of a document (at `prefix` in it), with the place in words. */
function describe(issue: ZodIssue, doc: unknown, prefix: Segment[], kind: DocumentKind): LabIssue {
  const at: Segment[] = [
    ...prefix,
    ...issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
  ];
  const place = placeOf(doc, at, kind);
  const key = place.key;
  const context = place.context;
  const value = valueAt(doc, at);
  let message: string;
  switch (issue.code) {
    case 'invalid_type':
      message =
        at.length === 0
          ? ROOT_TEXT[kind]
          : value === undefined
            ? requiredText(key, context, doc, at)
            : wrongType(issue.expected, key, context);
      break;
    case 'too_small':
      message = tooSmall(issue, key, context, doc, at);
      break;
    case 'too_big':
      message = tooBig(issue, key, context);
      break;
    case 'invalid_value':
      message =
        key === 'version'
          ? kind === 'lab'
            ? `This is not a lab in a format SIP Lab reads: "version" is 1 or 2${value !== undefined ? `, not ${shown(value)}` : ''}.`
            : `This is not a submission in a format SIP Lab reads: "version" is 1${value !== undefined ? `, not ${shown(value)}` : ''}.`
          : value === undefined
            ? requiredText(key, context, doc, at)
            : `${shown(value)} is not one of the choices: ${listWords(issue.values)}.`;
      break;
    case 'invalid_format':
      message = formatText(issue.message, key, context, value);
      break;
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => `“${k}”`);
      message = `Remove ${listWords(keys)}: ${keys.length === 1 ? 'there is no such field' : 'there are no such fields'} here (was the file made for another version of SIP Lab?).`;
      break;
    }
    case 'invalid_union':
      message = unionText(issue, key, context, doc, at, kind);
      break;
    case 'not_multiple_of':
      message = `Use a multiple of ${String(issue.divisor)}.`;
      break;
    case 'custom':
      message = ZOD_WORDS.test(issue.message)
        ? 'This value cannot be used here.'
        : sentence(issue.message);
      break;
    default:
      message = 'This value cannot be used here.';
  }
  const where = placeText(place);
  const out: LabIssue = { path: formatSegments(at), message: sentence(message) };
  if (where !== '') out.field = where;
  return out;
}

function formatSegments(path: readonly Segment[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += (out === '' ? '' : '.') + p;
  }
  return out;
}

/**
 * The issues of a failed zod parse as plain sentences. `doc` is the whole document the issues are
 * about, `prefix` where the parsed value sits in it, `kind` what the document is.
 */
export function sentencesFromZod(
  issues: z.ZodError | readonly ZodIssue[],
  doc: unknown,
  prefix: readonly Segment[] = [],
  kind: DocumentKind = 'lab',
): LabIssue[] {
  const list = 'issues' in issues ? issues.issues : issues;
  return list.map((i) => describe(i, doc, [...prefix], kind));
}

/** One issue of ours (a sentence already, maybe in lower case) with its place in the form added. */
export function placedIssue(
  path: string,
  message: string,
  doc: unknown,
  kind: DocumentKind = 'lab',
): LabIssue {
  const place = placeOf(doc, parsePath(path), kind);
  const where = placeText(place);
  const out: LabIssue = {
    path,
    message: ZOD_WORDS.test(message) ? 'This value cannot be used here.' : sentence(message),
  };
  if (where !== '') out.field = where;
  return out;
}

/** Issues of ours, each with its place and as a sentence (an issue that has a place keeps it). */
export function placeIssues(
  issues: readonly LabIssue[],
  doc: unknown,
  kind: DocumentKind = 'lab',
): LabIssue[] {
  return issues.map((i) =>
    i.field !== undefined
      ? { ...i, message: sentence(i.message) }
      : placedIssue(i.path, i.message, doc, kind),
  );
}

/** An issue for a person: "Task 1 “Register”: Task title: Give the task a title." */
export function issueText(issue: Pick<LabIssue, 'field' | 'message'>): string {
  return issue.field ? `${issue.field}: ${issue.message}` : issue.message;
}

/** True when a text is zod's own wording (for tests: it must never reach a person). */
export function isZodWording(text: string): boolean {
  return (
    ZOD_WORDS.test(text) ||
    /expected (string|number|array|object|record|boolean|int)|received (undefined|string|number|object)|[<>]=\d|No matching discriminator|Invalid discriminator/i.test(
      text,
    )
  );
}
