/**
 * Every problem of a lab is a sentence that names the field as the builder's form shows it and says
 * how to fix it — for a draft being typed, an imported file, a link, a submission or a student's
 * action. zod's own words ("Too small: expected array to have >=1 items", "Invalid input: expected
 * string, received undefined", "Invalid discriminator value") never come out: a property test throws
 * thousands of broken documents at the parsers and looks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LabError,
  createSubmission,
  gradeSubmission,
  isZodWording,
  issueText,
  parseLab,
  planActions,
  type LabIssue,
} from '../../../sim/lab';
import { BUILTIN_LABS } from '../../../sim/lab/builtin';
import { labIssues, smallLab } from './helpers';

type Json = Record<string, unknown>;
const at = (v: unknown, ...path: (string | number)[]): Json =>
  path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], v) as Json;

/** The problems of a broken small lab, as a person reads them. */
function sentences(mutate: (doc: Json) => void): string[] {
  const doc = smallLab();
  mutate(doc);
  return labIssues(() => parseLab(doc)).map(issueText);
}

const CHECK1 = 'Task 1 “Register”, check 1 “sent”';

describe('each problem, in the words of the form', () => {
  it.each<[string, (d: Json) => void, string[]]>([
    ['no task', (d) => void (d.tasks = []), ['Tasks: Add at least one task.']],
    [
      'a task with no check',
      (d) => void (at(d, 'tasks', 0).checks = []),
      ['Task 1 “Register”: Checks: Add at least one check to this task.'],
    ],
    [
      'an INVITE on the timeline without its To',
      (d) => void (at(d, 'scenario').timeline = [{ at: 2000, actor: 'alice', action: 'invite' }]),
      [
        'Timeline action 1 (alice: invite): To (SIP URI): Choose who the INVITE goes to (a SIP URI such as sip:bob@example.com).',
      ],
    ],
    [
      'a method no element sends',
      (d) => void (at(d, 'tasks', 0, 'checks', 0).method = 'BYEE'),
      [
        `${CHECK1}: Method or status: No element of this simulator sends "BYEE": did you mean BYE? The methods are INVITE, ACK, BYE, CANCEL, REGISTER, OPTIONS, MESSAGE, SUBSCRIBE, NOTIFY.`,
      ],
    ],
    [
      'a method in lower case',
      (d) => void (at(d, 'tasks', 0, 'checks', 0).method = 'register'),
      [
        `${CHECK1}: Method or status: SIP methods are case-sensitive (RFC 3261 §7.1): write REGISTER, not "register".`,
      ],
    ],
    [
      'a method that is not a token',
      (d) => void (at(d, 'tasks', 0, 'checks', 0).method = 'RE GISTER'),
      [
        `${CHECK1}: Method or status: “RE GISTER” is not a SIP method. Write a SIP method such as INVITE, REGISTER or BYE: one word of letters, as RFC 3261 §25.1 writes a method.`,
      ],
    ],
    [
      'an empty method',
      (d) => void (at(d, 'tasks', 0, 'checks', 0).method = ''),
      [`${CHECK1}: Method or status: Write the method, such as INVITE.`],
    ],
    [
      'a message check with neither method nor status',
      (d) => void delete at(d, 'tasks', 0, 'checks', 0).method,
      [
        `${CHECK1}: Method or status: Choose the method or status of the message, such as INVITE, 200 or 4xx.`,
      ],
    ],
    [
      'a status outside 100–699',
      (d) => void (at(d, 'tasks', 0, 'checks', 1).status = 700),
      [
        'Task 1 “Register”, check 2 “ok”: Method or status: A status is a number from 100 to 699, or a class such as 4xx.',
      ],
    ],
    [
      'a status written with its reason phrase',
      (d) => void (at(d, 'tasks', 0, 'checks', 1).status = '200 OK'),
      [
        'Task 1 “Register”, check 2 “ok”: Method or status: A status is a number from 100 to 699, or a class such as 4xx, not “200 OK”.',
      ],
    ],
    [
      'a question with no text',
      (d) => void (at(d, 'tasks', 0, 'checks', 3).question = ''),
      ['Task 1 “Register”, question 4 “q”: Question: Write the question.'],
    ],
    [
      'a question with only spaces',
      (d) => void (at(d, 'tasks', 0, 'checks', 3).question = '   '),
      ['Task 1 “Register”, question 4 “q”: Question: Write the question.'],
    ],
    [
      'a question without its right answer',
      (d) => void delete at(d, 'tasks', 0, 'checks', 3).correct,
      [
        'Task 1 “Register”, question 4 “q”: The right one: Choose the right answer among the choices.',
      ],
    ],
    [
      'a question with two choices that read the same',
      (d) => void (at(d, 'tasks', 0, 'checks', 3).choices = ['a registrar', ' A  Registrar ']),
      [
        'Task 1 “Register”, question 4 “q”: Choice 2: Choices 1 and 2 read the same: make each choice different.',
      ],
    ],
    [
      'an element of an unknown kind',
      (d) => void (at(d, 'scenario', 'elements', 1).kind = 'phone'),
      [
        'Element bob: Kind: “phone” is not a kind of element. Choose the kind of element: user agent, registrar, stateful proxy, stateless proxy, redirect server or presence server.',
      ],
    ],
    [
      'an element without an address',
      (d) => void delete at(d, 'scenario', 'elements', 0).address,
      ['Element alice: IP address: Give the element an IP address, such as 10.0.0.10.'],
    ],
    [
      'an AOR that is not a SIP URI',
      (d) => void (at(d, 'scenario', 'elements', 1).aor = 'bob at home'),
      [
        'Element bob: Address of record (AOR): Write a SIP URI such as sip:alice@a.example.com (not “bob at home”).',
      ],
    ],
    [
      'a loss above 100 %',
      (d) => void (at(d, 'scenario', 'links', 0).loss = 2),
      ['Link alice–registrar: Loss (%): Loss is from 0 to 100 %.'],
    ],
    [
      'a time before the start, in seconds',
      (d) => void (at(d, 'scenario').timeline = [{ at: -5, actor: 'alice', action: 'register' }]),
      ['Timeline action 1 (alice: register): At (s): Use 0 s or more.'],
    ],
    [
      'a field the format does not have',
      (d) => void (at(d, 'tasks', 0, 'checks', 0).colour = 'red'),
      [
        `${CHECK1}: Remove “colour”: there is no such field here (was the file made for another version of SIP Lab?).`,
      ],
    ],
    [
      'a check of an unknown kind',
      (d) => void (at(d, 'tasks', 0, 'checks', 0).kind = 'pcap'),
      [
        `${CHECK1}: Kind of check: “pcap” is not a kind of check. Choose the kind of check: message, state, question, setting or write the message.`,
      ],
    ],
    ['an empty title', (d) => void (d.title = ''), ['Title: Give the lab a title.']],
    [
      'a check naming an element the network does not have',
      (d) => void (at(d, 'tasks', 0, 'checks', 0).from = 'carol'),
      [
        `${CHECK1}: From: No element of the network is named “carol”: choose one of alice, bob, registrar.`,
      ],
    ],
    [
      'a lab format from the future',
      (d) => void (d.version = 3),
      ['Format version: This is not a lab in a format SIP Lab reads: "version" is 1 or 2, not 3.'],
    ],
  ])('%s', (_name, mutate, expected) => {
    expect(sentences(mutate)).toEqual(expected);
  });

  it('a submission opened as a lab says where it goes', () => {
    const lab = BUILTIN_LABS.get('record-route')!;
    const sub = createSubmission(lab, 'Ann', []);
    expect(labIssues(() => parseLab(sub)).map(issueText)).toEqual([
      "This file is a student's submission, not a lab: grade it on the Grade page.",
    ]);
  });

  it('a lab given as a submission says where it goes', () => {
    const lab = BUILTIN_LABS.get('record-route')!;
    expect(gradeSubmission(lab, lab)).toMatchObject({
      ok: false,
      error: 'This file is a lab, not a submission: choose it as the lab to grade against.',
    });
  });

  it("a submission's problems name its fields", () => {
    const lab = BUILTIN_LABS.get('record-route')!;
    const sub = { ...createSubmission(lab, 'Ann', []), student: '' };
    const r = gradeSubmission(lab, sub);
    expect(!r.ok && r.issues.map(issueText)).toEqual(["Student: Write the student's name or id."]);
  });

  it("a student's action with a bad argument: the sentence of the field", () => {
    const lab = parseLab(smallLab());
    try {
      planActions(lab, {}, [
        { kind: 'timeline', at: 0, action: { actor: 'alice', action: 'register', expires: -1 } },
      ]);
      expect.fail('refused');
    } catch (e) {
      expect(e).toBeInstanceOf(LabError);
      expect((e as LabError).issues).toEqual([
        { path: 'actions[0].action.expires', message: 'Use 0 or more.' },
      ]);
    }
  });
});

