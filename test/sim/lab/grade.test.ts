/**
 * Grading by replay: a submission scores what the student's live session showed; a score written in
 * the file changes nothing; a submission for another lab, another version of it, another student's
 * parameters, or with actions the lab does not allow gets an error result, never an exception.
 */
import { describe, expect, it } from 'vitest';
import {
  checksPassingWithoutWork,
  createSubmission,
  evaluate,
  gradeSubmission,
  instantiateLab,
  labHash,
  parseLab,
  referenceSolution,
  runLab,
  studentParameters,
  withLabLimits,
  type GivenAnswer,
  type Lab,
  type StudentAction,
} from '../../../sim/lab';
import { BUILTIN_LABS } from '../../../sim/lab/builtin';
import { Session } from '../../../sim/session';
import { smallLab } from './helpers';

const lab = (id: string): Lab => BUILTIN_LABS.get(id)!;

/**
 * What a student's page does: one Session, each action applied as the student takes it (settings with
 * change(), timeline actions by replacing the scenario), run to the end after each; an answer is given
 * about the trace on screen at that moment.
 */
function liveSession(l: Lab, student: string, actions: readonly StudentAction[]) {
  const params = studentParameters(l, student);
  const instance = instantiateLab(l, params);
  const session = new Session(withLabLimits(instance.scenario));
  session.runToEnd();
  const answers = new Map<string, GivenAnswer>();
  for (const raw of actions) {
    if (raw.kind === 'setting')
      session.change({ element: { name: raw.element, settings: raw.settings } });
    else if (raw.kind === 'timeline') {
      const timeline = [
        ...session.scenario.timeline,
        { ...raw.action, at: raw.at },
      ] as typeof session.scenario.timeline;
      session.replace({ ...session.scenario, timeline: timeline.sort((a, b) => a.at - b.at) });
    } else if (raw.kind === 'answer')
      answers.set(raw.question, { choice: raw.choice, trace: [...session.trace] });
    session.runToEnd();
  }
  const view = session.view();
  return evaluate(instance.lab, {
    scenario: session.scenario,
    trace: view.events,
    elements: view.snapshot.elements,
    answers,
  });
}

describe('a replayed submission scores as the live session did', () => {
  const cases: [string, string, (l: Lab, student: string) => StudentAction[]][] = [
    ['register-digest', 'Ana Lopez', (l, s) => referenceSolution(l, s)],
    [
      'register-digest',
      'Ben Okafor',
      () => [{ kind: 'timeline', at: 0, action: { actor: 'phone', action: 'register' } }],
    ],
    ['stateless-vs-stateful', 'Ana Lopez', (l, s) => referenceSolution(l, s)],
    // Answers given in the wrong runs: each is graded on the run it was given in.
    ['stateless-vs-stateful', 'Cara', (l, s) => referenceSolution(l, s).reverse()],
    ['forking-missing-binding', 'Dev', (l, s) => referenceSolution(l, s)],
    [
      'record-route',
      'Eve',
      () => [{ kind: 'setting', element: 'proxy', settings: { forking: 'sequential' } }],
    ],
  ];
  it.each(cases)('%s, student %s', (id, student, actions) => {
    const l = lab(id);
    const live = liveSession(l, student, actions(l, student));
    const graded = gradeSubmission(
      l,
      JSON.parse(JSON.stringify(createSubmission(l, student, actions(l, student)))),
    );
    expect(graded.ok).toBe(true);
    if (!graded.ok) return;
    expect(graded.evaluation).toEqual(live);
  });
});

describe('the score in the file is never trusted', () => {
  it('an edited claimedScore changes nothing, and is reported when it differs', () => {
    const l = lab('record-route');
    const sub = createSubmission(l, 'Finn', [], { claimedScore: 0 });
    const honest = gradeSubmission(l, sub);
    const edited = gradeSubmission(l, { ...sub, claimedScore: 5 });
    expect(honest.ok && edited.ok).toBe(true);
    if (!honest.ok || !edited.ok) return;
    expect(edited.evaluation).toEqual(honest.evaluation);
    expect(edited.evaluation.score).toBe(0);
    expect(honest.claimDiffers).toBe(false);
    expect(edited).toMatchObject({ claimedScore: 5, claimDiffers: true });
  });
});

