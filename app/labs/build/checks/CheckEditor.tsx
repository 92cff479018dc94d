'use client';

/**
 * One check of a task in the builder: its id, words for the student and points, the fields of its
 * kind (message, state, setting, question), the problems that are about the check as a whole, and
 * the check as JSON for what the form does not cover.
 */
import type { LabIssue } from '@/sim/lab';
import {
  isObj,
  put,
  uniqueCheckId,
  type Draft,
  type Obj,
  type ObjUpdate,
  type Update,
} from '../draft';
import { JsonField, NumberField, TextField } from '../fields';
import { MessageCheckFields } from './MessageCheckFields';
import { QuestionFields } from './QuestionFields';
import { SettingCheckFields } from './SettingCheckFields';
import { StateCheckFields } from './StateCheckFields';
import { WriteCheckFields } from './WriteCheckFields';

const KIND_NAMES: Record<string, string> = {
  message: 'Message check',
  state: 'State check',
  setting: 'Setting check',
  answer: 'Question',
  write: 'Write the message',
};

export function CheckEditor({
  draft,
  t,
  c,
  issues,
  update,
}: {
  draft: Draft;
  t: number;
  c: number;
  issues: readonly LabIssue[];
  update: Update;
}) {
  const check = draft.tasks[t]?.checks[c];
  if (!check) return null;
  const at = `tasks[${t}].checks[${c}]`;
  const change: ObjUpdate = (fn) =>
    update((d) => {
      const x = d.tasks[t]?.checks[c];
      if (x) fn(x);
    });
  const names = draft.scenario.elements.map((e) => e.name);
  const kind = String(check['kind'] ?? '');
  const otherMessageChecks = draft.tasks
    .flatMap((x) => x.checks)
    .filter((x) => x['kind'] === 'message' && x !== check)
    .map((x) => String(x['id']));
  const general = issues.filter((i) => i.path === at || i.path === `${at}.kind`);
  return (
    <li className="lab-check-editor" data-path={at}>
      <div className="lab-check-editor-head">
        <strong>{KIND_NAMES[kind] ?? `Check (${kind})`}</strong>
        <button
          type="button"
          className="lab-link-button"
          onClick={() =>
            update((d) => {
              d.tasks[t]?.checks.splice(c, 1);
            })
          }
        >
          Remove {kind === 'answer' ? 'question' : 'check'}
          <span className="visually-hidden"> {String(check['id'])}</span>
        </button>
      </div>
      <div className="lab-row">
        <TextField
          issues={issues}
          label="Id"
          path={`${at}.id`}
          value={check['id']}
          className="lab-narrow-wide"
          onChange={(v) => change((o) => (o['id'] = v ?? ''))}
        />
        <TextField
          issues={issues}
          label="In words, for the student (optional)"
          path={`${at}.label`}
          value={check['label']}
          optional
          className="lab-grow"
          onChange={(v) => change((o) => put(o, 'label', v))}
        />
        <NumberField
          issues={issues}
          label="Points"
          path={`${at}.points`}
          value={check['points']}
          min={0}
          max={100}
          className="lab-narrow"
          onChange={(v) => change((o) => put(o, 'points', v))}
        />
      </div>
      {kind === 'message' ? (
        <MessageCheckFields
          c={check}
          at={at}
          issues={issues}
          names={names}
          change={change}
          otherMessageChecks={otherMessageChecks}
        />
      ) : null}
      {kind === 'state' ? (
        <StateCheckFields c={check} at={at} issues={issues} names={names} change={change} />
      ) : null}
      {kind === 'setting' ? (
        <SettingCheckFields
          c={check}
          at={at}
          issues={issues}
          elements={draft.scenario.elements}
          change={change}
        />
      ) : null}
      {kind === 'write' ? (
        <WriteCheckFields c={check} at={at} issues={issues} names={names} change={change} />
      ) : null}
      {kind === 'answer' ? (
        <QuestionFields
          c={check}
          at={at}
          issues={issues}
          names={names}
          salt={draft.answerSalt}
          change={change}
        />
      ) : null}
      {general.length > 0 ? (
        <ul className="lab-field-errors">
          {general.map((x, n) => (
            <li key={n}>{x.message}</li>
          ))}
        </ul>
      ) : null}
      <details className="lab-json-edit">
        <summary>Edit as JSON</summary>
        <JsonField
          issues={[]}
          label="The check as JSON"
          path={`${at}#json`}
          value={check}
          rows={6}
          onChange={(v) =>
            update((d) => {
              const task = d.tasks[t];
              if (task && isObj(v)) task.checks[c] = v;
            })
          }
        />
      </details>
    </li>
  );
}

/** A new check of a kind, with what the network suggests; a question starts empty (no right answer). */
export function newCheck(draft: Draft, kind: string): Obj {
  const ua = draft.scenario.elements.find((e) => e.kind === 'user-agent');
  const registrar = draft.scenario.elements.find((e) => e.kind === 'registrar');
  switch (kind) {
    case 'message':
      return {
        id: uniqueCheckId(draft, 'message'),
        kind: 'message',
        ...(ua ? { from: ua.name } : {}),
        method: 'REGISTER',
      };
    case 'state':
      return {
        id: uniqueCheckId(draft, 'state'),
        kind: 'state',
        element: registrar?.name ?? '',
        binding: { aor: typeof ua?.['aor'] === 'string' ? ua['aor'] : 'sip:alice@example.com' },
      };
    case 'write':
      return {
        id: uniqueCheckId(draft, 'write'),
        kind: 'write',
        element: ua?.name ?? '',
        method: 'REGISTER',
      };
    case 'setting':
      return {
        id: uniqueCheckId(draft, 'setting'),
        kind: 'setting',
        element: draft.scenario.elements[0]?.name ?? '',
        setting: 'recordRoute',
        equals: true,
      };
    default:
      return { id: uniqueCheckId(draft, 'question'), kind: 'answer', question: '', choices: [] };
  }
}
