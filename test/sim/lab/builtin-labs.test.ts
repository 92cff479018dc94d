/**
 * Every built-in lab passes every check with its reference solution and gives no point without it
 * (no check passes before the student does anything), whoever the student is; and each fits in a share link of about 2,000 characters. A solution's
 * "select the message" answers are trace event numbers: if a change in sim/ moves them, the failure
 * says so, and `npm run sip -- lab selections LAB` lists the right ones.
 */
import { describe, expect, it } from 'vitest';
import {
  checksPassingWithoutWork,
  encodeLab,
  referenceSolution,
  runLab,
  type StudentAction,
} from '../../../sim/lab';
import { BUILTIN_LABS } from '../../../sim/lab/builtin';
import { rfcFindings } from '../../../sim/session';

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

  it('its reference solution breaks no MUST of the RFCs (the RFC rule engine on the run)', () => {
    const run = runLab(lab, 'Ana Lopez', referenceSolution(lab, 'Ana Lopez'));
    const until = run.end === 'finished' ? Infinity : (run.scenario.endAt ?? run.time);
    const must = rfcFindings(run.scenario, run.trace, until).filter((f) => f.level === 'MUST');
    expect(must.map((f) => `${f.rule} (${f.section}) at #${f.message}: ${f.text}`)).toEqual([]);
  });

  it('gives no point for no work: no check passes before the student does anything', () => {
    const { evaluation, passing } = checksPassingWithoutWork(lab);
    expect(passing.map((c) => c.id)).toEqual([]);
    expect(evaluation.score).toBe(0);
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
      'fork-two': false,
      'invite-mobile': false,
      'cancel-mobile': false,
      'no-cancel-desk': false,
    });
    // Without the mobile, only the desk phone gets the INVITE.
    const noWork = runLab(lab, 's', []).trace.filter(
      (e) => e.type === 'send' && e.from === 'proxy' && e.method === 'INVITE',
    );
    expect(noWork.map((e) => e.to)).toEqual(['bob-desk']);
    // Registering too late (after the call) does not help the call.
    const late = byCheck([
      { kind: 'timeline', at: 9000, action: { actor: 'bob-mobile', action: 'register' } },
    ]);
    expect(late).toMatchObject({ 'mobile-bound': true, 'invite-mobile': false });
  });
});

describe('stateless-vs-stateful: "select the INVITE retransmission the stateless proxy forwarded"', () => {
  const lab = BUILTIN_LABS.get('stateless-vs-stateful')!;
  const stateless = { kind: 'setting', element: 'proxy', settings: { kind: 'stateless-proxy' } };
  const sends = runLab(lab, 's', [stateless as StudentAction]).trace.filter(
    (e) => e.type === 'send' && e.method === 'INVITE',
  );
  const passed = (choice: number) =>
    runLab(lab, 's', [
      stateless as StudentAction,
      { kind: 'answer', question: 'forwarded', choice },
    ]).evaluation.checks.find((c) => c.id === 'forwarded')!.passed;

  it('accepts the retransmission as it reached the proxy, and the copy the proxy sent on', () => {
    const retransmission = sends.find((e) => e.from === 'alice' && e.retransmission === true)!;
    const copies = sends.filter((e) => e.from === 'proxy' && e.to === 'bob');
    expect(copies).toHaveLength(2);
    expect(passed(retransmission.id)).toBe(true);
    // The second INVITE to Bob is the one the proxy forwarded because of the retransmission.
    expect(passed(copies[1]!.id)).toBe(true);
  });

  it('refuses the first INVITE and its first copy, which are no retransmission', () => {
    const first = sends.find((e) => e.from === 'alice' && e.retransmission !== true)!;
    const copies = sends.filter((e) => e.from === 'proxy' && e.to === 'bob');
    expect(passed(first.id)).toBe(false);
    expect(passed(copies[0]!.id)).toBe(false);
  });
});
