/**
 * Timing harness: warm-up, calibration, interleaved timed rounds, median.
 *
 * Honesty rules it follows:
 * - every iteration parses afresh (nothing is cached between iterations; inputs are the same
 *   string / byte objects for every parser);
 * - every result is consumed: the loop folds something from each result into an accumulator that
 *   is returned and added to a global sink, printed at the end, so no call can be optimised away;
 * - each task gets its own loop function (compiled separately with `new Function`), so one parser's
 *   type feedback cannot make the shared loop megamorphic or slow for the next one;
 * - rounds are interleaved across tasks (round-robin, rotating the starting task), so background
 *   load on a shared machine hits every parser alike; the median round is reported.
 */
import type { Fields } from './peers';

export type SinkKind = 'object' | 'fields';

export interface Task<I = string | Uint8Array> {
  label: string;
  /** 'object': the result is an object, counted when non-null. 'fields': the result is Fields. */
  sink: SinkKind;
  fn: (input: I) => unknown;
  inputs: readonly I[];
}

export interface TimingOptions {
  warmupMs: number;
  batchMs: number;
  rounds: number;
  /** Called before each task's warm-up (progress on stderr). */
  onProgress?: (message: string) => void;
}

export interface TaskResult {
  label: string;
  /** Median over rounds of nanoseconds per message. */
  nsPerMessage: number;
  messagesPerSecond: number;
  /** Interquartile range of the rounds' messages/s, relative to the median (0.05 = 5 %). */
  iqrRelative: number;
  rounds: number;
  messagesPerRound: number;
}

type Loop = (fn: (input: unknown) => unknown, inputs: readonly unknown[], reps: number) => number;

const LOOP_BODIES: Record<SinkKind, string> = {
  object: `
    let acc = 0;
    for (let r = 0; r < reps; r++) {
      for (let i = 0; i < inputs.length; i++) {
        const m = fn(inputs[i]);
        if (m !== undefined && m !== null) acc++;
      }
    }
    return acc;`,
  fields: `
    let acc = 0;
    for (let r = 0; r < reps; r++) {
      for (let i = 0; i < inputs.length; i++) {
        const f = fn(inputs[i]);
        if (f === undefined || f === null) continue;
        acc += (f[0] === undefined ? 0 : f[0].length) + (f[1] === undefined ? 0 : f[1].length)
          + (f[2] === undefined ? 0 : f[2].length) + (typeof f[3] === 'number' ? f[3] & 0xff : 0)
          + (f[4] === undefined ? 0 : f[4].length) + (f[5] === undefined ? 0 : f[5].length)
          + (f[6] === undefined ? 0 : f[6].length) + (f[7] === undefined ? 0 : f[7].length);
      }
    }
    return acc;`,
};

function makeLoop(kind: SinkKind, label: string): Loop {
  // A distinct function per task (the comment makes the source unique, too).
  return new Function(
    'fn',
    'inputs',
    'reps',
    `// ${label.replace(/\n/g, ' ')}\n${LOOP_BODIES[kind]}`,
  ) as Loop;
}

let globalSink = 0;

/** The sum of every loop's accumulator: printed by the benchmark so that all results are used. */
export function sinkValue(): number {
  return globalSink;
}

/** Folds Fields into a number the same way the timed loop does (for untimed checks). */
export function foldFields(f: Fields): number {
  let acc = 0;
  for (const v of f) acc += typeof v === 'number' ? v & 0xff : v === undefined ? 0 : v.length;
  return acc;
}

function now(): bigint {
  return process.hrtime.bigint();
}

function median(sorted: number[]): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Times every task; rounds are interleaved across tasks. */
export function runTasks(tasks: readonly Task[], options: TimingOptions): TaskResult[] {
  const prepared = tasks.map((task) => ({
    task,
    loop: makeLoop(task.sink, task.label),
    reps: 1,
    samples: [] as number[], // ns per message, one per round
  }));

  // Warm-up (lets the JIT optimise the parser and the loop), then calibrate the batch size.
  for (const p of prepared) {
    options.onProgress?.(`warming up ${p.task.label}`);
    const fn = p.task.fn as (input: unknown) => unknown;
    const start = now();
    const deadline = start + BigInt(Math.round(options.warmupMs * 1e6));
    let passes = 0;
    let t = start;
    do {
      globalSink += p.loop(fn, p.task.inputs, 1);
      passes++;
      t = now();
    } while (t < deadline);
    // Calibrate with a short timed run at the warm rate.
    const probeReps = Math.max(1, Math.ceil(passes / 4));
    const t0 = now();
    globalSink += p.loop(fn, p.task.inputs, probeReps);
    const perPassNs = Number(now() - t0) / probeReps;
    p.reps = Math.max(1, Math.round((options.batchMs * 1e6) / Math.max(perPassNs, 1)));
  }

  for (let round = 0; round < options.rounds; round++) {
    options.onProgress?.(`round ${round + 1}/${options.rounds}`);
    for (let k = 0; k < prepared.length; k++) {
      const p = prepared[(k + round) % prepared.length]!;
      const fn = p.task.fn as (input: unknown) => unknown;
      const t0 = now();
      const acc = p.loop(fn, p.task.inputs, p.reps);
      const elapsed = Number(now() - t0);
      globalSink += acc;
      p.samples.push(elapsed / (p.reps * p.task.inputs.length));
    }
  }

  return prepared.map((p) => {
    const ns = [...p.samples].sort((a, b) => a - b);
    const rates = ns.map((x) => 1e9 / x).sort((a, b) => a - b);
    const med = median(ns);
    const medRate = median(rates);
    return {
      label: p.task.label,
      nsPerMessage: med,
      messagesPerSecond: medRate,
      iqrRelative: (quantile(rates, 0.75) - quantile(rates, 0.25)) / medRate,
      rounds: ns.length,
      messagesPerRound: p.reps * p.task.inputs.length,
    };
  });
}
