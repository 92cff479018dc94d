/**
 * `sip explain FILE`: every line of a SIP message with what it means (explainMessage from the codec),
 * the problems found in it, and the verdict a server reaches. A message that does not parse is shown
 * with the parse error and a caret under the place it points at.
 */
import {
  SipParseError,
  bytesToWire,
  explainMessage,
  parseMessage,
  validateMessage,
  type ExplainedLine,
  type ParseOptions,
} from '../../sim/codec';
import { EXIT_OK, EXIT_USAGE, errorText, splitFlags, type CommandIo } from '../io';
import { printable } from '../text';

export const EXPLAIN_USAGE = `sip explain [--allow-bare-lf] FILE

  Prints every line of the SIP message in FILE, each followed by what it means and the RFC section
  that defines it; a line whose value is malformed gets a "problem:" line. Ends with the verdict a
  server reaches (as \`sip check\` prints it). When the message does not parse, prints the parse error
  with its line and column, and the line with a caret under that column.

  --allow-bare-lf   accept lines ending in LF alone (pasted text); RFC 3261 §7 requires CRLF.

  Exit status: 0 when the file was read (whether or not the message is valid), 2 on a usage error or
  when the file cannot be read.`;

const INDENT = '    ';

/** The text of an explained message: each line, then its meaning, then its problem if any. */
export function formatExplained(lines: readonly ExplainedLine[]): string[] {
  const out: string[] = [];
  let lastBodyMeaning = '';
  for (const l of lines) {
    if (l.part === 'blank') {
      out.push('(empty line)');
    } else {
      // A folded header is one explained line over several physical lines: show each.
      for (const physical of l.text.split(/\r?\n/)) out.push(printable(physical));
    }
    if (l.part === 'body') {
      if (l.meaning === lastBodyMeaning) continue;
      lastBodyMeaning = l.meaning;
    }
    out.push(INDENT + printable(l.meaning) + (l.rfc !== undefined ? ` [${l.rfc}]` : ''));
    if (l.problem !== undefined) out.push(`${INDENT}problem: ${printable(l.problem)}`);
  }
  return out;
}

/** A parse error shown against the message: the error, then the line it is on with a caret under the column. */
export function formatParseError(src: string, e: SipParseError): string[] {
  const lines = src.split('\n');
  const text = (lines[e.line - 1] ?? '').replace(/\r$/, '');
  const before = text.slice(0, Math.max(0, e.column - 1));
  const shown = printable(text);
  // Keep tabs under tabs so the caret lines up whatever the tab width.
  const pad = printable(before).replace(/[^\t]/g, ' ');
  const gutter = `${e.line} | `;
  return [
    `does not parse: ${printable(e.message)}`,
    '',
    gutter + shown,
    ' '.repeat(gutter.length - 2) + '| ' + pad + '^',
  ];
}

export type ExplainOptions = ParseOptions;

/** The full output of `sip explain` for the bytes of one message. */
export function explainBytes(bytes: Uint8Array, options: ExplainOptions = {}): string[] {
  const parseOptions = options.allowBareLf === true ? { allowBareLf: true } : {};
  let msg;
  try {
    msg = parseMessage(bytes, parseOptions);
  } catch (e) {
    if (!(e instanceof SipParseError)) throw e;
    return [
      ...formatParseError(bytesToWire(bytes), e),
      '',
      `verdict: reject ${e.status} ${printable(e.problem)}`,
    ];
  }
  const out = formatExplained(explainMessage(msg));
  const issue = validateMessage(msg);
  out.push('');
  if (issue === null) {
    out.push('verdict: accept');
  } else {
    out.push(`verdict: reject ${issue.status} ${printable(issue.reason)}`);
    out.push(INDENT + printable(issue.detail));
    if (issue.position !== undefined && issue.position.line > 0) {
      out.push(`${INDENT}at line ${issue.position.line}, column ${issue.position.column}`);
    }
    if (issue.unsupported !== undefined)
      out.push(`${INDENT}unsupported: ${issue.unsupported.join(', ')}`);
    if (msg.kind === 'response')
      out.push(`${INDENT}(a response: the element discards it, nothing is sent)`);
  }
  return out;
}

export async function explainCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { flags, rest } = splitFlags(args);
  const options: ExplainOptions = {};
  for (const f of flags) {
    if (f === '--allow-bare-lf') options.allowBareLf = true;
    else if (f === '--help') {
      io.out(EXPLAIN_USAGE);
      return EXIT_OK;
    } else {
      io.err(`sip explain: unknown option ${f}\n\n${EXPLAIN_USAGE}`);
      return EXIT_USAGE;
    }
  }
  const file = rest[0];
  if (file === undefined || rest.length > 1) {
    io.err(
      `sip explain: ${file === undefined ? 'no FILE given' : 'one FILE at a time'}\n\n${EXPLAIN_USAGE}`,
    );
    return EXIT_USAGE;
  }
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file);
  } catch (e) {
    io.err(`sip explain: cannot read ${file}: ${errorText(e)}`);
    return EXIT_USAGE;
  }
  for (const line of explainBytes(bytes, options)) io.out(line);
  return EXIT_OK;
}
