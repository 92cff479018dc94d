/**
 * Test helpers for the exercise checker: ways to write the same message differently (header order,
 * name case, compact forms, folding, spacing, list headers joined on one line — RFC 3261 §7.3.1 says
 * they all mean the same), and single changes that make it wrong (a header removed, CSeq or Call-ID
 * changed, a branch or tag that breaks its rule, Max-Forwards not decremented, a proxy's Via left on,
 * a wrong digest response), each with the part the checker must name.
 */
import { SeededRandom } from '@/sim/network';
import { wireAsText, type Attempt } from '@/sim/exercise';
import { COMPACT_FORMS, headerKey, parseMessage, viaBranch, paramValue } from '@/sim/codec';

interface Lines {
  start: string;
  headers: string[];
  body: string;
}

function split(text: string): Lines {
  const i = text.indexOf('\n\n');
  const head = i < 0 ? text : text.slice(0, i);
  const body = i < 0 ? '' : text.slice(i + 2);
  const [start, ...headers] = head.split('\n');
  return { start: start!, headers, body };
}

function join(l: Lines): string {
  return [l.start, ...l.headers].join('\n') + '\n\n' + l.body;
}

function nameOf(line: string): string {
  return line.slice(0, line.indexOf(':')).trim();
}

function valueOf(line: string): string {
  return line.slice(line.indexOf(':') + 1).trim();
}

const LONG_TO_COMPACT = new Map(Object.entries(COMPACT_FORMS).map(([c, k]) => [k, c]));

export type Rewrite = (text: string, rng: SeededRandom) => string;

