/**
 * Evaluating a lab's checks on a run: the trace (every datagram sent, received and lost, every state
 * change) and the elements' snapshots at the end, the scenario as the student left it, and the answers
 * the student gave. Each check gives a result with the points earned and, in words, what was found —
 * for a check that did not pass, why not.
 */
import type { ElementSnapshot } from '../elements';
import type { TraceEvent } from '../network';
import type { Scenario } from '../scenario';
import { labSalt, matchesSealed, normalAnswer } from './answer-key';
import {
  checkMatchers,
  labChecks,
  type AnswerCheck,
  type Check,
  type MessageCheck,
  type SettingCheck,
  type StateCheck,
  type WriteCheck,
} from './check-schema';
import { describeWrite, type WrittenOutcome } from './written';
import type { Lab } from './lab-schema';
import type { ParameterValues } from './parameters';
import { evaluateStateCheck, type Outcome } from './state-checks';
import {
  TraceIndex,
  describeEvent,
  describeMatcher,
  describeHeader,
  eventMatches,
  headerHolds,
  matchingEvents,
} from './trace-match';

/** An answer the student gave, with the trace of the run it is about. */
export interface GivenAnswer {
  choice: string | number;
  trace: readonly TraceEvent[];
}

/** What the checks read from a run. */
export interface RunView {
  /** The scenario as run (the student's settings, faults and links applied). */
  scenario: Scenario;
  trace: readonly TraceEvent[];
  /** Each element's state at the end. */
  elements: readonly ElementSnapshot[];
  /** The last answer to each question, by check id. */
  answers: ReadonlyMap<string, GivenAnswer>;
  /** The last message written for each "write the message" check, judged on its run. */
  written?: ReadonlyMap<string, WrittenOutcome>;
  /** The student's parameter values (to check sealed answers written with placeholders). */
  params?: ParameterValues;
}

export interface CheckResult {
  id: string;
  /** The task the check belongs to. */
  task: string;
  kind: Check['kind'];
  /** What it checks, in words. */
  label: string;
  passed: boolean;
  /** Points earned (all or nothing). */
  points: number;
  /** Points it is worth. */
  maxPoints: number;
  /** What was found; for a check that did not pass, why not. */
  message: string;
  /** The task's hint, for a check that did not pass. */
  hint?: string;
}

export interface Evaluation {
  checks: CheckResult[];
  score: number;
  max: number;
  /** True when every check passed. */
  passed: boolean;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A check in words: its label, or one made from its fields. */
export function describeCheck(check: Check): string {
  if (check.label) return check.label;
  switch (check.kind) {
    case 'message': {
      const m = describeMatcher(check, 'send');
      const after = check.after !== undefined ? ` after check "${check.after}"` : '';
      if (check.absent) return `never: ${m}${after}`;
      if (check.count !== undefined) return `exactly ${check.count}×: ${m}${after}`;
      if (check.atLeast !== undefined && check.atLeast > 1)
        return `at least ${check.atLeast}×: ${m}${after}`;
      return `${m}${after}`;
    }
    case 'state':
      if (check.binding)
        return `${check.element} has a binding for ${check.binding.aor}${check.binding.contact ? ` to ${check.binding.contact}` : ''}`;
      if (check.dialog) return `${check.element} has a ${check.dialog.state} dialog`;
      if (check.transaction)
        return `${check.element} has ${check.transaction.method ? `${article(check.transaction.method)} ${check.transaction.method}` : 'a'} transaction that ${check.transaction.reached ? 'reached' : 'ended in'} ${check.transaction.state}`;
      if (check.activity)
        return `${check.element}'s ${check.activity.kind} is ${check.activity.state}`;
      return `${check.element}'s state`;
    case 'answer':
      return check.question;
    case 'setting':
      return `${check.element}'s ${check.setting} is ${JSON.stringify(check.equals)}`;
    case 'write':
      return check.prompt ?? describeWrite(check);
  }
}

function article(word: string): string {
  return /^[AEIOU]/i.test(word) ? 'an' : 'a';
}

class Evaluator {
  private readonly index: TraceIndex;
  private readonly checks = new Map<string, Check>();
  private readonly first = new Map<string, number | undefined>();
  private readonly salt: string;

  constructor(
    lab: Lab,
    private readonly run: RunView,
  ) {
    this.salt = labSalt(lab);
    this.index = new TraceIndex(run.trace);
    for (const { check } of labChecks(lab)) this.checks.set(check.id, check);
  }