describe('submissions that cannot be graded give an error result', () => {
  const l = lab('register-digest');
  const good = createSubmission(l, 'Gus', referenceSolution(l, 'Gus'));

  it('a tampered labHash', () => {
    const r = gradeSubmission(l, { ...good, labHash: 'f'.repeat(64) });
    expect(r).toMatchObject({
      ok: false,
      student: 'Gus',
      error: expect.stringMatching(/made for another version of the lab “register-digest”/),
    });
  });

  it('a lab that changed since the submission was made', () => {
    const changed = structuredClone(l);
    changed.tasks[0]!.checks[0]!.points = 5;
    expect(labHash(changed)).not.toBe(labHash(l));
    expect(gradeSubmission(changed, good)).toMatchObject({
      ok: false,
      issues: [{ path: 'labHash' }],
    });
  });

  it('a submission for another lab', () => {
    const r = gradeSubmission(lab('record-route'), good);
    expect(r).toMatchObject({
      ok: false,
      error: expect.stringMatching(/for the lab “register-digest”, not “record-route”/),
    });
  });

  it('malformed submissions', () => {
    expect(gradeSubmission(l, null)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a submission/),
    });
    expect(gradeSubmission(l, { ...good, version: 2 })).toMatchObject({
      ok: false,
      issues: [{ path: 'version' }],
    });
    expect(gradeSubmission(l, { ...good, actions: [{ kind: 'teleport' }] })).toMatchObject({
      ok: false,
      student: 'Gus',
      issues: [{ path: 'actions[0].kind' }],
    });
    const { student: _s, ...anonymous } = good;
    void _s;
    expect(gradeSubmission(l, anonymous)).toMatchObject({
      ok: false,
      issues: [{ path: 'student' }],
    });
  });

  it("values drawn for someone else (another student's parameter seed)", () => {
    const r = gradeSubmission(l, { ...good, student: 'Hana' });
    expect(r).toMatchObject({ ok: false, student: 'Hana', issues: [{ path: 'paramSeed' }] });
  });

  it('actions the lab does not unlock', () => {
    const cheat: StudentAction = {
      kind: 'setting',
      element: 'registrar',
      settings: { authenticate: false },
    };
    const r = gradeSubmission(l, { ...good, actions: [...good.actions, cheat] });
    expect(r).toMatchObject({
      ok: false,
      error: expect.stringMatching(/does what the lab does not allow/),
      issues: [{ path: 'actions[2].element' }],
    });
  });
});

describe('per-student parameters', () => {
  const l = lab('register-digest');

  it('differ between two students and stay the same for one', () => {
    const ana = studentParameters(l, 'Ana Lopez');
    const ben = studentParameters(l, 'Ben Okafor');
    expect(ana.user).not.toBe(ben.user);
    expect(ana.password).not.toBe(ben.password);
    expect(studentParameters(l, '  ana   LOPEZ ')).toEqual(ana);
  });

  it("the checks follow them: one student's password does not register another", () => {
    const ana = studentParameters(l, 'Ana Lopez');
    const actions: StudentAction[] = [
      { kind: 'setting', element: 'phone', settings: { password: String(ana.password) } },
      { kind: 'timeline', at: 0, action: { actor: 'phone', action: 'register' } },
    ];
    expect(runLab(l, 'Ana Lopez', actions).evaluation.passed).toBe(true);
    const ben = runLab(l, 'Ben Okafor', actions);
    expect(ben.evaluation.passed).toBe(false);
    const bound = ben.evaluation.checks.find((c) => c.id === 'bound')!;
    expect(bound.label).toContain(`sip:${studentParameters(l, 'Ben Okafor').user}@a.example.com`);
    expect(bound.passed).toBe(false);
  });

  it('a student who types a placeholder gets the text typed, not the value', () => {
    const actions: StudentAction[] = [
      { kind: 'setting', element: 'phone', settings: { password: '{{password}}' } },
      { kind: 'timeline', at: 0, action: { actor: 'phone', action: 'register' } },
    ];
    const run = runLab(l, 'Ana Lopez', actions);
    expect(run.scenario.elements[0]).toMatchObject({ password: '{{password}}' });
    expect(run.evaluation.passed).toBe(false);
  });

  it("appear in the student's instructions", () => {
    const ana = studentParameters(l, 'Ana Lopez');
    const text = instantiateLab(l, ana).lab.instructions;
    expect(text).toContain(`\`${ana.user}\``);
    expect(text).toContain(`\`${ana.password}\``);
    expect(text).not.toContain('{{');
  });
});

describe('the checks a student passes with no work', () => {
  it('are found by running the lab with no action, and only those', () => {
    const lab = parseLab(smallLab());
    const { evaluation, passing } = checksPassingWithoutWork(lab);
    // The registrar does not ask for credentials at the start, and the check asks exactly that.
    expect(passing.map((c) => c.id)).toEqual(['auth']);
    expect(evaluation.score).toBe(1);
    expect(evaluation.max).toBe(5);
  });
});
