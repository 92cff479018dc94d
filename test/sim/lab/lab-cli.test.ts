/**
 * `sip lab validate | solve | grade | submission | share` (cli/commands/lab.ts), run in-process on files
 * in a temporary directory: output lines and exit statuses as the usage text states them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labCommand } from '../../../cli/commands/lab';
import { GRADE_CSV_COLUMNS, gradeCsv, gradeSubmissionText } from '../../../sim/lab';
import { BUILTIN_LABS } from '../../../sim/lab/builtin';
import { smallLab } from './helpers';

const LABS = join(__dirname, '../../../content/labs');
let dir = '';

function sip(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = labCommand(
    args,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sip-lab-'));
  writeFileSync(join(dir, 'good.json'), JSON.stringify(smallLab()));
  const bad = smallLab();
  (bad.scenario as { elements: { kind: string }[] }).elements[2]!.kind = 'router';
  writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
  writeFileSync(join(dir, 'cut.json'), JSON.stringify(smallLab()).slice(0, 100));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lab validate', () => {
  it('one JSON line per file; exit 1 when any is invalid', () => {
    const r = sip(
      'validate',
      join(dir, 'good.json'),
      join(dir, 'bad.json'),
      join(dir, 'cut.json'),
      join(dir, 'none.json'),
    );
    expect(r.code).toBe(1);
    const lines = r.out.map(
      (l) =>
        JSON.parse(l) as {
          file: string;
          valid: boolean;
          errors?: { path: string; message: string }[];
        },
    );
    expect(lines.map((l) => l.valid)).toEqual([true, false, false, false]);
    expect(lines[0]).toEqual({ file: join(dir, 'good.json'), valid: true });
    expect(lines[1]?.errors?.map((e) => e.path)).toContain('scenario.elements[2].kind');
    expect(lines[2]?.errors?.[0]).toMatchObject({
      path: '',
      message: expect.stringMatching(/not valid JSON/),
    });
    expect(lines[3]?.errors?.[0]?.message).toMatch(/Cannot read the file/);
  });

  it('exit 0 for the built-in labs', () => {
    const r = sip(
      'validate',
      ...['record-route', 'lost-message'].map((f) => join(LABS, `${f}.json`)),
    );
    expect(r.code).toBe(0);
  });
});

describe('lab solve', () => {
  it('--json with the solution: every check passes, exit 0', () => {
    const r = sip('solve', join(LABS, 'record-route.json'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out[0]!)).toEqual({
      lab: 'record-route',
      checks: [
        { id: 'rr-on', passed: true, points: 1 },
        { id: 'ok-has-rr', passed: true, points: 1 },
        { id: 'bye-route', passed: true, points: 1 },
        { id: 'bye-via-proxy', passed: true, points: 2 },
      ],
      score: 5,
      max: 5,
    });
  });

  it('--without-solution: exit 1; the human output says Passed / Not passed and why', () => {
    const r = sip('solve', 'record-route', '--without-solution');
    expect(r.code).toBe(1);
    const text = r.out.join('\n');
    expect(text).toMatch(/Not passed\s+0\/1\s+rr-on: the proxy record-routes/);
    expect(text).toMatch(/proxy's recordRoute is false, not true/);
    expect(text).toMatch(/Score: 0\/5/);
  });

  it('a lab that is not one: exit 2 with its problems', () => {
    const r = sip('solve', join(dir, 'bad.json'));
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(
      /Element registrar: Kind: “router” is not a kind of element\. Choose the kind of element: user agent, /,
    );
  });
});

describe('lab grade', () => {
  it('a row per student and check, ERROR rows for bad submissions, the rest still graded', () => {
    const make = (student: string, ...flags: string[]) => {
      const r = sip('submission', 'register-digest', student, ...flags);
      expect(r.code).toBe(0);
      return JSON.parse(r.out.join('\n')) as Record<string, unknown>;
    };
    const ana = make('Ana Lopez');
    const ben = make('Ben Okafor', '--without-solution');
    writeFileSync(join(dir, 'ana.json'), JSON.stringify(ana));
    writeFileSync(join(dir, 'ben.json'), JSON.stringify(ben));
    writeFileSync(
      join(dir, 'eve.json'),
      JSON.stringify({ ...ana, student: 'Eve', labHash: '0'.repeat(64) }),
    );
    writeFileSync(join(dir, 'mal.json'), '{"version": 1, "labId": "register-digest"}');
    writeFileSync(join(dir, 'claim.json'), JSON.stringify({ ...ben, claimedScore: 6 }));
    const files = ['ana', 'eve', 'ben', 'mal', 'claim'].map((f) => join(dir, `${f}.json`));
    const r = sip('grade', join(LABS, 'register-digest.json'), ...files, '--csv');
    expect(r.code).toBe(1);
    expect(r.out[0]).toBe('file,student,check,passed,points,max,message');
    const rows = r.out.slice(1).map((l) => l.split(','));
    const total = (file: string) => rows.find((x) => x[0] === join(dir, file) && x[2] === 'TOTAL');
    expect(total('ana.json')?.slice(3, 6)).toEqual(['Passed', '6', '6']);
    expect(total('ben.json')?.slice(3, 6)).toEqual(['Not passed', '0', '6']);
    expect(total('claim.json')?.slice(3, 6)).toEqual(['Not passed', '0', '6']);
    expect(r.out.find((l) => l.startsWith(join(dir, 'claim.json')) && l.includes('TOTAL'))).toMatch(
      /claims 6/,
    );
    const errors = rows.filter((x) => x[2] === 'ERROR').map((x) => [x[0], x[1]]);
    expect(errors).toEqual([
      [join(dir, 'eve.json'), 'Eve'],
      [join(dir, 'mal.json'), ''],
    ]);
    expect(rows.filter((x) => x[0] === join(dir, 'ana.json'))).toHaveLength(5); // 4 checks and the total

    // The Grade page writes its CSV with the same function, from the same files: the same lines.
    const lab = BUILTIN_LABS.get('register-digest')!;
    const page = gradeCsv(
      files.map((file) => ({ file, result: gradeSubmissionText(lab, readFileSync(file, 'utf8')) })),
    );
    expect(r.out).toEqual(page);
    expect(page[0]).toBe(GRADE_CSV_COLUMNS.join(','));
  });

  it('usage errors exit 2', () => {
    expect(sip('grade', 'register-digest').code).toBe(2);
    expect(sip('grade', 'no-such-lab', 'x.json').code).toBe(2);
    expect(sip('frobnicate').code).toBe(2);
    expect(sip('solve', 'record-route', '--jsn').code).toBe(2);
  });
});

describe('lab selections', () => {
  it("lists the events each select question accepts, and whether the solution's choice is one", () => {
    const r = sip('selections', 'stateless-vs-stateful');
    expect(r.code).toBe(0);
    const lines = r.out.map(
      (l) => JSON.parse(l) as { question: string; ok: boolean; matches: number[] },
    );
    expect(lines.map((l) => [l.question, l.ok])).toEqual([
      ['absorbed', true],
      ['forwarded', true],
    ]);
    expect(lines.every((l) => l.matches.length === 1)).toBe(true);
  });
});

describe('lab share', () => {
  it('prints the fragment and its length', () => {
    const r = sip('share', join(LABS, 'lost-message.json'));
    expect(r.code).toBe(0);
    const line = JSON.parse(r.out[0]!) as { lab: string; chars: number; fragment: string };
    expect(line.lab).toBe('lost-message');
    expect(line.chars).toBe(line.fragment.length);
    expect(line.chars).toBeLessThanOrEqual(2000);
  });
});