  /** The trace id of a message check's first match (after its own `after`), if any. */
  firstMatch(id: string, depth = 0): number | undefined {
    if (this.first.has(id)) return this.first.get(id);
    const c = this.checks.get(id);
    let found: number | undefined;
    if (c?.kind === 'message' && depth < 64) {
      const after = c.after === undefined ? -1 : this.firstMatch(c.after, depth + 1);
      if (after !== undefined)
        found = matchingEvents(c, this.index, { defaultType: 'send' }).find(
          (e) => e.id > after,
        )?.id;
    }
    this.first.set(id, found);
    return found;
  }

  message(c: MessageCheck): Outcome {
    const said = describeMatcher(c, 'send');
    let after = -1;
    if (c.after !== undefined) {
      const f = this.firstMatch(c.after);
      const other = this.checks.get(c.after);
      if (f === undefined)
        return {
          passed: false,
          message: `this must come after "${other ? describeCheck(other) : c.after}", which never happened`,
        };
      after = f;
    }
    const found = matchingEvents(c, this.index, { defaultType: 'send' }).filter(
      (e) => e.id > after,
    );
    const n = found.length;
    const firstAt = found[0] ? ` (first: ${describeEvent(found[0])})` : '';
    const afterWords = c.after !== undefined ? ' after it' : '';
    if (c.absent) {
      return n === 0
        ? { passed: true, message: `as wanted, never: ${said}${afterWords}` }
        : {
            passed: false,
            message: `it should never happen, and it happened ${plural(n, 'time')}${firstAt}: ${said}`,
          };
    }
    const wanted = c.count ?? c.atLeast ?? 1;
    const passed = c.count !== undefined ? n === c.count : n >= wanted;
    if (passed)
      return { passed, message: `found ${plural(n, 'time')}${afterWords}${firstAt}: ${said}` };
    const expected =
      c.count !== undefined
        ? `exactly ${c.count}`
        : wanted === 1
          ? 'at least once'
          : `at least ${wanted} times`;
    let why = `expected ${expected}, found ${n === 0 ? 'none' : plural(n, 'time')}${afterWords}: ${said}`;
    // A near miss: the message was there, but without the headers asked for.
    if (n < wanted && c.headers !== undefined && c.headers.length > 0) {
      const near = matchingEvents(c, this.index, {
        defaultType: 'send',
        ignoreHeaders: true,
      }).filter((e) => e.id > after);
      if (near.length > 0) {
        const failing = c.headers.filter((h) =>
          near.every((e) => {
            const msg = this.index.message(e);
            return !msg || !headerHolds(h, msg);
          }),
        );
        why += `. There ${near.length === 1 ? 'was 1 such message' : `were ${near.length} such messages`}, but ${failing.length > 0 ? `none ${failing.map(describeHeader).join(', ')}` : 'none with every header condition'}`;
      }
    }
    return { passed: false, message: why };
  }

  private element(name: string): ElementSnapshot | undefined {
    return this.run.elements.find((e) => e.name === name);
  }

  state(c: StateCheck): Outcome {
    return evaluateStateCheck(c, this.run);
  }

  answer(c: AnswerCheck): Outcome {
    const given = this.run.answers.get(c.id);
    if (!given) return { passed: false, message: 'not answered' };
    if (c.select !== undefined) return this.selected(c, given);
    let text: string;
    if (c.choices !== undefined) {
      const i =
        typeof given.choice === 'number'
          ? given.choice
          : c.choices.findIndex((x) => normalAnswer(x) === normalAnswer(String(given.choice)));
      text = c.choices[i] ?? String(given.choice);
      const right =
        c.answerHashes !== undefined
          ? i >= 0 && this.sealed(c, text)
          : c.correct !== undefined && i === c.correct;
      return right
        ? { passed: true, message: `right: “${text}”` }
        : { passed: false, message: `the answer given, “${text}”, is not right` };
    }
    text = String(given.choice);
    const right =
      c.answerHashes !== undefined
        ? this.sealed(c, text)
        : (c.accept ?? []).some((x) => normalAnswer(x) === normalAnswer(text));
    return right
      ? { passed: true, message: `right: “${text}”` }
      : { passed: false, message: `the answer given, “${text}”, is not right` };
  }

  private sealed(c: AnswerCheck, text: string): boolean {
    return matchesSealed(this.salt, c.id, c.answerHashes ?? [], text, this.run.params ?? {});
  }

