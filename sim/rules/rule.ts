/**
 * A rule as data (the catalog entry: id, level, RFC, section, title) with the check that finds where
 * the messages break it. One file per rule or per tight family of rules, in rules/.
 */
import type { Model, Msg } from './model';
import type { Finding, RuleInfo } from './types';

export type Emit = (message: Msg, text: string, related?: readonly (Msg | undefined)[]) => void;

export interface Rule extends RuleInfo {
  check(model: Model, emit: Emit): void;
}

export function defineRule(info: RuleInfo, check: (model: Model, emit: Emit) => void): Rule {
  return { ...info, check };
}

/** Runs one rule into findings (each message id once per text). */
export function runRule(
  rule: Rule,
  model: Model,
  out: { finding: Finding; order: number }[],
): void {
  const seen = new Set<string>();
  rule.check(model, (message, text, related) => {
    const k = `${message.index}\u0000${text}`;
    if (seen.has(k)) return;
    seen.add(k);
    const rel = (related ?? [])
      .filter((r): r is Msg => r !== undefined && r !== message)
      .map((r) => r.id);
    const finding: Finding = {
      rule: rule.id,
      level: rule.level,
      rfc: rule.rfc,
      section: rule.section,
      message: message.id,
      ...(rel.length > 0 ? { related: [...new Set(rel)] } : {}),
      text,
    };
    out.push({ finding, order: message.order });
  });
}
