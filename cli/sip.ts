/**
 * The `sip` command line (`npm run sip -- COMMAND ...`): a thin Node shell over sim/. Each command is
 * a module under cli/commands that takes its arguments and a CommandIo and returns an exit status.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BRIDGE_USAGE, bridgeCommand } from './commands/bridge';
import { checkCommand, CHECK_USAGE } from './commands/check';
import { EXERCISE_USAGE, exerciseCommand } from './commands/exercise';
import { explainCommand, EXPLAIN_USAGE } from './commands/explain';
import { IMPORT_USAGE, importCommand } from './commands/import';
import { LAB_USAGE, labCommand } from './commands/lab';
import { RUN_USAGE, SCENARIOS_USAGE, runCommand, scenariosCommand } from './commands/run';
import { EXIT_OK, EXIT_USAGE, processIo, type CommandIo } from './io';

interface Command {
  summary: string;
  usage: string;
  run(args: readonly string[], io: CommandIo): Promise<number>;
}

export const COMMANDS: Readonly<Record<string, Command>> = {
  check: {
    summary: 'the verdict a SIP server reaches on each message file, one JSON line per file',
    usage: CHECK_USAGE,
    run: checkCommand,
  },
  explain: {
    summary: 'every line of a message file with what it means, and its problems',
    usage: EXPLAIN_USAGE,
    run: explainCommand,
  },
  run: {
    summary:
      'runs a scenario and prints its ladder (text, flow, mermaid, plantuml, svg), its trace as JSON, or writes a pcap file',
    usage: RUN_USAGE,
    run: runCommand,
  },
  import: {
    summary: 'the SIP messages of a pcap or pcapng capture, as a ladder or JSON with its calls',
    usage: IMPORT_USAGE,
    run: importCommand,
  },
  bridge: {
    summary:
      'runs a scenario on the real clock with one element on a real UDP socket (for SIPp or a phone)',
    usage: BRIDGE_USAGE,
    run: bridgeCommand,
  },
  scenarios: {
    summary: 'lists the built-in scenarios',
    usage: SCENARIOS_USAGE,
    run: scenariosCommand,
  },
  exercise: {
    summary:
      '"be the element" exercises: list them, show a situation, print the real message, check a written one',
    usage: EXERCISE_USAGE,
    run: exerciseCommand,
  },
  lab: {
    summary:
      'validates, solves and grades labs (lab validate | solve | grade | share | submission)',
    usage: LAB_USAGE,
    run: async (args, io) =>
      labCommand(
        [...args],
        (l) => io.out(l),
        (l) => io.err(l),
      ),
  },
};

export function usage(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  return [
    'usage: sip COMMAND [ARGS...]     (npm run sip -- COMMAND [ARGS...])',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]?.summary ?? ''}`),
    '',
    'sip help COMMAND (or sip COMMAND --help) describes one command.',
  ].join('\n');
}

/** Runs the command line (without "node" and the script) and returns the exit status. */
export async function main(argv: readonly string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.err(usage());
    return EXIT_USAGE;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    const topic = args[0];
    const cmd = topic === undefined ? undefined : COMMANDS[topic];
    if (topic !== undefined && cmd === undefined) {
      io.err(`sip: unknown command "${topic}"\n\n${usage()}`);
      return EXIT_USAGE;
    }
    io.out(cmd === undefined ? usage() : cmd.usage);
    return EXIT_OK;
  }
  const cmd = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (cmd === undefined) {
    io.err(`sip: unknown command "${name}"\n\n${usage()}`);
    return EXIT_USAGE;
  }
  return cmd.run(args, io);
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // Output piped into a command that stops reading (| head) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(
        `sip: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
