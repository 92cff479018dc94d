/**
 * checkMessages: reads messages as they were on the wire, builds the model of the wire, runs every
 * rule and returns the findings in message order. Nothing here throws, whatever the input: a message
 * the codec cannot read is reported once (rule "parseable") and left out; a rule that fails is
 * recorded in the report, never raised.
 */
import { buildModel } from './model';
import { readMessage, type Msg } from './model/message';
import { resolveSettings } from './model/settings';
import { runRule } from './rule';
import { ALL_RULES } from './rules';
import { parseable } from './rules/framing';
import type { CheckOptions, CheckReport, Finding, WireMessage } from './types';

export function checkMessagesReport(
  messages: readonly WireMessage[],
  options: CheckOptions = {},
): CheckReport {
  const out: { finding: Finding; order: number }[] = [];
  const ruleErrors: CheckReport['ruleErrors'] = [];
  const parsed: Msg[] = [];
  const list = Array.isArray(messages) ? messages : [];
  let lastTime = -Infinity;
  list.forEach((w, order) => {
    if (w === null || typeof w !== 'object') return;
    const r = readMessage(w, order);
    if (r.ok) {
      parsed.push(r.msg);
      lastTime = Math.max(lastTime, r.msg.time);
    } else {
      out.push({
        order,
        finding: {
          rule: parseable.id,
          level: parseable.level,
          rfc: parseable.rfc,
          section: parseable.section,
          message: typeof w.id === 'number' ? w.id : order,
          text: r.badTime
            ? `The message cannot be placed in time: ${r.error}.`
            : `The message cannot be read as SIP: ${r.error}`,
        },
      });
    }
  });
  parsed.sort((a, b) => a.time - b.time || a.order - b.order);
  let model;
  try {
    model = buildModel(
      parsed,
      resolveSettings(options ?? {}, lastTime === -Infinity ? 0 : lastTime),
    );
  } catch (e) {
    ruleErrors.push({
      rule: '(model)',
      error: e instanceof Error ? (e.stack ?? e.message) : String(e),
    });
  }
  if (model) {
    for (const rule of ALL_RULES) {
      const before = out.length;
      try {
        runRule(rule, model, out);
      } catch (e) {
        out.length = before;
        ruleErrors.push({
          rule: rule.id,
          error: e instanceof Error ? (e.stack ?? e.message) : String(e),
        });
      }
    }
  }
  const rank = new Map(ALL_RULES.map((r, i) => [r.id, i]));
  out.sort(
    (a, b) =>
      a.order - b.order ||
      (rank.get(a.finding.rule) ?? 0) - (rank.get(b.finding.rule) ?? 0) ||
      (a.finding.text < b.finding.text ? -1 : a.finding.text > b.finding.text ? 1 : 0),
  );
  return { findings: out.map((x) => x.finding), ruleErrors };
}

export function checkMessages(messages: readonly WireMessage[], options?: CheckOptions): Finding[] {
  return checkMessagesReport(messages, options).findings;
}
