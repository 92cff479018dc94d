'use client';

/**
 * A question for the student, and its right answer: one of several choices, typed answers taken as
 * right (case and spaces ignored), or the message of the ladder to select. A lab copied from a link or
 * a lab page carries its right answers sealed (salted hashes, sim/lab's answer-key): the builder finds
 * which choice a sealed hash names, says so, and any new choice of the instructor replaces it.
 */
import { useState } from 'react';
import { defaultSalt, sealedChoice, type LabIssue } from '@/sim/lab';
import { isObj, type Obj, type ObjUpdate } from '../draft';
import { SelectField, TextAreaField, TextField } from '../fields';
import { MatcherFields } from './MatcherFields';

function lines(v: unknown): string {
  return Array.isArray(v) ? v.map(String).join('\n') : '';
}

function toLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

function sealedIndex(c: Obj, salt: string): number | undefined {
  const hashes = c['answerHashes'];
  const choices = c['choices'];
  if (!Array.isArray(hashes) || !Array.isArray(choices)) return undefined;
  return sealedChoice(salt, {
    id: String(c['id'] ?? ''),
    choices: choices.map(String),
    answerHashes: hashes.map(String),
  });
}

export function QuestionFields({
  c,
  at,
  issues,
  names,
  salt,
  change,
}: {
  c: Obj;
  at: string;
  issues: readonly LabIssue[];
  names: readonly string[];
  /** The lab's answer salt (its own, or the one made from its id). */
  salt: string | undefined;
  change: ObjUpdate;
}) {
  const form =
    c['select'] !== undefined
      ? 'select'
      : c['choices'] !== undefined
        ? 'choices'
        : c['accept'] !== undefined || c['answerHashes'] !== undefined
          ? 'accept'
          : 'choices';
  // What is typed, while the field has focus (blank lines kept); the check's value otherwise.
  const [choicesDraft, setChoicesText] = useState<string | null>(null);
  const [acceptDraft, setAcceptText] = useState<string | null>(null);
  const choicesText = choicesDraft ?? lines(c['choices']);
  const acceptText = acceptDraft ?? lines(c['accept']);
  const choices = Array.isArray(c['choices']) ? c['choices'].map(String) : [];
  const sealed = Array.isArray(c['answerHashes']);
  const right =
    typeof c['correct'] === 'number'
      ? c['correct']
      : sealed
        ? sealedIndex(c, salt ?? defaultSalt(String(c['id'] ?? '')))
        : undefined;
  return (
    <>
      <TextField
        issues={issues}
        label="Question"
        path={`${at}.question`}
        value={c['question']}
        placeholder="Which element absorbs the retransmission?"
        onChange={(v) => change((o) => (o['question'] = v ?? ''))}
      />
      <SelectField
        issues={issues}
        label="Answered by"
        path={`${at}.select`}
        alsoPaths={[at]}
        value={form}
        options={[
          { value: 'choices', label: 'choosing one of several answers' },
          { value: 'accept', label: 'typing an answer' },
          { value: 'select', label: 'selecting a message of the ladder' },
        ]}
        onChange={(v) =>
          change((o) => {
            for (const k of ['choices', 'correct', 'accept', 'select', 'answerHashes']) delete o[k];
            if (v === 'choices') o['choices'] = [];
            else if (v === 'accept') o['accept'] = [];
            else o['select'] = {};
            setChoicesText(null);
            setAcceptText(null);
          })
        }
      />
      {form === 'choices' ? (
        <div className="lab-row">
          <TextAreaField
            issues={issues}
            label="Choices (one a line)"
            path={`${at}.choices`}
            alsoPaths={choices.map((_, i) => `${at}.choices[${i}]`)}
            value={choicesText}
            rows={3}
            onBlur={() => setChoicesText(null)}
            onChange={(v) => {
              setChoicesText(v);
              change((o) => (o['choices'] = toLines(v)));
            }}
          />
          <SelectField
            issues={issues}
            label="The right one"
            path={`${at}.correct`}
            value={right === undefined ? '' : String(right)}
            hint={
              sealed
                ? right !== undefined
                  ? 'Found from the sealed answer this lab came with. Choose again to replace it.'
                  : 'This lab came with its answer sealed, and no choice matches it: choose the right one.'
                : undefined
            }
            options={[
              ...(right === undefined ? [{ value: '', label: '(choose the right answer)' }] : []),
              ...choices.map((ch, i) => ({ value: String(i), label: `${i + 1}. ${ch}` })),
            ]}
            onChange={(v) =>
              change((o) => {
                delete o['answerHashes'];
                if (v === '') delete o['correct'];
                else o['correct'] = Number(v);
              })
            }
          />
        </div>
      ) : null}
      {form === 'accept' ? (
        <TextAreaField
          issues={issues}
          label="Answers taken as right (one a line, case ignored)"
          path={`${at}.accept`}
          alsoPaths={[`${at}.answerHashes`]}
          value={acceptText}
          rows={2}
          hint={
            sealed
              ? `This lab came with ${(c['answerHashes'] as unknown[]).length} answer${(c['answerHashes'] as unknown[]).length === 1 ? '' : 's'} sealed (kept as hashes, not readable). Type answers here to replace them.`
              : 'A placeholder such as {{port}} takes each student’s own value.'
          }
          onBlur={() => setAcceptText(null)}
          onChange={(v) => {
            setAcceptText(v);
            change((o) => {
              const list = toLines(v);
              if (list.length === 0 && Array.isArray(o['answerHashes'])) return;
              delete o['answerHashes'];
              o['accept'] = list;
            });
          }}
        />
      ) : null}
      {form === 'select' && isObj(c['select']) ? (
        <>
          <p className="lab-small lab-muted">The message the student selects must be:</p>
          <MatcherFields
            m={c['select']}
            at={`${at}.select`}
            issues={issues}
            names={names}
            defaultType="sent, received or lost"
            change={(fn) =>
              change((o) => {
                const s = isObj(o['select']) ? o['select'] : {};
                fn(s);
                o['select'] = s;
              })
            }
          />
        </>
      ) : null}
      {form === 'select' && Array.isArray(c['select']) ? (
        <p className="lab-small">Several matchers: edit them as JSON below.</p>
      ) : null}
    </>
  );
}
