/**
 * The builder's draft: a lab document as the instructor is writing it, which may not be valid yet
 * (validation with sim/lab's parseLab says, beside each field, what is wrong with it in a sentence).
 * Helpers to make a new draft, read one back from storage or a lab, rename an element everywhere it
 * is named, remove one, and find the issues of a field. New elements get their defaults in
 * network-defaults.ts.
 */
import type { Lab, LabIssue } from '@/sim/lab';
import { LabError, parseLab } from '@/sim/lab';
import type { ElementKind } from '../lab-model';

export type Obj = Record<string, unknown>;

export interface DraftElement {
  kind: ElementKind;
  name: string;
  address: string;
  position?: { x: number; y: number };
  [key: string]: unknown;
}

export interface DraftLink {
  a: string;
  b: string;
  latencyMs?: number;
  loss?: number;
}

export interface DraftScenario {
  name: string;
  title: string;
  elements: DraftElement[];
  links: DraftLink[];
  timeline: Obj[];
  faults: Obj[];
  [key: string]: unknown;
}

export type UnlockedAction = string | { action: string; actors: string[] };

export interface DraftUnlock {
  elements?: Record<string, string[]>;
  actions?: UnlockedAction[];
  faults?: boolean;
  links?: boolean;
}

export interface DraftTask {
  id: string;
  title: string;
  description?: string;
  hint?: string;
  checks: Obj[];
}

export interface Draft {
  version: 2;
  id: string;
  title: string;
  summary: string;
  author: string;
  instructions: string;
  scenario: DraftScenario;
  unlock: DraftUnlock;
  tasks: DraftTask[];
  timeLimitMinutes?: number;
  parameters?: Obj[];
  solution: { actions: Obj[] };
  /** The salt of the lab's sealed answers (sim/lab's answer-key), made once per lab. */
  answerSalt?: string;
}

export const KINDS: readonly { kind: ElementKind; label: string }[] = [
  { kind: 'user-agent', label: 'user agent' },
  { kind: 'stateless-proxy', label: 'stateless proxy' },
  { kind: 'stateful-proxy', label: 'stateful proxy' },
  { kind: 'registrar', label: 'registrar' },
  { kind: 'redirect-server', label: 'redirect server' },
  { kind: 'presence-server', label: 'presence server' },
];

