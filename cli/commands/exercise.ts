/**
 * `sip exercise list | show | solve | check`: the "be the element" exercises for instructors and
 * tests. `show` prints the situation (what the element knows and what is expected), `solve` the
 * message the real element sends, `check` judges a written message against it, part by part.
 */
import {
  ExerciseError,
  check,
  listExercises,
  situation,
  solve,
  wireAsText,
  type Situation,
} from '../../sim/exercise';
import { EXIT_OK, EXIT_USAGE, errorText, splitFlags, type CommandIo } from '../io';

export const EXERCISE_USAGE = `sip exercise list [--json]
sip exercise show ID [--seed N] [--json]
sip exercise solve ID [--seed N]
sip exercise check ID FILE [--seed N] [--json]

  The "be the element" exercises: the simulation runs to the moment an element is about to send a
  message; the student writes that message.

  list    the exercises, by the kind of element played (--json: an array of objects)
  show    the situation: what the element knows at that moment (the message it received, its
          transactions, dialogs and bindings) and what is expected of it
  solve   the message the real element sends at that moment
  check   compares the message in FILE (CRLF or LF line ends) with it, part by part; with --json:
          {"correct": bool, "findings": [{"part", "verdict", "expected", "got", "rule", "section",
          "hint"}]}, verdict "right", "wrong", "missing" or "extra"

  --seed N  the attempt: its user names, hosts, ports, tags, CSeq numbers and expiry are drawn from N
            (default 1)

  Exit status of check: 0 when the message is right, 1 when it is not, 2 when FILE is not a SIP
  message (the codec's error is printed) or on a usage error.`;

interface Parsed {
  json: boolean;
  seed: number;
  rest: string[];
}

function parseArgs(args: readonly string[], io: CommandIo): Parsed | number {
  const out: Parsed = { json: false, seed: 1, rest: [] };
  const list = [...args];
  const { flags } = splitFlags(list.filter((a, i) => list[i - 1] !== '--seed'));
  for (const f of flags) {
    if (f === '--json') out.json = true;
    else if (f === '--help') {
      io.out(EXERCISE_USAGE);
      return EXIT_OK;
    } else if (f !== '--seed') {
      io.err(`sip exercise: unknown option ${f}\n\n${EXERCISE_USAGE}`);
      return EXIT_USAGE;
    }
  }
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    if (a === '--seed') {
      const v = list[++i];
      if (v === undefined || !/^\d{1,15}$/.test(v)) {
        io.err(`sip exercise: --seed needs a whole number (0 or more), such as --seed 42`);
        return EXIT_USAGE;
      }
      out.seed = Number(v);
    } else if (!a.startsWith('--')) out.rest.push(a);
  }
  return out;
}

function listCommand(p: Parsed, io: CommandIo): number {
  const all = listExercises();
  if (p.json) {
    io.out(JSON.stringify(all));
    return EXIT_OK;
  }
  const groups = [...new Set(all.map((e) => e.group))];
  const width = Math.max(...all.map((e) => e.id.length));
  for (const g of groups) {
    io.out(`${g}:`);
    for (const e of all.filter((x) => x.group === g))
      io.out(`  ${e.id.padEnd(width)}  ${e.title} — ${e.summary}`);
  }
  return EXIT_OK;
}

function indent(text: string, by = '    '): string {
  return text
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => by + l)
    .join('\n');
}

