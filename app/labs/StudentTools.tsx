'use client';

/**
 * What a student may do in a lab, and nothing more: the settings the lab unlocks, the user actions it
 * offers (with their arguments and a time), fault rules and links when unlocked. Each form hands a
 * StudentAction to `record`, which tries it (sim/lab's planActions) and returns the issues when the
 * lab refuses it; the issues are shown beside the field. The fault rule form and the link table are
 * the simulator's own (DropRuleForm, LinkSettings): the playground and a lab share them.
 */
import { useId, useState } from 'react';
import { DropRuleForm } from '@/app/components/simulator/DropRuleForm';
import { FieldErrors, type FieldIssue } from '@/app/components/simulator/FieldErrors';
import { LinkSettings } from '@/app/components/simulator/LinkSettings';
import type { Scenario, ScenarioElement } from '@/sim/scenario';
import type { Lab, StudentAction } from '@/sim/lab';
import {
  ACTION_ARGS,
  ARG_LABELS,
  offeredActions,
  settingInput,
  settingLabel,
  settingText,
  type SettingInput,
} from './lab-model';

export { FieldErrors, type FieldIssue };
/** A JSON value, as a setting action carries it. */
export type JsonValue = Extract<StudentAction, { kind: 'setting' }>['settings'][string];
export type Recorder = (action: StudentAction) => FieldIssue[];

function parseSetting(text: string, input: SettingInput): { value: JsonValue } | { error: string } {
  if (text.trim() === '') return { value: null };
  if (input.type === 'number') {
    const n = Number(text);
    return Number.isFinite(n) ? { value: n } : { error: 'Write a number.' };
  }
  if (input.type === 'json') {
    try {
      return { value: JSON.parse(text) as JsonValue };
    } catch {
      return { error: 'This is not valid JSON yet, such as {"mode": "busy"} or [1, 2].' };
    }
  }
  if (input.type === 'select' && input.numeric) return { value: Number(text) };
  return { value: text };
}

