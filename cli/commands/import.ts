/**
 * `sip import FILE [--call CALL-ID]... [--json] [--format F]`: the SIP messages of a pcap or pcapng
 * capture (sim/capture), printed as the ladder `sip run` prints, or as JSON with the calls.
 */
import { basename } from 'node:path';
import {
  CaptureFormatError,
  callsOf,
  readCapture,
  type CaptureCall,
  type CaptureResult,
  type CapturedMessage,
} from '../../sim/capture';
import { ladderFromCapture } from '../../sim/export';
import { captureFindings } from '../../sim/session';
import { EXIT_OK, EXIT_USAGE, errorText, type CommandIo } from '../io';
import { FORMAT_HELP, formatOption, ladderOutput } from '../ladder-output';
import { displayText } from '../text';

/** Exit status when the file is read but is not a capture. */
export const EXIT_NOT_A_CAPTURE = 1;

export const IMPORT_USAGE = `usage: npm run sip -- import FILE [--call CALL-ID]... [--json] [--format F]

Reads the SIP messages of a pcap or pcapng capture (UDP and TCP, IPv4 and IPv6, any port) and prints
their ladder, as \`sip run\` prints a scenario's.
  --call ID     only the messages of this Call-ID (repeat for several calls)
  --json        {"messages": [...], "calls": [...], "problems": [...], "notices": [...]}
${FORMAT_HELP}

Exit status: 0 when the file was read, 1 when it is not a capture, 2 on a usage error or when the
file cannot be read.`;

export interface ImportJsonMessage {
  /** Seconds since the first packet of the capture. */
  time: number;
  src: string;
  dst: string;
  transport: 'UDP' | 'TCP';
  /** Start line, as a wire string (like `raw`). */
  firstLine: string;
  callId: string | null;
  /** The message's bytes as a wire string (one character per byte), as `sip run --json` gives them. */
  raw: string;
  error?: { message: string; line: number; column: number };
  note?: string;
}

export interface ImportJson {
  messages: ImportJsonMessage[];
  calls: Pick<CaptureCall, 'callId' | 'from' | 'to' | 'method' | 'status' | 'messages'>[];
  problems: CaptureResult['problems'];
  notices: string[];
  /** The RFC rule engine's findings (sim/rules via sim/session captureFindings): `message` is an index into `messages`. */
  findings: { message: number; rule: string; level: string; section: string; text: string }[];
}

/** The RFC check of the capture's readable messages, with `section` naming its RFC. */
function findingsOf(messages: readonly CapturedMessage[]): ImportJson['findings'] {
  const readable = messages.filter((m) => m.error === undefined);
  return captureFindings(readable).map((f) => ({
    message: f.message,
    rule: f.rule,
    level: f.level,
    section: `${f.rfc} ${f.section}`,
    text: f.text,
  }));
}

export function importJson(
  messages: readonly CapturedMessage[],
  result: CaptureResult,
): ImportJson & Record<string, unknown> {
  const json: ImportJson & Record<string, unknown> = {
    messages: messages.map((m) => {
      const out: ImportJsonMessage = {
        time: m.time,
        src: m.source,
        dst: m.destination,
        transport: m.transport,
        firstLine: m.firstLine,
        callId: m.callId ?? null,
        raw: m.raw,
      };
      if (m.error) out.error = { ...m.error, message: displayText(m.error.message) };
      if (m.note !== undefined) out.note = m.note;
      return out;
    }),
    calls: callsOf(messages).map(({ callId, from, to, method, status, messages: count }) => ({
      callId,
      from,
      to,
      method,
      status,
      messages: count,
    })),
    problems: result.problems,
    notices: result.notices,
    findings: findingsOf(messages),
  };
  return json;
}

export async function importCommand(args: readonly string[], io: CommandIo): Promise<number> {
  if (args.includes('--help')) {
    io.out(IMPORT_USAGE);
    return EXIT_OK;
  }
  const calls: string[] = [];
  const files: string[] = [];
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--call') {
      const id = args[++i];
      if (id === undefined) return usage(io, '--call needs a Call-ID');
      calls.push(id);
    } else if (a === '--json') json = true;
    else if (a === '--format') i++;
    else if (a.startsWith('--')) return usage(io, `unknown option ${a}`);
    else files.push(a);
  }
  const format = formatOption(args);
  if (typeof format === 'object') return usage(io, format.error);
  if (files.length !== 1)
    return usage(io, files.length === 0 ? 'no FILE given' : 'one FILE at a time');
  if (json && format !== undefined) return usage(io, '--json and --format cannot be used together');
  const file = files[0]!;
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file);
  } catch (e) {
    io.err(`sip import: ${errorText(e)}`);
    return EXIT_USAGE;
  }
  let result: CaptureResult;
  try {
    result = readCapture(bytes);
  } catch (e) {
    if (e instanceof CaptureFormatError) {
      io.err(`sip import: ${file} is not a capture file: ${e.message}`);
      return EXIT_NOT_A_CAPTURE;
    }
    throw e;
  }
  const messages =
    calls.length === 0
      ? result.messages
      : result.messages.filter((m) => m.callId !== undefined && calls.includes(m.callId));
  if (json) {
    io.out(JSON.stringify(importJson(messages, result), null, 1));
    return EXIT_OK;
  }
  const ladder = ladderFromCapture(messages, basename(file));
  if (format !== undefined && format !== 'text') {
    for (const l of ladderOutput(ladder, format)) io.out(l);
    return EXIT_OK;
  }
  const callCount = callsOf(messages).length;
  io.out(
    `${file} (${result.format}, ${result.packets} packets): ${messages.length} SIP message${messages.length === 1 ? '' : 's'}, ${callCount} call${callCount === 1 ? '' : 's'}`,
  );
  for (const l of ladderOutput(ladder, 'text')) io.out(displayText(l));
  for (const n of result.notices) io.err(`note: ${n}`);
  for (const p of result.problems)
    io.err(
      `problem at byte ${p.offset}${p.packet === undefined ? '' : ` (packet ${p.packet})`}: ${displayText(p.why)}`,
    );
  return EXIT_OK;
}

function usage(io: CommandIo, why: string): number {
  io.err(`sip import: ${why}\n\n${IMPORT_USAGE}`);
  return EXIT_USAGE;
}
