/**
 * A finding of the comparison of a written message with the one the real element sends: one part (a
 * part of the start line, a header field, a parameter of one, the body), the verdict, what was expected
 * and what was written, the RFC rule with its section, and a hint that points at the rule rather than
 * at the answer.
 */
export type Verdict = 'right' | 'wrong' | 'missing' | 'extra';

export interface Finding {
  /** The part judged: "Request-URI", "Via branch", "To tag", "CSeq number", "Body" ... */
  part: string;
  verdict: Verdict;
  /** What was expected: a value, or the rule a generated value follows ("a new branch ..."). */
  expected: string;
  /** What was written ("" when missing). */
  got: string;
  /** The rule, in the RFC's words or close to them. */
  rule: string;
  /** Where the rule is: "RFC 3261 §8.1.1.7". */
  section: string;
  /** What to think about to get it right (it does not give the answer). */
  hint: string;
}

/** The rule, section and hint of a part, for making findings about it. */
export interface PartRule {
  rule: string;
  section: string;
  hint: string;
}

export function finding(
  part: string,
  verdict: Verdict,
  expected: string,
  got: string,
  r: PartRule,
): Finding {
  return { part, verdict, expected, got, rule: r.rule, section: r.section, hint: r.hint };
}

/** "right" when ok, else the verdict given (wrong by default). */
export function judged(
  part: string,
  ok: boolean,
  expected: string,
  got: string,
  r: PartRule,
  otherwise: Exclude<Verdict, 'right'> = 'wrong',
): Finding {
  return finding(part, ok ? 'right' : otherwise, expected, got, r);
}

/** RFC 3261 section reference ("§8.1.1.7" → "RFC 3261 §8.1.1.7"); other RFCs are written in full. */
export function rfc3261(section: string): string {
  return `RFC 3261 §${section}`;
}

export function isFailure(f: Finding): boolean {
  return f.verdict !== 'right';
}
