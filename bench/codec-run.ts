/**
 * The codec benchmark proper; bench/codec.bench.ts hands it our codec (imported from ../sim/codec)
 * and a bundled build of the same source (bench/codec-bundle.ts explains why both are timed).
 *
 * 1. Throughput on the realistic corpus, parse-only and "fair" (parse + reading the common fields
 *    through each library's own API; ours also validates), for our codec and every peer.
 * 2. RFC 4475 score: verdicts over every manifest case.
 * 3. Linear scaling: generated INVITEs of ~1 KB, 8 KB and 64 KB.
 * 4. Summary: our fair-mode rate against the fastest peer's (target: at least 2x).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

import {
  buildScalingMessage,
  loadManifest,
  loadRealistic,
  type CorpusMessage,
  type ManifestCase,
  type ScalingMessage,
  type ScalingShape,
} from './corpus';
import { runTasks, sinkValue, type Task, type TaskResult } from './harness';
import { FIELD_NAMES, loadPeers, type Fields, type Peer, type SkippedPeer } from './peers';

export type CheckResult =
  { verdict: 'accept' } | { verdict: 'reject'; status?: number; reason: string };

/** Our codec, as the benchmark drives it (built in codec.bench.ts from the real exports). */
export interface OurCodec {
  /** parseMessage(input). */
  parse(input: string | Uint8Array): unknown;
  /** parseMessage + readCommonFields, without validation. */
  parseRead(input: string | Uint8Array): Fields;
  /** parseMessage + validateMessage + readCommonFields (our fair mode). */
  fair(input: string | Uint8Array): Fields;
  /** checkMessage(input). */
  check(input: string | Uint8Array): CheckResult;
  /** How many fair() calls found validateMessage() non-null (it should stay 0 on valid input). */
  validationFailures(): number;
}

const OURS = 'ours (sim/codec)';
const BUNDLED = 'ours, bundled build';

/** The bundled build of our codec (bench/codec-bundle.ts), or why it is missing. */
export type BundledVariant = { codec: OurCodec; description: string } | { skipped: string };

interface Options {
  quick: boolean;
  warmupMs: number;
  batchMs: number;
  rounds: number;
  scalingRounds: number;
  scalingBatchMs: number;
}

function parseArgs(argv: readonly string[]): Options {
  const quick = argv.includes('--quick');
  return quick
    ? { quick, warmupMs: 60, batchMs: 25, rounds: 3, scalingRounds: 3, scalingBatchMs: 15 }
    : { quick, warmupMs: 500, batchMs: 120, rounds: 15, scalingRounds: 15, scalingBatchMs: 70 };
}

// ---------------------------------------------------------------------------------------------
// Output: everything goes to stdout and into bench/results/codec.md; progress goes to stderr.

