/**
 * The answer key of a lab, sealed. A lab that travels — a share link, a built-in lab's page — carries
 * the right answers of its questions as salted SHA-256 hashes (one salt per lab, and the question's id
 * in each hash), never as text or as the index of the right choice; the reference solution, which
 * would answer every question, stays in the instructor's lab file with the answers in clear. Whether an answer
 * is right is checked by hashing it the same way, in the browser or on the command line.
 *
 * The limit, said where instructors read it: a question has few possible answers, so someone who runs
 * code can hash each choice and find the right one. The score that counts is the one worked out by
 * replaying a submission (the Grade page or `sip lab grade`), never the score a student's page showed.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { AnswerCheck, Check } from './check-schema';
import type { Lab } from './lab-schema';
import type { ParameterValues } from './parameters';

/** How a question is answered: choosing one of its choices, typing an answer, or selecting a message. */
export type QuestionForm = 'choices' | 'typed' | 'select';

export function questionForm(q: AnswerCheck): QuestionForm {
  if (q.select !== undefined) return 'select';
  if (q.choices !== undefined) return 'choices';
  return 'typed';
}

/** True when the question's right answers are hashes (not readable). */
export function isSealedQuestion(q: AnswerCheck): boolean {
  return q.answerHashes !== undefined;
}

/**
 * An answer as it is compared: trimmed, spaces collapsed, lower case. (A value may be a number: an
 * answer that is exactly one `{{port}}` placeholder becomes the student's port, a number.)
 */
export function normalAnswer(text: string | number): string {
  return String(text).trim().replace(/\s+/g, ' ').toLowerCase();
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * An answer of the lab (it may hold {{placeholders}}) as it is hashed: normalised, with each
 * placeholder written `{{name}}` (names keep their case; the rest is lower case).
 */
function normalTemplate(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    out += text.slice(last, m.index).toLowerCase() + `{{${m[1]!}}}`;
    last = m.index + m[0].length;
  }
  out += text.slice(last).toLowerCase();
  return out.trim().replace(/\s+/g, ' ');
}

function hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** The salt of a lab with none of its own: made from its id, so sealing is the same everywhere. */
export function defaultSalt(labId: string): string {
  return hex(`sip-lab answer salt\n${labId}`).slice(0, 32);
}

export function labSalt(lab: Pick<Lab, 'id' | 'answerSalt'>): string {
  return lab.answerSalt ?? defaultSalt(lab.id);
}

/** The sealed form of one right answer of question `questionId`. */
export function answerHash(salt: string, questionId: string, answer: string): string {
  return hex(`sip-lab answer\n${salt}\n${questionId}\n${normalTemplate(answer)}`);
}

/**
 * The forms a given answer may have had in the lab: itself, and with the student's parameter values
 * written back as placeholders ("5071" → "{{port}}"), so an answer key written with placeholders is
 * checked without being readable.
 */
function templates(answer: string, params: ParameterValues): string[] {
  const found = [normalAnswer(answer)];
  for (const [name, value] of Object.entries(params)) {
    const v = normalAnswer(String(value));
    if (v === '') continue;
    for (const t of [...found])
      if (t.includes(v) && found.length < 64) found.push(t.split(v).join(`{{${name}}}`));
  }
  return [...new Set(found)];
}

/** Whether an answer is one of the sealed right answers of a question. */
export function matchesSealed(
  salt: string,
  questionId: string,
  hashes: readonly string[],
  answer: string,
  params: ParameterValues = {},
): boolean {
  const wanted = new Set(hashes);
  return templates(answer, params).some((t) => wanted.has(answerHash(salt, questionId, t)));
}

/** One check with its right answers sealed (other checks as they are). */
export function sealCheck<C extends Check>(check: C, salt: string): C {
  if (check.kind !== 'answer') return check;
  if (check.choices !== undefined && check.correct !== undefined) {
    const { correct, ...rest } = check;
    const right = check.choices[correct];
    if (right === undefined) return check;
    return { ...rest, answerHashes: [answerHash(salt, check.id, right)] } as C;
  }
  if (check.accept !== undefined) {
    const { accept, ...rest } = check;
    return {
      ...rest,
      answerHashes: [...new Set(accept.map((a) => answerHash(salt, check.id, a)))],
    } as C;
  }
  return check;
}

/**
 * The lab as it travels: right answers sealed, the reference solution left out (it answers every
 * question), the salt written in. Sealing a sealed lab changes nothing.
 */
export function sealLab(lab: Lab): Lab {
  const salt = labSalt(lab);
  return {
    ...lab,
    version: 2,
    answerSalt: salt,
    tasks: lab.tasks.map((t) => ({ ...t, checks: t.checks.map((c) => sealCheck(c, salt)) })),
    solution: { actions: [] },
  };
}

/** True when some question's answers are sealed (the lab came from a link or a lab page). */
export function hasSealedAnswers(lab: Pick<Lab, 'tasks'>): boolean {
  return lab.tasks.some((t) => t.checks.some((c) => c.kind === 'answer' && isSealedQuestion(c)));
}

/** For a sealed multiple-choice question, the index of the choice its hash names (the instructor's view). */
export function sealedChoice(
  salt: string,
  q: Pick<AnswerCheck, 'id' | 'choices' | 'answerHashes'>,
): number | undefined {
  if (q.choices === undefined || q.answerHashes === undefined) return undefined;
  const hashes = new Set(q.answerHashes);
  const i = q.choices.findIndex((c) => hashes.has(answerHash(salt, q.id, c)));
  return i < 0 ? undefined : i;
}
