'use client';

/**
 * A "write the message" check: which element, which of its messages (a method or a status, and which
 * one of them), and what the student is asked. The expected message is not stored in the lab: grading
 * works it out by replay, so a shared link does not give it away.
 */
import type { LabIssue } from '@/sim/lab';
import { put, type Obj, type ObjUpdate } from '../draft';
import { ElementSelect, NumberField, TextAreaField, TextField } from '../fields';

function methodOrStatus(o: Obj): string {
  if (o['method'] !== undefined) return String(o['method']);
  if (o['status'] !== undefined) return String(o['status']);
  return '';
}

export function WriteCheckFields({
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
  return (
    <>
      <div className="lab-row">
        <ElementSelect
          issues={issues}
          label="Element"
          path={`${at}.element`}
          names={names}
          none="(choose)"
          value={c['element']}
          onChange={(v) => change((o) => (o['element'] = v ?? ''))}
        />
        <TextField
          issues={issues}
          label="Its message: a method or a status"
          path={`${at}.method`}
          alsoPaths={[`${at}.status`]}
          value={methodOrStatus(c)}
          placeholder="BYE or 180"
          onChange={(v) =>
            change((o) => {
              delete o['method'];
              delete o['status'];
              const t = (v ?? '').trim();
              if (/^\d+$/.test(t)) o['status'] = Number(t);
              else if (t !== '') o['method'] = t;
            })
          }
        />
        <NumberField
          issues={issues}
          label="Which one (1: the first)"
          path={`${at}.nth`}
          value={c['nth']}
          min={1}
          max={100}
          className="lab-narrow"
          onChange={(v) => change((o) => put(o, 'nth', v))}
        />
      </div>
      <TextAreaField
        issues={issues}
        label="What the student is asked (optional)"
        path={`${at}.prompt`}
        value={typeof c['prompt'] === 'string' ? c['prompt'] : ''}
        rows={2}
        onChange={(v) => change((o) => put(o, 'prompt', v === '' ? undefined : v))}
      />
      <p className="lab-small lab-muted">
        The student writes this message; grading compares it, part by part, with the message the
        element sends at that moment of the student’s run, worked out again by replay. In the
        reference solution, a written message of <code>{'{{message}}'}</code> stands for the
        element’s own.
      </p>
    </>
  );
}