const out: string[] = [];
function print(line = ''): void {
  out.push(line);
  process.stdout.write(line + '\n');
}
function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K… ${message}`);
}
function progressDone(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

function table(header: string[], rows: string[][], align?: ('l' | 'r')[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const pad = (s: string, i: number) =>
    (align?.[i] ?? 'l') === 'r' ? s.padStart(widths[i]!) : s.padEnd(widths[i]!);
  print(`| ${header.map(pad).join(' | ')} |`);
  print(
    `| ${widths.map((w, i) => ((align?.[i] ?? 'l') === 'r' ? '-'.repeat(w - 1) + ':' : '-'.repeat(w))).join(' | ')} |`,
  );
  for (const r of rows) print(`| ${r.map(pad).join(' | ')} |`);
}

function fmtRate(x: number): string {
  return Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a';
}
function fmtRatio(x: number): string {
  return Number.isFinite(x) ? `${x.toFixed(2)}x` : 'n/a';
}
function fmtPct(x: number): string {
  return Number.isFinite(x) ? `±${((x * 100) / 2).toFixed(1)} %` : 'n/a';
}
function fmtUs(ns: number): string {
  return (ns / 1000).toFixed(ns < 10_000 ? 2 : 1);
}
function errText(err: unknown): string {
  const e = err as { name?: string; message?: string };
  const msg = (e?.message ?? String(err)).replace(/\s+/g, ' ');
  return `${e?.name ?? 'Error'}: ${msg.length > 90 ? msg.slice(0, 87) + '...' : msg}`;
}

// ---------------------------------------------------------------------------------------------
// Verdicts for peers (and for our codec under the same rule, as an extra row).

type Outcome =
  | { verdict: 'accept' }
  | {
      verdict: 'reject';
      how: 'parse threw' | 'parse returned nothing' | 'field read threw' | 'no Call-ID/CSeq';
      detail: string;
    };

/**
 * A peer's verdict on a message: reject if the parse throws or returns nothing, if reading the
 * fair-mode fields throws, or if the two fields every SIP message carries (Call-ID and the CSeq
 * number) read back empty; accept otherwise. Fields a message may lack (To tag, Contact, the
 * Request-URI of a response) are not held against it.
 */
function outcomeOf<I>(
  parse: (t: I) => unknown,
  fair: (t: I) => Fields | undefined,
  text: I,
): Outcome {
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (err) {
    return { verdict: 'reject', how: 'parse threw', detail: errText(err) };
  }
  if (parsed === undefined || parsed === null) {
    return { verdict: 'reject', how: 'parse returned nothing', detail: String(parsed) };
  }
  let f: Fields | undefined;
  try {
    f = fair(text);
  } catch (err) {
    return { verdict: 'reject', how: 'field read threw', detail: errText(err) };
  }
  if (f === undefined || f === null) {
    return { verdict: 'reject', how: 'parse returned nothing', detail: 'fair read got no message' };
  }
  const cseq = f[3];
  if (f[4] === undefined || f[4] === '' || typeof cseq !== 'number' || !Number.isFinite(cseq)) {
    return {
      verdict: 'reject',
      how: 'no Call-ID/CSeq',
      detail: `call-id=${JSON.stringify(f[4])} cseq=${String(cseq)}`,
    };
  }
  return { verdict: 'accept' };
}

// ---------------------------------------------------------------------------------------------

interface ThroughputRow {
  parser: string;
  mode: string;
  result: TaskResult | undefined;
  /** ours (tsx-loaded) / theirs, and the bundled build / theirs; undefined on our own rows. */
  ratio: number | undefined;
  ratioBundled: number | undefined;
  notes: string;
}

export async function runBenchmark(ours: OurCodec, bundledVariant: BundledVariant): Promise<void> {
  const bundled = 'skipped' in bundledVariant ? undefined : bundledVariant.codec;
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const load0 = loadavg();
  const realistic = loadRealistic();
  const manifest = loadManifest();
  const { peers, skipped } = await loadPeers();

  print('# SIP codec benchmark');
  print();
  print(
    `${new Date(started).toISOString()} · Node ${process.version} · ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length} · load average at start ${load0.map((x) => x.toFixed(2)).join(' / ')}` +
      (opts.quick ? ' · **--quick** (few, short rounds: a smoke run, not a measurement)' : ''),
  );
  print();
  print('Parsers:');
  print(
    `- ${OURS}: parseMessage / validateMessage / readCommonFields / checkMessage imported from sim/codec (TypeScript run by tsx, as CommonJS)`,
  );
  print(
    'skipped' in bundledVariant
      ? `- ${BUNDLED}: **skipped**: ${bundledVariant.skipped}`
      : `- ${BUNDLED}: the same functions from ${bundledVariant.description}. ` +
          "tsx's CommonJS interop puts two property getters on every cross-module reference inside the codec, " +
          'a cost the peers (plain JavaScript) and a production build of the app do not have; see bench/codec-bundle.ts.',
  );
  for (const p of peers) print(`- ${p.name} (${p.pkg}@${p.version}): ${p.entry}`);
  for (const s of skipped) print(`- ${s.name} (${s.pkg}): **skipped**: ${s.reason}`);
  print();
  print(
    `Corpus: ${realistic.length} realistic messages (${realistic.reduce((n, m) => n + m.bytes.length, 0)} bytes) and ${manifest.length} manifest cases, read as exact bytes. ` +
      'Peers are given strings (the bytes decoded one char per byte, once, before timing); ' +
      `${OURS} is given the same strings, and the bytes themselves in the extra "Uint8Array input" row.`,
  );
  print();

  throughput(ours, bundled, peers, realistic, opts);
  rfc4475(ours, bundled, peers, manifest);
  fieldCrossCheck(ours, peers, realistic);
  const scaling = scalingTest(ours, bundled, peers, opts);
  summary(skipped, scaling, bundledVariant);

  const load1 = loadavg();
  print();
  print(
    `Run took ${((Date.now() - started) / 1000).toFixed(1)} s; load average at end ${load1.map((x) => x.toFixed(2)).join(' / ')}; sink ${sinkValue()} (every result is folded into it).`,
  );

  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}codec.md`, out.join('\n') + '\n');
  process.stderr.write(`wrote ${dir}codec.md\n`);
}

