/**
 * `sip check FILE...`: the verdict a SIP server reaches on each file (RFC 3261 §8.2.2, §8.2.3 and the
 * parse rules of §7 and §25), one JSON line per file. The corpus tests call verdictFor and lineFor, so
 * the command and the tests take the same path through the codec.
 */
import { checkMessage, type ParseOptions, type Verdict } from '../../sim/codec';
import { EXIT_OK, EXIT_USAGE, errorText, splitFlags, type CommandIo } from '../io';
import { displayText } from '../text';

export const CHECK_USAGE = `sip check [--allow-bare-lf] FILE...

  Parses each FILE as one SIP message (exact bytes: CRLF line ends) and runs the checks a server
  makes before it looks at the method (RFC 3261 §8.2.2, §8.2.3). Prints one JSON line per file:
    {"file":"a.sip","verdict":"accept"}
    {"file":"b.sip","verdict":"reject","status":400,"reason":"Bad Via header: ..."}
    {"file":"c.sip","error":"ENOENT: no such file or directory, open 'c.sip'"}
  For a request, "reject" means the server answers with that status and reason. For a response,
  "reject" means the element discards it (RFC 3261 §18.1.2); the status is the one the codec assigns
  to the problem, and nothing is sent.

  --allow-bare-lf   accept lines ending in LF alone (pasted text); RFC 3261 §7 requires CRLF.

  Exit status: 0 when every file was read (whatever the verdicts), 2 on a usage error or when a file
  cannot be read.`;

export type CheckOptions = ParseOptions;

/** The JSON line printed for one file. */
export type CheckLine =
  | { file: string; verdict: 'accept' }
  | { file: string; verdict: 'reject'; status: number; reason: string }
  | { file: string; error: string };

/** The codec's verdict on the bytes of one message, as `sip check` reaches it (default server options). */
export function verdictFor(bytes: Uint8Array, options: CheckOptions = {}): Verdict {
  return checkMessage(bytes, options.allowBareLf === true ? { allowBareLf: true } : {});
}

/** The line `sip check` prints for a verdict (bytes of the message quoted in the reason shown as UTF-8). */
export function lineFor(file: string, v: Verdict): CheckLine {
  if (v.verdict === 'accept') return { file, verdict: 'accept' };
  return { file, verdict: 'reject', status: v.status, reason: displayText(v.reason) };
}

/** Reads one file and checks it; an unreadable file gives an "error" line. */
export async function checkFile(
  io: CommandIo,
  file: string,
  options: CheckOptions = {},
): Promise<CheckLine> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file);
  } catch (e) {
    return { file, error: errorText(e) };
  }
  return lineFor(file, verdictFor(bytes, options));
}

export async function checkCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { flags, rest: files } = splitFlags(args);
  const options: CheckOptions = {};
  for (const f of flags) {
    if (f === '--allow-bare-lf') options.allowBareLf = true;
    else if (f === '--help') {
      io.out(CHECK_USAGE);
      return EXIT_OK;
    } else {
      io.err(`sip check: unknown option ${f}\n\n${CHECK_USAGE}`);
      return EXIT_USAGE;
    }
  }
  if (files.length === 0) {
    io.err(`sip check: no FILE given\n\n${CHECK_USAGE}`);
    return EXIT_USAGE;
  }
  let code = EXIT_OK;
  for (const file of files) {
    const line = await checkFile(io, file, options);
    if ('error' in line) code = EXIT_USAGE;
    io.out(JSON.stringify(line));
  }
  return code;
}
