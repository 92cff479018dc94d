/**
 * Hand-built message sequences for the rule tests. A message is a text template (lines joined with
 * CRLF for you, Content-Length added when the template has none); a Ladder is a named list of sends
 * (time, from, to, text) that a test can edit — replace part of one message, move it in time, lose
 * it — before it is checked. Every edit must find what it replaces, so a test cannot silently pass
 * on a template that changed.
 */
import { expect } from 'vitest';
import {
  checkMessagesReport,
  type CheckOptions,
  type Finding,
  type WireMessage,
} from '@/sim/rules';

/** Alice, a proxy, Bob, a registrar, and Bob's second phone. */
export const A = '10.0.0.1:5060';
export const P = '10.0.0.2:5060';
export const B = '10.0.0.3:5060';
export const R = '10.0.0.4:5060';
export const C = '10.0.0.5:5060';
/** One-way latency of every link (ms). */
export const LATENCY = 10;

/** A message from a template: lines joined with CRLF, an empty line before the body, Content-Length. */
export function sip(template: string): string {
  const lines = template.replace(/^\n+/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(
    ...lines.filter((l) => l.trim() !== '').map((l) => l.match(/^ */)![0].length),
  );
  const all = lines.map((l) => l.slice(indent));
  const blank = all.indexOf('');
  const head = blank < 0 ? all : all.slice(0, blank);
  const body = blank < 0 ? '' : all.slice(blank + 1).join('\r\n') + '\r\n';
  if (!head.some((l) => /^(content-length|l)\s*:/i.test(l)))
    head.push(`Content-Length: ${body.length}`);
  return head.join('\r\n') + '\r\n\r\n' + body;
}

function header(text: string, name: string): string[] {
  const re = new RegExp(`^${name}\\s*:\\s*(.*)$`, 'i');
  return text
    .split('\r\n')
    .map((l) => l.match(re)?.[1])
    .filter((v): v is string => v !== undefined);
}

/**
 * A response to a request text: its Vias, From, To (with `tag` added), Call-ID and CSeq, then the
 * extra header lines.
 */
export function reply(
  request: string,
  status: string,
  opts: { tag?: string; extra?: string[]; body?: string } = {},
): string {
  const to = header(request, 'To')[0] ?? '';
  const lines = [
    `SIP/2.0 ${status}`,
    ...header(request, 'Via').map((v) => `Via: ${v}`),
    `From: ${header(request, 'From')[0] ?? ''}`,
    `To: ${opts.tag !== undefined && !/;tag=/.test(to) ? `${to};tag=${opts.tag}` : to}`,
    `Call-ID: ${header(request, 'Call-ID')[0] ?? ''}`,
    `CSeq: ${header(request, 'CSeq')[0] ?? ''}`,
    ...(opts.extra ?? []),
  ];
  return sip(lines.join('\n') + (opts.body !== undefined ? `\n\n${opts.body}` : ''));
}

/** The request as a proxy forwards it: its own Via on top, Max-Forwards one less, other changes. */
export function forward(
  request: string,
  via: string,
  opts: { uri?: string; recordRoute?: string; dropRoute?: boolean } = {},
): string {
  let lines = request.split('\r\n');
  if (opts.uri) lines[0] = lines[0]!.replace(/^(\S+) \S+/, `$1 ${opts.uri}`);
  lines = lines.map((l) =>
    l.replace(/^Max-Forwards: (\d+)$/, (_, n: string) => `Max-Forwards: ${Number(n) - 1}`),
  );
  if (opts.dropRoute) lines = lines.filter((l) => !/^Route:/.test(l));
  const firstVia = lines.findIndex((l) => /^Via:/.test(l));
  lines.splice(firstVia, 0, `Via: ${via}`);
  if (opts.recordRoute) lines.splice(firstVia + 2, 0, `Record-Route: ${opts.recordRoute}`);
  return lines.join('\r\n');
}

/** A response as a proxy sends it back: its own Via (the top one) removed. */
export function back(response: string): string {
  const lines = response.split('\r\n');
  const i = lines.findIndex((l) => /^Via:/.test(l));
  lines.splice(i, 1);
  return lines.join('\r\n');
}

export interface Step {
  name: string;
  time: number;
  from: string;
  to: string;
  text: string;
  delivered?: boolean;
  arrival?: number;
  transport?: WireMessage['transport'];
}

export class Ladder {
  readonly steps: Step[] = [];

  constructor(steps: [name: string, time: number, from: string, to: string, text: string][] = []) {
    for (const [name, time, from, to, text] of steps) this.add(name, time, from, to, text);
  }

  add(name: string, time: number, from: string, to: string, text: string): this {
    if (this.steps.some((s) => s.name === name)) throw new Error(`step "${name}" exists`);
    this.steps.push({ name, time, from, to, text });
    return this;
  }

  step(name: string): Step {
    const s = this.steps.find((x) => x.name === name);
    if (!s) throw new Error(`no step "${name}"`);
    return s;
  }

  text(name: string): string {
    return this.step(name).text;
  }

  /** Replaces `from` by `to` in one message (the text must contain `from`). */
  edit(name: string, from: string | RegExp, to: string): this {
    const s = this.step(name);
    const found =
      typeof from === 'string'
        ? s.text.includes(from)
        : new RegExp(from.source, from.flags.replace('g', '')).test(s.text);
    if (!found) throw new Error(`step "${name}" has no ${String(from)}`);
    s.text = s.text.replace(from, to);
    return this;
  }

  set(name: string, patch: Partial<Omit<Step, 'name'>>): this {
    Object.assign(this.step(name), patch);
    return this;
  }

  remove(...names: string[]): this {
    for (const n of names) this.steps.splice(this.steps.indexOf(this.step(n)), 1);
    return this;
  }

  /** The message id a step gets: its position in the ladder, from 1. */
  id(name: string): number {
    return this.steps.indexOf(this.step(name)) + 1;
  }

  wire(): WireMessage[] {
    return this.steps.map((s, i) => ({
      id: i + 1,
      time: s.time,
      source: s.from,
      destination: s.to,
      raw: s.text,
      ...(s.delivered === false ? { delivered: false } : {}),
      ...(s.transport ? { transport: s.transport } : {}),
      arrival: s.arrival ?? s.time + LATENCY,
    }));
  }

  check(options: CheckOptions = {}): Finding[] {
    const report = checkMessagesReport(this.wire(), options);
    expect(report.ruleErrors).toEqual([]);
    return report.findings;
  }
}

/** The findings of one rule. */
export function of(findings: readonly Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

/** Asserts that `rule` was found on exactly the messages of these steps. */
export function expectOn(
  ladder: Ladder,
  findings: readonly Finding[],
  rule: string,
  ...steps: string[]
): void {
  const got = [...new Set(of(findings, rule).map((f) => f.message))].sort((a, b) => a - b);
  const want = steps.map((s) => ladder.id(s)).sort((a, b) => a - b);
  expect(got, `${rule} on ${steps.join(', ')}`).toEqual(want);
}

export function expectNone(findings: readonly Finding[], rule: string): void {
  expect(of(findings, rule), rule).toEqual([]);
}