// ---------------------------------------------------------------------------------------------
// 1. Throughput

let lastThroughput: {
  oursFair?: TaskResult;
  bundledFair?: TaskResult;
  peerFair: Map<string, TaskResult>;
} = {
  peerFair: new Map(),
};

function throughput(
  ours: OurCodec,
  bundled: OurCodec | undefined,
  peers: Peer[],
  realistic: CorpusMessage[],
  opts: Options,
): void {
  print('## 1. Throughput on the realistic corpus');
  print();
  print(
    "- **parse**: the library's parse entry point only (lazy parsers do little here).\n" +
      "- **fair**: parse, then read Via branch, From tag, To tag, CSeq number, Call-ID, first Contact host, Request-URI user and host through the library's own API; " +
      `for ${OURS}: parseMessage + validateMessage (full validation) + readCommonFields.\n` +
      `- Two ratio columns: ${OURS} (tsx-loaded) / theirs, and ${BUNDLED} / theirs, each in the row's mode.\n` +
      `- Median of ${opts.rounds} interleaved rounds of ~${opts.batchMs} ms each, after ${opts.warmupMs} ms warm-up per task; "spread" is half the interquartile range of the rounds.`,
  );
  print();

  // Which messages each parser handles (a message that fails is excluded from that parser's timing).
  const notes = new Map<string, string[]>();
  const inputsFor = (name: string, fair: (t: string) => unknown): string[] => {
    const ok: string[] = [];
    const bad: string[] = [];
    for (const m of realistic) {
      try {
        const r = fair(m.text);
        if (r === undefined || r === null) bad.push(`${m.file} (returned nothing)`);
        else ok.push(m.text);
      } catch (err) {
        bad.push(`${m.file} (${errText(err)})`);
      }
    }
    notes.set(name, bad);
    return ok;
  };

  const oursInputs = inputsFor(OURS, (t) => ours.fair(t));
  const oursBytes = realistic.filter((m) => oursInputs.includes(m.text)).map((m) => m.bytes);
  const tasks: Task[] = [
    { label: `${OURS}|parse`, sink: 'object', fn: (x) => ours.parse(x), inputs: oursInputs },
    { label: `${OURS}|fair`, sink: 'fields', fn: (x) => ours.fair(x), inputs: oursInputs },
    {
      label: `${OURS}|parse + readCommonFields (no validation)`,
      sink: 'fields',
      fn: (x) => ours.parseRead(x),
      inputs: oursInputs,
    },
    {
      label: `${OURS}, Uint8Array input|fair`,
      sink: 'fields',
      fn: (x) => ours.fair(x),
      inputs: oursBytes,
    },
  ];
  if (bundled) {
    tasks.push(
      {
        label: `${BUNDLED}|parse`,
        sink: 'object',
        fn: (x) => bundled.parse(x),
        inputs: oursInputs,
      },
      { label: `${BUNDLED}|fair`, sink: 'fields', fn: (x) => bundled.fair(x), inputs: oursInputs },
      {
        label: `${BUNDLED}|parse + readCommonFields (no validation)`,
        sink: 'fields',
        fn: (x) => bundled.parseRead(x),
        inputs: oursInputs,
      },
    );
  }
  for (const p of peers) {
    const inputs = inputsFor(p.name, (t) => p.fair(t));
    tasks.push({
      label: `${p.name}|parse`,
      sink: 'object',
      fn: (x) => p.parse(x as string),
      inputs,
    });
    tasks.push({ label: `${p.name}|fair`, sink: 'fields', fn: (x) => p.fair(x as string), inputs });
  }
  const failuresBefore = ours.validationFailures();
  const results = runTasks(
    tasks.filter((t) => t.inputs.length > 0),
    {
      warmupMs: opts.warmupMs,
      batchMs: opts.batchMs,
      rounds: opts.rounds,
      onProgress: (m) => progress(`throughput: ${m}`),
    },
  );
  progressDone();
  const byLabel = new Map(results.map((r) => [r.label, r]));
  const oursParse = byLabel.get(`${OURS}|parse`);
  const oursFair = byLabel.get(`${OURS}|fair`);
  const bundledParse = byLabel.get(`${BUNDLED}|parse`);
  const bundledFair = byLabel.get(`${BUNDLED}|fair`);

  const rows: ThroughputRow[] = [];
  const noteFor = (name: string) => {
    const bad = notes.get(name) ?? [];
    return bad.length === 0
      ? ''
      : `fails on ${bad.length}/${realistic.length}, excluded: ${bad.map((b) => b.split(' ')[0]).join(', ')}`;
  };
  for (const t of tasks) {
    const r = byLabel.get(t.label);
    const [parser, mode] = t.label.split('|') as [string, string];
    if (r === undefined) {
      rows.push({
        parser,
        mode,
        result: undefined,
        ratio: undefined,
        ratioBundled: undefined,
        notes: 'no message parsed',
      });
      continue;
    }
    const isOurs = parser.startsWith(OURS) || parser.startsWith(BUNDLED);
    const mine = mode === 'parse' ? oursParse : oursFair;
    const mineBundled = mode === 'parse' ? bundledParse : bundledFair;
    rows.push({
      parser,
      mode,
      result: r,
      ratio: isOurs ? undefined : (mine?.messagesPerSecond ?? NaN) / r.messagesPerSecond,
      ratioBundled: isOurs
        ? undefined
        : (mineBundled?.messagesPerSecond ?? NaN) / r.messagesPerSecond,
      notes: noteFor(isOurs ? OURS : parser),
    });
  }

  for (const mode of ['parse', 'fair']) {
    print(`### Mode: ${mode}`);
    print();
    const modeRows = rows.filter((r) =>
      mode === 'parse' ? r.mode === 'parse' : r.mode !== 'parse',
    );
    table(
      [
        'parser',
        'mode',
        'messages/s',
        'our ratio (ours / theirs)',
        'bundled / theirs',
        'µs/msg',
        'spread',
        'notes',
      ],
      modeRows.map((r) =>
        r.result === undefined
          ? [r.parser, r.mode, 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', r.notes]
          : [
              r.parser,
              r.mode,
              fmtRate(r.result.messagesPerSecond),
              r.ratio === undefined ? '—' : fmtRatio(r.ratio),
              r.ratioBundled === undefined ? '—' : fmtRatio(r.ratioBundled),
              fmtUs(r.result.nsPerMessage),
              fmtPct(r.result.iqrRelative),
              r.notes,
            ],
      ),
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'l'],
    );
    print();
  }
  const vf = ours.validationFailures() - failuresBefore;
  if (vf > 0)
    print(
      `**Note:** validateMessage() returned a problem ${vf} times on the realistic corpus during timing.\n`,
    );
  const failing = [...notes.entries()].filter(([, bad]) => bad.length > 0);
  if (failing.length > 0) {
    print('Messages a parser failed on (excluded from its timing):');
    for (const [name, bad] of failing) for (const b of bad) print(`- ${name}: ${b}`);
    print();
  }

  const peerFair = new Map<string, TaskResult>();
  for (const p of peers) {
    const r = byLabel.get(`${p.name}|fair`);
    if (r) peerFair.set(p.name, r);
  }
  lastThroughput = {
    peerFair,
    ...(oursFair ? { oursFair } : {}),
    ...(bundledFair ? { bundledFair } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// 2. RFC 4475 score

function rfc4475(
  ours: OurCodec,
  bundled: OurCodec | undefined,
  peers: Peer[],
  manifest: ManifestCase[],
): void {
  print(
    `## 2. Verdicts on the corpus (RFC 4475 torture tests + realistic messages, ${manifest.length} cases)`,
  );
  print();
  print(
    `- ${OURS}: checkMessage(exact bytes); a reject must also carry the status the manifest names, when it names one.\n` +
      '- Peers (string input): reject when the parse throws or returns nothing, when reading the fair-mode fields throws, ' +
      'or when Call-ID or the CSeq number read back empty; otherwise accept. Status codes are not compared for peers.\n' +
      '- "either" cases count as right for any verdict.',
  );
  print();

  interface Scored {
    name: string;
    right: number;
    accepted: number;
    wrong: string[];
  }
  const scores: Scored[] = [];
  const peerProblems = new Map<string, string[]>();

  // Ours: checkMessage.
  {
    const s: Scored = { name: `${OURS}, checkMessage`, right: 0, accepted: 0, wrong: [] };
    for (const c of manifest) {
      let r: CheckResult;
      try {
        r = ours.check(c.bytes);
      } catch (err) {
        s.wrong.push(`${c.file} (checkMessage threw ${errText(err)})`);
        continue;
      }
      if (r.verdict === 'accept') s.accepted++;
      let ok: boolean;
      if (c.expect === 'either') ok = true;
      else if (c.expect !== r.verdict) ok = false;
      else if (r.verdict === 'reject' && c.status !== undefined) ok = r.status === c.status;
      else ok = true;
      if (ok) s.right++;
      else {
        const got =
          r.verdict === 'accept' ? 'accept' : `reject ${r.status ?? '(no status)'}: ${r.reason}`;
        s.wrong.push(
          `${c.file} (expected ${c.expect}${c.status ? ' ' + c.status : ''}, got ${got})`,
        );
      }
    }
    scores.push(s);
  }

  const scoreWithRule = <I>(
    name: string,
    parse: (t: I) => unknown,
    fair: (t: I) => Fields | undefined,
    input: (c: ManifestCase) => I,
  ): Scored => {
    const s: Scored = { name, right: 0, accepted: 0, wrong: [] };
    const problems: string[] = [];
    for (const c of manifest) {
      const o = outcomeOf(parse, fair, input(c));
      if (o.verdict === 'accept') s.accepted++;
      else problems.push(`${c.file}: ${o.how}: ${o.detail}`);
      const ok = c.expect === 'either' || c.expect === o.verdict;
      if (ok) s.right++;
      else
        s.wrong.push(
          `${c.file} (expected ${c.expect}, got ${o.verdict}${o.verdict === 'reject' ? ', ' + o.how : ''})`,
        );
    }
    peerProblems.set(name, problems);
    return s;
  };

  for (const p of peers) {
    scores.push(
      scoreWithRule(
        p.name,
        (t: string) => p.parse(t),
        (t: string) => p.fair(t),
        (c) => c.text,
      ),
    );
  }
  const oursRule = scoreWithRule(
    `${OURS}, peer rule (parse + readCommonFields, no validation)`,
    (b: Uint8Array) => ours.parse(b),
    (b: Uint8Array) => ours.parseRead(b),
    (c) => c.bytes, // our codec reads a string as text (non-ASCII re-encoded as UTF-8): give it the bytes
  );

  table(
    ['parser', `right / ${manifest.length}`, 'accepted', 'rejected'],
    [...scores, oursRule].map((s) => [
      s.name,
      `${s.right} / ${manifest.length}`,
      String(s.accepted),
      String(manifest.length - s.accepted),
    ]),
    ['l', 'r', 'r', 'r'],
  );
  print();
  if (bundled) {
    const differ = manifest.filter((c) => {
      const a = ours.check(c.bytes);
      const b = bundled.check(c.bytes);
      return (
        a.verdict !== b.verdict ||
        (a.verdict === 'reject' && b.verdict === 'reject' && a.status !== b.status)
      );
    });
    print(
      differ.length === 0
        ? `${BUNDLED}: checkMessage gives the same verdicts and statuses on all ${manifest.length} cases.`
        : `**${BUNDLED} differs from ${OURS} on:** ${differ.map((c) => c.file).join(', ')}`,
    );
    print();
  }
  print('Wrong verdicts:');
  for (const s of [...scores, oursRule]) {
    print(`- **${s.name}** (${s.wrong.length}): ${s.wrong.length === 0 ? 'none' : ''}`);
    for (const w of s.wrong) print(`  - ${w}`);
  }
  print();
  print('Why each peer rejected what it rejected (throws, empty results):');
  for (const p of peers) {
    const problems = peerProblems.get(p.name) ?? [];
    print(`- **${p.name}** (${problems.length}): ${problems.length === 0 ? 'none' : ''}`);
    for (const pr of problems) print(`  - ${pr}`);
  }
  print();
}

// ---------------------------------------------------------------------------------------------
// Field cross-check (untimed): do the peers read the same values as our codec?

function fieldCrossCheck(ours: OurCodec, peers: Peer[], realistic: CorpusMessage[]): void {
  print('## Field cross-check on the realistic corpus (untimed)');
  print();
  print(
    `Each peer's eight fair-mode fields against ${OURS}'s readCommonFields, message by message.`,
  );
  print();
  const rows: string[][] = [];
  const details: string[] = [];
  for (const p of peers) {
    let same = 0;
    let differ = 0;
    let failed = 0;
    for (const m of realistic) {
      let a: Fields;
      let b: Fields | undefined;
      try {
        a = ours.parseRead(m.text);
      } catch {
        continue; // our codec fails on it: reported in section 1
      }
      if (a === undefined) continue;
      try {
        b = p.fair(m.text);
      } catch {
        b = undefined;
      }
      if (b === undefined) {
        failed++;
        continue;
      }
      const diffs: string[] = [];
      for (let i = 0; i < FIELD_NAMES.length; i++) {
        if (a[i] !== b[i])
          diffs.push(
            `${FIELD_NAMES[i]} ours=${JSON.stringify(a[i])} theirs=${JSON.stringify(b[i])}`,
          );
      }
      if (diffs.length === 0) same++;
      else {
        differ++;
        details.push(`- ${p.name}, ${m.file}: ${diffs.join('; ')}`);
      }
    }
    rows.push([p.name, String(same), String(differ), String(failed)]);
  }
  table(['peer', 'messages with all 8 fields equal', 'with differences', 'failed'], rows, [
    'l',
    'r',
    'r',
    'r',
  ]);
  print();
  if (details.length > 0) {
    print('Differences:');
    for (const d of details) print(d);
    print();
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Scaling

function fmtNs(x: number): string {
  return Number.isFinite(x) ? x.toFixed(2) : 'n/a';
}

/** Marginal ns per byte from 1 KB to 8 KB and from 8 KB to 64 KB. */
function marginal(perSize: Map<number, TaskResult | string>): [number, number] {
  const t = SIZES.map((size) => {
    const r = perSize.get(size);
    return typeof r === 'object' ? r.nsPerMessage : NaN;
  });
  return [(t[1]! - t[0]!) / (SIZES[1]! - SIZES[0]!), (t[2]! - t[1]!) / (SIZES[2]! - SIZES[1]!)];
}

interface ScalingResult {
  parser: string;
  shape: ScalingShape;
  perSize: Map<number, TaskResult | string>;
}

const SIZES = [1024, 8192, 65000];
const SHAPES: ScalingShape[] = ['many-vias', 'big-body'];

function scalingTest(
  ours: OurCodec,
  bundled: OurCodec | undefined,
  peers: Peer[],
  opts: Options,
): ScalingResult[] {
  print('## 3. Scaling with message size');
  print();
  print(
    'Valid INVITEs of exactly 1,024, 8,192 and 65,000 bytes (65,000 still fits one UDP datagram), in two shapes: ' +
      '**many-vias** (the size is made of Via header fields: 5, 82 and 677 of them, small SDP body) and ' +
      '**big-body** (the usual header fields, an SDP body of the rest, Content-Length matching). ' +
      `Fair mode for every parser (${OURS}: parse + validate + readCommonFields, string input); for ${OURS} also without validation and parse only. ` +
      'Each cell: µs per message (ns per byte). Linearity is judged by the marginal cost columns.',
  );
  print();

  const messages: ScalingMessage[] = [];
  for (const shape of SHAPES)
    for (const size of SIZES) messages.push(buildScalingMessage(shape, size));

  const problems: string[] = [];
  // Check every generated message with our checkMessage (they must be valid) and with every parser.
  for (const m of messages) {
    try {
      const r = ours.check(m.bytes);
      if (r.verdict !== 'accept')
        problems.push(`${OURS} checkMessage rejects ${m.file}: ${r.status ?? ''} ${r.reason}`);
    } catch (err) {
      problems.push(`${OURS} checkMessage threw on ${m.file}: ${errText(err)}`);
    }
  }

  // Fair mode for everyone; for our codec also without validation and parse only, to show where
  // any growth comes from.
  const parsers: {
    name: string;
    sink: 'fields' | 'object';
    fn: (t: string) => unknown;
  }[] = [
    { name: OURS, sink: 'fields', fn: (t) => ours.fair(t) },
    { name: `${OURS}, no validation`, sink: 'fields', fn: (t) => ours.parseRead(t) },
    { name: `${OURS}, parse only`, sink: 'object', fn: (t) => ours.parse(t) },
    ...(bundled
      ? [{ name: BUNDLED, sink: 'fields' as const, fn: (t: string) => bundled.fair(t) }]
      : []),
    ...peers.map((p) => ({ name: p.name, sink: 'fields' as const, fn: (t: string) => p.fair(t) })),
  ];
  const tasks: Task[] = [];
  const handled = new Map<string, string>();
  for (const p of parsers) {
    for (const m of messages) {
      const key = `${p.name}|${m.shape}|${m.size}`;
      let r: unknown;
      try {
        r = p.fn(m.text);
      } catch (err) {
        handled.set(key, `threw ${errText(err)}`);
        continue;
      }
      if (r === undefined || r === null) {
        handled.set(key, 'returned nothing');
        continue;
      }
      if (p.sink === 'fields') {
        const f = r as Fields;
        if (
          f[0] !== 'z9hG4bK776asdhds' ||
          f[4] !== 'a84b4c76e66710@pc33.atlanta.example.com' ||
          f[3] !== 314159
        ) {
          // Still timed, but noted: it did not read what the message says.
          problems.push(`${p.name} misreads ${m.file}: ${JSON.stringify(f)}`);
        }
      }
      tasks.push({ label: key, sink: p.sink, fn: (x) => p.fn(x as string), inputs: [m.text] });
    }
  }
  const results = runTasks(tasks, {
    warmupMs: Math.round(opts.warmupMs / 2),
    batchMs: opts.scalingBatchMs,
    rounds: opts.scalingRounds,
    onProgress: (msg) => progress(`scaling: ${msg}`),
  });
  progressDone();
  const byLabel = new Map(results.map((r) => [r.label, r]));

  const results2: ScalingResult[] = [];
  const rows: string[][] = [];
  for (const p of parsers) {
    for (const shape of SHAPES) {
      const perSize = new Map<number, TaskResult | string>();
      const cells: string[] = [];
      for (const size of SIZES) {
        const key = `${p.name}|${shape}|${size}`;
        const r = byLabel.get(key) ?? handled.get(key) ?? 'not run';
        perSize.set(size, r);
        cells.push(
          typeof r === 'string'
            ? `fails (${r.split(':')[0]})`
            : `${fmtUs(r.nsPerMessage)} µs (${(r.nsPerMessage / size).toFixed(2)} ns/B)`,
        );
      }
      const [m1, m2] = marginal(perSize);
      rows.push([
        p.name,
        shape,
        ...cells,
        fmtNs(m1),
        fmtNs(m2),
        !Number.isFinite(m1) || !Number.isFinite(m2)
          ? 'n/a'
          : m1 <= 0 || m2 < 0
            ? 'n/a (noise: negative marginal)'
            : (m2 / m1).toFixed(2),
      ]);
      results2.push({ parser: p.name, shape, perSize });
    }
  }
  table(
    ['parser', 'shape', '1 KB', '8 KB', '64 KB', 'ns per added byte 1→8 KB', '8→64 KB', 'ratio'],
    rows,
    ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
  print();
  print(
    '"ns per added byte" is the marginal cost, (time at the larger size − time at the smaller) ÷ (bytes added); ' +
      'it strips out the fixed per-message cost. Linear cost: the two marginal costs are equal (ratio ≈ 1); ' +
      'a ratio well above 1 means the cost per byte grows with the size (superlinear).',
  );
  print();
  const failures = [...handled.entries()].map(([k, v]) => `${k.replace(/\|/g, ' ')}: ${v}`);
  if (problems.length + failures.length > 0) {
    print('Notes:');
    for (const p of [...problems, ...failures]) print(`- ${p}`);
    print();
  }
  return results2;
}

// ---------------------------------------------------------------------------------------------
// 4. Summary

function summary(
  skipped: SkippedPeer[],
  scaling: ScalingResult[],
  bundledVariant: BundledVariant,
): void {
  print('## Summary');
  print();
  const { oursFair, bundledFair, peerFair } = lastThroughput;
  let fastest: { name: string; r: TaskResult } | undefined;
  for (const [name, r] of peerFair)
    if (!fastest || r.messagesPerSecond > fastest.r.messagesPerSecond) fastest = { name, r };

  const growths = scaling
    .filter((s) => s.parser === OURS || s.parser === BUNDLED)
    .map((s) => {
      const [m1, m2] = marginal(s.perSize);
      const big = s.perSize.get(SIZES[SIZES.length - 1]!);
      return Number.isFinite(m1) && Number.isFinite(m2) && typeof big === 'object'
        ? `${s.parser}, ${s.shape}: ${fmtUs(big.nsPerMessage)} µs at 64 KB, marginal cost ${fmtNs(m1)} ns/B (1→8 KB) and ${fmtNs(m2)} ns/B (8→64 KB), ` +
            (m1 <= 0 || m2 < 0
              ? 'marginal costs too small to tell from the noise of this run'
              : m2 / m1 <= 1.5
                ? 'linear within the noise of this run'
                : `${(m2 / m1).toFixed(2)}x higher per byte for the larger messages: superlinear, or noise (compare the rows without validation and parse only)`)
        : `${s.parser}, ${s.shape}: not measured`;
    });

  let verdict: string;
  if (!oursFair) {
    verdict = `${OURS} could not be timed in fair mode, so the target cannot be judged.`;
  } else if (!fastest) {
    verdict = 'No peer could be timed, so the target cannot be judged.';
  } else {
    const ratio = oursFair.messagesPerSecond / fastest.r.messagesPerSecond;
    const ratioB = bundledFair ? bundledFair.messagesPerSecond / fastest.r.messagesPerSecond : NaN;
    const met = ratio >= 2;
    const metB = ratioB >= 2;
    const judged = !bundledFair
      ? (met ? '**met**' : '**not met**') +
        ` (the bundled build was not measured: ${'skipped' in bundledVariant ? bundledVariant.skipped : 'no result'})`
      : met && metB
        ? '**met** either way'
        : !met && !metB
          ? '**not met**, either way'
          : metB
            ? `**met by the bundled build** (the form the app ships in, and the form the peers run in: plain JavaScript), but not by the codec as tsx loads it`
            : '**met only as loaded by tsx**, not by the bundled build';
    verdict =
      `In fair mode (parse + full validation + reading the eight common fields) on the realistic corpus, ` +
      `${OURS} as loaded by tsx handles ${fmtRate(oursFair.messagesPerSecond)} messages/s` +
      (bundledFair
        ? ` and the bundled build ${fmtRate(bundledFair.messagesPerSecond)} messages/s`
        : '') +
      `; the fastest peer in fair mode is ${fastest.name} at ${fmtRate(fastest.r.messagesPerSecond)} messages/s ` +
      `(its parse plus its own field reads, no validation). Ours is ${fmtRatio(ratio)} of it` +
      (bundledFair ? ` (${fmtRatio(ratioB)} bundled)` : '') +
      `, so the target of at least 2x the fastest peer is ${judged}.`;
  }
  const others = [...peerFair.entries()]
    .filter(([name]) => name !== fastest?.name)
    .map(([name, r]) => `${name} ${fmtRate(r.messagesPerSecond)}/s`)
    .join(', ');
  print(
    `${verdict}${others ? ` Other peers in fair mode: ${others}.` : ''} ` +
      `Scaling (fair mode): ${growths.join('; ')}.` +
      (skipped.length > 0
        ? ` Skipped peers: ${skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}.`
        : '') +
      (peerFair.size === 0 ? ' No peer could be timed.' : ''),
  );
}
