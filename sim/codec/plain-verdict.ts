/**
 * A server's verdict in plain words (RFC 3261 §8.2, §18.1.2, §18.3, §21.4.1): what is wrong (from
 * plain-errors.ts), what happens to the message next (an answer for a request, silence for a
 * response), and what a server does without a word (bytes after Content-Length are dropped).
 */
import { bodyCut, type BodyCut } from './body-cut';
import { SipParseError } from './errors';
import { FIELD_PARSERS, type SipMessage } from './message';
import { plainParseError } from './plain-errors';
import type { ValidationIssue, Verdict } from './validate';

export type MessageKind = 'request' | 'response';

/** What is wrong, for a person: a sentence, and the rule behind it when there is one. */
export interface PlainProblem {
  sentence: string;
  /** The grammar rule (for a parse error); the sentence already cites the RFC otherwise. */
  rule?: string;
  /** The header the problem is in ("Via"), when it is in one. */
  header?: string;
}

/** Something a server does without telling: accepted or not, the message is not quite as written. */
export interface PlainWarning {
  sentence: string;
  /** The RFC sections behind it. */
  rfc: string;
  /** True when it is harmless (only blank lines dropped). */
  minor: boolean;
}

export interface PlainVerdict {
  /** Request or response, from the start line (undefined when it is neither). */
  kind: MessageKind | undefined;
  /** For a rejected message: what is wrong. */
  problem?: PlainProblem;
  /** What happens to the message next. */
  consequence: string;
  warnings: PlainWarning[];
  /** Where Content-Length cuts the text, when it is smaller than what follows the empty line. */
  cut?: BodyCut;
}

/**
 * Request or response, read from the first line alone, so it works for a message that does not
 * parse: a status line starts with "SIP/", a request line with a method and a space (§7.1, §7.2).
 */
export function messageKindOf(text: string): MessageKind | undefined {
  const start = /^[\r\n]*([^\r\n]*)/.exec(text)?.[1] ?? '';
  // As the parser reads it: a line that starts with a SIP version is a status line, any other line
  // with a space in it a request line.
  if (/^SIP\/\d+\.\d+ /i.test(start)) return 'response';
  if (/^\S+ /.test(start)) return 'request';
  return undefined;
}

/**
 * The SipParseError behind a validation issue that came from a header (or the Request-URI) that does
 * not parse: validation keeps only its text, so the field is read again and the error at the same
 * offset is taken.
 */
function parseErrorBehind(message: SipMessage, issue: ValidationIssue): SipParseError | undefined {
  const at = issue.position?.offset;
  if (at === undefined || at < 0) return undefined;
  const matches = (e: unknown): e is SipParseError => e instanceof SipParseError && e.offset === at;
  for (const h of message.headers) {
    const parse = FIELD_PARSERS.get(h.key);
    if (parse === undefined || (issue.header !== undefined && h.key !== issue.header)) continue;
    try {
      message.parsedField(h, parse);
    } catch (e) {
      if (matches(e)) return e;
    }
  }
  if (message.kind === 'request') {
    try {
      message.uri();
    } catch (e) {
      if (matches(e)) return e;
    }
  }
  return undefined;
}

function problemOf(
  verdict: Extract<Verdict, { verdict: 'reject' }>,
  source: string | null,
): PlainProblem {
  if (verdict.error !== undefined) return plainParseError(verdict.error, source);
  const { issue, message } = verdict;
  if (verdict.status === 505 && message !== undefined) {
    return {
      sentence: `The message says it is ${message.version}, and SIP elements speak SIP/2.0: a server answers 505 Version Not Supported (RFC 3261 §7.1, §21.5.6).`,
    };
  }
  if (issue !== undefined && message !== undefined) {
    const error = parseErrorBehind(message, issue);
    if (error !== undefined) return plainParseError(error, message.source);
  }
  return { sentence: verdict.detail };
}

function consequenceOf(verdict: Verdict, kind: MessageKind | undefined): string {
  if (verdict.verdict === 'accept') {
    const message = verdict.message;
    return message.kind === 'request'
      ? `A server would go on to handle this ${message.method}: it passes the checks every element makes before it looks at the method (RFC 3261 §8.2.2, §8.2.3). Whether it supports the method depends on the element (§8.2.1).`
      : 'An element would take this response and match it to the transaction it answers (RFC 3261 §17.1.3).';
  }
  const answer = `“${verdict.status} ${verdict.reason}”`;
  // §21.4.1: a 400's reason phrase should name the syntax problem, as the codec's does.
  const why =
    verdict.status === 400
      ? ': a 400 Bad Request whose reason phrase names the problem (RFC 3261 §21.4.1)'
      : '';
  if (kind === 'request') return `A server would answer ${answer}${why}.`;
  if (kind === 'response') {
    return 'This is a response, and nobody answers a response: an element that receives it discards it without a word (RFC 3261 §18.1.2, §17.1.3).';
  }
  return `A server would answer a request like this with ${answer}${why}. A response like this would be discarded without an answer (RFC 3261 §18.1.2).`;
}

function cutWarning(cut: BodyCut): PlainWarning {
  const bytes = (n: number) => `${n} byte${n === 1 ? '' : 's'}`;
  if (cut.blankOnly) {
    return {
      sentence: `After the body come ${bytes(cut.discarded)} of blank lines. Content-Length (${cut.contentLength}) ends the message before them, so they are not part of it and are dropped.`,
      rfc: 'RFC 3261 §18.3, §20.14',
      minor: true,
    };
  }
  return {
    sentence: `Content-Length says the body has ${bytes(cut.contentLength)}, but ${bytes(cut.received)} follow the empty line. The message ends where Content-Length says: the last ${bytes(cut.discarded)} are not part of it, and an element drops them without a word.`,
    rfc: 'RFC 3261 §18.3, §20.14',
    minor: false,
  };
}

/**
 * The verdict in plain words. `source` is the text as the codec read it (a wire string), needed to
 * quote a parse error that left no message behind.
 */
export function plainVerdict(verdict: Verdict, source?: string): PlainVerdict {
  const message = verdict.message;
  const text = message?.source ?? source ?? null;
  const kind =
    message !== undefined ? message.kind : text !== null ? messageKindOf(text) : undefined;
  const cut = message !== undefined ? bodyCut(message) : undefined;
  return {
    kind,
    ...(verdict.verdict === 'reject' ? { problem: problemOf(verdict, text) } : {}),
    consequence: consequenceOf(verdict, kind),
    warnings: cut !== undefined ? [cutWarning(cut)] : [],
    ...(cut !== undefined ? { cut } : {}),
  };
}
