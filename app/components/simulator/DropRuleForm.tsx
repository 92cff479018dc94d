'use client';

/**
 * A fault rule (sim/network faults) as a form: which datagrams to drop — sent by, sent to, a request
 * method or a response status or class (RFC 3261 §7.1, §7.2, §21), first sends or retransmissions,
 * how many. The playground's fault tools and a lab's student tools both use it; the owner decides
 * what a rule is named and whether it is allowed.
 */
import { useId, useState } from 'react';
import type { FaultRule } from '@/sim/network';
import { FieldErrors, type FieldIssue } from './FieldErrors';
import './network-forms.css';

/** A rule as the form makes it (the owner adds its name). */
export type DropRule = Pick<
  FaultRule,
  'from' | 'to' | 'method' | 'status' | 'retransmission' | 'count'
>;

const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/;

/** "INVITE", "200", "4xx" or empty, as a rule's method or status; an error for anything else. */
export function parseMessageKind(
  text: string,
): { method?: string; status?: number | string } | { error: string } {
  const w = text.trim();
  if (w === '') return {};
  if (/^\d{3}$/.test(w)) {
    const n = Number(w);
    return n >= 100 && n <= 699
      ? { status: n }
      : { error: 'A status code is 100 to 699 (RFC 3261 §21).' };
  }
  if (/^[1-6]xx$/i.test(w)) return { status: w.toLowerCase() };
  if (TOKEN.test(w)) return { method: w.toUpperCase() };
  return { error: 'Write a method (INVITE), a status (486) or a class (4xx), or leave it empty.' };
}

/** What a rule drops, in words: "the first 2 INVITE from alice to proxy (first sends only)". */
export function describeRule(r: DropRule): string {
  const what = r.method ?? (r.status !== undefined ? `${r.status} responses` : 'datagrams');
  const parts = [r.count !== undefined ? `the first ${r.count} ${what}` : `every ${what}`];
  if (r.from !== undefined) parts.push(`from ${r.from}`);
  if (r.to !== undefined) parts.push(`to ${r.to}`);
  if (r.retransmission === true) parts.push('(retransmissions only)');
  if (r.retransmission === false) parts.push('(first sends only)');
  return parts.join(' ');
}

export function DropRuleForm({
  elements,
  onAdd,
  submitLabel = 'Add fault rule',
}: {
  /** The element names to choose from. */
  elements: readonly string[];
  /** Adds the rule; returns the problems the owner found with it (none: added). */
  onAdd: (rule: DropRule) => readonly FieldIssue[] | void;
  submitLabel?: string;
}) {
  const id = useId();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [what, setWhat] = useState('');
  const [retrans, setRetrans] = useState('');
  const [count, setCount] = useState('1');
  const [issues, setIssues] = useState<readonly FieldIssue[]>([]);
  const [added, setAdded] = useState('');

  const add = () => {
    const rule: DropRule = {};
    if (from) rule.from = from;
    if (to) rule.to = to;
    const kind = parseMessageKind(what);
    if ('error' in kind) {
      setIssues([{ path: 'what', message: kind.error }]);
      setAdded('');
      return;
    }
    Object.assign(rule, kind);
    if (retrans) rule.retransmission = retrans === 'yes';
    if (count.trim() !== '') {
      const n = Number(count);
      if (!Number.isInteger(n) || n < 1) {
        setIssues([
          { path: 'count', message: 'How many: a whole number, 1 or more (empty: all).' },
        ]);
        setAdded('');
        return;
      }
      rule.count = n;
    }
    const found = onAdd(rule) ?? [];
    setIssues(found);
    setAdded(found.length === 0 ? `Added: drop ${describeRule(rule)}.` : '');
  };

  return (
    <form
      className="sim-form"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <div className="sim-form-field">
        <label htmlFor={`${id}-from`}>Sent by</label>
        <select id={`${id}-from`} value={from} onChange={(e) => setFrom(e.target.value)}>
          <option value="">any element</option>
          {elements.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </div>
      <div className="sim-form-field">
        <label htmlFor={`${id}-to`}>Sent to</label>
        <select id={`${id}-to`} value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">any element</option>
          {elements.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </div>
      <div className="sim-form-field">
        <label htmlFor={`${id}-what`}>Method or status (empty: any)</label>
        <input
          id={`${id}-what`}
          value={what}
          placeholder="INVITE, 200 or 4xx"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setWhat(e.target.value)}
        />
      </div>
      <div className="sim-form-field">
        <label htmlFor={`${id}-re`}>Which sends</label>
        <select id={`${id}-re`} value={retrans} onChange={(e) => setRetrans(e.target.value)}>
          <option value="">first sends and retransmissions</option>
          <option value="no">first sends only</option>
          <option value="yes">retransmissions only</option>
        </select>
      </div>
      <div className="sim-form-field">
        <label htmlFor={`${id}-count`}>How many to drop (empty: all)</label>
        <input
          id={`${id}-count`}
          type="number"
          inputMode="numeric"
          min={1}
          value={count}
          onChange={(e) => setCount(e.target.value)}
        />
      </div>
      <div className="sim-form-submit">
        <button type="submit" className="sim-form-button">
          {submitLabel}
        </button>
        {/* Announced, but not a status role: the simulator's step counter is its one status. */}
        <span className="sim-form-said" aria-live="polite">
          {added}
        </span>
      </div>
      <FieldErrors id={`${id}-err`} issues={issues} />
    </form>
  );
}
