/**
 * `sip lab ...`: labs for instructors on the command line — validate lab files, run a lab's reference
 * solution (or nothing) and evaluate its checks, grade a class's submissions by replaying them, make
 * a submission from the reference solution, and print a lab's share-link fragment. A thin Node shell
 * over sim/lab: reading files and printing is all it adds.
 */
import { readFileSync } from 'node:fs';
import {
  LabError,
  TraceIndex,
  createSubmission,
  encodeLab,
  eventMatches,
  gradeCsv,
  gradeRows,
  gradeSubmissionText,
  instantiateLab,
  issueText,
  labChecks,
  parseLabText,
  planActions,
  referenceSolution,
  runLab,
  runScenario,
  studentParameters,
  type GradeResult,
  type GradeRow,
  type Lab,
  type LabIssue,
} from '../../sim/lab';
import { builtinLab } from '../../sim/lab/builtin';

export const LAB_USAGE = `sip lab COMMAND ...

  validate FILE...
      Validates each lab file; one JSON line per file:
        {"file":"a.json","valid":true}
        {"file":"b.json","valid":false,"errors":[{"path":"tasks[0].checks[1].status","message":"..."}]}
      Exit status 1 if any file is invalid.

  solve LAB [--json] [--without-solution] [--student NAME]
      Runs the lab's reference solution (or, with --without-solution, the starting scenario alone)
      and evaluates every check. LAB is a file or the id of a built-in lab. With --json:
        {"lab":"record-route","checks":[{"id":"rr-on","passed":true,"points":1}],"score":5,"max":5}
      Exit status 0 only when every check passes.

  grade LAB SUBMISSION... [--csv]
      Replays each submission and prints a row per student and check, then the total; a submission
      for another lab (hash mismatch) or a malformed one gets an ERROR row and the others are still
      graded. Scores written in the files are never used. Exit status 1 if any submission could not
      be graded.

  submission LAB STUDENT [--without-solution]
      Prints a submission file of the reference solution for STUDENT (to try grade with).

  selections LAB [--student NAME]
      For each "select the message" answer of the reference solution, the trace events of its run
      that the question's matcher accepts, one JSON line each (to fix a solution after the
      simulation changed):
        {"question":"absorbed","choice":28,"matches":[28],"ok":true}
      Exit status 1 if a solution's choice is not among them.

  share FILE...
      Prints each lab's link fragment and its length, one JSON line per file:
        {"file":"a.json","lab":"record-route","chars":1527,"fragment":"..."}

  Exit status 2 on a usage error or a lab that cannot be read.`;

type Out = (line: string) => void;

const EXIT_OK = 0;
const EXIT_FAIL = 1;
const EXIT_USAGE = 2;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A lab file's text, or the issues that keep it from being a lab. */
function readLabFile(file: string): { lab: Lab } | { issues: LabIssue[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { issues: [{ path: '', message: `Cannot read the file: ${message(e)}.` }] };
  }
  try {
    return { lab: parseLabText(text) };
  } catch (e) {
    if (e instanceof LabError) return { issues: e.issues };
    throw e;
  }
}

