/**
 * What a command needs from the process: somewhere to write, and file reading. Commands take it as a
 * parameter so tests (and later commands) can run them without spawning a process.
 */
import { readFile } from 'node:fs/promises';

export interface CommandIo {
  /** Writes one line (a newline is added) to standard output. */
  out(line: string): void;
  /** Writes one line to standard error. */
  err(line: string): void;
  readFile(path: string): Promise<Uint8Array>;
}

export const processIo: CommandIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  readFile: (path) => readFile(path),
};

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
export const EXIT_USAGE = 2;

/** A short description of a file system error ("ENOENT: no such file or directory ..."). */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Splits arguments into --flags and the rest; "--" ends the flags. */
export function splitFlags(args: readonly string[]): { flags: string[]; rest: string[] } {
  const flags: string[] = [];
  const rest: string[] = [];
  let onlyRest = false;
  for (const a of args) {
    if (!onlyRest && a === '--') onlyRest = true;
    else if (!onlyRest && a.startsWith('--')) flags.push(a);
    else rest.push(a);
  }
  return { flags, rest };
}
