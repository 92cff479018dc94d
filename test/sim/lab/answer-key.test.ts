/**
 * Sealed answer keys: a lab that travels (link, lab page) carries its right answers as salted hashes
 * and no reference solution; it grades exactly as the lab in clear does; labs and links made before
 * sealing still open, and submissions made then still grade.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  answerHash,
  base64UrlDecode,
  base64UrlEncode,
  canonicalJson,
  createSubmission,
  decodeLab,
  encodeLab,
  gradeSubmission,
  labHash,
  labSalt,
  legacyLabHash,
  parseLab,
  referenceSolution,
  runLab,
  sealLab,
  sealedChoice,
  type Lab,
} from '../../../sim/lab';
import { BUILTIN_LABS } from '../../../sim/lab/builtin';
import { labIssues, smallLab } from './helpers';

const labs = [...BUILTIN_LABS.values()];

/** The text of a share link's lab, as anyone can decode it. */
function linkText(fragment: string): string {
  return strFromU8(inflateSync(base64UrlDecode(fragment)));
}

/** A lab with a typed answer that depends on the student: the port drawn for them. */
function portLab(): Lab {
  const doc = smallLab();
  doc['parameters'] = [{ name: 'port', kind: 'port', label: 'your port' }];
  const task = (doc['tasks'] as { checks: Record<string, unknown>[] }[])[0]!;
  task.checks.push({
    id: 'port-q',
    kind: 'answer',
    question: 'Which port is yours?',
    accept: ['{{port}}', 'port {{port}}'],
  });
  return parseLab(doc);
}

describe('sealing', () => {
  it.each(labs.map((l) => [l.id, l] as const))(
    '%s: the link holds no right answer, no solution, and grades the same',
    (_id, lab) => {
      const text = linkText(encodeLab(lab));
      expect(text).not.toMatch(/"correct"/);
      expect(text).not.toMatch(/"accept"/);
      expect(JSON.parse(text).solution).toEqual({ actions: [] });
      const sealed = sealLab(lab);
      for (const student of ['Ana Lopez', 'Ben Okafor']) {
        const actions = referenceSolution(lab, student);
        const clear = runLab(lab, student, actions).evaluation;
        const hidden = runLab(sealed, student, actions).evaluation;
        expect(hidden.checks.map((c) => [c.id, c.passed])).toEqual(
          clear.checks.map((c) => [c.id, c.passed]),
        );
        expect(hidden.score).toBe(clear.score);
      }
    },
  );

  it('a wrong choice stays wrong, and the right one is found by its hash', () => {
    const lab = BUILTIN_LABS.get('stateless-vs-stateful')!;
    const sealed = sealLab(lab);
    const q = sealed.tasks[1]!.checks.find((c) => c.id === 'why-2xx')!;
    expect(q.kind === 'answer' && q.correct).toBe(undefined);
    expect(q.kind === 'answer' && q.answerHashes).toHaveLength(1);
    if (q.kind === 'answer') expect(sealedChoice(labSalt(sealed), q)).toBe(2);
    const answer = (choice: number) =>
      runLab(sealed, 'x', [{ kind: 'answer', question: 'why-2xx', choice }]).evaluation.checks.find(
        (c) => c.id === 'why-2xx',
      )!.passed;
    expect([0, 1, 2, 3].map(answer)).toEqual([false, false, true, false]);
  });

  it('sealing is idempotent and keeps the hash; the salt is per lab', () => {
    for (const lab of labs) {
      const once = sealLab(lab);
      expect(sealLab(once)).toEqual(once);
      expect(labHash(once)).toBe(labHash(lab));
    }
    const salts = new Set(labs.map((l) => labSalt(sealLab(l))));
    expect(salts.size).toBe(labs.length);
  });

  it('a typed answer with a placeholder is checked against each student’s own value', () => {
    const lab = portLab();
    const sealed = sealLab(lab);
    expect(JSON.stringify(sealed)).not.toContain('port {{port}}');
    const q = sealed.tasks[0]!.checks.find((c) => c.id === 'port-q');
    expect(q && q.kind === 'answer' && q.accept).toBe(undefined);
    const passed = (l: Lab, student: string, choice: string) =>
      runLab(l, student, [{ kind: 'answer', question: 'port-q', choice }]).evaluation.checks.find(
        (c) => c.id === 'port-q',
      )!.passed;
    for (const student of ['Ana', 'Ben']) {
      const port = runLab(lab, student, []).params['port'];
      for (const l of [lab, sealed]) {
        expect(passed(l, student, String(port))).toBe(true);
        expect(passed(l, student, `  Port ${String(port)} `)).toBe(true);
        expect(passed(l, student, String(Number(port) + 1))).toBe(false);
      }
    }
  });

  it('the hash names the question: the same answer to two questions hashes differently', () => {
    expect(answerHash('00112233445566778899', 'q1', 'Yes')).not.toBe(
      answerHash('00112233445566778899', 'q2', 'Yes'),
    );
    expect(answerHash('00112233445566778899', 'q1', ' YES ')).toBe(
      answerHash('00112233445566778899', 'q1', 'yes'),
    );
  });
});