/** A lab by file name or built-in id; prints its problems and returns undefined when it is not one. */
function loadLab(arg: string, err: Out): Lab | undefined {
  const builtin = builtinLab(arg);
  if (builtin) return builtin;
  const r = readLabFile(arg);
  if ('lab' in r) return r.lab;
  for (const i of r.issues) err(`${arg}: ${issueText(i)}`);
  return undefined;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The arguments that are not flags (and not a flag's value). */
function positional(args: string[], withValue: string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (withValue.includes(a)) i++;
    else if (!a.startsWith('--')) out.push(a);
  }
  return out;
}

function unknownFlags(args: string[], known: string[], err: Out): boolean {
  const bad = args.filter((a) => a.startsWith('--') && !known.includes(a));
  for (const b of bad) err(`sip lab: unknown option ${b}`);
  return bad.length > 0;
}

function validate(args: string[], out: Out, err: Out): number {
  if (unknownFlags(args, [], err)) return EXIT_USAGE;
  const files = positional(args);
  if (files.length === 0) {
    err('usage: sip lab validate FILE...');
    return EXIT_USAGE;
  }
  let invalid = 0;
  for (const file of files) {
    const r = readLabFile(file);
    if ('lab' in r) out(JSON.stringify({ file, valid: true }));
    else {
      invalid++;
      out(JSON.stringify({ file, valid: false, errors: r.issues }));
    }
  }
  return invalid > 0 ? EXIT_FAIL : EXIT_OK;
}

function solve(args: string[], out: Out, err: Out): number {
  if (unknownFlags(args, ['--json', '--without-solution', '--student'], err)) return EXIT_USAGE;
  const [file, ...extra] = positional(args, ['--student']);
  if (file === undefined || extra.length > 0) {
    err('usage: sip lab solve LAB [--json] [--without-solution] [--student NAME]');
    return EXIT_USAGE;
  }
  const lab = loadLab(file, err);
  if (!lab) return EXIT_USAGE;
  const withSolution = !args.includes('--without-solution');
  const student = option(args, '--student') ?? 'student';
  let run;
  try {
    run = runLab(lab, student, withSolution ? referenceSolution(lab, student) : []);
  } catch (e) {
    if (!(e instanceof LabError)) throw e;
    for (const i of e.issues) err(`${file}: ${issueText(i)}`);
    return EXIT_USAGE;
  }
  const ev = run.evaluation;
  if (args.includes('--json')) {
    out(
      JSON.stringify({
        lab: lab.id,
        checks: ev.checks.map((c) => ({ id: c.id, passed: c.passed, points: c.points })),
        score: ev.score,
        max: ev.max,
      }),
    );
    return ev.passed ? EXIT_OK : EXIT_FAIL;
  }
  out(`${lab.title} (${lab.id})`);
  const params = Object.entries(run.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  out(
    `${withSolution ? `reference solution (${lab.solution.actions.length} actions)` : 'without the solution'}, student "${student}"${params ? ` (${params})` : ''}; ${run.steps} steps, ${(run.time / 1000).toFixed(3)} s simulated, ended: ${run.end}`,
  );
  for (const task of run.lab.tasks) {
    out('');
    out(`${task.title} [${task.id}]`);
    for (const c of ev.checks.filter((x) => x.task === task.id)) {
      out(
        `  ${(c.passed ? 'Passed' : 'Not passed').padEnd(10)}  ${`${c.points}/${c.maxPoints}`.padStart(5)}  ${c.id}: ${c.label}`,
      );
      if (!c.passed) out(`${' '.repeat(21)}${c.message}`);
    }
  }
  out('');
  out(`Score: ${ev.score}/${ev.max}${ev.passed ? ' — every check passed' : ''}`);
  return ev.passed ? EXIT_OK : EXIT_FAIL;
}

/** Grades one submission file; an unreadable file is an error result like any other. */
function gradeFile(lab: Lab, file: string): GradeResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, error: `Cannot read the file: ${message(e)}.`, issues: [] };
  }
  return gradeSubmissionText(lab, text);
}

function grade(args: string[], out: Out, err: Out): number {
  if (unknownFlags(args, ['--csv'], err)) return EXIT_USAGE;
  const [labArg, ...files] = positional(args);
  if (labArg === undefined || files.length === 0) {
    err('usage: sip lab grade LAB SUBMISSION... [--csv]');
    return EXIT_USAGE;
  }
  const lab = loadLab(labArg, err);
  if (!lab) return EXIT_USAGE;
  const csv = args.includes('--csv');
  const graded = files.map((file) => ({ file, result: gradeFile(lab, file) }));
  const errors = graded.filter((g) => !g.result.ok).length;
  if (csv) {
    for (const line of gradeCsv(graded)) out(line);
  } else {
    const rows: GradeRow[] = graded.flatMap((g) => gradeRows(g.file, g.result));
    const width = (f: (r: GradeRow) => string): number => Math.max(...rows.map((r) => f(r).length));
    const w = [width((r) => r.file), width((r) => r.student || '?'), width((r) => r.check)];
    for (const row of rows)
      out(
        [
          row.file.padEnd(w[0]!),
          (row.student || '?').padEnd(w[1]!),
          row.check.padEnd(w[2]!),
          row.passed.padEnd(10),
          (row.points === '' ? '' : `${row.points}/${row.max}`).padStart(5),
          row.message,
        ]
          .join('  ')
          .trimEnd(),
      );
  }
  return errors > 0 ? EXIT_FAIL : EXIT_OK;
}

