'use client';

/**
 * Form fields of the builder. Each knows the path of its value in the lab document and shows, beside
 * itself, the issues that sim/lab's validation reports for exactly that path (validated as the
 * instructor types).
 */
import { useId, useState, type ReactNode } from 'react';
import type { LabIssue } from '@/sim/lab';
import { issuesAt } from './draft';

interface Base {
  label: ReactNode;
  /** The path of the value in the lab document (e.g. "scenario.elements[2].address"). */
  path: string;
  issues: readonly LabIssue[];
  hint?: ReactNode;
  className?: string;
}

function Errors({ id, messages }: { id: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul id={id} className="lab-field-errors">
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}

function useField(path: string, issues: readonly LabIssue[], hint: ReactNode) {
  const id = useId();
  const messages = issuesAt(issues, path);
  const describedBy =
    [messages.length > 0 ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') ||
    undefined;
  return { id, messages, describedBy, invalid: messages.length > 0 };
}

export function TextField({
  label,
  path,
  issues,
  hint,
  className,
  value,
  onChange,
  optional = false,
  list,
  placeholder,
}: Base & {
  value: unknown;
  onChange: (v: string | undefined) => void;
  /** Empty means "not set" (the key is removed). */
  optional?: boolean;
  list?: readonly string[];
  placeholder?: string;
}) {
  const f = useField(path, issues, hint);
  return (
    <div className={`lab-field ${className ?? ''}`}>
      <label htmlFor={f.id}>{label}</label>
      <input
        id={f.id}
        type="text"
        value={typeof value === 'string' ? value : value === undefined ? '' : String(value)}
        spellCheck={false}
        autoComplete="off"
        placeholder={placeholder}
        list={list ? `${f.id}-list` : undefined}
        aria-invalid={f.invalid}
        aria-describedby={f.describedBy}
        onChange={(e) => onChange(optional && e.target.value === '' ? undefined : e.target.value)}
      />
      {list ? (
        <datalist id={`${f.id}-list`}>
          {[...new Set(list)].map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      ) : null}
      {hint ? (
        <p id={`${f.id}-hint`} className="lab-small lab-muted lab-hint-text">
          {hint}
        </p>
      ) : null}
      <Errors id={`${f.id}-err`} messages={f.messages} />
    </div>
  );
}

export function TextAreaField({
  label,
  path,
  issues,
  hint,
  className,
  value,
  onChange,
  onBlur,
  rows = 4,
}: Base & { value: string; onChange: (v: string) => void; onBlur?: () => void; rows?: number }) {
  const f = useField(path, issues, hint);
  return (
    <div className={`lab-field ${className ?? ''}`}>
      <label htmlFor={f.id}>{label}</label>
      <textarea
        id={f.id}
        rows={rows}
        value={value}
        aria-invalid={f.invalid}
        aria-describedby={f.describedBy}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
      />
      {hint ? (
        <p id={`${f.id}-hint`} className="lab-small lab-muted lab-hint-text">
          {hint}
        </p>
      ) : null}
      <Errors id={`${f.id}-err`} messages={f.messages} />
    </div>
  );
}

export function NumberField({
  label,
  path,
  issues,
  hint,
  className,
  value,
  onChange,
  min,
  max,
  step,
}: Base & {
  value: unknown;
  onChange: (v: number | undefined) => void;
  min?: number;
  max?: number;
  step?: number;
}) {
  const f = useField(path, issues, hint);
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? (typeof value === 'number' ? String(value) : '');
  return (
    <div className={`lab-field ${className ?? ''}`}>
      <label htmlFor={f.id}>{label}</label>
      <input
        id={f.id}
        type="number"
        value={shown}
        min={min}
        max={max}
        step={step}
        aria-invalid={f.invalid}
        aria-describedby={f.describedBy}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          if (text === '') onChange(undefined);
          else if (Number.isFinite(Number(text))) onChange(Number(text));
        }}
        onBlur={() => setDraft(null)}
      />
      {hint ? (
        <p id={`${f.id}-hint`} className="lab-small lab-muted lab-hint-text">
          {hint}
        </p>
      ) : null}
      <Errors id={`${f.id}-err`} messages={f.messages} />
    </div>
  );
}

export function SelectField({
  label,
  path,
  issues,
  hint,
  className,
  value,
  onChange,
  options,
}: Base & {
  value: string;
  onChange: (v: string) => void;
  options: readonly { value: string; label: string }[];
}) {
  const f = useField(path, issues, hint);
  return (
    <div className={`lab-field ${className ?? ''}`}>
      <label htmlFor={f.id}>{label}</label>
      <select
        id={f.id}
        value={value}
        aria-invalid={f.invalid}
        aria-describedby={f.describedBy}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`${f.id}-hint`} className="lab-small lab-muted lab-hint-text">
          {hint}
        </p>
      ) : null}
      <Errors id={`${f.id}-err`} messages={f.messages} />
    </div>
  );
}

export function CheckField({
  label,
  path,
  issues,
  className,
  checked,
  onChange,
}: Omit<Base, 'hint'> & { checked: boolean; onChange: (v: boolean) => void }) {
  const f = useField(path, issues, undefined);
  return (
    <div className={`lab-field lab-field-check ${className ?? ''}`}>
      <label className="lab-check-field">
        <input
          type="checkbox"
          checked={checked}
          aria-invalid={f.invalid}
          aria-describedby={f.describedBy}
          onChange={(e) => onChange(e.target.checked)}
        />{' '}
        {label}
      </label>
      <Errors id={`${f.id}-err`} messages={f.messages} />
    </div>
  );
}

/**
 * A JSON value edited as text (for parts without a form of their own): kept as typed while it does
 * not parse, with the parse error beside it; each valid edit is handed on.
 */
export function JsonField({
  label,
  path,
  issues,
  hint,
  className,
  value,
  onChange,
  rows = 3,
}: Base & { value: unknown; onChange: (v: unknown) => void; rows?: number }) {
  const f = useField(path, issues, hint);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState('');
  const shown = draft ?? (value === undefined ? '' : JSON.stringify(value, null, 1));
  const messages = error ? [error, ...f.messages] : f.messages;
  return (
    <div className={`lab-field ${className ?? ''}`}>
      <label htmlFor={f.id}>{label}</label>
      <textarea
        id={f.id}
        rows={rows}
        value={shown}
        spellCheck={false}
        aria-invalid={messages.length > 0}
        aria-describedby={messages.length > 0 || hint ? `${f.id}-err ${f.id}-hint` : undefined}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          if (text.trim() === '') {
            setError('');
            onChange(undefined);
            return;
          }
          try {
            onChange(JSON.parse(text) as unknown);
            setError('');
          } catch {
            setError('not valid JSON yet');
          }
        }}
        onBlur={() => {
          if (!error) setDraft(null);
        }}
      />
      {hint ? (
        <p id={`${f.id}-hint`} className="lab-small lab-muted lab-hint-text">
          {hint}
        </p>
      ) : null}
      <Errors id={`${f.id}-err`} messages={messages} />
    </div>
  );
}
