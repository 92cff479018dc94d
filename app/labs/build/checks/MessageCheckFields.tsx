'use client';

/** A message check: which datagrams, how many times (never, exactly, at least), and after which other. */
import type { LabIssue } from '@/sim/lab';
import { put, type Obj, type ObjUpdate } from '../draft';
import { NumberField, SelectField } from '../fields';
import { HeaderConditions, MatcherFields } from './MatcherFields';

function countMode(c: Obj): string {
  if (c['absent'] === true) return 'never';
  if (c['count'] !== undefined) return 'exactly';
  if (c['atLeast'] !== undefined) return 'atLeast';
  return 'once';
}

export function MessageCheckFields({
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
  const times = mode === 'exactly' ? 'count' : 'atLeast';
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
          path={`${at}.absent`}
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
            path={`${at}.${times}`}
            value={c[times]}
            min={mode === 'exactly' ? 0 : 1}
            className="lab-narrow"
            onChange={(v) => change((o) => put(o, times, v))}
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
