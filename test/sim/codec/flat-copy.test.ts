import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatCopy } from '../../../sim/codec';

describe('flatCopy', () => {
  it('returns the same text, for slices of a longer string too', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), (a, b) => {
        const whole = `${a}${b}\u00e9\r\n`;
        expect(flatCopy(whole.slice(a.length))).toBe(`${b}\u00e9\r\n`);
        expect(flatCopy(a)).toBe(a);
      }),
      { seed: 14, numRuns: 200 },
    );
  });
});
