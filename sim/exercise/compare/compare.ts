/**
 * The semantic comparison of a written message with the one the real element sends at that moment:
 * part by part (start line, each header field, the body), each judged by its rule — generated values
 * (branch, tags, Call-ID, CSeq of a new request) by their rule, not their value; copied ones by value;
 * URIs as RFC 3261 §19.1.4 compares them. Header order, case, compact forms, spacing and line folding
 * never matter: both messages are read by the codec first. Last, the written message is checked as a
 * server would check it (codec validation), for what no part covers (a duplicated single header).
 */
import { SipParseError, longName, validateMessage, type SipMessage } from '../../codec';
import type { CompareContext } from '../context';
import { compareContact, compareFromTo } from './address';
import { compareBody } from './body';
import { compareCredentials } from './credentials';
import { finding, isFailure, type Finding } from './finding';
import { compareOtherHeaders } from './other-headers';
import { compareRoutes } from './routes';
import { compareCallId, compareCSeq, compareMaxForwards } from './sequence';
import { compareStartLine } from './start-line';
import { compareVia } from './via';

export interface Comparison {
  /** True when no part is wrong, missing or extra. */
  correct: boolean;
  findings: Finding[];
}

type Comparator = (got: SipMessage, ctx: CompareContext) => Finding[];

const COMPARATORS: readonly Comparator[] = [
  compareStartLine,
  compareVia,
  compareMaxForwards,
  compareRoutes,
  compareFromTo,
  compareCallId,
  compareCSeq,
  compareContact,
  compareCredentials,
  compareOtherHeaders,
  compareBody,
];

/** Compares a written message (parsed) with the real element's. */
export function compareMessages(got: SipMessage, ctx: CompareContext): Comparison {
  const findings: Finding[] = [];
  const startLine = compareStartLine(got, ctx);
  findings.push(...startLine);
  // A request where a response belongs (or the reverse) cannot be compared further.
  if (startLine.some((f) => f.part === 'Start line')) return { correct: false, findings };
  for (const compare of COMPARATORS.slice(1)) {
    try {
      findings.push(...compare(got, ctx));
    } catch (e) {
      if (!(e instanceof SipParseError)) throw e;
      findings.push(
        finding(e.header ? longName(e.header) : 'Message', 'wrong', e.expected, e.problem, {
          rule: e.expected,
          section: /RFC \d+ §[\d.]+/.exec(e.expected)?.[0] ?? 'RFC 3261 §25.1',
          hint: 'This value does not follow the grammar: read the rule it breaks.',
        }),
      );
    }
  }
  if (!findings.some(isFailure)) {
    const issue = validateMessage(got, { proxy: ctx.role === 'forwarded-request' });
    if (issue !== null && (got.kind === 'request') === (ctx.expected.kind === 'request'))
      findings.push(
        finding(
          'The message as a whole',
          'wrong',
          'a message a server accepts',
          `${issue.status} ${issue.reason}`,
          {
            rule: issue.detail,
            section: /RFC \d+ §[\d.]+/.exec(issue.detail)?.[0] ?? 'RFC 3261 §8.2',
            hint: 'A server would refuse this message before looking at what it asks: read why.',
          },
        ),
      );
  }
  return { correct: !findings.some(isFailure), findings };
}