/** Every path to a value inside a JSON document. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

function setAt(doc: unknown, path: (string | number)[], value: unknown): void {
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], doc) as Record<
    string | number,
    unknown
  >;
  const key = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
    else delete parent[key];
  } else parent[key] = value;
}

function expectPlain(issues: readonly LabIssue[]): void {
  for (const i of issues) {
    expect(isZodWording(i.message), i.message).toBe(false);
    expect(isZodWording(i.field ?? ''), i.field).toBe(false);
    expect(i.message).toMatch(/^[^a-z].*[.!?…]$/s);
  }
}

describe('no zod wording ever comes out', () => {
  const docs = [smallLab(), ...[...BUILTIN_LABS.values()].map((l) => structuredClone(l))];
  const odd = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.constant(''),
    fc.constant('BYEE'),
    fc.constant('sip:'),
    fc.integer({ min: -10_000_000, max: 10_000_000 }),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.string({ maxLength: 8 }),
    fc.constant([]),
    fc.constant({}),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
  );

  it('labs with one to three fields broken at random', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: docs.length - 1 }),
        fc.array(fc.tuple(fc.nat(), odd), { minLength: 1, maxLength: 3 }),
        (which, changes) => {
          const doc = structuredClone(docs[which]!);
          for (const [n, value] of changes) {
            const all = paths(doc).filter((p) => p.length > 0);
            if (all.length === 0) break;
            setAt(doc, all[n % all.length]!, value);
          }
          try {
            parseLab(doc);
          } catch (e) {
            if (!(e instanceof LabError)) throw e;
            expectPlain(e.issues);
          }
        },
      ),
      { seed: 1303, numRuns: 300 },
    );
  }, 30_000);

  it('submissions broken at random', () => {
    const lab = BUILTIN_LABS.get('register-digest')!;
    const good = createSubmission(lab, 'Gus', [
      { kind: 'setting', element: 'phone', settings: { password: 'x' } },
      { kind: 'timeline', at: 0, action: { actor: 'phone', action: 'register' } },
    ]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), odd), { minLength: 1, maxLength: 3 }), (changes) => {
        const doc = structuredClone(good) as unknown as Json;
        for (const [n, value] of changes) {
          const all = paths(doc).filter((p) => p.length > 0);
          if (all.length === 0) break;
          setAt(doc, all[n % all.length]!, value);
        }
        const r = gradeSubmission(lab, doc);
        if (!r.ok) {
          expect(isZodWording(r.error), r.error).toBe(false);
          expectPlain(r.issues);
        }
      }),
      { seed: 1304, numRuns: 200 },
    );
  }, 30_000);
});
