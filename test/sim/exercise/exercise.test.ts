/**
 * The exercise checker against the real elements: for every exercise and 20 seeds, the message the
 * real element sends is accepted as it is and rewritten (header order, case, compact forms, folding,
 * spacing, list headers on one line — all the same message by RFC 3261 §7.3); single changes that
 * break a rule are each rejected, naming the part changed.
 */
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '@/sim/network';
import {
  attempt,
  check,
  listExercises,
  solve,
  situation,
  wireAsText,
  ExerciseError,
  type CheckResult,
} from '@/sim/exercise';
import { REWRITES, mutations } from './rewrites';

const SEEDS = Array.from({ length: 20 }, (_, i) => i * 7919 + 3);
const EXERCISES = listExercises();

function failures(r: CheckResult): string[] {
  if (!r.parsed) return [`parse error: ${r.error.message}`];
  return r.findings
    .filter((f) => f.verdict !== 'right')
    .map((f) => `${f.part} ${f.verdict}: expected ${f.expected}, got ${f.got}`);
}

describe('the exercise set', () => {
  it('has at least twelve exercises, with unique ids, each linked to a lesson', () => {
    expect(EXERCISES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(EXERCISES.map((e) => e.id)).size).toBe(EXERCISES.length);
    for (const e of EXERCISES) expect(e.lesson).toMatch(/^[a-z-]+$/);
  });

  it('covers the messages the issue asks for', () => {
    const ids = EXERCISES.map((e) => e.id);
    for (const id of [
      'register',
      'register-digest',
      'uas-ringing',
      'uas-ok',
      'ack-2xx',
      'ack-486',
      'cancel',
      'bye-route',
      'stateless-invite',
      'stateful-invite',
      'proxy-response',
      'registrar-ok',
      'redirect-302',
      'notify',
    ])
      expect(ids).toContain(id);
  });

  it('draws different values for different seeds, the same for the same seed', () => {
    for (const e of EXERCISES) {
      expect(solve(e.id, 1)).toBe(solve(e.id, 1));
      expect(solve(e.id, 1)).not.toBe(solve(e.id, 2));
    }
  });

  it('refuses an unknown exercise and a bad seed with an ExerciseError that says why', () => {
    expect(() => situation('no-such', 1)).toThrow(ExerciseError);
    expect(() => situation('no-such', 1)).toThrow(/There is no exercise "no-such"/);
    expect(() => situation('register', -1)).toThrow(/not a whole number/);
    expect(() => situation('register', 1.5)).toThrow(ExerciseError);
  });
});

describe.each(EXERCISES.map((e) => [e.id]))('%s', (id) => {
  it('accepts the real element’s message, as it is and rewritten, for 20 seeds', () => {
    for (const seed of SEEDS) {
      const text = wireAsText(solve(id, seed));
      expect(failures(check(id, seed, text)), `seed ${seed}`).toEqual([]);
      const rng = new SeededRandom(`rewrite ${id} ${seed}`);
      for (const [name, rewrite] of Object.entries(REWRITES)) {
        const other = rewrite(text, rng);
        if (name !== 'joinLists') expect(other, name).not.toBe(text);
        expect(failures(check(id, seed, other)), `seed ${seed}, ${name}:\n${other}`).toEqual([]);
      }
    }
  });

  it('rejects each single change, naming the part changed', () => {
    for (const seed of SEEDS.slice(0, 5)) {
      const a = attempt(id, seed);
      const list = mutations(a);
      expect(list.length).toBeGreaterThanOrEqual(8);
      for (const m of list) {
        const r = check(id, seed, m.text);
        expect(r.correct, `seed ${seed}: ${m.name}\n${m.text}`).toBe(false);
        const named = r.parsed
          ? r.findings.filter((f) => f.verdict !== 'right').map((f) => f.part)
          : [r.error.header ?? ''];
        expect(
          named.some((p) => m.parts.some((want) => p.toLowerCase().startsWith(want.toLowerCase()))),
          `seed ${seed}: ${m.name} should name ${m.parts.join(' or ')}, named ${named.join(', ')}`,
        ).toBe(true);
      }
    }
  });
});
