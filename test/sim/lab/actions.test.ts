/**
 * A student's actions become the scenario to run: settings, faults and links applied as sim/session's
 * applyChange does, timeline actions merged by time, limits in place; anything the lab does not unlock
 * is refused with the reason and the path of the action.
 */
import { describe, expect, it } from 'vitest';
import {
  applyActions,
  parseLab,
  planActions,
  type Lab,
  type StudentAction,
} from '../../../sim/lab';
import { applyChange } from '../../../sim/session';
import { labIssues, smallLab } from './helpers';

function lab(unlock: object = {}): Lab {
  const doc = smallLab();
  doc.unlock = {
    elements: { registrar: ['authenticate', 'minExpires'], alice: ['password', 'answer'] },
    actions: ['invite', { action: 'register', actors: ['alice'] }],
    ...unlock,
  };
  return parseLab(doc);
}

const register = (at: number, actor = 'alice'): StudentAction => ({
  kind: 'timeline',
  at,
  action: { actor, action: 'register' },
});

describe('applyActions', () => {
  it('applies settings as applyChange does, and null puts a setting back to its default', () => {
    const l = lab();
    const start = applyActions(l, {}, []);
    const s = applyActions(l, {}, [
      { kind: 'setting', element: 'registrar', settings: { authenticate: true, minExpires: 120 } },
    ]);
    expect(s.elements).toEqual(
      applyChange(start, {
        element: { name: 'registrar', settings: { authenticate: true, minExpires: 120 } },
      }).elements,
    );
    const back = applyActions(l, {}, [
      { kind: 'setting', element: 'registrar', settings: { authenticate: true } },
      { kind: 'setting', element: 'registrar', settings: { authenticate: null } },
    ]);
    expect(back.elements[2]).not.toHaveProperty('authenticate');
  });

  it("merges timeline actions by time, the scenario's first at equal times", () => {
    const doc = smallLab();
    (doc.scenario as { timeline: object[] }).timeline = [
      { at: 500, actor: 'bob', action: 'invite', to: 'sip:alice@a.example.com' },
    ];
    doc.unlock = { elements: { registrar: ['authenticate'] }, actions: ['register', 'invite'] };
    const s = applyActions(parseLab(doc), {}, [register(900), register(500), register(100, 'bob')]);
    expect(s.timeline.map((a) => `${a.at} ${a.actor} ${a.action}`)).toEqual([
      '100 bob register',
      '500 bob invite',
      '500 alice register',
      '900 alice register',
    ]);
  });

  it('keeps every run within one hour and 20,000 steps', () => {
    const doc = smallLab();
    delete (doc.scenario as { endAt?: number }).endAt;
    const s = applyActions(parseLab(doc), {}, []);
    expect(s.endAt).toBe(3_600_000);
    expect(s.maxSteps).toBeLessThanOrEqual(20_000);
  });

  it('adds fault rules and changes links when the lab unlocks them', () => {
    const l = lab({ faults: true, links: true });
    const s = applyActions(l, {}, [
      { kind: 'fault', rule: { from: 'alice', method: 'REGISTER', count: 1 } },
      { kind: 'link', a: 'registrar', b: 'alice', loss: 0.5 },
    ]);
    expect(s.faults).toEqual([{ from: 'alice', method: 'REGISTER', count: 1 }]);
    expect(s.links).toEqual([{ a: 'alice', b: 'registrar', latencyMs: 10, loss: 0.5 }]);
  });

  it('refuses what the lab does not unlock, with the reason and the path', () => {
    const issues = labIssues(() =>
      applyActions(lab(), {}, [
        register(0, 'bob'),
        { kind: 'timeline', at: 0, action: { actor: 'alice', action: 'bye' } },
        { kind: 'setting', element: 'bob', settings: { answer: { mode: 'busy' } } },
        { kind: 'setting', element: 'registrar', settings: { domain: 'evil.example.com' } },
        { kind: 'fault', rule: { method: 'INVITE' } },
        { kind: 'link', a: 'alice', b: 'registrar', loss: 1 },
        { kind: 'answer', question: 'nope', choice: 0 },
      ]),
    );
    expect(issues).toEqual([
      {
        path: 'actions[0].action.action',
        message: 'This lab does not let the student make bob register.',
      },
      {
        path: 'actions[1].action.action',
        message: 'This lab does not let the student make alice bye.',
      },
      {
        path: 'actions[2].element',
        message: 'This lab does not let the student change the settings of bob.',
      },
      {
        path: 'actions[3].settings.domain',
        message:
          "This lab does not let the student change registrar's Domain (it unlocks: Asks for digest authentication, Minimum expires (s)).",
      },
      { path: 'actions[4]', message: 'This lab does not let the student add fault rules.' },
      {
        path: 'actions[5]',
        message: "This lab does not let the student change links' latency or loss.",
      },
      { path: 'actions[6].question', message: 'This lab has no question with the id "nope".' },
    ]);
  });

  it('refuses values the scenario format refuses, at the path inside the action', () => {
    const issues = labIssues(() =>
      applyActions(lab({ links: true }), {}, [
        { kind: 'setting', element: 'registrar', settings: { minExpires: -5 } },
        { kind: 'setting', element: 'alice', settings: { answer: { mode: 'maybe' } } },
        { kind: 'timeline', at: 0, action: { actor: 'alice', action: 'invite', to: 'bob' } },
        { kind: 'link', a: 'alice', b: 'carol', latencyMs: 5 },
        { kind: 'answer', question: 'q', choice: 7 },
      ]),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'actions[0].settings.minExpires',
      'actions[1].settings.answer.mode',
      'actions[2].action.to',
      'actions[3].b',
      'actions[4].choice',
    ]);
  });

  it('records each answer with the scenario the student was looking at', () => {
    const plan = planActions(lab(), {}, [
      { kind: 'answer', question: 'q', choice: 0 },
      { kind: 'setting', element: 'registrar', settings: { authenticate: true } },
      register(0),
      { kind: 'answer', question: 'q', choice: 1 },
    ]);
    expect(plan.answers.map((a) => a.index)).toEqual([0, 3]);
    const [first, second] = plan.answers;
    expect(first?.scenario.timeline).toEqual([]);
    expect(
      (first?.scenario.elements[2] as { authenticate?: boolean }).authenticate,
    ).toBeUndefined();
    expect(second?.scenario).toEqual(plan.scenario);
  });
});
