/**
 * "Write the message" checks in labs: the submission holds what the student wrote; grading replays it
 * and compares it with the message the element sends at that moment (sim/exercise), worked out again
 * by replay — the lab, sealed for a link, carries no expected message. A reference solution's
 * `{{message}}` stands for the element's own message.
 */
import { describe, expect, it } from 'vitest';
import {
  LabError,
  createSubmission,
  decodeLab,
  encodeLab,
  gradeSubmission,
  parseLab,
  referenceSolution,
  runLab,
  sealLab,
  type Lab,
  type StudentAction,
} from '../../../sim/lab';
import { BUILTIN_LABS } from '../../../sim/lab/builtin';
import { smallLab } from './helpers';

const lab: Lab = BUILTIN_LABS.get('write-the-bye')!;

function checkOf(actions: StudentAction[], id: string) {
  return runLab(lab, 'Ana', actions).evaluation.checks.find((c) => c.id === id)!;
}

const solution = referenceSolution(lab, 'Ana');
const bye = solution.find((a) => a.kind === 'write' && a.check === 'write-bye') as Extract<
  StudentAction,
  { kind: 'write' }
>;

describe('a "write the message" check', () => {
  it('has the reference solution’s {{message}} replaced by the element’s message', () => {
    expect(bye.text).toMatch(/^BYE sip:bob@10\.1\.0\.20:5060 SIP\/2\.0\n/);
    expect(bye.text).toContain('\nRoute: <sip:10.1.0.2:5060;lr>\n');
    expect(lab.solution.actions[0]).toMatchObject({ text: '{{message}}' });
  });

  it('passes for the element’s message written with LF line ends, compact forms and another order', () => {
    const lines = bye.text.trimEnd().split('\n');
    const rewritten = [lines[0], ...lines.slice(1).reverse()]
      .join('\n')
      .replace(/^Via:/m, 'v:')
      .replace(/^Call-ID:/m, 'i:');
    expect(
      checkOf([{ kind: 'write', check: 'write-bye', text: rewritten + '\n\n' }], 'write-bye'),
    ).toMatchObject({
      passed: true,
      points: 3,
    });
  });

  it('fails naming the parts to fix, with their sections', () => {
    const wrong = bye.text
      .replace(/Route: [^\n]*\n/, '')
      .replace(/CSeq: (\d+)/, (_m, n: string) => `CSeq: ${Number(n) + 5}`);
    const r = checkOf([{ kind: 'write', check: 'write-bye', text: wrong }], 'write-bye');
    expect(r.passed).toBe(false);
    expect(r.message).toMatch(/^2 parts to fix: /);
    expect(r.message).toContain('Route missing (RFC 3261 §12.2.1.1)');
    expect(r.message).toContain('CSeq number wrong (RFC 3261 §12.2.1.1)');
    expect(r.hint).toMatch(/Request-URI: the remote target/);
  });

  it('says so when nothing was written, or when the text is not a SIP message', () => {
    expect(checkOf([], 'write-bye').message).toBe('no message written');
    expect(
      checkOf([{ kind: 'write', check: 'write-bye', text: 'BYE bob' }], 'write-bye').message,
    ).toMatch(/^what was written is not a SIP message: /);
  });

  it('counts the last message written for a check', () => {
    const r = checkOf(
      [
        { kind: 'write', check: 'write-bye', text: 'nonsense' },
        { kind: 'write', check: 'write-bye', text: bye.text },
      ],
      'write-bye',
    );
    expect(r.passed).toBe(true);
  });

  it('is graded by replay from the submission, and the same from a shared (sealed) lab', () => {
    const sub = createSubmission(lab, 'Ana', solution);
    const graded = gradeSubmission(lab, sub);
    expect(graded.ok && graded.evaluation.score).toBe(5);
    const shared = decodeLab(encodeLab(lab));
    const text = JSON.stringify(shared);
    // Nothing of the expected message travels: no branch, no tag, no Call-ID of the run.
    const callId = /^Call-ID: (.*)$/m.exec(bye.text)![1]!;
    const toTag = /^To: .*;tag=(\w+)/m.exec(bye.text)![1]!;
    expect(text).not.toContain('z9hG4bK');
    expect(text).not.toContain(callId);
    expect(text).not.toContain(toTag);
    expect(shared.solution.actions).toEqual([]);
    const again = gradeSubmission(shared, sub);
    expect(again.ok && again.evaluation.score).toBe(5);
    expect(JSON.stringify(sealLab(lab))).not.toContain(callId);
  });

  it('refuses a written message for a check that does not exist', () => {
    expect(() => runLab(lab, 'Ana', [{ kind: 'write', check: 'nope', text: 'x' }])).toThrow(
      LabError,
    );
    expect(() => runLab(lab, 'Ana', [{ kind: 'write', check: 'nope', text: 'x' }])).toThrow(
      /no "write the message" check with the id "nope"/,
    );
  });

  it('says when the run never reaches the message', () => {
    const doc = structuredClone(lab) as unknown as {
      tasks: { checks: Record<string, unknown>[] }[];
    };
    doc.tasks[0]!.checks[0]!['nth'] = 5;
    const l = parseLab(doc);
    const r = runLab(l, 'Ana', [{ kind: 'write', check: 'write-bye', text: bye.text }]).evaluation
      .checks[0]!;
    expect(r.passed).toBe(false);
    expect(r.message).toMatch(/never reaches alice's message number 5 of kind BYE/);
  });
});

describe('the write check in a lab document', () => {
  function withCheck(check: Record<string, unknown>) {
    const doc = smallLab() as { tasks: { checks: Record<string, unknown>[] }[] };
    doc.tasks[0]!.checks.push({ id: 'w', kind: 'write', ...check });
    return () => parseLab(doc);
  }

  it('names a method or a status, one of them', () => {
    expect(withCheck({ element: 'alice', method: 'REGISTER' })).not.toThrow();
    expect(withCheck({ element: 'alice', method: 'REGISTER', status: 200 })).toThrow(/one of them/);
    expect(withCheck({ element: 'alice' })).toThrow(/one of them/);
  });

  it('names an element of the network and a method the elements send', () => {
    expect(withCheck({ element: 'carol', method: 'REGISTER' })).toThrow(/carol/);
    expect(withCheck({ element: 'alice', method: 'register' })).toThrow(/case-sensitive/);
  });
});
