/** The seeded generator (sfc32): the same seed gives the same numbers, tags and losses, every time. */
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../sim/network';

const sample = (r: SeededRandom, n = 20) => Array.from({ length: n }, () => r.next());

describe('SeededRandom', () => {
  it('repeats its sequence for the same seed, number or string', () => {
    expect(sample(new SeededRandom(7))).toEqual(sample(new SeededRandom(7)));
    expect(sample(new SeededRandom('lesson-3'))).toEqual(sample(new SeededRandom('lesson-3')));
    // A seed is read as text: 7 and "7" are the same seed.
    expect(sample(new SeededRandom(7))).toEqual(sample(new SeededRandom('7')));
  });

  it('gives other sequences for other seeds', () => {
    expect(sample(new SeededRandom(1))).not.toEqual(sample(new SeededRandom(2)));
    expect(sample(new SeededRandom('a'))).not.toEqual(sample(new SeededRandom('b')));
  });

  it('draws floats in [0, 1) and integers in [0, n)', () => {
    const r = new SeededRandom(3);
    for (let i = 0; i < 2000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const k = r.int(6);
      expect(Number.isInteger(k) && k >= 0 && k < 6).toBe(true);
    }
  });

  it('chance(0) is never true, chance(1) always', () => {
    const r = new SeededRandom(4);
    const draws = Array.from({ length: 200 }, () => [r.chance(0), r.chance(1)]);
    expect(draws.every(([never, always]) => !never && always)).toBe(true);
  });

  it('makes tokens of lower-case letters and digits, as tags and branches need', () => {
    const a = new SeededRandom(5);
    const b = new SeededRandom(5);
    const token = a.token(10);
    expect(token).toMatch(/^[a-z0-9]{10}$/);
    expect(b.token(10)).toBe(token);
    expect(a.token(10)).not.toBe(token);
  });
});
