'use client';

/**
 * The builder's one set of form fields. Each knows the path of its value in the lab document and shows,
 * beside itself, the problems sim/lab's validation finds at that path — plain sentences saying how to
 * fix them — and carries the path (data-path) so the list of problems can take the instructor to it.
 * Besides the plain inputs: times kept in ms but read and typed in seconds, loss kept 0–1 but read in
 * %, and the rows every editor shares — "Method or status" (a SIP method or a status 100–699 or class),
 * an element chosen by name, which transmissions.
 */
import { useId, useState, type ReactNode } from 'react';
import type { LabIssue } from '@/sim/lab';
import { issuesAt, type Obj } from './draft';

interface Base {
  label: ReactNode;
  /** The path of the value in the lab document (e.g. "scenario.elements[2].address"). */
  path: string;
  issues: readonly LabIssue[];
  /** Other paths whose problems show here too (a field that edits two keys). */
  alsoPaths?: readonly string[];
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

function useField(
  path: string,
  issues: readonly LabIssue[],
  hint: ReactNode,
  alsoPaths: readonly string[] = [],
  local: readonly string[] = [],
) {
  const id = useId();
  const messages = [...local, ...[path, ...alsoPaths].flatMap((p) => issuesAt(issues, p))].filter(
    (m, i, all) => all.indexOf(m) === i,
  );
  const describedBy =
    [messages.length > 0 ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') ||
    undefined;
  return { id, messages, describedBy, invalid: messages.length > 0 };
}

/** The frame of every field: label, control, hint, problems. */
function Frame({
  f,
  label,
  hint,
  className,
  path,
  children,
}: {
  f: ReturnType<typeof useField>;
  label: ReactNode;
  hint: ReactNode;
  className: string | undefined;
  path: string;
  children: ReactNode;
}) {
  return (
    <div className={`lab-field ${className ?? ''}`} data-path={path}>
      <label htmlFor={f.id}>{label}</label>
      {children}
      {hint ? (
        <p id={`${f.id}-hint`} className="lab-small lab-muted lab-hint-text">
          {hint}
        </p>
      ) : null}
      <Errors id={`${f.id}-err`} messages={f.messages} />
    </div>
  );
}

export function TextField({
  label,
  path,
  issues,
  alsoPaths,
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
  const f = useField(path, issues, hint, alsoPaths);
  return (
    <Frame f={f} label={label} hint={hint} className={className} path={path}>
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
    </Frame>
  );
}

export function TextAreaField({
  label,
  path,
  issues,
  alsoPaths,
  hint,
  className,
  value,
  onChange,
  onBlur,
  rows = 4,
}: Base & { value: string; onChange: (v: string) => void; onBlur?: () => void; rows?: number }) {
  const f = useField(path, issues, hint, alsoPaths);
  return (
    <Frame f={f} label={label} hint={hint} className={className} path={path}>
      <textarea
        id={f.id}
        rows={rows}
        value={value}
        aria-invalid={f.invalid}
        aria-describedby={f.describedBy}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
      />
    </Frame>
  );
}

/**
 * A number as typed. `scale` turns the stored value into the shown one (1000 ms → 1 s: 0.001; 0.5 →
 * 50 %: 100) and back; an unfinished entry ("1.", "-") stays as typed until it is a number.
 */
export function NumberField({
  label,
  path,
  issues,
  alsoPaths,
  hint,
  className,
  value,
  onChange,
  min,
  max,
  step,
  scale = 1,
}: Base & {
  value: unknown;
  onChange: (v: number | undefined) => void;
  min?: number;
  max?: number;
  step?: number;
  scale?: number;
}) {
  const f = useField(path, issues, hint, alsoPaths);
  const [draft, setDraft] = useState<string | null>(null);
  const shownValue = typeof value === 'number' ? Number((value * scale).toPrecision(12)) : '';
  const shown = draft ?? String(shownValue);
  return (
    <Frame f={f} label={label} hint={hint} className={className} path={path}>
      <input
        id={f.id}
        type="number"
        inputMode="decimal"
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
          else if (Number.isFinite(Number(text)))
            onChange(Number((Number(text) / scale).toPrecision(12)));
        }}
        onBlur={() => setDraft(null)}
      />
    </Frame>
  );
}

/** A time kept in ms, read and typed in seconds. */
export function SecondsField(
  props: Omit<Parameters<typeof NumberField>[0], 'scale' | 'step'> & { step?: number },
) {
  return <NumberField step={0.1} {...props} scale={0.001} />;
}

/** A loss kept as 0–1, read and typed in %. */
export function PercentField(props: Omit<Parameters<typeof NumberField>[0], 'scale'>) {
  return <NumberField min={0} max={100} step={5} {...props} scale={100} />;
}

export function SelectField({
  label,
  path,
  issues,
  alsoPaths,
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
  const f = useField(path, issues, hint, alsoPaths);
  return (
    <Frame f={f} label={label} hint={hint} className={className} path={path}>
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
    </Frame>
  );
}

export function CheckField({
  label,
  path,
  issues,
  alsoPaths,
  className,
  checked,
  onChange,
}: Omit<Base, 'hint'> & { checked: boolean; onChange: (v: boolean) => void }) {
  const f = useField(path, issues, undefined, alsoPaths);
  return (
    <div className={`lab-field lab-field-check ${className ?? ''}`} data-path={path}>
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
 * not parse, with a sentence beside it; each valid edit is handed on.
 */
export function JsonField({
  label,
  path,
  issues,
  alsoPaths,
  hint,
  className,
  value,
  onChange,
  rows = 3,
}: Base & { value: unknown; onChange: (v: unknown) => void; rows?: number }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState('');
  const f = useField(path, issues, hint, alsoPaths, error ? [error] : []);
  const shown = draft ?? (value === undefined ? '' : JSON.stringify(value, null, 1));
  return (
    <Frame f={f} label={label} hint={hint} className={className} path={path}>
      <textarea
        id={f.id}
        rows={rows}
        value={shown}
        spellCheck={false}
        aria-invalid={f.invalid}
        aria-describedby={f.describedBy}
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
            setError('This is not valid JSON yet: check the brackets, commas and quotes.');
          }
        }}
        onBlur={() => {
          if (!error) setDraft(null);
        }}
      />
    </Frame>
  );
}

// ---------------------------------------------------------------------------------------------
// Rows shared by the editors of checks, questions, the timeline and fault rules

/** An element chosen by name; `none` is the label of "no element" (any, or none chosen yet). */
export function ElementSelect({
  names,
  value,
  none,
  onChange,
  ...base
}: Base & {
  names: readonly string[];
  value: unknown;
  none: string;
  onChange: (v: string | undefined) => void;
}) {
  const current = typeof value === 'string' ? value : '';
  const options = [
    { value: '', label: none },
    // A name the network no longer has stays visible (its problem says so).
    ...(current !== '' && !names.includes(current) ? [{ value: current, label: current }] : []),
    ...names.map((n) => ({ value: n, label: n })),
  ];
  return (
    <SelectField
      {...base}
      value={current}
      options={options}
      onChange={(v) => onChange(v === '' ? undefined : v)}
    />
  );
}

/** "REGISTER", "200" or "4xx" into a matcher's or fault rule's method or status. */
export function setMethodOrStatus(o: Obj, text: string | undefined): void {
  delete o['method'];
  delete o['status'];
  const t = (text ?? '').trim();
  if (/^\d+$/.test(t)) o['status'] = Number(t);
  else if (/^[1-6]xx$/i.test(t)) o['status'] = t.toLowerCase();
  else if (t !== '') o['method'] = t.toUpperCase();
}

/** The method or status of a matcher or fault rule as typed: "REGISTER", "200", "4xx". */
export function methodOrStatusText(o: Obj): string {
  if (o['method'] !== undefined) return String(o['method']);
  if (o['status'] !== undefined) return String(o['status']);
  return '';
}

/** "Method or status": a SIP method (INVITE), a status (100–699) or a status class (4xx). */
export function MethodOrStatusField({
  value,
  at,
  issues,
  placeholder = 'INVITE, 200 or 4xx',
  className,
  onChange,
}: {
  value: Obj;
  at: string;
  issues: readonly LabIssue[];
  placeholder?: string;
  className?: string;
  onChange: (fn: (o: Obj) => void) => void;
}) {
  return (
    <TextField
      issues={issues}
      label="Method or status"
      path={`${at}.method`}
      alsoPaths={[`${at}.status`]}
      value={methodOrStatusText(value)}
      optional
      placeholder={placeholder}
      className={className}
      onChange={(v) => onChange((o) => setMethodOrStatus(o, v))}
    />
  );
}

/** Which transmissions: all, first sends only, or retransmissions only. */
export function TransmissionSelect({
  value,
  all,
  onChange,
  ...base
}: Base & { value: unknown; all: string; onChange: (v: boolean | undefined) => void }) {
  return (
    <SelectField
      {...base}
      value={value === true ? 'yes' : value === false ? 'no' : ''}
      options={[
        { value: '', label: all },
        { value: 'no', label: 'first sends only' },
        { value: 'yes', label: 'retransmissions only' },
      ]}
      onChange={(v) => onChange(v === '' ? undefined : v === 'yes')}
    />
  );
}
