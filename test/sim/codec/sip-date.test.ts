// Date (RFC 3261 §20.17): the character-by-character reader agrees with the rfc1123-date pattern.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { ValueParseError } from '../../../sim/codec/errors';
import { parseDate } from '../../../sim/codec/sip-date';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The reading the codec had before, by a regular expression: the reference. */
function referenceDate(value: string): number | string {
  const m =
    /^[ \t]*([A-Z][a-z]{2}), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT[ \t]*$/.exec(
      value,
    );
  if (!m) return 'malformed Date';
  const [, day, dd, mon, yyyy, hh, mi, ss] = m as unknown as string[];
  const month = MONTHS.indexOf(mon!);
  if (!DAYS.includes(day!) || month < 0) return 'unknown day or month name in Date';
  const t = Date.UTC(Number(yyyy), month, Number(dd), Number(hh), Number(mi), Number(ss));
  const check = new Date(t);
  if (check.getUTCDate() !== Number(dd) || Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 60)
    return 'Date names a day or time that does not exist';
  if (DAYS[check.getUTCDay()] !== day) return `${dd} ${mon} ${yyyy} is not a ${day}`;
  return t;
}

function outcome(value: string): number | string {
  try {
    return parseDate(value);
  } catch (e) {
    if (e instanceof ValueParseError) return e.problem;
    throw e;
  }
}

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
const twoDigits = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
const ws = fc.string({ unit: pick([' ', '\t']), maxLength: 2 });

/** Dates mostly well formed, some with a day, month, digit or separator off, and random damage. */
const dateText = fc
  .tuple(
    ws,
    pick([...DAYS, 'sun', 'Xyz', 'Mo']),
    pick([', ', ',', ' ,']),
    twoDigits,
    pick([...MONTHS, 'jan', 'Foo']),
    fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
    twoDigits,
    twoDigits,
    twoDigits,
    pick([' GMT', ' EST', 'GMT', ' GMT ', ' GMT\t\t', ' GMTx']),
    ws,
  )
  .map(([a, day, comma, dd, mon, y, hh, mi, ss, gmt, z]) =>
    [a, day, comma, dd, ' ', mon, ' ', y, ' ', hh, ':', mi, ':', ss, gmt, z].join(''),
  );
/** Real days (right day name) at times near the edges: hour 23 or 24, minute 59 or 60, second 59 to 61. */
const realDay = fc
  .tuple(
    fc.integer({ min: -2_000_000_000, max: 4_000_000_000 }),
    fc.integer({ min: 22, max: 24 }),
    fc.integer({ min: 58, max: 60 }),
    fc.integer({ min: 58, max: 61 }),
  )
  .map(([seconds, hh, mi, ss]) => {
    const d = new Date(seconds * 1000);
    const two = (n: number): string => String(n).padStart(2, '0');
    return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(hh)}:${two(mi)}:${two(ss)} GMT`;
  });
const damaged = fc
  .tuple(dateText, fc.nat(), fc.string({ minLength: 1, maxLength: 1 }))
  .map(([s, at, c]) => s.slice(0, at % (s.length + 1)) + c + s.slice((at % (s.length + 1)) + 1));

describe('parseDate (RFC 3261 §20.17)', () => {
  it('gives the reference reading of every date, well formed or not', () => {
    fc.assert(
      fc.property(fc.oneof(dateText, realDay, damaged, fc.string()), (v) => {
        expect(outcome(v)).toEqual(referenceDate(v));
      }),
      { seed: 2017, numRuns: 3000 },
    );
  });

  it('reads valid dates, a leap day among them', () => {
    expect(parseDate('  Thu, 29 Feb 2024 00:00:00 GMT\t')).toBe(Date.UTC(2024, 1, 29));
    expect(outcome('Thu, 29 Feb 2023 00:00:00 GMT')).toBe(
      'Date names a day or time that does not exist',
    );
  });
});
