/**
 * Every built-in lab passes every check with its reference solution and fails at least one without it,
 * whoever the student is; and each fits in a share link of about 2,000 characters. A solution's
 * "select the message" answers are trace event numbers: if a change in sim/ moves them, the failure
 * says so, and `npm run sip -- lab selections LAB` lists the right ones.
 */
import { describe, expect, it } from 'vitest';
import { encodeLab, referenceSolution, runLab } from '../../../sim/lab';
import { BUILTIN_LABS } from '../../../sim/lab/builtin';

const labs = [...BUILTIN_LABS.values()];

describe.each(labs.map((l) => [l.id, l] as const))('%s', (_id, lab) => {
  it.each(['Ana Lopez', 'Ben Okafor'])(
    'passes every check with its solution (student %s)',
    (student) => {
      const run = runLab(lab, student, referenceSolution(lab, student));
      const failed = run.evaluation.checks
        .filter((c) => !c.passed)
        .map((c) => `${c.id}: ${c.message}`);
      expect(failed).toEqual([]);
      expect(run.evaluation.score).toBe(run.evaluation.max);
      expect(run.end).not.toBe('step limit');
    },
  );

  it('fails at least one check without it', () => {
    const run = runLab(lab, 'Ana Lopez', []);
    expect(run.evaluation.passed).toBe(false);
    expect(run.evaluation.score).toBeLessThan(run.evaluation.max);
  });

  it('fits in a share link of 2,000 characters', () => {
    expect(encodeLab(lab).length).toBeLessThanOrEqual(2000);
  });
});

describe('the troubleshooting labs fail for the reason they teach', () => {
  it('max-forwards-483: the INVITE loops until Max-Forwards is 0, and the proxy answers 483', () => {
    const lab = BUILTIN_LABS.get('max-forwards-483')!;
    const run = runLab(lab, 's', []);
    const sent483 = run.trace.filter((e) => e.type === 'send' && e.status === 483);
    expect(sent483.length).toBeGreaterThan(0);
    expect(sent483.at(-1)).toMatchObject({ from: 'proxy', to: 'alice' });
    const invites = run.trace.filter(
      (e) => e.type === 'receive' && e.to === 'proxy' && e.method === 'INVITE',
    );
    expect(invites).toHaveLength(71); // 70 hops from Max-Forwards 70, and the one that arrives with 0
  });

  it('forking-missing-binding: without the mobile registered, only the desk phone rings', () => {
    const lab = BUILTIN_LABS.get('forking-missing-binding')!;
    const byCheck = (actions = lab.solution.actions) =>
      Object.fromEntries(runLab(lab, 's', actions).evaluation.checks.map((c) => [c.id, c.passed]));
    expect(byCheck([])).toMatchObject({
      'invite-desk': true,
      'invite-mobile': false,
      'cancel-mobile': false,
    });
    // Registering too late (after the call) does not help the call.
    const late = byCheck([
      { kind: 'timeline', at: 9000, action: { actor: 'bob-mobile', action: 'register' } },
    ]);
    expect(late).toMatchObject({ 'mobile-bound': true, 'invite-mobile': false });
  });
});