function randomHex(bytes: number): string {
  const b = new Uint8Array(bytes);
  crypto.getRandomValues(b);
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

function randomId(): string {
  return randomHex(4);
}

export function newDraftId(): string {
  return `d${Date.now().toString(36)}${randomId()}`;
}

export function newDraft(): Draft {
  const suffix = randomId().slice(0, 6);
  return {
    version: 2,
    id: `my-lab-${suffix}`,
    title: 'Untitled lab',
    summary: '',
    author: '',
    instructions: '',
    scenario: {
      name: `lab-${suffix}`,
      title: 'The network of this lab',
      seed: 1,
      elements: [],
      links: [],
      timeline: [],
      faults: [],
      endAt: 30000,
    },
    unlock: {},
    tasks: [],
    solution: { actions: [] },
    answerSalt: randomHex(16),
  };
}

export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Sets a key of a draft object; undefined or '' removes it (the lab leaves it out). */
export function put(o: Obj, key: string, value: unknown): void {
  if (value === undefined || value === '') delete o[key];
  else o[key] = value;
}

/** A change to one object of the draft (a check, a matcher, a timeline action), made in place. */
export type ObjUpdate = (fn: (o: Obj) => void) => void;

/** A change to the draft, made in place on a copy (the builder saves it and validates it again). */
export type Update = (fn: (d: Draft) => void) => void;

function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

function objs(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

/** A draft from a stored document or a lab (anything missing gets its default). */
export function toDraft(input: Obj | Lab): Draft {
  const doc = structuredClone(input) as Obj;
  const base = newDraft();
  const sc = isObj(doc['scenario']) ? doc['scenario'] : {};
  const scenario: DraftScenario = {
    ...sc,
    name: str(sc['name'], base.scenario.name),
    title: str(sc['title'], base.scenario.title),
    elements: objs(sc['elements']).map((e) => ({
      ...e,
      kind: str(e['kind'], 'user-agent') as ElementKind,
      name: str(e['name']),
      address: str(e['address']),
    })),
    links: objs(sc['links']).map((l) => ({ ...l, a: str(l['a']), b: str(l['b']) })),
    timeline: objs(sc['timeline']),
    faults: objs(sc['faults']),
  };
  const unlock = isObj(doc['unlock']) ? (doc['unlock'] as DraftUnlock) : {};
  const tasks: DraftTask[] = objs(doc['tasks']).map((t) => ({
    ...t,
    id: str(t['id']),
    title: str(t['title']),
    checks: objs(t['checks']),
  }));
  const solution = isObj(doc['solution']) ? doc['solution'] : {};
  const draft: Draft = {
    version: 2,
    id: str(doc['id'], base.id),
    title: str(doc['title'], base.title),
    summary: str(doc['summary']),
    author: str(doc['author']),
    instructions: str(doc['instructions']),
    scenario,
    unlock,
    tasks,
    solution: { actions: objs(solution['actions']) },
  };
  if (typeof doc['timeLimitMinutes'] === 'number') draft.timeLimitMinutes = doc['timeLimitMinutes'];
  if (Array.isArray(doc['parameters'])) draft.parameters = objs(doc['parameters']);
  // A lab keeps its salt (its sealed answers depend on it); one without gets its own.
  draft.answerSalt =
    typeof doc['answerSalt'] === 'string' ? doc['answerSalt'] : (base.answerSalt ?? randomHex(16));
  return draft;
}

/** A copy of a lab to edit as a new lab: a new id, " (copy)" in the title. */
export function copyOfLab(lab: Lab): Draft {
  const draft = toDraft(lab);
  const suffix = randomId().slice(0, 4);
  draft.id = `${lab.id.slice(0, 58)}-${suffix}`;
  draft.title = `${lab.title.slice(0, 112)} (copy)`;
  return draft;
}

/** The draft as a plain document (what is saved, shared and exported). */
export function draftDocument(draft: Draft): Obj {
  return JSON.parse(JSON.stringify(draft)) as Obj;
}

export type Validation = { lab: Lab; issues: [] } | { lab?: undefined; issues: LabIssue[] };

export function validateDraft(draft: Draft): Validation {
  try {
    return { lab: parseLab(draftDocument(draft)), issues: [] };
  } catch (e) {
    if (e instanceof LabError) return { issues: e.issues };
    return { issues: [{ path: '', message: e instanceof Error ? e.message : String(e) }] };
  }
}

/** The issues of exactly this path. */
export function issuesAt(issues: readonly LabIssue[], path: string): string[] {
  return issues.filter((i) => i.path === path).map((i) => i.message);
}

/** The issues at this path or below it. */
export function issuesUnder(issues: readonly LabIssue[], path: string): LabIssue[] {
  return issues.filter(
    (i) => i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`),
  );
}

// ---------------------------------------------------------------------------------------------
// Elements

/** Renames an element everywhere the draft names it: links, timeline, faults, unlock, checks. */
export function renameElement(draft: Draft, from: string, to: string): void {
  if (from === to) return;
  const sc = draft.scenario;
  for (const e of sc.elements) {
    if (e.name === from) e.name = to;
    else if (e.kind !== 'user-agent' && e['registrar'] === from) e['registrar'] = to;
  }
  for (const l of sc.links) {
    if (l.a === from) l.a = to;
    if (l.b === from) l.b = to;
  }
  for (const a of sc.timeline) if (a['actor'] === from) a['actor'] = to;
  for (const f of sc.faults) {
    if (f['from'] === from) f['from'] = to;
    if (f['to'] === from) f['to'] = to;
  }
  const unlocked = draft.unlock.elements;
  if (unlocked && unlocked[from] !== undefined) {
    unlocked[to] = unlocked[from]!;
    delete unlocked[from];
  }
  for (const u of draft.unlock.actions ?? [])
    if (typeof u !== 'string') u.actors = u.actors.map((a) => (a === from ? to : a));
  const renameIn = (m: Obj) => {
    for (const k of ['from', 'to', 'element']) if (m[k] === from) m[k] = to;
  };
  for (const t of draft.tasks)
    for (const c of t.checks) {
      renameIn(c);
      const sel = c['select'];
      if (Array.isArray(sel)) sel.filter(isObj).forEach(renameIn);
      else if (isObj(sel)) renameIn(sel);
    }
  for (const a of draft.solution.actions) {
    if (a['element'] === from) a['element'] = to;
    if (a['a'] === from) a['a'] = to;
    if (a['b'] === from) a['b'] = to;
    const action = a['action'];
    if (isObj(action) && action['actor'] === from) action['actor'] = to;
  }
}

/** Removes an element and what depends on it (its links, its timeline actions, its unlock entry). */
export function removeElement(draft: Draft, name: string): void {
  const sc = draft.scenario;
  sc.elements = sc.elements.filter((e) => e.name !== name);
  for (const e of sc.elements)
    if (e.kind !== 'user-agent' && e['registrar'] === name) delete e['registrar'];
  sc.links = sc.links.filter((l) => l.a !== name && l.b !== name);
  sc.timeline = sc.timeline.filter((a) => a['actor'] !== name);
  if (draft.unlock.elements) delete draft.unlock.elements[name];
}

/** A check id not used yet in the draft: "prefix", "prefix-2", ... */
export function uniqueCheckId(draft: Draft, prefix: string): string {
  const taken = new Set(draft.tasks.flatMap((t) => t.checks.map((c) => String(c['id']))));
  if (!taken.has(prefix)) return prefix;
  for (let i = 2; ; i++) if (!taken.has(`${prefix}-${i}`)) return `${prefix}-${i}`;
}

export function uniqueTaskId(draft: Draft): string {
  const taken = new Set(draft.tasks.map((t) => t.id));
  for (let i = 1; ; i++) if (!taken.has(`task-${i}`)) return `task-${i}`;
}
