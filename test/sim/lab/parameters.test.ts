/**
 * Per-student parameters: drawn deterministically from a seed made from the lab and the student, each
 * of its kind and range; placeholders substituted everywhere, numbers where a port or number stands
 * alone; and a lab whose scenario uses a parameter validates and runs with each student's values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  drawParameters,
  paramSeedFor,
  parseLab,
  referenceSolution,
  runLab,
  studentParameters,
  substitute,
  type LabParameter,
} from '../../../sim/lab';
import { smallLab } from './helpers';

const PARAMS: LabParameter[] = [
  { name: 'user', kind: 'user' },
  { name: 'password', kind: 'password', length: 12 },
  { name: 'port', kind: 'port' },
  { name: 'domain', kind: 'domain' },
  { name: 'n', kind: 'number', min: 3, max: 7 },
  { name: 'pick', kind: 'user', choices: ['ann', 'bo'] },
];

describe('drawParameters', () => {
  it('gives each kind a value of its shape and range, the same for the same seed', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const v = drawParameters(PARAMS, seed);
        expect(drawParameters(PARAMS, seed)).toEqual(v);
        expect(v.user).toMatch(/^[a-z]+\d{2}$/);
        expect(v.password).toMatch(/^[a-z0-9]{12}$/);
        expect(v.port).toBeGreaterThanOrEqual(5061);
        expect(v.port).toBeLessThanOrEqual(5999);
        expect(v.domain).toMatch(/^[a-z]+\d{2}\.example\.(com|org|net)$/);
        expect(v.n).toBeGreaterThanOrEqual(3);
        expect(v.n).toBeLessThanOrEqual(7);
        expect(['ann', 'bo']).toContain(v.pick);
      }),
      { numRuns: 200 },
    );
  });

  it('differs between students (the seed is the lab id and the student, ignoring case and spaces)', () => {
    expect(paramSeedFor('lab', '  Ana   Lopez ')).toBe('lab/ana lopez');
    const names = Array.from({ length: 50 }, (_, i) => `student ${i}`);
    const passwords = new Set(
      names.map((n) => drawParameters(PARAMS, paramSeedFor('lab', n)).password),
    );
    expect(passwords.size).toBe(names.length);
  });

  it('adding a parameter does not change the others', () => {
    const before = drawParameters(PARAMS.slice(0, 2), 's');
    const after = drawParameters(PARAMS, 's');
    expect(after).toMatchObject(before);
  });
});

describe('substitute', () => {
  it('replaces placeholders in strings, and a lone port or number placeholder by the number', () => {
    const v = { user: 'carol42', port: 5072 };
    expect(
      substitute(
        { a: ['sip:{{user}}@x', '{{port}}', '{{ user }}:{{port}}', '{{other}}'], b: 1 },
        v,
      ),
    ).toEqual({
      a: ['sip:carol42@x', 5072, 'carol42:5072', '{{other}}'],
      b: 1,
    });
  });
});

describe('a lab with parameters', () => {
  function paramLab() {
    const doc = smallLab();
    doc.parameters = [
      { name: 'user', kind: 'user' },
      { name: 'port', kind: 'port' },
    ];
    const scenario = doc.scenario as { elements: Record<string, unknown>[] };
    scenario.elements[0]!.aor = 'sip:{{user}}@a.example.com';
    scenario.elements[0]!.port = '{{port}}';
    const checks = (doc.tasks as { checks: Record<string, unknown>[] }[])[0]!.checks;
    checks[2]!.binding = {
      aor: 'sip:{{user}}@a.example.com',
      contact: 'sip:{{user}}@10.0.0.10:{{port}}',
    };
    return parseLab(doc);
  }

  it('validates with the placeholders where the scenario format wants a number', () => {
    expect((paramLab().scenario as { elements: object[] }).elements[0]).toMatchObject({
      port: '{{port}}',
    });
  });

  it("runs with each student's values, and the checks use them", () => {
    const lab = paramLab();
    for (const student of ['Ana', 'Ben']) {
      const { user, port } = studentParameters(lab, student);
      const run = runLab(lab, student, referenceSolution(lab, student));
      expect(run.scenario.elements[0]).toMatchObject({ aor: `sip:${user}@a.example.com`, port });
      expect(run.evaluation.checks.filter((c) => !c.passed)).toEqual([]);
      expect(run.evaluation.checks[2]?.message).toContain(`sip:${user}@10.0.0.10:${port}`);
    }
  });
});
