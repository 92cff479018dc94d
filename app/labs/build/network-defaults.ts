/**
 * What the builder gives a new element, so that the network works before anyone edits a field: one
 * domain for the servers (example.com, or the domain the first server already has), user agents whose
 * address of record is in it, the domain's host name on its front door — the proxy if there is one,
 * else the redirect server, else the registrar — so a REGISTER to sip:example.com and an INVITE to
 * sip:bob@example.com reach it (RFC 3263: the A record of the domain), and each proxy or redirect
 * server reading the registrar's bindings as its location service (RFC 3261 §10, §16.5). Adding a
 * server may move the front door's host name from the registrar to a new proxy; nothing an instructor
 * typed is changed. Also the timeline action "Add timeline action" proposes next: each user agent
 * registers, then the first calls the second. Pure functions, no React.
 */
import type { ElementKind } from '../lab-model';
import type { DraftElement, Obj } from './draft';

export const DEFAULT_DOMAIN = 'example.com';

const UA_NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
const BASE_NAMES: Record<ElementKind, string> = {
  'user-agent': 'ua',
  'stateless-proxy': 'proxy',
  'stateful-proxy': 'proxy',
  registrar: 'registrar',
  'redirect-server': 'redirect',
  'presence-server': 'presence',
};

/** Which server answers for the domain (holds its host name): lower is first. */
const FRONT_DOOR_RANK: Partial<Record<ElementKind, number>> = {
  'stateful-proxy': 0,
  'stateless-proxy': 0,
  'redirect-server': 1,
  registrar: 2,
};

const isProxy = (kind: ElementKind): boolean =>
  kind === 'stateful-proxy' || kind === 'stateless-proxy';

function uniqueName(kind: ElementKind, taken: Set<string>): string {
  if (kind === 'user-agent') {
    const free = UA_NAMES.find((n) => !taken.has(n));
    if (free) return free;
  }
  const base = BASE_NAMES[kind];
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

function nextAddress(kind: ElementKind, taken: Set<string>): string {
  // User agents from 10.0.0.10 up, servers from 10.0.0.2 up.
  const start = kind === 'user-agent' ? 10 : 2;
  for (let n = start; n < 255; n++) {
    const a = `10.0.0.${n}`;
    if (!taken.has(a)) return a;
  }
  for (let n = 2; n < 255; n++) {
    const a = `10.0.1.${n}`;
    if (!taken.has(a)) return a;
  }
  return '10.0.2.2';
}

/** The domain of the network: the first proxy's, redirect server's or registrar's, or example.com. */
export function homeDomain(elements: readonly DraftElement[]): string {
  const ranked = elements
    .filter((e) => FRONT_DOOR_RANK[e.kind] !== undefined && typeof e['domain'] === 'string')
    .sort((a, b) => FRONT_DOOR_RANK[a.kind]! - FRONT_DOOR_RANK[b.kind]!);
  const d = ranked[0]?.['domain'];
  return typeof d === 'string' && d !== '' ? d : DEFAULT_DOMAIN;
}

function position(kind: ElementKind, elements: readonly DraftElement[]): { x: number; y: number } {
  // User agents on the top row, servers on a row below, so links between them do not cross nodes.
  const isUa = kind === 'user-agent';
  const sameRow = elements.filter((e) => (e.kind === 'user-agent') === isUa).length;
  return {
    x: (sameRow % 6) * 230 + (isUa ? 0 : 115),
    y: (isUa ? 0 : 170) + Math.floor(sameRow / 6) * 340,
  };
}

/**
 * The elements with a new one of `kind` added, given working defaults; returns the list and the new
 * element's name. Elements already there change only where they still hold the builder's own
 * defaults: a front door's host name moves to a new proxy, and a proxy or redirect server without a
 * location service gets the new registrar.
 */
export function withNewElement(
  elements: readonly DraftElement[],
  kind: ElementKind,
): { elements: DraftElement[]; name: string } {
  const list = elements.map((e) => ({ ...e }));
  const name = uniqueName(kind, new Set(list.map((e) => e.name)));
  const address = nextAddress(kind, new Set(list.map((e) => e.address)));
  const domain = homeDomain(list);
  const el: DraftElement = { kind, name, address, position: position(kind, list) };

  if (kind === 'user-agent') {
    el['aor'] = `sip:${name}@${domain}`;
    list.push(el);
    return { elements: list, name };
  }
  if (kind === 'presence-server') {
    // A presence server serves a domain of its own, so SUBSCRIBEs for it do not reach the proxy.
    const own = `presence.${domain}`;
    el['domain'] = own;
    if (!list.some((e) => e['host'] === own)) el['host'] = own;
    list.push(el);
    return { elements: list, name };
  }

  el['domain'] = domain;
  const rank = FRONT_DOOR_RANK[kind]!;
  const holder = list.find((e) => e['host'] === domain);
  if (holder === undefined) el['host'] = domain;
  else {
    const holderRank = FRONT_DOOR_RANK[holder.kind];
    const movable = holderRank !== undefined && holderRank > rank;
    if (movable) {
      holder['host'] = `${holder.name}.${domain}`;
      el['host'] = domain;
    } else el['host'] = `${name}.${domain}`;
  }

  if (isProxy(kind) || kind === 'redirect-server') {
    const registrar = list.find((e) => e.kind === 'registrar' && e['domain'] === domain);
    if (registrar) el['registrar'] = registrar.name;
  }
  if (kind === 'registrar')
    for (const e of list)
      if (
        (isProxy(e.kind) || e.kind === 'redirect-server') &&
        e['domain'] === domain &&
        e['registrar'] === undefined
      )
        e['registrar'] = name;
  list.push(el);
  return { elements: list, name };
}

/**
 * The timeline action "Add timeline action" proposes: the next user agent that has not registered
 * registers at 0 s; once all have, the first calls the second 1 s after the last action; then the
 * first user agent registers again 1 s later.
 */
export function nextTimelineAction(
  elements: readonly DraftElement[],
  timeline: readonly Obj[],
): Obj {
  const uas = elements.filter((e) => e.kind === 'user-agent');
  const last = timeline.reduce(
    (t, a) => (typeof a['at'] === 'number' && a['at'] > t ? a['at'] : t),
    -1000,
  );
  const registered = new Set(
    timeline.filter((a) => a['action'] === 'register').map((a) => a['actor']),
  );
  const unregistered = uas.find((u) => !registered.has(u.name));
  if (unregistered) return { at: 0, actor: unregistered.name, action: 'register' };
  const [caller, callee] = uas;
  if (caller && callee && !timeline.some((a) => a['action'] === 'invite'))
    return {
      at: Math.max(1000, last + 1000),
      actor: caller.name,
      action: 'invite',
      to:
        typeof callee['aor'] === 'string' ? callee['aor'] : `sip:${callee.name}@${DEFAULT_DOMAIN}`,
    };
  return { at: Math.max(0, last + 1000), actor: caller?.name ?? '', action: 'register' };
}

/** The AOR a request of `actor` goes to by default: the first other user agent's. */
export function defaultTarget(
  elements: readonly DraftElement[],
  actor: unknown,
): string | undefined {
  const other = elements.find((e) => e.kind === 'user-agent' && e.name !== actor);
  return typeof other?.['aor'] === 'string' ? other['aor'] : undefined;
}
