/**
 * Per-student parameters: a lab may write `{{name}}` in the strings of its scenario, tasks, checks and
 * solution; each student gets values drawn from a seed made from their name or id (the simulation's
 * SeededRandom, so the same student always gets the same values and two students almost never share
 * them). Values are substituted after the lab is validated; a string that is exactly one placeholder of
 * a `port` or `number` parameter becomes a number, so `"port": "{{sipPort}}"` works in the scenario.
 */
import { z } from 'zod';
import { SeededRandom } from '../network';

export const parameterSchema = z
  .object({
    name: z
      .string()
      .regex(
        /^[A-Za-z][A-Za-z0-9_]{0,31}$/,
        'a parameter name of letters, digits or "_" (at most 32), starting with a letter',
      ),
    kind: z.enum(['user', 'password', 'port', 'domain', 'number']),
    /** What the value is, for the student ("your SIP user name"). */
    label: z.string().max(120).optional(),
    /** Draw from these values instead (user, domain, number, port). */
    choices: z
      .array(z.union([z.string().min(1).max(64), z.number().int()]))
      .min(1)
      .max(100)
      .optional(),
    /** Range of a number or port (inclusive). */
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    /** Length of a password (default 10). */
    length: z.number().int().min(4).max(32).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.min !== undefined && p.max !== undefined && p.min > p.max)
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'max is below min' });
    if (p.kind === 'port') {
      if (p.min !== undefined && (p.min < 1 || p.min > 65535))
        ctx.addIssue({ code: 'custom', path: ['min'], message: 'a port is 1 to 65535' });
      if (p.max !== undefined && (p.max < 1 || p.max > 65535))
        ctx.addIssue({ code: 'custom', path: ['max'], message: 'a port is 1 to 65535' });
    }
    if (p.choices && (p.kind === 'port' || p.kind === 'number')) {
      p.choices.forEach((c, i) => {
        if (typeof c !== 'number')
          ctx.addIssue({
            code: 'custom',
            path: ['choices', i],
            message: `a ${p.kind} parameter chooses among numbers`,
          });
      });
    }
    if (p.choices && p.kind === 'password')
      ctx.addIssue({
        code: 'custom',
        path: ['choices'],
        message: 'a password is drawn at random; give it a length instead of choices',
      });
  });

export type LabParameter = z.output<typeof parameterSchema>;
export type ParameterValues = Readonly<Record<string, string | number>>;

/** First names for `user` parameters (with two digits added, e.g. "carol42"). */
const NAMES = [
  'alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy',
  'mallory', 'niaj', 'olivia', 'peggy', 'rupert', 'sybil', 'trent', 'victor', 'walter', 'yara',
  'amir', 'bea', 'chen', 'dara', 'emeka', 'fatou', 'goran', 'hana', 'ines', 'jun',
  'kofi', 'lena', 'mateo', 'noor', 'oskar', 'priya', 'quinn', 'rosa', 'sami', 'tomas',
]; // prettier-ignore
const WORDS = [
  'atlas', 'birch', 'cobalt', 'delta', 'ember', 'fjord', 'granite', 'harbor', 'iris', 'juniper',
  'kestrel', 'lagoon', 'maple', 'nimbus', 'onyx', 'pebble', 'quartz', 'raven', 'summit', 'tundra',
]; // prettier-ignore
const TLDS = ['com', 'org', 'net'];

/** The seed a student's parameters are drawn from: the lab's id and the student's name or id. */
export function paramSeedFor(labId: string, student: string): string {
  return `${labId}/${student.trim().toLowerCase().replace(/\s+/g, ' ')}`;
}

function pick<T>(rng: SeededRandom, list: readonly T[]): T {
  return list[rng.int(list.length)]!;
}

function drawOne(p: LabParameter, rng: SeededRandom): string | number {
  if (p.choices) return pick(rng, p.choices);
  switch (p.kind) {
    case 'user':
      return `${pick(rng, NAMES)}${10 + rng.int(90)}`;
    case 'password':
      return rng.token(p.length ?? 10);
    case 'domain':
      return `${pick(rng, WORDS)}${10 + rng.int(90)}.example.${pick(rng, TLDS)}`;
    case 'port': {
      // Not 5060: a lab asks for a port so the student has to read it.
      const min = p.min ?? 5061;
      const max = p.max ?? 5999;
      for (;;) {
        const v = min + rng.int(max - min + 1);
        if (v !== 5060 || min === max) return v;
      }
    }
    case 'number': {
      const min = p.min ?? 1;
      const max = p.max ?? 100;
      return min + rng.int(max - min + 1);
    }
  }
}

/**
 * Each parameter's value for a seed. Each parameter has its own generator (seeded with the seed and its
 * name), so adding a parameter to a lab does not change the others' values.
 */
export function drawParameters(
  parameters: readonly LabParameter[] | undefined,
  seed: string,
): ParameterValues {
  const out: Record<string, string | number> = {};
  for (const p of parameters ?? []) out[p.name] = drawOne(p, new SeededRandom(`${seed}#${p.name}`));
  return out;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;
const ONLY_PLACEHOLDER = /^\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}$/;

/** Every placeholder in a JSON value, with the path of the string it is in. */
export function findPlaceholders(
  value: unknown,
  path: (string | number)[] = [],
): { name: string; path: (string | number)[] }[] {
  const found: { name: string; path: (string | number)[] }[] = [];
  const walk = (v: unknown, p: (string | number)[]): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(PLACEHOLDER)) found.push({ name: m[1]!, path: p });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
  };
  walk(value, path);
  return found;
}

/** A copy of a JSON value with every placeholder replaced by its value (unknown names stay as they are). */
export function substitute<T>(value: T, values: ParameterValues): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const only = ONLY_PLACEHOLDER.exec(v);
      if (only) {
        const x = values[only[1]!];
        if (x !== undefined) return x;
      }
      return v.replace(PLACEHOLDER, (whole, name: string) => {
        const x = values[name];
        return x === undefined ? whole : String(x);
      });
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