function submission(args: string[], out: Out, err: Out): number {
  if (unknownFlags(args, ['--without-solution'], err)) return EXIT_USAGE;
  const [labArg, student, ...extra] = positional(args);
  if (labArg === undefined || student === undefined || extra.length > 0) {
    err('usage: sip lab submission LAB STUDENT [--without-solution]');
    return EXIT_USAGE;
  }
  const lab = loadLab(labArg, err);
  if (!lab) return EXIT_USAGE;
  const actions = args.includes('--without-solution') ? [] : referenceSolution(lab, student);
  const run = runLab(lab, student, actions);
  out(
    JSON.stringify(
      createSubmission(lab, student, actions, { claimedScore: run.evaluation.score }),
      null,
      2,
    ),
  );
  return EXIT_OK;
}

function selections(args: string[], out: Out, err: Out): number {
  if (unknownFlags(args, ['--student'], err)) return EXIT_USAGE;
  const [labArg, ...extra] = positional(args, ['--student']);
  if (labArg === undefined || extra.length > 0) {
    err('usage: sip lab selections LAB [--student NAME]');
    return EXIT_USAGE;
  }
  const lab = loadLab(labArg, err);
  if (!lab) return EXIT_USAGE;
  const student = option(args, '--student') ?? 'student';
  const params = studentParameters(lab, student);
  const questions = new Map(
    labChecks(instantiateLab(lab, params).lab).map((x) => [x.check.id, x.check]),
  );
  let wrong = 0;
  for (const answer of planActions(lab, params, referenceSolution(lab, student)).answers) {
    const q = questions.get(answer.question);
    if (q?.kind !== 'answer' || q.select === undefined) continue;
    const index = new TraceIndex(runScenario(answer.scenario).trace);
    const matchers = Array.isArray(q.select) ? q.select : [q.select];
    const matches = index.events
      .filter((e) => matchers.some((m) => eventMatches(m, e, index)))
      .map((e) => e.id);
    const ok = typeof answer.choice === 'number' && matches.includes(answer.choice);
    if (!ok) wrong++;
    out(JSON.stringify({ question: answer.question, choice: answer.choice, matches, ok }));
  }
  return wrong > 0 ? EXIT_FAIL : EXIT_OK;
}

function share(args: string[], out: Out, err: Out): number {
  if (unknownFlags(args, [], err)) return EXIT_USAGE;
  const files = positional(args);
  if (files.length === 0) {
    err('usage: sip lab share FILE...');
    return EXIT_USAGE;
  }
  let bad = 0;
  for (const file of files) {
    const lab = loadLab(file, err);
    if (!lab) {
      bad++;
      continue;
    }
    const fragment = encodeLab(lab);
    out(JSON.stringify({ file, lab: lab.id, chars: fragment.length, fragment }));
  }
  return bad > 0 ? EXIT_USAGE : EXIT_OK;
}

/** Runs `sip lab ARGS...`; returns the exit status. */
export function labCommand(args: string[], out: Out, err: Out): number {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'validate':
      return validate(rest, out, err);
    case 'solve':
      return solve(rest, out, err);
    case 'grade':
      return grade(rest, out, err);
    case 'submission':
      return submission(rest, out, err);
    case 'selections':
      return selections(rest, out, err);
    case 'share':
      return share(rest, out, err);
    case undefined:
    case 'help':
    case '--help':
      (sub === undefined ? err : out)(LAB_USAGE);
      return sub === undefined ? EXIT_USAGE : EXIT_OK;
    default:
      err(`sip lab: unknown command "${sub}"\n\n${LAB_USAGE}`);
      return EXIT_USAGE;
  }
}