/** Header fields in another order; fields of one name keep their order among themselves. */
export const reorder: Rewrite = (text, rng) => {
  const l = split(text);
  const groups = new Map<string, string[]>();
  for (const h of l.headers) {
    const k = headerKey(nameOf(h));
    groups.set(k, [...(groups.get(k) ?? []), h]);
  }
  const keys = [...groups.keys()];
  for (let i = keys.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  // Interleave: pick a random group each time, taking its next line.
  const queues = keys.map((k) => [...groups.get(k)!]);
  const out: string[] = [];
  while (queues.some((q) => q.length > 0)) {
    const live = queues.filter((q) => q.length > 0);
    out.push(live[rng.int(live.length)]!.shift()!);
  }
  return join({ ...l, headers: out });
};

/** Header names in random case. */
export const recase: Rewrite = (text, rng) => {
  const l = split(text);
  return join({
    ...l,
    headers: l.headers.map((h) => {
      const n = nameOf(h);
      const mixed = [...n]
        .map((c) => (rng.chance(0.5) ? c.toUpperCase() : c.toLowerCase()))
        .join('');
      return mixed + h.slice(h.indexOf(':'));
    }),
  });
};

/** Compact forms where a header has one (v, f, t, i, m, l, c, o, ...). */
export const compact: Rewrite = (text) => {
  const l = split(text);
  return join({
    ...l,
    headers: l.headers.map((h) => {
      const c = LONG_TO_COMPACT.get(headerKey(nameOf(h)));
      return c === undefined ? h : `${c}: ${valueOf(h)}`;
    }),
  });
};

/** Values folded over several lines (after commas outside quotes and <>, or right after the colon). */
export const fold: Rewrite = (text, rng) => {
  const l = split(text);
  return join({
    ...l,
    headers: l.headers.map((h) => {
      const name = nameOf(h);
      const value = valueOf(h);
      let out = '';
      let quoted = false;
      let angle = false;
      for (let i = 0; i < value.length; i++) {
        const c = value[i]!;
        if (c === '"' && value[i - 1] !== '\\') quoted = !quoted;
        if (!quoted && c === '<') angle = true;
        if (!quoted && c === '>') angle = false;
        out += c;
        if (c === ',' && !quoted && !angle && value[i + 1] === ' ') {
          out += '\n  ';
          i++;
        }
      }
      const before = rng.chance(0.5) ? '\n\t' : ' ';
      return `${name}:${before}${out}`;
    }),
  });
};

/** Spaces around the colon (HCOLON = *( SP / HTAB ) ":" SWS). */
export const spacing: Rewrite = (text) => {
  const l = split(text);
  return join({
    ...l,
    headers: l.headers.map((h) => `${nameOf(h)} \t:   ${valueOf(h)}`),
  });
};

/** Several lines of a list header (Via, Route, Record-Route, Contact) joined on one line. */
export const joinLists: Rewrite = (text) => {
  const l = split(text);
  const lists = new Set(['via', 'route', 'record-route', 'contact']);
  const out: string[] = [];
  const at = new Map<string, number>();
  for (const h of l.headers) {
    const k = headerKey(nameOf(h));
    const i = at.get(k);
    if (lists.has(k) && i !== undefined) out[i] = `${out[i]!}, ${valueOf(h)}`;
    else {
      at.set(k, out.length);
      out.push(h);
    }
  }
  return join({ ...l, headers: out });
};

export const REWRITES: Readonly<Record<string, Rewrite>> = {
  reorder,
  recase,
  compact,
  fold,
  spacing,
  joinLists,
  all: (text, rng) => fold(recase(compact(reorder(joinLists(text, rng), rng), rng), rng), rng),
};

// ---- single changes that make it wrong ----------------------------------------------------------

export interface Mutation {
  name: string;
  text: string;
  /** The checker must name a part that starts with one of these (or a parse error in this header). */
  parts: string[];
}

function replaceHeader(
  text: string,
  key: string,
  f: (value: string, index: number) => string | null,
): string {
  const l = split(text);
  let n = 0;
  const headers: string[] = [];
  for (const h of l.headers) {
    if (headerKey(nameOf(h)) !== key) {
      headers.push(h);
      continue;
    }
    const v = f(valueOf(h), n++);
    if (v !== null) headers.push(`${nameOf(h)}: ${v}`);
  }
  return join({ ...l, headers });
}

function withoutHeader(text: string, key: string): string {
  return replaceHeader(text, key, () => null);
}

/** The single changes that apply to an attempt's solution, each with the part it must be rejected for. */
export function mutations(a: Attempt): Mutation[] {
  const text = wireAsText(a.moment.send.raw ?? '');
  const msg = parseMessage(a.moment.send.raw ?? '', { wire: true });
  const out: Mutation[] = [];
  const seenBranches = new Set<string>();
  const seenTags = new Set<string>();
  for (const e of a.moment.before) {
    if (e.type !== 'send' || e.raw === undefined) continue;
    const m = parseMessage(e.raw, { wire: true });
    for (const v of m.vias()) if (viaBranch(v)) seenBranches.add(viaBranch(v)!);
    for (const na of [m.from(), m.to()]) {
      const t = na ? paramValue(na.params, 'tag') : undefined;
      if (t) seenTags.add(t);
    }
  }
  const mandatory = ['via', 'from', 'to', 'call-id', 'cseq'];
  if (msg.kind === 'request') mandatory.push('max-forwards');
  const needsContact =
    msg.contacts().length > 0 &&
    (msg.kind === 'response' || ['INVITE', 'REGISTER', 'SUBSCRIBE', 'NOTIFY'].includes(msg.method));
  if (needsContact) mandatory.push('contact');
  const names: Record<string, string> = {
    via: 'Via',
    from: 'From',
    to: 'To',
    'call-id': 'Call-ID',
    cseq: 'CSeq',
    'max-forwards': 'Max-Forwards',
    contact: 'Contact',
  };
  for (const k of mandatory)
    out.push({ name: `${names[k]} removed`, text: withoutHeader(text, k), parts: [names[k]!] });

  const cseq = msg.cseq()!;
  const rule = a.moment.before.some(
    (e) =>
      e.type === 'send' &&
      e.element === a.target.element &&
      e.callId === msg.callId() &&
      e.method !== undefined &&
      e.method !== 'ACK' &&
      e.method !== 'CANCEL',
  );
  const free =
    msg.kind === 'request' && !['CANCEL', 'ACK'].includes(msg.method) && !rule && !isForwarded(a);
  out.push({
    name: free ? 'CSeq number out of range (any first number would do)' : 'CSeq number changed',
    text: replaceHeader(text, 'cseq', () => `${free ? 2 ** 31 + 5 : cseq.seq + 1} ${cseq.method}`),
    parts: ['CSeq'],
  });
  const otherMethod = cseq.method === 'INVITE' ? 'BYE' : 'INVITE';
  out.push({
    name: 'CSeq method changed',
    text: replaceHeader(text, 'cseq', () => `${cseq.seq} ${otherMethod}`),
    parts: ['CSeq'],
  });
  const callIdSeen = a.moment.before.some((e) => e.callId === msg.callId());
  if (callIdSeen)
    out.push({
      name: 'Call-ID changed',
      text: replaceHeader(text, 'call-id', (v) => `x${v}`),
      parts: ['Call-ID'],
    });

  // The branch rule: the top Via of a request (a response's Vias are all copied).
  const top = msg.vias()[0]!;
  const branch = viaBranch(top)!;
  const same = seenBranches.has(branch);
  const wrongBranch = same
    ? 'z9hG4bKnew4a7e1'
    : msg.kind === 'response'
      ? `${branch}x`
      : ([...seenBranches][0] ?? branch.replace('z9hG4bK', 'x'));
  out.push({
    name: same
      ? 'branch made new where it must be the same'
      : 'branch reused (or without the magic cookie) where it must be new',
    text: replaceHeader(text, 'via', (v, i) => (i === 0 ? v.replace(branch, wrongBranch) : v)),
    parts: ['Via'],
  });

  // Tags: remove each; reuse an old one where the tag must be new; change one that must be the same.
  for (const which of ['from', 'to'] as const) {
    const na = which === 'from' ? msg.from()! : msg.to()!;
    const tag = paramValue(na.params, 'tag');
    const part = which === 'from' ? 'From tag' : 'To tag';
    if (!tag) continue;
    out.push({
      name: `${part} removed`,
      text: replaceHeader(text, which, (v) => v.replace(new RegExp(`;\\s*tag=${tag}`), '')),
      parts: [part],
    });
    const isNew = !seenTags.has(tag);
    // A tag that must be new gets an old one; one that must stay gets another tag of the run (a
    // REGISTER sent again may keep its From tag or take a new one, but not borrow the registrar's).
    const other = isNew ? [...seenTags][0] : ([...seenTags].find((t) => t !== tag) ?? `${tag}z`);
    if (other !== undefined)
      out.push({
        name: isNew ? `${part} reused` : `${part} changed to another tag of the run`,
        text: replaceHeader(text, which, (v) => v.replace(`tag=${tag}`, `tag=${other}`)),
        parts: [part],
      });
  }

  if (isForwarded(a) && msg.kind === 'request') {
    const mf = msg.maxForwards()!;
    out.push({
      name: 'Max-Forwards not decremented',
      text: replaceHeader(text, 'max-forwards', () => String(mf + 1)),
      parts: ['Max-Forwards'],
    });
  }
  if (isForwarded(a) && msg.kind === 'response') {
    const received = a.situation.received?.text ?? '';
    const ownVia = split(received).headers.find((h) => headerKey(nameOf(h)) === 'via')!;
    const l = split(text);
    const i = l.headers.findIndex((h) => headerKey(nameOf(h)) === 'via');
    l.headers.splice(i, 0, ownVia);
    out.push({ name: 'top Via not removed', text: join(l), parts: ['Via'] });
  }
  if (msg.has('authorization')) {
    out.push({
      name: 'digest response wrong',
      text: replaceHeader(text, 'authorization', (v) =>
        v.replace(/response="([0-9a-f])/, (_m, c: string) => `response="${c === '0' ? '1' : '0'}`),
      ),
      parts: ['Authorization response'],
    });
  }
  return out;
}

function isForwarded(a: Attempt): boolean {
  return (
    a.situation.element.kind.endsWith('proxy') &&
    a.situation.received !== undefined &&
    (a.target.method !== undefined
      ? a.situation.received.label === a.target.method
      : a.situation.received.label.startsWith(String(a.target.status)))
  );
}
