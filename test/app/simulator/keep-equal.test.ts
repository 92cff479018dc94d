import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keepEqual } from '@/app/components/simulator/keep-equal';

const data = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 3 }),
    fc.integer({ min: -3, max: 3 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('id', 'a', 'b', 'c'), tie('value'), {
      maxKeys: 4,
      noNullPrototype: true,
    }),
  ),
})).value;

describe('keepEqual', () => {
  it('returns a value equal to the new one, and the old one itself when they are equal', () => {
    fc.assert(
      fc.property(data, data, (a, b) => {
        const out = keepEqual(a, b);
        expect(out).toStrictEqual(b);
        if (JSON.stringify(a) === JSON.stringify(b)) expect(out).toBe(a);
      }),
      { seed: 20261205, numRuns: 500 },
    );
  });

  it('keeps unchanged parts and replaces changed ones', () => {
    const before = {
      time: 1,
      elements: [
        { name: 'alice', transactions: [{ id: 't1', state: 'Calling' }], dialogs: [] },
        { name: 'bob', transactions: [], dialogs: [{ id: 'd1', state: 'Early' }] },
      ],
    };
    const after = structuredClone(before);
    after.time = 2;
    after.elements[0]!.transactions[0]!.state = 'Proceeding';
    const out = keepEqual(before, after);
    expect(out).not.toBe(before);
    expect(out.time).toBe(2);
    expect(out.elements[1]).toBe(before.elements[1]);
    expect(out.elements[0]).not.toBe(before.elements[0]);
    expect(out.elements[0]!.dialogs).toBe(before.elements[0]!.dialogs);
    expect(out.elements[0]!.transactions[0]!.state).toBe('Proceeding');
  });

  it('matches list items by id when the oldest one has gone', () => {
    const before = [
      { id: 1, s: 'x' },
      { id: 2, s: 'y' },
      { id: 3, s: 'z' },
    ];
    const after = structuredClone(before.slice(1));
    const out = keepEqual(before, after);
    expect(out[0]).toBe(before[1]);
    expect(out[1]).toBe(before[2]);
    expect(out).toHaveLength(2);
  });
});
