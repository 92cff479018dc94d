/**
 * The lab document: every built-in lab validates; broken documents — wrong types, missing fields,
 * truncated JSON, too big, too many elements or checks, too long in simulated time or steps, bad
 * references — are refused with a LabError whose issues name the path of the bad field.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS, parseLab, parseLabText } from '../../../sim/lab';
import { BUILTIN_LABS } from '../../../sim/lab/builtin';
import { issuePaths, labIssues, smallLab } from './helpers';

const LAB_DIR = join(__dirname, '../../../content/labs');
const files = readdirSync(LAB_DIR).filter((f) => f.endsWith('.json'));

type Json = Record<string, unknown>;
const at = (v: unknown, ...path: (string | number)[]): Json =>
  path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], v) as Json;

describe('built-in labs', () => {
  it('there are at least six, each in content/labs', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(BUILTIN_LABS.size).toBe(files.length);
  });

  it.each(files)('%s validates', (file) => {
    const lab = parseLabText(readFileSync(join(LAB_DIR, file), 'utf8'));
    expect(`${lab.id}.json`).toBe(file);
  });
});

describe('a valid lab', () => {
  it('parses, and comes back as it was given', () => {
    const doc = smallLab();
    expect(parseLab(doc)).toEqual(doc);
  });

  it('a version 1 document (before sealed answers) reads as version 2, unchanged otherwise', () => {
    const doc = { ...smallLab(), version: 1 };
    expect(parseLab(doc)).toEqual({ ...doc, version: 2 });
  });
});

describe('mutated labs are refused with the path of the bad field', () => {
  it('an element of an unknown kind: scenario.elements[2].kind', () => {
    const doc = smallLab();
    at(doc, 'scenario', 'elements', 2).kind = 'router';
    expect(issuePaths(() => parseLab(doc))).toContain('scenario.elements[2].kind');
  });

  it('a status that is not a number: tasks[0].checks[1].status', () => {
    const doc = smallLab();
    at(doc, 'tasks', 0, 'checks', 1).status = '200 OK';
    expect(issuePaths(() => parseLab(doc))).toEqual(['tasks[0].checks[1].status']);
  });

  it('wrong types at the top and in the scenario', () => {
    const doc = smallLab();
    doc.title = 42;
    at(doc, 'scenario').endAt = 'soon';
    const paths = issuePaths(() => parseLab(doc));
    expect(paths).toContain('title');
    expect(paths).toContain('scenario.endAt');
  });

  it('missing fields', () => {
    const doc = smallLab();
    delete doc.solution;
    delete at(doc, 'tasks', 0).checks;
    delete at(doc, 'scenario', 'elements', 0).address;
    const paths = issuePaths(() => parseLab(doc));
    expect(paths).toEqual(
      expect.arrayContaining(['solution', 'tasks[0].checks', 'scenario.elements[0].address']),
    );
  });

  it('another version of the format', () => {
    const doc = smallLab();
    doc.version = 3;
    expect(labIssues(() => parseLab(doc))[0]).toMatchObject({
      path: 'version',
      message: expect.stringMatching(/"version" is 1 or 2, not 3/),
    });
  });

  it('an unknown check kind', () => {
    const doc = smallLab();
    at(doc, 'tasks', 0, 'checks', 0).kind = 'pcap';
    const issues = labIssues(() => parseLab(doc));
    expect(issues[0]?.path).toBe('tasks[0].checks[0].kind');
    expect(issues[0]?.message).toBe(
      '“pcap” is not a kind of check. Choose the kind of check: message, state, question, setting or write the message.',
    );
  });

  it('a message check with both a method and a status', () => {
    const doc = smallLab();
    at(doc, 'tasks', 0, 'checks', 0).status = 200;
    expect(issuePaths(() => parseLab(doc))).toEqual(['tasks[0].checks[0].status']);
  });

  it('a multiple-choice question whose correct answer is not one of its choices', () => {
    const doc = smallLab();
    at(doc, 'tasks', 0, 'checks', 3).correct = 5;
    expect(issuePaths(() => parseLab(doc))).toEqual(['tasks[0].checks[3].correct']);
  });

  it('truncated JSON', () => {
    const text = JSON.stringify(smallLab());
    const issues = labIssues(() => parseLabText(text.slice(0, text.length / 2)));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/not valid JSON/);
  });

  it('a document over 200 KB, before anything else is looked at', () => {
    const doc = smallLab();
    doc.instructions = 'x'.repeat(LIMITS.MAX_LAB_BYTES);
    const issues = labIssues(() => parseLab(doc));
    expect(issues).toEqual([{ path: '', message: expect.stringMatching(/at most 200\.0 KB/) }]);
    expect(labIssues(() => parseLabText(JSON.stringify(doc)))[0]?.message).toMatch(/200\.0 KB/);
  });

  it('more than 40 elements, in words', () => {
    const doc = smallLab();
    const elements = at(doc, 'scenario').elements as Json[];
    for (let i = 0; i < 40; i++)
      elements.push({
        kind: 'user-agent',
        name: `ua${i}`,
        address: `10.2.0.${i + 1}`,
        aor: `sip:u${i}@x.example.com`,
      });
    const issues = labIssues(() => parseLab(doc));
    expect(issues).toEqual([
      {
        path: 'scenario.elements',
        field: 'Elements',
        message: "A lab's network has at most 40 elements; this one has 43.",
      },
    ]);
  });

  it('more than 60 checks', () => {
    const doc = smallLab();
    const tasks = doc.tasks as Json[];
    for (let t = 0; t < 4; t++)
      tasks.push({
        id: `t${t}`,
        title: 'more',
        checks: Array.from({ length: 15 }, (_, i) => ({
          id: `c${t}-${i}`,
          kind: 'message',
          method: 'INVITE',
        })),
      });
    const issues = labIssues(() => parseLab(doc));
    expect(issues).toEqual([
      {
        path: 'tasks',
        field: 'Tasks',
        message: 'A lab has at most 60 checks over all its tasks; this one has 65.',
      },
    ]);
  });

  it('more than one hour of simulated time, or more than 20,000 steps', () => {
    const doc = smallLab();
    at(doc, 'scenario').endAt = 2 * 3600 * 1000;
    at(doc, 'scenario').maxSteps = 50000;
    const issues = labIssues(() => parseLab(doc));
    expect(issues.map((i) => i.path)).toEqual(['scenario.endAt', 'scenario.maxSteps']);
    expect(issues[0]?.message).toMatch(/one hour/);
    expect(issues[1]?.message).toMatch(/20,000 steps/);
  });

  it('a student action later than one hour', () => {
    const doc = smallLab();
    at(doc, 'solution', 'actions', 0).at = 4_000_000;
    expect(issuePaths(() => parseLab(doc))).toEqual(['solution.actions[0].at']);
  });

  it('a placeholder that names no parameter', () => {
    const doc = smallLab();
    at(doc, 'scenario', 'elements', 0).password = '{{secret}}';
    const issues = labIssues(() => parseLab(doc));
    expect(issues).toEqual([
      {
        path: 'scenario.elements[0].password',
        field: 'Element alice: Password (digest)',
        message: expect.stringMatching(/\{\{secret\}\} names no parameter/),
      },
    ]);
  });

  it('checks that name elements the scenario does not have', () => {
    const doc = smallLab();
    at(doc, 'tasks', 0, 'checks', 0).from = 'carol';
    at(doc, 'tasks', 0, 'checks', 2).element = 'alice';
    const issues = labIssues(() => parseLab(doc));
    expect(issues).toEqual([
      {
        path: 'tasks[0].checks[0].from',
        field: 'Task 1 “Register”, check 1 “sent”: From',
        message: 'No element of the network is named “carol”: choose one of alice, bob, registrar.',
      },
      {
        path: 'tasks[0].checks[2].binding',
        field: 'Task 1 “Register”, check 3 “bound”: Has at the end',
        message: 'Bindings live at a registrar, and alice is a user agent: choose a registrar.',
      },
    ]);
  });

  it('a setting check on a setting the student cannot change', () => {
    const doc = smallLab();
    at(doc, 'tasks', 0, 'checks', 4).setting = 'minExpires';
    expect(issuePaths(() => parseLab(doc))).toEqual(['tasks[0].checks[4].setting']);
  });

  it('unlocking a setting the element does not have', () => {
    const doc = smallLab();
    at(doc, 'unlock', 'elements').registrar = ['authenticate', 'recordRoute'];
    expect(labIssues(() => parseLab(doc))[0]).toMatchObject({
      path: 'unlock.elements.registrar[1]',
      message: expect.stringMatching(/A registrar has no setting “recordRoute”/),
    });
  });

  it('"after" naming a missing check, or going round in a circle', () => {
    const doc = smallLab();
    at(doc, 'tasks', 0, 'checks', 1).after = 'nothing';
    expect(issuePaths(() => parseLab(doc))).toEqual(['tasks[0].checks[1].after']);
    at(doc, 'tasks', 0, 'checks', 1).after = 'sent';
    at(doc, 'tasks', 0, 'checks', 0).after = 'ok';
    expect(labIssues(() => parseLab(doc)).map((i) => i.message)).toEqual([
      expect.stringMatching(/circle/),
      expect.stringMatching(/circle/),
    ]);
  });

  it('duplicate check ids', () => {
    const doc = smallLab();
    at(doc, 'tasks', 0, 'checks', 1).id = 'sent';
    expect(issuePaths(() => parseLab(doc))).toContain('tasks[0].checks[1].id');
  });

  it('a reference solution that does what the lab does not unlock', () => {
    const doc = smallLab();
    (at(doc, 'solution').actions as Json[]).push(
      { kind: 'timeline', at: 0, action: { actor: 'bob', action: 'register' } },
      { kind: 'setting', element: 'alice', settings: { password: 'x' } },
      { kind: 'fault', rule: { from: 'alice' } },
    );
    const issues = labIssues(() => parseLab(doc));
    expect(issues.map((i) => i.path)).toEqual([
      'solution.actions[2].action.action',
      'solution.actions[3].element',
      'solution.actions[4]',
    ]);
  });

  it('not an object at all', () => {
    expect(issuePaths(() => parseLab(null))).toEqual(['']);
    expect(issuePaths(() => parseLab([1, 2]))).toEqual(['']);
    expect(issuePaths(() => parseLabText('"a string"'))).toEqual(['']);
  });
});
