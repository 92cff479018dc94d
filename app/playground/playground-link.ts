/**
 * The playground's link: everything the reader changed in a built-in scenario, and where they were,
 * written in the query string and read back. What a link holds:
 *
 *   scenario=call-trapezoid   the built-in scenario
 *   step=12                   the step (0: before anything happened)
 *   drop=1,5                  datagrams dropped with "Drop this message" (by their number in the run)
 *   rule=from:bob,s:180,n:1;m:BYE   fault rules added by the reader: from, to, m (method), s (status
 *                             or class), re (1: retransmissions only, 0: first sends only), n (count)
 *   link=alice~proxy:200:0.1  a link's latency (ms) and loss (0–1), where they differ from the scenario's
 *   rr=proxy:on,proxy-b:off   Record-Route of a proxy;  kind=proxy:stateless;  fork=proxy:sequential
 *   call=…  el=proxy  msg=INVITE  q=text   the ladder's filter and search
 *   sel=42                    the event shown in the inspector (a trace event id)
 *
 * Only differences from the built-in scenario are written, so an unchanged run keeps the short link
 * of old (scenario and step). Reading never throws: each part that cannot be used is left out and
 * named in `problems`, in words for the reader.
 */
import type { FaultRule } from '@/sim/network';
import type { Scenario, ScenarioElement } from '@/sim/scenario';
import type { LadderFilter } from '@/app/components/simulator/ladder-filter';
import { USER_FAULT_NAME as USER_FAULT } from '@/app/components/simulator/user-faults';

type Proxy = Extract<ScenarioElement, { kind: 'stateful-proxy' | 'stateless-proxy' }>;

export interface ProxyTweak {
  name: string;
  recordRoute?: boolean;
  kind?: Proxy['kind'];
  forking?: 'parallel' | 'sequential';
}

export interface LinkTweak {
  a: string;
  b: string;
  latencyMs: number;
  loss: number;
}

/** A fault rule the reader added, without its name (every one is "dropped by you"). */
export type RuleTweak = Pick<
  FaultRule,
  'from' | 'to' | 'method' | 'status' | 'retransmission' | 'count'
>;

/** What the reader changed in the scenario. */
export interface ScenarioTweaks {
  drops: number[];
  rules: RuleTweak[];
  links: LinkTweak[];
  proxies: ProxyTweak[];
}

/** Where the reader was. */
export interface LinkView {
  step: number;
  filter: LadderFilter;
  selected?: number | undefined;
}

export interface PlaygroundLink {
  scenario: string;
  tweaks: ScenarioTweaks;
  view: LinkView;
}

