'use client';

/**
 * Tasks and their checks. Every kind of check has a form: message checks (who sends what to whom,
 * how many times, header conditions, order after another check), state checks (a registrar binding, a
 * dialog, a transaction, a user agent's activity), setting checks, and questions (multiple choice,
 * typed answer, or "select the message in the ladder"). Each check can also be edited as JSON.
 */
import { useState } from 'react';
import { SETTINGS_BY_KIND, type LabIssue } from '@/sim/lab';
import { Markdown } from '../Markdown';
import { settingLabel } from '../lab-model';
import {
  issuesUnder,
  uniqueCheckId,
  uniqueTaskId,
  type Draft,
  type DraftTask,
  type Obj,
} from './draft';
import type { Update } from './ElementForm';
import {
  CheckField,
  JsonField,
  NumberField,
  SelectField,
  TextAreaField,
  TextField,
} from './fields';

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function put(o: Obj, key: string, value: unknown): void {
  if (value === undefined || value === '') delete o[key];
  else o[key] = value;
}

/** "REGISTER", "200" or "4xx" into the matcher's method or status. */
function setMethodOrStatus(m: Obj, text: string | undefined): void {
  delete m['method'];
  delete m['status'];
  const t = (text ?? '').trim();
  if (/^\d+$/.test(t)) m['status'] = Number(t);
  else if (/^[1-6]xx$/i.test(t)) m['status'] = t.toLowerCase();
  else if (t) m['method'] = t.toUpperCase();
}

function methodOrStatus(m: Obj): string {
  if (m['method'] !== undefined) return String(m['method']);
  if (m['status'] !== undefined) return String(m['status']);
  return '';
}

type ObjUpdate = (fn: (o: Obj) => void) => void;

function MatcherFields({
  m,
  at,
  issues,
  names,
  change,
  defaultType,
}: {
  m: Obj;
  at: string;
  issues: readonly LabIssue[];
  names: readonly string[];
  change: ObjUpdate;
  defaultType: string;
}) {
  const elementOptions = [
    { value: '', label: 'any element' },
    ...names.map((n) => ({ value: n, label: n })),
  ];
  const type = typeof m['type'] === 'string' ? m['type'] : '';
  return (
    <div className="lab-row">
      <SelectField
        issues={issues}
        label="Event"
        path={`${at}.type`}
        value={type}
        options={[
          { value: '', label: `${defaultType} (default)` },
          { value: 'send', label: 'sent' },
          { value: 'receive', label: 'received' },
          { value: 'drop', label: 'lost' },
        ]}
        onChange={(v) => change((o) => put(o, 'type', v))}
      />
      <SelectField
        issues={issues}
        label="From"
        path={`${at}.from`}
        value={String(m['from'] ?? '')}
        options={elementOptions}
        onChange={(v) => change((o) => put(o, 'from', v))}
      />
      <SelectField
        issues={issues}
        label="To"
        path={`${at}.to`}
        value={String(m['to'] ?? '')}
        options={elementOptions}
        onChange={(v) => change((o) => put(o, 'to', v))}
      />
      <TextField
        issues={issues}
        label="Method or status"
        path={m['status'] !== undefined ? `${at}.status` : `${at}.method`}
        value={methodOrStatus(m)}
        optional
        placeholder="REGISTER, 200 or 4xx"
        onChange={(v) => change((o) => setMethodOrStatus(o, v))}
      />
      <SelectField
        issues={issues}
        label="Transmission"
        path={`${at}.retransmission`}
        value={m['retransmission'] === true ? 'yes' : m['retransmission'] === false ? 'no' : ''}
        options={[
          { value: '', label: 'any' },
          { value: 'no', label: 'first sends only' },
          { value: 'yes', label: 'retransmissions only' },
        ]}
        onChange={(v) =>
          change((o) => put(o, 'retransmission', v === '' ? undefined : v === 'yes'))
        }
      />
      {type === 'receive' ? (
        <SelectField
          issues={issues}
          label="Then the receiver"
          path={`${at}.forwarded`}
          value={m['forwarded'] === true ? 'yes' : m['forwarded'] === false ? 'no' : ''}
          options={[
            { value: '', label: 'does anything' },
            { value: 'yes', label: 'passes it on' },
            { value: 'no', label: 'absorbs it' },
          ]}
          onChange={(v) => change((o) => put(o, 'forwarded', v === '' ? undefined : v === 'yes'))}
        />
      ) : null}
    </div>
  );
}

