/**
 * The lessons as data: every embedded simulation names an existing scenario, every "predict the next
 * message" has its right answer among the choices as the simulation itself decides, every quiz has a
 * right answer and feedback on each option, and every glossary link resolves.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, Simulation } from '@/sim/scenario';
import {
  findEvent,
  labelMatches,
  messageLabel,
  nextMessageAfter,
  type EventMatcher,
} from '@/sim/session';
import glossary from '@/content/glossary.json';

const dir = join(__dirname, '..', '..', 'content', 'lessons');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.mdx'))
  .sort();
const glossaryIds = new Set((glossary as { id: string }[]).map((g) => g.id));

/** Reads a JS object or array literal of the lesson source (the lessons' props are plain data literals). */
function literal(text: string): unknown {
  return new Function(`return (${text});`)() as unknown;
}

function prop(block: string, name: string): string | undefined {
  const m = new RegExp(`${name}="([^"]*)"`).exec(block);
  return m?.[1];
}

function braced(block: string, name: string): unknown {
  const start = block.indexOf(`${name}={`);
  if (start < 0) return undefined;
  let depth = 0;
  let i = start + name.length + 1;
  const from = i + 1;
  for (; i < block.length; i++) {
    if (block[i] === '{') depth++;
    else if (block[i] === '}' && --depth === 0) break;
  }
  return literal(block.slice(from, i));
}

function components(src: string, name: string): string[] {
  return [...src.matchAll(new RegExp(`<${name}\\b[\\s\\S]*?/>`, 'g'))].map((m) => m[0]);
}

const traces = new Map<string, Simulation['trace']>();
function traceOf(name: string): Simulation['trace'] {
  let t = traces.get(name);
  if (!t) {
    const sim = new Simulation(structuredClone(BUILTIN_SCENARIOS.get(name)!));
    sim.run();
    t = sim.trace;
    traces.set(name, t);
  }
  return t;
}

describe('lessons', () => {
  it('make the course: 17 lessons in order', () => {
    expect(files).toHaveLength(17);
    files.forEach((f, i) => expect(f.startsWith(String(i + 1).padStart(2, '0'))).toBe(true));
  });

  const allQuizIds = new Set<string>();
  for (const file of files) {
    describe(file, () => {
      const src = readFileSync(join(dir, file), 'utf8');

      it('has its metadata', () => {
        const meta = literal(/export const meta = (\{[\s\S]*?\});/.exec(src)![1]!) as {
          title: string;
          slug: string;
          order: number;
          summary: string;
        };
        expect(meta.title.length).toBeGreaterThan(0);
        expect(meta.slug).toMatch(/^[a-z0-9-]+$/);
        expect(file).toContain(meta.slug);
        expect(meta.summary.length).toBeGreaterThan(10);
      });

      it('embeds at least one simulation of an existing scenario', () => {
        const sims = components(src, 'Simulator');
        expect(sims.length).toBeGreaterThan(0);
        for (const s of sims) {
          const name = prop(s, 'scenario');
          expect(name, s).toBeDefined();
          expect(BUILTIN_SCENARIOS.has(name!), `unknown scenario ${name}`).toBe(true);
          expect(
            prop(s, 'task'),
            'every simulation gives the student something to do',
          ).toBeDefined();
        }
      });

      it('ends with a self-check whose quizzes each have a right answer and feedback on every option', () => {
        expect(src).toMatch(/## Check yourself/);
        const quizzes = components(src, 'Quiz');
        expect(quizzes.length).toBeGreaterThanOrEqual(2);
        for (const q of quizzes) {
          const id = prop(q, 'id')!;
          expect(allQuizIds.has(id), `duplicate quiz id ${id}`).toBe(false);
          allQuizIds.add(id);
          const options = braced(q, 'options') as {
            text: string;
            correct?: boolean;
            feedback: string;
          }[];
          expect(options.filter((o) => o.correct).length).toBeGreaterThanOrEqual(1);
          for (const o of options) expect(o.feedback.length).toBeGreaterThan(10);
        }
      });

      it('predictions have their right answer among the choices, as the simulation decides', () => {
        for (const p of components(src, 'PredictNext')) {
          const scenario = prop(p, 'scenario')!;
          expect(BUILTIN_SCENARIOS.has(scenario)).toBe(true);
          const after = braced(p, 'after') as EventMatcher;
          const choices = braced(p, 'choices') as string[];
          const trace = traceOf(scenario);
          const moment = findEvent(trace, after);
          expect(moment, `${scenario} never reaches ${JSON.stringify(after)}`).toBeDefined();
          const next = nextMessageAfter(trace, moment!.id);
          expect(next).toBeDefined();
          const right = choices.filter((c) => labelMatches(c, next!));
          expect(
            right,
            `the simulation sends ${messageLabel(next!)}; choices ${choices.join(', ')}`,
          ).toHaveLength(1);
          // After the first pick the student is told why: the answer's reason, and for a wrong
          // pick why it is not next.
          const why = prop(p, 'why');
          expect(why, `${prop(p, 'id')} says why its answer is next`).toBeDefined();
          expect(why!.length).toBeGreaterThan(40);
          const whyNot = (braced(p, 'whyNot') ?? {}) as Record<string, string>;
          for (const choice of Object.keys(whyNot)) {
            expect(choices, `whyNot names a choice: ${choice}`).toContain(choice);
            expect(labelMatches(choice, next!), `whyNot explains a wrong choice: ${choice}`).toBe(
              false,
            );
          }
        }
      });

      it('starts no quiz feedback with the word the quiz already says (Right. / Not quite.)', () => {
        for (const q of components(src, 'Quiz')) {
          const options = braced(q, 'options') as { correct?: boolean; feedback: string }[];
          for (const o of options) {
            const opening = o.correct ? /^(Right|Correct|Yes)[.,!]/ : /^(Not quite|No|Wrong)[.,!]/;
            expect(o.feedback, o.feedback).not.toMatch(opening);
          }
        }
      });

      it('links only to glossary terms that exist', () => {
        for (const m of src.matchAll(/<Term id="([^"]+)"/g))
          expect(glossaryIds.has(m[1]!), m[1]).toBe(true);
      });
    });
  }
});
