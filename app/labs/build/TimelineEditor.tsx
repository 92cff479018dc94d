'use client';

/**
 * The timeline of user actions that happen in the lab's run (alice registers at 0 s, calls bob at
 * 1 s...), in seconds. "Add timeline action" proposes what a network needs next (network-defaults),
 * and a request that goes somewhere (INVITE, MESSAGE, SUBSCRIBE) starts addressed to another user
 * agent.
 */
import { useState } from 'react';
import { ARG_LABELS, TIMELINE_ACTIONS, type LabIssue } from '@/sim/lab';
import { ACTION_ARGS } from '../lab-model';
import { put, type Draft, type Obj, type Update } from './draft';
import {
  CheckField,
  ElementSelect,
  NumberField,
  SecondsField,
  SelectField,
  TextField,
} from './fields';
import { defaultTarget, nextTimelineAction } from './network-defaults';

const MAX_ROWS = 100;

function ArgField({
  arg,
  a,
  at,
  issues,
  uris,
  set,
}: {
  arg: string;
  a: Obj;
  at: string;
  issues: readonly LabIssue[];
  uris: readonly string[];
  set: (key: string, value: unknown) => void;
}) {
  const label = ARG_LABELS[arg] ?? arg;
  const path = `${at}.${arg}`;
  if (arg === 'all')
    return (
      <CheckField
        issues={issues}
        label={label}
        path={path}
        checked={a[arg] === true}
        onChange={(v) => set(arg, v ? true : undefined)}
      />
    );
  if (arg === 'expires')
    return (
      <NumberField
        issues={issues}
        label={label}
        path={path}
        value={a[arg]}
        min={0}
        className="lab-narrow"
        onChange={(v) => set(arg, v)}
      />
    );
  if (arg === 'status')
    return (
      <SelectField
        issues={issues}
        label={label}
        path={path}
        value={String(a[arg] ?? 'open')}
        options={[
          { value: 'open', label: 'open' },
          { value: 'closed', label: 'closed' },
        ]}
        onChange={(v) => set(arg, v)}
      />
    );
  return (
    <TextField
      issues={issues}
      label={label}
      path={path}
      value={a[arg]}
      optional={arg !== 'to' && arg !== 'aor' && arg !== 'text'}
      list={arg === 'to' || arg === 'aor' ? uris : undefined}
      placeholder={arg === 'to' || arg === 'aor' ? 'sip:bob@example.com' : undefined}
      onChange={(v) => set(arg, v)}
    />
  );
}

export function TimelineEditor({
  draft,
  issues,
  update,
}: {
  draft: Draft;
  issues: readonly LabIssue[];
  update: Update;
}) {
  const timeline = draft.scenario.timeline;
  // A long timeline (an imported lab may have up to 1,000 actions) is shown a hundred rows at first.
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? timeline : timeline.slice(0, MAX_ROWS);
  const elements = draft.scenario.elements;
  const actors = elements.map((e) => e.name);
  const uris = elements.flatMap((e) => (typeof e['aor'] === 'string' ? [e['aor']] : []));
  const setArg = (i: number, key: string, value: unknown) =>
    update((d) => {
      const a = d.scenario.timeline[i];
      if (a) put(a, key, value);
    });
  return (
    <div>
      {timeline.length === 0 ? (
        <p className="lab-muted">
          No user actions yet: nothing happens in the run until someone acts.
        </p>
      ) : (
        <ol className="lab-rows">
          {shown.map((a, i) => {
            const at = `scenario.timeline[${i}]`;
            const action = typeof a['action'] === 'string' ? a['action'] : 'register';
            const args = ACTION_ARGS[action] ?? [];
            const rowIssues = issues.filter(
              (x) =>
                x.path === at ||
                (x.path.startsWith(`${at}.`) &&
                  !['at', 'actor', 'action', ...args].includes(x.path.slice(at.length + 1))),
            );
            return (
              <li key={i} className="lab-row-item" data-path={at}>
                <div className="lab-row">
                  <SecondsField
                    issues={issues}
                    label="At (s)"
                    path={`${at}.at`}
                    value={a['at']}
                    min={0}
                    className="lab-narrow"
                    onChange={(v) => setArg(i, 'at', v)}
                  />
                  <ElementSelect
                    issues={issues}
                    label="Who"
                    path={`${at}.actor`}
                    names={actors}
                    none="(choose)"
                    value={a['actor']}
                    onChange={(v) => setArg(i, 'actor', v ?? '')}
                  />
                  <SelectField
                    issues={issues}
                    label="Does"
                    path={`${at}.action`}
                    value={action}
                    options={TIMELINE_ACTIONS.map((x) => ({ value: x, label: x }))}
                    onChange={(v) =>
                      update((d) => {
                        const old = d.scenario.timeline[i];
                        if (!old) return;
                        const next: Obj = { at: old['at'], actor: old['actor'], action: v };
                        for (const arg of ACTION_ARGS[v] ?? [])
                          if (old[arg] !== undefined) next[arg] = old[arg];
                        if ((ACTION_ARGS[v] ?? []).includes('to') && next['to'] === undefined) {
                          const to = defaultTarget(d.scenario.elements, old['actor']);
                          if (to !== undefined) next['to'] = to;
                        }
                        if (v === 'set-status' && next['status'] === undefined)
                          next['status'] = 'open';
                        d.scenario.timeline[i] = next;
                      })
                    }
                  />
                  {args.map((arg) => (
                    <ArgField
                      key={arg}
                      arg={arg}
                      a={a}
                      at={at}
                      issues={issues}
                      uris={uris}
                      set={(k, v) => setArg(i, k, v)}
                    />
                  ))}
                  <button
                    type="button"
                    className="lab-link-button lab-row-remove"
                    onClick={() =>
                      update((d) => {
                        d.scenario.timeline.splice(i, 1);
                      })
                    }
                  >
                    Remove<span className="visually-hidden"> timeline action {i + 1}</span>
                  </button>
                </div>
                {rowIssues.length > 0 ? (
                  <ul className="lab-field-errors">
                    {rowIssues.map((x, n) => (
                      <li key={n}>{x.message}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {shown.length < timeline.length ? (
        <p>
          <button type="button" className="lab-link-button" onClick={() => setShowAll(true)}>
            Show all {timeline.length} timeline actions
          </button>
        </p>
      ) : null}
      <button
        type="button"
        className="lab-button"
        onClick={() =>
          update((d) => {
            d.scenario.timeline.push(nextTimelineAction(d.scenario.elements, d.scenario.timeline));
          })
        }
      >
        Add timeline action
      </button>
    </div>
  );
}