export const NO_TWEAKS: ScenarioTweaks = { drops: [], rules: [], links: [], proxies: [] };

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
const METHOD = /^[A-Za-z0-9.!%*_+`'~-]+$/;
const STATUS_CLASS = /^[1-6]xx$/;
const MAX_LATENCY_MS = 60000;

function isProxy(e: ScenarioElement): e is Proxy {
  return e.kind === 'stateful-proxy' || e.kind === 'stateless-proxy';
}

function sameLink(l: { a: string; b: string }, a: string, b: string): boolean {
  return (l.a === a && l.b === b) || (l.a === b && l.b === a);
}

/** A whole number ≥ min written in decimal digits only ("007" and "1e3" are not). */
function wholeNumber(text: string, min: number): number | undefined {
  if (!/^\d{1,9}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min ? n : undefined;
}

function decimal(text: string): number | undefined {
  if (!/^\d{1,6}(\.\d{1,9})?$/.test(text)) return undefined;
  return Number(text);
}

// ---- what changed: the scenario as the reader left it, against the built-in one ------------------

/** The reader's changes: the difference between the built-in scenario and the current one. */
export function tweaksOf(base: Scenario, current: Scenario): ScenarioTweaks {
  const drops: number[] = [];
  const rules: RuleTweak[] = [];
  for (const f of current.faults) {
    if (f.name !== USER_FAULT) continue;
    const { name: _name, datagram, ...rest } = f;
    if (datagram !== undefined && Object.keys(rest).length === 0) drops.push(datagram);
    else {
      const rule: RuleTweak = {};
      if (rest.from !== undefined) rule.from = rest.from;
      if (rest.to !== undefined) rule.to = rest.to;
      if (rest.method !== undefined) rule.method = rest.method;
      if (rest.status !== undefined) rule.status = rest.status;
      if (rest.retransmission !== undefined) rule.retransmission = rest.retransmission;
      if (rest.count !== undefined) rule.count = rest.count;
      rules.push(rule);
    }
  }
  const links: LinkTweak[] = [];
  for (const l of current.links) {
    const was = base.links.find((b) => sameLink(b, l.a, l.b));
    if (!was || was.latencyMs !== l.latencyMs || was.loss !== l.loss)
      links.push({ a: l.a, b: l.b, latencyMs: l.latencyMs, loss: l.loss });
  }
  const proxies: ProxyTweak[] = [];
  for (const e of current.elements) {
    if (!isProxy(e)) continue;
    const was = base.elements.find((b) => b.name === e.name);
    if (!was || !isProxy(was)) continue;
    const t: ProxyTweak = { name: e.name };
    if ((e.recordRoute === true) !== (was.recordRoute === true))
      t.recordRoute = e.recordRoute === true;
    if (e.kind !== was.kind) t.kind = e.kind;
    if ((e.forking ?? 'parallel') !== (was.forking ?? 'parallel'))
      t.forking = e.forking ?? 'parallel';
    if (Object.keys(t).length > 1) proxies.push(t);
  }
  return { drops: [...new Set(drops)].sort((x, y) => x - y), rules, links, proxies };
}

/**
 * The built-in scenario with the reader's changes made again. A change that does not fit this
 * scenario (an element it does not have) is left out and named in `problems`.
 */
export function applyTweaks(
  base: Scenario,
  tweaks: ScenarioTweaks,
): { scenario: Scenario; problems: string[] } {
  const problems: string[] = [];
  const next: Scenario = structuredClone(base);
  const names = new Set(base.elements.map((e) => e.name));
  for (const d of tweaks.drops) next.faults.push({ name: USER_FAULT, datagram: d });
  for (const r of tweaks.rules) {
    const unknown = [r.from, r.to].filter((n) => n !== undefined && !names.has(n));
    if (unknown.length > 0) {
      problems.push(
        `A fault rule names ${unknown.map((n) => `“${n}”`).join(' and ')}, which this scenario does not have; it was left out.`,
      );
      continue;
    }
    next.faults.push({ name: USER_FAULT, ...r });
  }
  for (const l of tweaks.links) {
    if (!names.has(l.a) || !names.has(l.b) || l.a === l.b) {
      problems.push(
        `The link ${l.a}~${l.b} joins elements this scenario does not have; it was left out.`,
      );
      continue;
    }
    const existing = next.links.find((x) => sameLink(x, l.a, l.b));
    if (existing) {
      existing.latencyMs = l.latencyMs;
      existing.loss = l.loss;
    } else next.links.push({ a: l.a, b: l.b, latencyMs: l.latencyMs, loss: l.loss });
  }
  for (const p of tweaks.proxies) {
    const i = next.elements.findIndex((e) => e.name === p.name);
    const el = next.elements[i];
    if (!el || !isProxy(el)) {
      problems.push(
        `“${p.name}” is not a proxy of this scenario, so its proxy settings were left out.`,
      );
      continue;
    }
    const changed: Proxy = { ...el };
    if (p.recordRoute !== undefined) changed.recordRoute = p.recordRoute;
    if (p.kind !== undefined) changed.kind = p.kind;
    if (p.forking !== undefined) changed.forking = p.forking;
    next.elements[i] = changed;
  }
  return { scenario: next, problems };
}

// ---- writing -------------------------------------------------------------------------------------

/** Characters left as they are in a query value (RFC 3986 allows them there; they read better). */
function encodeValue(v: string): string {
  return encodeURIComponent(v).replace(/%(2C|3A|3B|7E)/gi, (m) => decodeURIComponent(m));
}

function ruleText(r: RuleTweak): string {
  const parts: string[] = [];
  if (r.from !== undefined) parts.push(`from:${r.from}`);
  if (r.to !== undefined) parts.push(`to:${r.to}`);
  if (r.method !== undefined) parts.push(`m:${r.method}`);
  if (r.status !== undefined) parts.push(`s:${r.status}`);
  if (r.retransmission !== undefined) parts.push(`re:${r.retransmission ? 1 : 0}`);
  if (r.count !== undefined) parts.push(`n:${r.count}`);
  return parts.length > 0 ? parts.join(',') : 'all';
}

/** The query string of a link ("scenario=…&step=…&…", without "?"). */
export function encodeLink(link: PlaygroundLink): string {
  const { tweaks: t, view } = link;
  const pairs: [string, string][] = [
    ['scenario', link.scenario],
    ['step', String(view.step)],
  ];
  if (t.drops.length > 0) pairs.push(['drop', t.drops.join(',')]);
  if (t.rules.length > 0) pairs.push(['rule', t.rules.map(ruleText).join(';')]);
  if (t.links.length > 0)
    pairs.push(['link', t.links.map((l) => `${l.a}~${l.b}:${l.latencyMs}:${l.loss}`).join(';')]);
  const rr = t.proxies.filter((p) => p.recordRoute !== undefined);
  if (rr.length > 0)
    pairs.push(['rr', rr.map((p) => `${p.name}:${p.recordRoute ? 'on' : 'off'}`).join(',')]);
  const kind = t.proxies.filter((p) => p.kind !== undefined);
  if (kind.length > 0)
    pairs.push([
      'kind',
      kind
        .map((p) => `${p.name}:${p.kind === 'stateless-proxy' ? 'stateless' : 'stateful'}`)
        .join(','),
    ]);
  const fork = t.proxies.filter((p) => p.forking !== undefined);
  if (fork.length > 0) pairs.push(['fork', fork.map((p) => `${p.name}:${p.forking}`).join(',')]);
  const f = view.filter;
  if (f.callId) pairs.push(['call', f.callId]);
  if (f.element) pairs.push(['el', f.element]);
  if (f.message) pairs.push(['msg', f.message]);
  if (f.text?.trim()) pairs.push(['q', f.text.trim()]);
  if (view.selected !== undefined) pairs.push(['sel', String(view.selected)]);
  return pairs.map(([k, v]) => `${k}=${encodeValue(v)}`).join('&');
}

// ---- reading -------------------------------------------------------------------------------------

function splitList(value: string, separator: string): string[] {
  return value
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function readDrops(value: string, problems: string[]): number[] {
  const out: number[] = [];
  for (const part of splitList(value, ',')) {
    const n = wholeNumber(part, 1);
    if (n === undefined)
      problems.push(
        `drop: “${part}” is not a datagram number (1, 2, 3 …); that drop was left out.`,
      );
    else if (!out.includes(n)) out.push(n);
  }
  return out.sort((a, b) => a - b);
}

function readRule(text: string, problems: string[]): RuleTweak | undefined {
  const rule: RuleTweak = {};
  if (text === 'all') return rule;
  const bad = (why: string) => {
    problems.push(`rule “${text}”: ${why}; that rule was left out.`);
    return undefined;
  };
  for (const field of splitList(text, ',')) {
    const colon = field.indexOf(':');
    if (colon < 0) return bad(`“${field}” is not key:value`);
    const key = field.slice(0, colon);
    const v = field.slice(colon + 1);
    switch (key) {
      case 'from':
      case 'to':
        if (!NAME.test(v)) return bad(`“${v}” is not an element name`);
        rule[key] = v;
        break;
      case 'm':
        if (!METHOD.test(v)) return bad(`“${v}” is not a SIP method (RFC 3261 §25.1: a token)`);
        rule.method = v;
        break;
      case 's': {
        const code = wholeNumber(v, 100);
        if (code !== undefined && code <= 699) rule.status = code;
        else if (STATUS_CLASS.test(v)) rule.status = v;
        else return bad(`“${v}” is not a status code (100–699) or class (such as 4xx)`);
        break;
      }
      case 're':
        if (v !== '0' && v !== '1') return bad(`re must be 1 (retransmissions) or 0 (first sends)`);
        rule.retransmission = v === '1';
        break;
      case 'n': {
        const n = wholeNumber(v, 1);
        if (n === undefined) return bad(`n (how many to drop) must be 1 or more`);
        rule.count = n;
        break;
      }
      default:
        return bad(`“${key}” is not one of from, to, m, s, re, n`);
    }
  }
  return rule;
}

function readLinks(value: string, problems: string[]): LinkTweak[] {
  const out: LinkTweak[] = [];
  for (const part of splitList(value, ';')) {
    const m = /^([^~:]+)~([^~:]+):([^:]*):([^:]*)$/.exec(part);
    const latencyMs = m ? decimal(m[3]!) : undefined;
    const loss = m ? decimal(m[4]!) : undefined;
    if (!m || !NAME.test(m[1]!) || !NAME.test(m[2]!)) {
      problems.push(
        `link “${part}” is not a~b:latency:loss (such as alice~proxy:200:0.1); left out.`,
      );
    } else if (latencyMs === undefined || latencyMs > MAX_LATENCY_MS) {
      problems.push(`link “${part}”: the latency must be 0 to ${MAX_LATENCY_MS} ms; left out.`);
    } else if (loss === undefined || loss > 1) {
      problems.push(`link “${part}”: the loss must be 0 to 1 (0.1 is 10 %); left out.`);
    } else {
      out.push({ a: m[1]!, b: m[2]!, latencyMs, loss });
    }
  }
  return out;
}

function readProxySetting(
  key: 'rr' | 'kind' | 'fork',
  value: string,
  proxies: Map<string, ProxyTweak>,
  problems: string[],
): void {
  const allowed = {
    rr: ['on', 'off'],
    kind: ['stateful', 'stateless'],
    fork: ['parallel', 'sequential'],
  }[key];
  for (const part of splitList(value, ',')) {
    const [name = '', v = '', ...more] = part.split(':');
    if (!NAME.test(name) || !allowed.includes(v) || more.length > 0) {
      problems.push(
        `${key}: “${part}” is not name:${allowed.join('|')}; that setting was left out.`,
      );
      continue;
    }
    const t = proxies.get(name) ?? { name };
    if (key === 'rr') t.recordRoute = v === 'on';
    else if (key === 'kind') t.kind = v === 'stateless' ? 'stateless-proxy' : 'stateful-proxy';
    else t.forking = v as 'parallel' | 'sequential';
    proxies.set(name, t);
  }
}

/**
 * Reads a link's query. `known` says which scenario names exist; an unknown or missing one gives
 * `fallback` (and a problem when one was asked for). Unknown keys are ignored.
 */
export function decodeLink(
  query: URLSearchParams,
  known: (name: string) => boolean,
  fallback: string,
): { link: PlaygroundLink; problems: string[]; unknownScenario: string | undefined } {
  const problems: string[] = [];
  const asked = query.get('scenario');
  const unknownScenario = asked !== null && !known(asked) ? asked : undefined;
  const scenario = asked !== null && unknownScenario === undefined ? asked : fallback;
  // A link to an unknown scenario keeps nothing else: its changes were made to another network.
  if (unknownScenario !== undefined)
    return {
      link: { scenario, tweaks: NO_TWEAKS, view: { step: 0, filter: {} } },
      problems,
      unknownScenario,
    };

  let step = 0;
  const stepText = query.get('step');
  if (stepText !== null && stepText !== '') {
    const n = wholeNumber(stepText, 0);
    if (n === undefined)
      problems.push(`step=${stepText} is not a step number (0, 1, 2 …); opened at step 0.`);
    else step = n;
  }

  const drop = query.get('drop');
  const drops = drop !== null ? readDrops(drop, problems) : [];
  const rule = query.get('rule');
  const rules =
    rule !== null
      ? splitList(rule, ';').flatMap((r) => {
          const parsed = readRule(r, problems);
          return parsed ? [parsed] : [];
        })
      : [];
  const link = query.get('link');
  const links = link !== null ? readLinks(link, problems) : [];
  const proxies = new Map<string, ProxyTweak>();
  for (const key of ['rr', 'kind', 'fork'] as const) {
    const v = query.get(key);
    if (v !== null) readProxySetting(key, v, proxies, problems);
  }

  const filter: LadderFilter = {};
  const call = query.get('call');
  if (call) filter.callId = call;
  const el = query.get('el');
  if (el) filter.element = el;
  const msg = query.get('msg');
  if (msg) filter.message = msg;
  const q = query.get('q');
  if (q?.trim()) filter.text = q.trim();

  let selected: number | undefined;
  const sel = query.get('sel');
  if (sel !== null && sel !== '') {
    selected = wholeNumber(sel, 0);
    if (selected === undefined)
      problems.push(`sel=${sel} is not an event number; the inspector follows the step.`);
  }

  return {
    link: {
      scenario,
      tweaks: { drops, rules, links, proxies: [...proxies.values()] },
      view: { step, filter, ...(selected !== undefined ? { selected } : {}) },
    },
    problems,
    unknownScenario,
  };
}
