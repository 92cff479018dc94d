'use client';

/**
 * The latency (ms) and loss (%) of each link (sim/network links), as one table of number fields:
 * the playground's fault tools and a lab's student tools both use it. A value outside its range is
 * named beside the field and not applied; the owner's own check (a lab's rules) may refuse one too.
 */
import { useId, useState } from 'react';
import { FieldErrors, type FieldIssue } from './FieldErrors';
import './network-forms.css';

export interface LinkValues {
  a: string;
  b: string;
  latencyMs: number;
  /** 0–1 (shown in %). */
  loss: number;
}

export interface LinkChange {
  a: string;
  b: string;
  latencyMs?: number;
  loss?: number;
}

/** The highest latency a link may have, in ms (the scenario format's limit). */
export const MAX_LATENCY_MS = 60000;

/** A whole or decimal number in [min, max] typed in a field; applied as it is typed. */
export function NumberField({
  label,
  value,
  min,
  max,
  unit,
  onCommit,
}: {
  /** The field's accessible name (its column says the unit to the eye). */
  label: string;
  value: number;
  min: number;
  max: number;
  unit: string;
  /** Applies a valid value; returns the problems the owner found with it (none: applied). */
  onCommit: (n: number) => readonly FieldIssue[] | void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [issues, setIssues] = useState<readonly FieldIssue[]>([]);
  const errorId = `${id}-err`;
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        className="sim-form-number"
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        value={draft ?? String(value)}
        aria-invalid={issues.length > 0}
        aria-describedby={issues.length > 0 ? errorId : undefined}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          const n = Number(text);
          if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max)
            setIssues([{ path: '', message: `Write ${min} to ${max} ${unit}.` }]);
          else setIssues(onCommit(n) ?? []);
        }}
        onBlur={() => {
          // The field shows the value in force again; the problems stay, to say why.
          setDraft(null);
        }}
      />
      <FieldErrors id={errorId} issues={issues} />
    </>
  );
}

export function LinkSettings({
  links,
  onChange,
}: {
  links: readonly LinkValues[];
  onChange: (change: LinkChange) => readonly FieldIssue[] | void;
}) {
  if (links.length === 0) return null;
  return (
    <table className="sim-form-table">
      <thead>
        <tr>
          <th scope="col">Link</th>
          <th scope="col">Latency (ms)</th>
          <th scope="col">Loss (%)</th>
        </tr>
      </thead>
      <tbody>
        {links.map((l) => {
          const name = `${l.a}–${l.b}`;
          return (
            <tr key={`${l.a}|${l.b}`}>
              <th scope="row">{name}</th>
              <td>
                <NumberField
                  label={`Latency of ${name} in ms`}
                  value={l.latencyMs}
                  min={0}
                  max={MAX_LATENCY_MS}
                  unit="ms"
                  onCommit={(n) => onChange({ a: l.a, b: l.b, latencyMs: n })}
                />
              </td>
              <td>
                <NumberField
                  label={`Loss of ${name} in %`}
                  value={Math.round(l.loss * 1000) / 10}
                  min={0}
                  max={100}
                  unit="%"
                  onCommit={(n) => onChange({ a: l.a, b: l.b, loss: n / 100 })}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