describe('grading across the clear and the sealed lab', () => {
  it('a submission made on the sealed lab (the page) grades with the lab file (the CLI), and back', () => {
    for (const lab of labs) {
      const sealed = sealLab(lab);
      const student = 'Chen Wu';
      const actions = referenceSolution(lab, student);
      const fromPage = createSubmission(sealed, student, actions);
      const fromCli = createSubmission(lab, student, actions);
      expect(fromPage.labHash).toBe(fromCli.labHash);
      const a = gradeSubmission(lab, fromPage);
      const b = gradeSubmission(sealed, fromCli);
      expect(a.ok && b.ok).toBe(true);
      if (a.ok && b.ok) expect(a.evaluation).toEqual(b.evaluation);
    }
  });

  it('a submission made before sealing (version 1 hash) still grades', () => {
    const lab = BUILTIN_LABS.get('record-route')!;
    const v1 = bytesToHex(sha256(utf8ToBytes(canonicalJson({ ...lab, version: 1 }))));
    expect(legacyLabHash(lab)).toBe(v1);
    const old = { ...createSubmission(lab, 'Dee', referenceSolution(lab, 'Dee')), labHash: v1 };
    const r = gradeSubmission(lab, old);
    expect(r.ok && r.evaluation.passed).toBe(true);
    // The sealed lab cannot know the old hash: the page tells the instructor to use the lab file.
    expect(legacyLabHash(sealLab(lab))).toBe(undefined);
  });
});

describe('links made before sealing', () => {
  it('a version 1 link with its answers in clear opens, and grades', () => {
    const lab = BUILTIN_LABS.get('lost-message')!;
    const v1 = { ...lab, version: 1 };
    const fragment = base64UrlEncode(deflateSync(strToU8(JSON.stringify(v1)), { level: 9 }));
    const opened = decodeLab(fragment);
    expect(opened.version).toBe(2);
    const run = runLab(opened, 'Eve', referenceSolution(lab, 'Eve'));
    expect(run.evaluation.passed).toBe(true);
  });
});

describe('validation of sealed questions', () => {
  it('choices edited so that none is the sealed answer any more', () => {
    const sealed = sealLab(BUILTIN_LABS.get('lost-message')!) as unknown as Record<string, unknown>;
    const doc = structuredClone(sealed) as { tasks: { checks: Record<string, unknown>[] }[] };
    const q = doc.tasks[0]!.checks[2]!;
    q['choices'] = ['One', 'Two', 'Three'];
    const issues = labIssues(() => parseLab(doc));
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'tasks[0].checks[2].correct',
        message:
          'None of the choices is the sealed right answer any more: choose the right one again.',
      }),
    ]);
  });

  it('a question with its answer both sealed and in clear', () => {
    const doc = structuredClone(sealLab(BUILTIN_LABS.get('lost-message')!)) as unknown as {
      tasks: { checks: Record<string, unknown>[] }[];
    };
    doc.tasks[0]!.checks[2]!['correct'] = 1;
    expect(labIssues(() => parseLab(doc))[0]?.message).toMatch(/given twice/);
  });
});