/** The situation as text for a terminal. */
export function situationText(s: Situation, id: string, seed: number): string {
  const lines: string[] = [];
  lines.push(`Exercise ${id}, seed ${seed} — at ${(s.time / 1000).toFixed(3)} s`);
  lines.push('');
  lines.push(s.prompt);
  lines.push('');
  lines.push(`What happens now: ${s.trigger}`);
  if (s.facts.length > 0) {
    lines.push('', 'What the element knows besides the messages:');
    for (const f of s.facts) lines.push(`  ${f.label}: ${f.value}`);
  }
  if (s.received) {
    lines.push('', `The message it received (${s.received.label} from ${s.received.from}):`);
    lines.push(indent(s.received.text));
  }
  for (const m of s.sent) {
    lines.push('', `It sent before, in this call (${m.label} to ${m.to}):`);
    lines.push(indent(m.text));
  }
  if (s.transactions.length > 0) {
    lines.push('', 'Its transactions:');
    for (const t of s.transactions)
      lines.push(`  ${t.kind} ${t.method}  branch ${t.branch}  state ${t.state}`);
  }
  if (s.dialogs.length > 0) {
    lines.push('', 'Its dialogs:');
    for (const d of s.dialogs) {
      lines.push(
        `  ${d.state} (${d.role}) Call-ID ${d.callId}, local tag ${d.localTag}, remote tag ${d.remoteTag}`,
      );
      lines.push(
        `    local CSeq ${d.localSeq ?? '(none yet)'}, remote CSeq ${d.remoteSeq ?? '(none yet)'}`,
      );
      lines.push(`    local URI ${d.localUri}, remote URI ${d.remoteUri}`);
      lines.push(`    remote target ${d.remoteTarget}`);
      lines.push(`    route set ${d.routeSet.length > 0 ? d.routeSet.join(', ') : '(empty)'}`);
    }
  }
  if (s.activities.length > 0) {
    lines.push('', 'What its user is doing:');
    for (const a of s.activities) lines.push(`  ${a.kind}: ${a.summary} (${a.state})`);
  }
  if (s.bindingsOf !== undefined) {
    lines.push(
      '',
      s.bindingsOf === s.element.name
        ? 'Its bindings (location service):'
        : `The bindings of the location service (${s.bindingsOf}):`,
    );
    if (s.bindings.length === 0) lines.push('  (none)');
    for (const b of s.bindings)
      lines.push(
        `  ${b.aor} → ${b.contact}  (${b.expiresIn} s left${b.q !== 1 ? `, q=${b.q}` : ''})`,
      );
  }
  return lines.join('\n');
}

async function checkFile(p: Parsed, io: CommandIo): Promise<number> {
  const [id, file] = p.rest;
  if (id === undefined || file === undefined) {
    io.err(`sip exercise check: give an exercise ID and a FILE\n\n${EXERCISE_USAGE}`);
    return EXIT_USAGE;
  }
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file);
  } catch (e) {
    io.err(`sip exercise check: cannot read ${file}: ${errorText(e)}`);
    return EXIT_USAGE;
  }
  const text = new TextDecoder().decode(bytes);
  const r = check(id, p.seed, text);
  if (!r.parsed) {
    if (p.json) io.out(JSON.stringify({ correct: false, findings: [], error: r.error }));
    io.err(`${file} is not a SIP message: ${r.error.message}`);
    return EXIT_USAGE;
  }
  if (p.json) {
    io.out(JSON.stringify({ correct: r.correct, findings: r.findings }));
  } else {
    for (const f of r.findings) {
      const mark = f.verdict === 'right' ? 'right  ' : f.verdict.padEnd(7);
      io.out(
        `${mark}  ${f.part}${f.verdict === 'right' ? '' : ` — expected ${f.expected}${f.got !== '' ? `, got ${f.got}` : ''}`}`,
      );
      if (f.verdict !== 'right')
        io.out(`         ${f.section}: ${f.rule}\n         Hint: ${f.hint}`);
    }
    io.out(r.correct ? 'Correct: this is the message the element sends.' : 'Not yet right.');
  }
  return r.correct ? EXIT_OK : 1;
}

export async function exerciseCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined) {
    io.err(EXERCISE_USAGE);
    return EXIT_USAGE;
  }
  if (sub === '--help' || sub === 'help') {
    io.out(EXERCISE_USAGE);
    return EXIT_OK;
  }
  const p = parseArgs(rest, io);
  if (typeof p === 'number') return p;
  try {
    switch (sub) {
      case 'list':
        return listCommand(p, io);
      case 'show': {
        const id = p.rest[0];
        if (id === undefined) {
          io.err(`sip exercise show: give an exercise ID\n\n${EXERCISE_USAGE}`);
          return EXIT_USAGE;
        }
        const s = situation(id, p.seed);
        io.out(p.json ? JSON.stringify(s) : situationText(s, id, p.seed));
        return EXIT_OK;
      }
      case 'solve': {
        const id = p.rest[0];
        if (id === undefined) {
          io.err(`sip exercise solve: give an exercise ID\n\n${EXERCISE_USAGE}`);
          return EXIT_USAGE;
        }
        io.out(wireAsText(solve(id, p.seed)).replace(/\n/g, '\r\n').replace(/\r\n$/, ''));
        return EXIT_OK;
      }
      case 'check':
        return await checkFile(p, io);
      default:
        io.err(`sip exercise: unknown command "${sub}"\n\n${EXERCISE_USAGE}`);
        return EXIT_USAGE;
    }
  } catch (e) {
    if (e instanceof ExerciseError) {
      io.err(`sip exercise ${sub}: ${e.message}`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
