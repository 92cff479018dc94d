/**
 * Sharing a lab in a URL fragment: encode and decode give the same lab back; a damaged or hostile
 * fragment (changed characters, cut short, not deflate data, a document that inflates beyond the
 * size limit, an invalid lab) gives a LabError, never a crash.
 */
import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  LabError,
  base64UrlDecode,
  base64UrlEncode,
  decodeLab,
  encodeLab,
  labHash,
  sealLab,
} from '../../../sim/lab';
import { BUILTIN_LABS } from '../../../sim/lab/builtin';
import { labIssues, smallLab } from './helpers';

const labs = [...BUILTIN_LABS.values()];

describe('encode / decode', () => {
  it.each(labs.map((l) => [l.id, l] as const))(
    '%s: round trip gives the sealed lab, with the same hash',
    (_id, lab) => {
      const fragment = encodeLab(lab);
      expect(fragment).toMatch(/^[A-Za-z0-9_-]+$/);
      const back = decodeLab(fragment);
      expect(back).toEqual(sealLab(lab));
      expect(labHash(back)).toBe(labHash(lab));
    },
  );

  it('takes a whole link or a fragment with its "#"', () => {
    const lab = labs[0]!;
    const fragment = encodeLab(lab);
    expect(decodeLab(`https://example.org/labs/play#${fragment}`)).toEqual(sealLab(lab));
    expect(decodeLab(`#${fragment}`)).toEqual(sealLab(lab));
  });

  it('base64url round trip for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect([...base64UrlDecode(base64UrlEncode(bytes))]).toEqual([...bytes]);
      }),
    );
  });
});

describe('a tampered fragment gives a LabError, not a crash', () => {
  const fragment = encodeLab(labs[0]!);

  it('a character outside base64url', () => {
    const issues = labIssues(() => decodeLab(fragment.slice(0, 10) + '!' + fragment.slice(11)));
    expect(issues[0]?.message).toMatch(/"!" at position 11 is not a base64url character/);
  });

  it('cut short', () => {
    for (const n of [1, 5, Math.floor(fragment.length / 2), fragment.length - 3])
      expect(() => decodeLab(fragment.slice(0, n))).toThrow(LabError);
  });

  it('empty', () => {
    expect(labIssues(() => decodeLab('#'))[0]?.message).toMatch(/no lab in it/);
  });

  it('any changed characters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(fragment.length - 1), fc.constantFrom(...'Aa0-_zQ9'.split(''))), {
          minLength: 1,
          maxLength: 4,
        }),
        (edits) => {
          const chars = fragment.split('');
          for (const [i, c] of edits) chars[i] = c;
          try {
            decodeLab(chars.join(''));
          } catch (e) {
            expect(e).toBeInstanceOf(LabError);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('data that inflates beyond the size limit is stopped', () => {
    const bomb = base64UrlEncode(deflateSync(strToU8(' '.repeat(20 * 1024 * 1024)), { level: 9 }));
    expect(bomb.length).toBeLessThan(40_000);
    expect(labIssues(() => decodeLab(bomb))[0]?.message).toMatch(/larger than 200\.0 KB/);
  });

  it('valid JSON that is not a valid lab: the path of the bad field', () => {
    const doc = smallLab();
    (doc.scenario as { elements: { kind: string }[] }).elements[2]!.kind = 'router';
    const link = base64UrlEncode(deflateSync(strToU8(JSON.stringify(doc))));
    expect(labIssues(() => decodeLab(link)).map((i) => i.path)).toContain(
      'scenario.elements[2].kind',
    );
  });

  it('not JSON', () => {
    const link = base64UrlEncode(deflateSync(strToU8('<script>alert(1)</script>')));
    expect(labIssues(() => decodeLab(link))[0]?.message).toMatch(/not valid JSON/);
  });

  it('too long a fragment', () => {
    expect(labIssues(() => decodeLab('A'.repeat(500_000)))[0]?.message).toMatch(/at most 400000/);
  });
});