  /**
   * "Select the message": the student picks a datagram, and its send, its arrival or its loss all stand
   * for it. For a message an element passed on (`forwarded: true`), the copy it sent on stands for it
   * too: "the INVITE the proxy forwarded" is as much the one that left the proxy as the one that came in.
   */
  private selected(c: AnswerCheck, given: GivenAnswer): Outcome {
    if (typeof given.choice !== 'number')
      return { passed: false, message: 'the answer is not a message of the ladder' };
    const index = new TraceIndex(given.trace);
    const e = index.event(given.choice);
    if (!e) return { passed: false, message: `the ladder has no event #${given.choice}` };
    const events = e.datagram !== undefined ? [...index.datagram(e.datagram)] : [e];
    const matchers = checkMatchers(c).map((x) => x.matcher);
    if (matchers.some((m) => m.forwarded === true))
      for (const x of [...events]) {
        const cause =
          x.type === 'send' && x.causedBy !== undefined ? index.event(x.causedBy) : undefined;
        const passedOn =
          cause?.type === 'receive' &&
          cause.element === x.element &&
          (x.method !== undefined ? cause.method === x.method : cause.status === x.status);
        if (passedOn) events.push(cause);
      }
    const ok = events.some((x) => matchers.some((m) => eventMatches(m, x, index)));
    return ok
      ? { passed: true, message: `right: ${describeEvent(e)}` }
      : {
          passed: false,
          message: `the message selected (${describeEvent(e)}) is not the one asked for`,
        };
  }

  setting(c: SettingCheck): Outcome {
    const config = this.run.scenario.elements.find((e) => e.name === c.element) as
      Record<string, unknown> | undefined;
    if (!config) return { passed: false, message: `there is no element named ${c.element}` };
    const value = config[c.setting];
    const shown = this.element(c.element)?.settings[c.setting];
    const ok = sameJson(value, c.equals) || (shown !== undefined && sameJson(shown, c.equals));
    const now = value !== undefined ? value : shown;
    return ok
      ? { passed: true, message: `${c.element}'s ${c.setting} is ${JSON.stringify(c.equals)}` }
      : {
          passed: false,
          message: `${c.element}'s ${c.setting} is ${now === undefined ? 'not set' : JSON.stringify(now)}, not ${JSON.stringify(c.equals)}`,
        };
  }

  /** A written message: right when no part of it is wrong, missing or extra. */
  write(c: WriteCheck): Outcome {
    const w = this.run.written?.get(c.id);
    if (!w) return { passed: false, message: 'no message written' };
    if (!w.reached) return { passed: false, message: w.error };
    const r = w.result;
    if (!r.parsed)
      return {
        passed: false,
        message: `what was written is not a SIP message: ${r.error.message}`,
      };
    if (r.correct)
      return {
        passed: true,
        message: `right: the message ${c.element} sends (${r.findings.length} parts checked)`,
      };
    const bad = r.findings.filter((f) => f.verdict !== 'right');
    return {
      passed: false,
      message: `${plural(bad.length, 'part')} to fix: ${bad
        .map((f) => `${f.part} ${f.verdict} (${f.section})`)
        .join('; ')}`,
    };
  }

  evaluate(c: Check): Outcome {
    switch (c.kind) {
      case 'message':
        return this.message(c);
      case 'state':
        return this.state(c);
      case 'answer':
        return this.answer(c);
      case 'setting':
        return this.setting(c);
      case 'write':
        return this.write(c);
    }
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/**
 * Evaluates every check of a lab (with the student's parameter values in place) on a run. The score is
 * the sum of the points of the checks that passed; max the sum of all.
 */
export function evaluate(lab: Lab, run: RunView): Evaluation {
  const ev = new Evaluator(lab, run);
  const checks = labChecks(lab).map(({ task, check }): CheckResult => {
    const maxPoints = check.points ?? 1;
    const { passed, message } = ev.evaluate(check);
    const r: CheckResult = {
      id: check.id,
      task: task.id,
      kind: check.kind,
      label: describeCheck(check),
      passed,
      points: passed ? maxPoints : 0,
      maxPoints,
      message,
    };
    if (!passed && task.hint) r.hint = task.hint;
    return r;
  });
  const score = checks.reduce((s, c) => s + c.points, 0);
  const max = checks.reduce((s, c) => s + c.maxPoints, 0);
  return { checks, score, max, passed: checks.every((c) => c.passed) };
}