/** One unlocked setting of one element. */
function SettingField({
  element,
  setting,
  scenario,
  record,
}: {
  element: ScenarioElement;
  setting: string;
  scenario: Scenario;
  record: Recorder;
}) {
  const id = useId();
  const input = settingInput(element.kind, setting, scenario);
  const current = (element as Record<string, unknown>)[setting];
  const [draft, setDraft] = useState<string | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const label = `${settingLabel(setting)}`;

  const commit = (value: JsonValue) => {
    setIssues(record({ kind: 'setting', element: element.name, settings: { [setting]: value } }));
  };
  const errorId = `${id}-err`;
  const described = issues.length > 0 ? errorId : undefined;

  let control;
  if (input.type === 'boolean') {
    control = (
      <label className="lab-check-field">
        <input
          type="checkbox"
          checked={current === true}
          onChange={(e) => commit(e.target.checked)}
          aria-describedby={described}
        />{' '}
        {label}
      </label>
    );
  } else {
    const text = draft ?? settingText(current, input);
    const onText = (value: string) => {
      setDraft(value);
      const parsed = parseSetting(value, input);
      if ('error' in parsed) setIssues([{ path: '', message: parsed.error }]);
      else commit(parsed.value);
    };
    const field =
      input.type === 'select' ? (
        <select
          id={id}
          value={text}
          onChange={(e) => onText(e.target.value)}
          aria-describedby={described}
        >
          {input.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : input.type === 'json' ? (
        <textarea
          id={id}
          rows={2}
          value={text}
          spellCheck={false}
          onChange={(e) => onText(e.target.value)}
          onBlur={() => setDraft(null)}
          aria-describedby={described}
          aria-invalid={issues.length > 0}
        />
      ) : (
        <input
          id={id}
          type={input.type === 'number' ? 'number' : 'text'}
          value={text}
          spellCheck={false}
          autoComplete="off"
          list={input.type === 'text' && input.list ? `${id}-list` : undefined}
          onChange={(e) => onText(e.target.value)}
          onBlur={() => {
            if (issues.length === 0) setDraft(null);
          }}
          aria-describedby={described}
          aria-invalid={issues.length > 0}
        />
      );
    control = (
      <>
        <label htmlFor={id}>{label}</label>
        {field}
        {input.type === 'text' && input.list ? (
          <datalist id={`${id}-list`}>
            {[...new Set(input.list)].map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
        ) : null}
      </>
    );
  }
  return (
    <div className="lab-field">
      {control}
      <FieldErrors id={errorId} issues={issues} />
    </div>
  );
}

export function SettingsPanel({
  unlock,
  scenario,
  record,
}: {
  unlock: Lab['unlock'];
  scenario: Scenario;
  record: Recorder;
}) {
  const entries = Object.entries(unlock.elements ?? {}).filter(([, s]) => s.length > 0);
  if (entries.length === 0) return null;
  return (
    <div className="lab-tool">
      <h3>Settings you may change</h3>
      {entries.map(([name, settings]) => {
        const el = scenario.elements.find((e) => e.name === name);
        if (!el) return null;
        return (
          <fieldset key={name} className="lab-fieldset">
            <legend>
              {name}
              {el.label ? <span className="lab-muted"> ({el.label})</span> : null}
            </legend>
            {settings.map((s) => (
              <SettingField key={s} element={el} setting={s} scenario={scenario} record={record} />
            ))}
          </fieldset>
        );
      })}
    </div>
  );
}

/** The arguments of a timeline action as form fields. */
export function ActionArgs({
  action,
  values,
  onChange,
  idPrefix,
  uris,
}: {
  action: string;
  values: Record<string, string>;
  onChange: (name: string, value: string) => void;
  idPrefix: string;
  uris: readonly string[];
}) {
  const args = ACTION_ARGS[action] ?? [];
  return (
    <>
      {args.map((arg) => {
        const id = `${idPrefix}-${arg}`;
        if (arg === 'all')
          return (
            <label key={arg} className="lab-check-field">
              <input
                type="checkbox"
                checked={values[arg] === 'true'}
                onChange={(e) => onChange(arg, e.target.checked ? 'true' : '')}
              />{' '}
              {ARG_LABELS[arg]}
            </label>
          );
        if (arg === 'status' && action === 'set-status')
          return (
            <div key={arg} className="lab-field">
              <label htmlFor={id}>{ARG_LABELS[arg]}</label>
              <select
                id={id}
                value={values[arg] ?? 'open'}
                onChange={(e) => onChange(arg, e.target.value)}
              >
                <option value="open">open</option>
                <option value="closed">closed</option>
              </select>
            </div>
          );
        return (
          <div key={arg} className="lab-field">
            <label htmlFor={id}>{ARG_LABELS[arg] ?? arg}</label>
            <input
              id={id}
              type={arg === 'expires' ? 'number' : 'text'}
              value={values[arg] ?? ''}
              spellCheck={false}
              autoComplete="off"
              list={arg === 'to' || arg === 'aor' ? `${idPrefix}-uris` : undefined}
              onChange={(e) => onChange(arg, e.target.value)}
            />
          </div>
        );
      })}
      <datalist id={`${idPrefix}-uris`}>
        {uris.map((u) => (
          <option key={u} value={u} />
        ))}
      </datalist>
    </>
  );
}

/** The arguments typed, as the fields of a timeline action (empty ones left out). */
export function actionFromArgs(
  actor: string,
  action: string,
  values: Record<string, string>,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = { actor, action };
  for (const arg of ACTION_ARGS[action] ?? []) {
    const v = values[arg];
    if (arg === 'status' && action === 'set-status') {
      out[arg] = v || 'open';
      continue;
    }
    if (v === undefined || v === '') continue;
    if (arg === 'all') out[arg] = v === 'true';
    else if (arg === 'expires') out[arg] = Number(v);
    else out[arg] = v;
  }
  return out;
}

export function TimelinePanel({
  unlock,
  scenario,
  baseTimeline,
  record,
}: {
  unlock: Lab['unlock'];
  scenario: Scenario;
  /** The lab's own timeline (without the student's actions). */
  baseTimeline: Scenario['timeline'];
  record: Recorder;
}) {
  const id = useId();
  const offered = offeredActions(unlock, scenario.elements);
  const [choice, setChoice] = useState(0);
  const [at, setAt] = useState('0');
  const [args, setArgs] = useState<Record<string, string>>({});
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [added, setAdded] = useState('');
  if (offered.length === 0) return null;
  const picked = offered[Math.min(choice, offered.length - 1)]!;
  const uris = scenario.elements.flatMap((e) => (e.kind === 'user-agent' ? [e.aor] : []));
  const existing = baseTimeline;

  const add = () => {
    const seconds = Number(at);
    if (at.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
      setIssues([{ path: 'at', message: 'Write a time in seconds, 0 or more.' }]);
      return;
    }
    const action = actionFromArgs(picked.actor, picked.action, args);
    const r = record({ kind: 'timeline', at: Math.round(seconds * 1000), action });
    setIssues(r);
    setAdded(r.length === 0 ? `Added: ${picked.actor}: ${picked.action} at ${seconds} s.` : '');
  };

  return (
    <div className="lab-tool">
      <h3>Actions you may add to the timeline</h3>
      {existing.length > 0 ? (
        <details className="lab-existing">
          <summary>What the lab already has on the timeline ({existing.length})</summary>
          <ul>
            {existing.slice(0, 50).map((a, i) => (
              <li key={i}>
                {(a.at / 1000).toFixed(3)} s — {a.actor}: {a.action}
                {'to' in a && a.to ? ` ${a.to}` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <form
        className="lab-form"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <div className="lab-field">
          <label htmlFor={`${id}-what`}>Action</label>
          <select
            id={`${id}-what`}
            value={String(Math.min(choice, offered.length - 1))}
            onChange={(e) => {
              setChoice(Number(e.target.value));
              setIssues([]);
            }}
          >
            {offered.map((o, i) => (
              <option key={`${o.actor}:${o.action}`} value={i}>
                {o.actor}: {o.action}
              </option>
            ))}
          </select>
        </div>
        <ActionArgs
          action={picked.action}
          values={args}
          onChange={(k, v) => setArgs((a) => ({ ...a, [k]: v }))}
          idPrefix={id}
          uris={uris}
        />
        <div className="lab-field">
          <label htmlFor={`${id}-at`}>At (seconds from the start)</label>
          <input
            id={`${id}-at`}
            type="number"
            min={0}
            step={0.1}
            value={at}
            onChange={(e) => setAt(e.target.value)}
          />
        </div>
        <button type="submit" className="lab-button">
          Add to the timeline
        </button>
        <FieldErrors id={`${id}-err`} issues={issues} />
        <p className="lab-muted lab-small" role="status">
          {added}
        </p>
      </form>
    </div>
  );
}

export function FaultPanel({ scenario, record }: { scenario: Scenario; record: Recorder }) {
  return (
    <div className="lab-tool">
      <h3>Drop messages (fault rules)</h3>
      <DropRuleForm
        elements={scenario.elements.map((e) => e.name)}
        onAdd={(rule) => record({ kind: 'fault', rule: { name: 'added by the student', ...rule } })}
      />
    </div>
  );
}

export function LinkPanel({ scenario, record }: { scenario: Scenario; record: Recorder }) {
  if (scenario.links.length === 0) return null;
  return (
    <div className="lab-tool">
      <h3>Links</h3>
      <LinkSettings links={scenario.links} onChange={(c) => record({ kind: 'link', ...c })} />
    </div>
  );
}