const HEADER_TESTS = [
  { value: 'present', label: 'is present' },
  { value: 'absent', label: 'is absent' },
  { value: 'contains', label: 'contains' },
  { value: 'equals', label: 'equals' },
  { value: 'below', label: 'is a number below' },
  { value: 'above', label: 'is a number above' },
];

function headerTest(h: Obj): string {
  if (h['present'] === false) return 'absent';
  for (const k of ['contains', 'equals', 'below', 'above']) if (h[k] !== undefined) return k;
  return 'present';
}

function HeaderConditions({
  m,
  at,
  issues,
  change,
}: {
  m: Obj;
  at: string;
  issues: readonly LabIssue[];
  change: ObjUpdate;
}) {
  const headers = Array.isArray(m['headers']) ? m['headers'].filter(isObj) : [];
  const setHeader = (i: number, fn: (h: Obj) => void) =>
    change((o) => {
      const list = Array.isArray(o['headers']) ? o['headers'].filter(isObj) : [];
      const h = list[i];
      if (!h) return;
      fn(h);
      o['headers'] = list;
    });
  return (
    <div className="lab-headers">
      {headers.map((h, i) => {
        const test = headerTest(h);
        const hp = `${at}.headers[${i}]`;
        const valued = test !== 'present' && test !== 'absent';
        return (
          <div key={i} className="lab-row">
            <TextField
              issues={issues}
              label="Header"
              path={`${hp}.name`}
              value={h['name']}
              placeholder="Record-Route"
              onChange={(v) => setHeader(i, (x) => put(x, 'name', v ?? ''))}
            />
            <SelectField
              issues={issues}
              label="Condition"
              path={`${hp}.present`}
              value={test}
              options={HEADER_TESTS}
              onChange={(v) =>
                setHeader(i, (x) => {
                  const old = x[test];
                  for (const k of ['present', 'contains', 'equals', 'below', 'above']) delete x[k];
                  if (v === 'absent') x['present'] = false;
                  else if (v === 'below' || v === 'above')
                    x[v] = typeof old === 'number' ? old : Number(old) || 70;
                  else if (v === 'contains' || v === 'equals')
                    x[v] = typeof old === 'string' && old ? old : String(old ?? '') || 'x';
                })
              }
            />
            {valued ? (
              test === 'below' || test === 'above' ? (
                <NumberField
                  issues={issues}
                  label="Number"
                  path={`${hp}.${test}`}
                  value={h[test]}
                  className="lab-narrow"
                  onChange={(v) => setHeader(i, (x) => put(x, test, v))}
                />
              ) : (
                <TextField
                  issues={issues}
                  label="Text"
                  path={`${hp}.${test}`}
                  value={h[test]}
                  onChange={(v) => setHeader(i, (x) => (x[test] = v ?? ''))}
                />
              )
            ) : null}
            <button
              type="button"
              className="lab-link-button lab-row-remove"
              onClick={() =>
                change((o) => {
                  const list = Array.isArray(o['headers']) ? o['headers'].filter(isObj) : [];
                  list.splice(i, 1);
                  put(o, 'headers', list.length > 0 ? list : undefined);
                })
              }
            >
              Remove<span className="visually-hidden"> header condition {i + 1}</span>
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="lab-link-button"
        onClick={() =>
          change((o) => {
            const list = Array.isArray(o['headers']) ? o['headers'].filter(isObj) : [];
            list.push({ name: 'CSeq', contains: 'REGISTER' });
            o['headers'] = list;
          })
        }
      >
        Add header condition
      </button>
    </div>
  );
}

function countMode(c: Obj): string {
  if (c['absent'] === true) return 'never';
  if (c['count'] !== undefined) return 'exactly';
  if (c['atLeast'] !== undefined) return 'atLeast';
  return 'once';
}

function MessageCheckFields({
  c,
  at,
  issues,
  names,
  change,
  otherMessageChecks,
}: {
  c: Obj;
  at: string;
  issues: readonly LabIssue[];
  names: readonly string[];
  change: ObjUpdate;
  otherMessageChecks: readonly string[];
}) {
  const mode = countMode(c);
  return (
    <>
      <MatcherFields
        m={c}
        at={at}
        issues={issues}
        names={names}
        change={change}
        defaultType="sent"
      />
      <div className="lab-row">
        <SelectField
          issues={issues}
          label="How many"
          path={`${at}.count`}
          value={mode}
          options={[
            { value: 'once', label: 'at least once' },
            { value: 'exactly', label: 'exactly' },
            { value: 'atLeast', label: 'at least' },
            { value: 'never', label: 'never' },
          ]}
          onChange={(v) =>
            change((o) => {
              delete o['absent'];
              delete o['count'];
              delete o['atLeast'];
              if (v === 'never') o['absent'] = true;
              else if (v === 'exactly') o['count'] = 1;
              else if (v === 'atLeast') o['atLeast'] = 2;
            })
          }
        />
        {mode === 'exactly' || mode === 'atLeast' ? (
          <NumberField
            issues={issues}
            label="Times"
            path={`${at}.${mode === 'exactly' ? 'count' : 'atLeast'}`}
            value={mode === 'exactly' ? c['count'] : c['atLeast']}
            min={mode === 'exactly' ? 0 : 1}
            className="lab-narrow"
            onChange={(v) => change((o) => put(o, mode === 'exactly' ? 'count' : 'atLeast', v))}
          />
        ) : null}
        <SelectField
          issues={issues}
          label="Only after the first match of"
          path={`${at}.after`}
          value={String(c['after'] ?? '')}
          options={[
            { value: '', label: '(anywhere in the run)' },
            ...otherMessageChecks.map((id) => ({ value: id, label: `check ${id}` })),
          ]}
          onChange={(v) => change((o) => put(o, 'after', v))}
        />
      </div>
      <HeaderConditions m={c} at={at} issues={issues} change={change} />
    </>
  );
}

const STATE_WHAT = [
  { value: 'binding', label: 'a registrar binding' },
  { value: 'dialog', label: 'a dialog' },
  { value: 'activity', label: "a user agent's activity" },
  { value: 'transaction', label: 'a transaction' },
];

function StateCheckFields({
  c,
  at,
  issues,
  draft,
  change,
}: {
  c: Obj;
  at: string;
  issues: readonly LabIssue[];
  draft: Draft;
  change: ObjUpdate;
}) {
  const what = STATE_WHAT.find((w) => c[w.value] !== undefined)?.value ?? 'binding';
  const sub = isObj(c[what]) ? c[what] : {};
  const setSub = (key: string, value: unknown) =>
    change((o) => {
      const s = isObj(o[what]) ? o[what] : {};
      put(s, key, value);
      o[what] = s;
    });
  const names = draft.scenario.elements.map((e) => e.name);
  return (
    <>
      <div className="lab-row">
        <SelectField
          issues={issues}
          label="Element"
          path={`${at}.element`}
          value={String(c['element'] ?? '')}
          options={[
            ...(names.includes(String(c['element'] ?? ''))
              ? []
              : [{ value: String(c['element'] ?? ''), label: '(choose)' }]),
            ...names.map((n) => ({ value: n, label: n })),
          ]}
          onChange={(v) => change((o) => (o['element'] = v))}
        />
        <SelectField
          issues={issues}
          label="Has at the end"
          path={at}
          value={what}
          options={STATE_WHAT}
          onChange={(v) =>
            change((o) => {
              for (const w of STATE_WHAT) delete o[w.value];
              o[v] =
                v === 'binding'
                  ? { aor: 'sip:alice@example.com' }
                  : v === 'dialog'
                    ? { state: 'confirmed' }
                    : v === 'activity'
                      ? { kind: 'registration', state: 'registered' }
                      : { method: 'INVITE', state: 'Terminated', reached: true };
            })
          }
        />
      </div>
      <div className="lab-row">
        {what === 'binding' ? (
          <>
            <TextField
              issues={issues}
              label="For the AOR"
              path={`${at}.binding.aor`}
              value={sub['aor']}
              onChange={(v) => setSub('aor', v ?? '')}
            />
            <TextField
              issues={issues}
              label="To the contact (optional)"
              path={`${at}.binding.contact`}
              value={sub['contact']}
              optional
              onChange={(v) => setSub('contact', v)}
            />
          </>
        ) : null}
        {what === 'dialog' ? (
          <SelectField
            issues={issues}
            label="In the state"
            path={`${at}.dialog.state`}
            value={String(sub['state'] ?? 'confirmed')}
            options={['early', 'confirmed', 'terminated'].map((s) => ({ value: s, label: s }))}
            onChange={(v) => setSub('state', v)}
          />
        ) : null}
        {what === 'activity' ? (
          <>
            <SelectField
              issues={issues}
              label="Activity"
              path={`${at}.activity.kind`}
              value={String(sub['kind'] ?? 'registration')}
              options={['call', 'registration', 'subscription', 'message'].map((s) => ({
                value: s,
                label: s,
              }))}
              onChange={(v) => setSub('kind', v)}
            />
            <TextField
              issues={issues}
              label="Ends in the state"
              path={`${at}.activity.state`}
              value={sub['state']}
              placeholder="registered"
              onChange={(v) => setSub('state', v ?? '')}
            />
          </>
        ) : null}
        {what === 'transaction' ? (
          <>
            <TextField
              issues={issues}
              label="Method (optional)"
              path={`${at}.transaction.method`}
              value={sub['method']}
              optional
              onChange={(v) => setSub('method', v)}
            />
            <TextField
              issues={issues}
              label="State"
              path={`${at}.transaction.state`}
              value={sub['state']}
              placeholder="Completed"
              onChange={(v) => setSub('state', v ?? '')}
            />
            <CheckField
              issues={issues}
              label="Reached at some time (not only at the end)"
              path={`${at}.transaction.reached`}
              checked={sub['reached'] === true}
              onChange={(v) => setSub('reached', v ? true : undefined)}
            />
          </>
        ) : null}
      </div>
    </>
  );
}

function SettingCheckFields({
  c,
  at,
  issues,
  draft,
  change,
}: {
  c: Obj;
  at: string;
  issues: readonly LabIssue[];
  draft: Draft;
  change: ObjUpdate;
}) {
  const el = draft.scenario.elements.find((e) => e.name === c['element']);
  const settings = el ? (SETTINGS_BY_KIND.get(el.kind) ?? []) : [];
  return (
    <div className="lab-row">
      <SelectField
        issues={issues}
        label="Element"
        path={`${at}.element`}
        value={String(c['element'] ?? '')}
        options={[
          ...(el ? [] : [{ value: String(c['element'] ?? ''), label: '(choose)' }]),
          ...draft.scenario.elements.map((e) => ({ value: e.name, label: e.name })),
        ]}
        onChange={(v) => change((o) => (o['element'] = v))}
      />
      <SelectField
        issues={issues}
        label="Setting"
        path={`${at}.setting`}
        value={String(c['setting'] ?? '')}
        options={[
          ...(settings.includes(String(c['setting'] ?? ''))
            ? []
            : [{ value: String(c['setting'] ?? ''), label: String(c['setting'] ?? '(choose)') }]),
          ...settings.map((s) => ({ value: s, label: settingLabel(s) })),
        ]}
        onChange={(v) => change((o) => (o['setting'] = v))}
      />
      <JsonField
        issues={issues}
        label='Equals (JSON: true, 5, "text")'
        path={`${at}.equals`}
        value={c['equals']}
        rows={1}
        onChange={(v) => change((o) => (o['equals'] = v === undefined ? null : v))}
      />
    </div>
  );
}

function lines(v: unknown): string {
  return Array.isArray(v) ? v.map(String).join('\n') : '';
}

function toLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

function AnswerCheckFields({
  c,
  at,
  issues,
  names,
  change,
}: {
  c: Obj;
  at: string;
  issues: readonly LabIssue[];
  names: readonly string[];
  change: ObjUpdate;
}) {
  const form =
    c['select'] !== undefined ? 'select' : c['accept'] !== undefined ? 'accept' : 'choices';
  // What is typed, while the field has focus (blank lines kept); the check's value otherwise.
  const [choicesDraft, setChoicesText] = useState<string | null>(null);
  const [acceptDraft, setAcceptText] = useState<string | null>(null);
  const choicesText = choicesDraft ?? lines(c['choices']);
  const acceptText = acceptDraft ?? lines(c['accept']);
  const choices = Array.isArray(c['choices']) ? c['choices'].map(String) : [];
  return (
    <>
      <TextField
        issues={issues}
        label="Question"
        path={`${at}.question`}
        value={c['question']}
        onChange={(v) => change((o) => (o['question'] = v ?? ''))}
      />
      <SelectField
        issues={issues}
        label="Answered by"
        path={at}
        value={form}
        options={[
          { value: 'choices', label: 'choosing one of several answers' },
          { value: 'accept', label: 'typing an answer' },
          { value: 'select', label: 'selecting a message of the ladder' },
        ]}
        onChange={(v) =>
          change((o) => {
            delete o['choices'];
            delete o['correct'];
            delete o['accept'];
            delete o['select'];
            if (v === 'choices') {
              o['choices'] = ['Yes', 'No'];
              o['correct'] = 0;
              setChoicesText(null);
            } else if (v === 'accept') {
              o['accept'] = ['answer'];
              setAcceptText(null);
            } else o['select'] = { type: 'drop' };
          })
        }
      />
      {form === 'choices' ? (
        <div className="lab-row">
          <TextAreaField
            issues={issues}
            label="Choices (one a line)"
            path={`${at}.choices`}
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
            value={String(c['correct'] ?? 0)}
            options={choices.map((ch, i) => ({ value: String(i), label: `${i + 1}. ${ch}` }))}
            onChange={(v) => change((o) => (o['correct'] = Number(v)))}
          />
        </div>
      ) : null}
      {form === 'accept' ? (
        <TextAreaField
          issues={issues}
          label="Answers taken as right (one a line, case ignored)"
          path={`${at}.accept`}
          value={acceptText}
          rows={2}
          onBlur={() => setAcceptText(null)}
          onChange={(v) => {
            setAcceptText(v);
            change((o) => (o['accept'] = toLines(v)));
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

const KIND_NAMES: Record<string, string> = {
  message: 'Message check',
  state: 'State check',
  setting: 'Setting check',
  answer: 'Question',
};

function CheckEditor({
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
  const general = issuesUnder(issues, at).filter((i) => i.path === at);
  return (
    <li className="lab-check-editor">
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
          Remove check<span className="visually-hidden"> {String(check['id'])}</span>
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
        <StateCheckFields c={check} at={at} issues={issues} draft={draft} change={change} />
      ) : null}
      {kind === 'setting' ? (
        <SettingCheckFields c={check} at={at} issues={issues} draft={draft} change={change} />
      ) : null}
      {kind === 'answer' ? (
        <AnswerCheckFields c={check} at={at} issues={issues} names={names} change={change} />
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
          path={at}
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

function newCheck(draft: Draft, kind: string): Obj {
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
    case 'setting':
      return {
        id: uniqueCheckId(draft, 'setting'),
        kind: 'setting',
        element: draft.scenario.elements[0]?.name ?? '',
        setting: 'recordRoute',
        equals: true,
      };
    default:
      return {
        id: uniqueCheckId(draft, 'question'),
        kind: 'answer',
        question: 'Which …?',
        choices: ['Yes', 'No'],
        correct: 0,
      };
  }
}

function TaskEditorItem({
  draft,
  t,
  task,
  issues,
  update,
}: {
  draft: Draft;
  t: number;
  task: DraftTask;
  issues: readonly LabIssue[];
  update: Update;
}) {
  const at = `tasks[${t}]`;
  const change = (fn: (x: DraftTask) => void) =>
    update((d) => {
      const x = d.tasks[t];
      if (x) fn(x);
    });
  const checkIssues = issues.filter((i) => i.path === `${at}.checks`);
  return (
    <li className="lab-task-editor">
      <div className="lab-check-editor-head">
        <h3>
          Task {t + 1}: {task.title || '(no title)'}
        </h3>
        <button
          type="button"
          className="lab-link-button"
          onClick={() =>
            update((d) => {
              d.tasks.splice(t, 1);
            })
          }
        >
          Remove task<span className="visually-hidden"> {t + 1}</span>
        </button>
      </div>
      <div className="lab-row">
        <TextField
          issues={issues}
          label="Task id"
          path={`${at}.id`}
          value={task.id}
          className="lab-narrow-wide"
          onChange={(v) => change((x) => (x.id = v ?? ''))}
        />
        <TextField
          issues={issues}
          label="Task title"
          path={`${at}.title`}
          value={task.title}
          className="lab-grow"
          onChange={(v) => change((x) => (x.title = v ?? ''))}
        />
      </div>
      <TextAreaField
        issues={issues}
        label="What to do (Markdown, optional)"
        path={`${at}.description`}
        value={task.description ?? ''}
        rows={2}
        onChange={(v) =>
          change((x) => {
            if (v === '') delete x.description;
            else x.description = v;
          })
        }
      />
      <TextField
        issues={issues}
        label="Hint (shown beside a check of this task that did not pass)"
        path={`${at}.hint`}
        value={task.hint}
        optional
        onChange={(v) =>
          change((x) => {
            if (v === undefined) delete x.hint;
            else x.hint = v;
          })
        }
      />
      <h4>Checks</h4>
      {task.checks.length === 0 ? <p className="lab-muted">No checks yet.</p> : null}
      {checkIssues.length > 0 ? (
        <ul className="lab-field-errors">
          {checkIssues.map((x, n) => (
            <li key={n}>{x.message}</li>
          ))}
        </ul>
      ) : null}
      <ol className="lab-check-list">
        {task.checks.map((c, ci) => (
          <CheckEditor
            key={`${ci}-${String(c['kind'])}`}
            draft={draft}
            t={t}
            c={ci}
            issues={issues}
            update={update}
          />
        ))}
      </ol>
      <div className="lab-button-row">
        {(
          [
            ['message', 'Add message check'],
            ['state', 'Add state check'],
            ['setting', 'Add setting check'],
            ['answer', 'Add question'],
          ] as const
        ).map(([kind, label]) => (
          <button
            key={kind}
            type="button"
            className="lab-button"
            onClick={() =>
              update((d) => {
                d.tasks[t]?.checks.push(newCheck(d, kind));
              })
            }
          >
            {label}
            <span className="visually-hidden"> to task {t + 1}</span>
          </button>
        ))}
      </div>
    </li>
  );
}

export function TaskEditor({
  draft,
  issues,
  update,
}: {
  draft: Draft;
  issues: readonly LabIssue[];
  update: Update;
}) {
  const taskIssues = issues.filter((i) => i.path === 'tasks');
  return (
    <div>
      {taskIssues.length > 0 ? (
        <ul className="lab-field-errors">
          {taskIssues.map((x, n) => (
            <li key={n}>{x.message}</li>
          ))}
        </ul>
      ) : null}
      <ol className="lab-task-list">
        {draft.tasks.map((task, t) => (
          <TaskEditorItem key={t} draft={draft} t={t} task={task} issues={issues} update={update} />
        ))}
      </ol>
      <button
        type="button"
        className="lab-button"
        onClick={() =>
          update((d) => {
            d.tasks.push({ id: uniqueTaskId(d), title: 'A task for the student', checks: [] });
          })
        }
      >
        Add task
      </button>
    </div>
  );
}

export function InstructionsEditor({
  draft,
  issues,
  update,
}: {
  draft: Draft;
  issues: readonly LabIssue[];
  update: Update;
}) {
  return (
    <div className="lab-instructions-editor">
      <TextAreaField
        issues={issues}
        label="Instructions (Markdown)"
        path="instructions"
        value={draft.instructions}
        rows={12}
        hint="Headings (#), lists (-, 1.), **bold**, *italic*, `code`, [links](https://…). Raw HTML is shown as text. {{name}} puts a parameter's value."
        onChange={(v) =>
          update((d) => {
            d.instructions = v;
          })
        }
      />
      <section className="lab-preview" aria-label="Preview of the instructions">
        <p className="lab-small lab-muted">Preview</p>
        {draft.instructions.trim() === '' ? (
          <p className="lab-muted">Nothing yet.</p>
        ) : (
          <Markdown source={draft.instructions} />
        )}
      </section>
    </div>
  );
}
