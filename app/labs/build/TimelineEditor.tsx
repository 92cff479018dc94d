'use client';

/**
 * The timeline of user actions that happen in the lab's run (alice registers at 0 s, calls bob at
 * 2 s...), its fault rules (datagrams the network drops), and what the student may add: which user
 * actions, fault rules, link settings.
 */
import { useState } from 'react';
import type { LabIssue } from '@/sim/lab';
import { TIMELINE_ACTIONS } from '@/sim/lab';
import { ACTION_ARGS, ARG_LABELS } from '../lab-model';
import { issuesUnder, type Draft, type Obj } from './draft';
import type { Update } from './ElementForm';
import { CheckField, NumberField, SelectField, TextField } from './fields';

const MAX_ROWS = 100;

function argValue(action: Obj, arg: string): unknown {
  return action[arg];
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
  const actors = draft.scenario.elements.map((e) => e.name);
  const uris = draft.scenario.elements.flatMap((e) =>
    typeof e['aor'] === 'string' ? [e['aor']] : [],
  );
  const setArg = (i: number, key: string, value: unknown) =>
    update((d) => {
      const a = d.scenario.timeline[i];
      if (!a) return;
      if (value === undefined) delete a[key];
      else a[key] = value;
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
            const rowIssues = issuesUnder(issues, at).filter(
              (x) => !/\.(at|actor|action|to|text|event|expires|aor|status|all)$/.test(x.path),
            );
            return (
              <li key={i} className="lab-row-item">
                <div className="lab-row">
                  <NumberField
                    issues={issues}
                    label="At (ms)"
                    path={`${at}.at`}
                    value={a['at']}
                    min={0}
                    step={100}
                    className="lab-narrow"
                    onChange={(v) => setArg(i, 'at', v)}
                  />
                  <SelectField
                    issues={issues}
                    label="Who"
                    path={`${at}.actor`}
                    value={typeof a['actor'] === 'string' ? a['actor'] : ''}
                    options={[
                      ...(actors.includes(String(a['actor'] ?? ''))
                        ? []
                        : [{ value: String(a['actor'] ?? ''), label: String(a['actor'] ?? '—') }]),
                      ...actors.map((n) => ({ value: n, label: n })),
                    ]}
                    onChange={(v) => setArg(i, 'actor', v)}
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
                        if (v === 'set-status' && next['status'] === undefined)
                          next['status'] = 'open';
                        d.scenario.timeline[i] = next;
                      })
                    }
                  />
                  {(ACTION_ARGS[action] ?? []).map((arg) =>
                    arg === 'all' ? (
                      <CheckField
                        key={arg}
                        issues={issues}
                        label={ARG_LABELS[arg]}
                        path={`${at}.${arg}`}
                        checked={a[arg] === true}
                        onChange={(v) => setArg(i, arg, v ? true : undefined)}
                      />
                    ) : arg === 'expires' ? (
                      <NumberField
                        key={arg}
                        issues={issues}
                        label={ARG_LABELS[arg]}
                        path={`${at}.${arg}`}
                        value={argValue(a, arg)}
                        min={0}
                        className="lab-narrow"
                        onChange={(v) => setArg(i, arg, v)}
                      />
                    ) : arg === 'status' ? (
                      <SelectField
                        key={arg}
                        issues={issues}
                        label={ARG_LABELS[arg]}
                        path={`${at}.${arg}`}
                        value={String(a[arg] ?? 'open')}
                        options={[
                          { value: 'open', label: 'open' },
                          { value: 'closed', label: 'closed' },
                        ]}
                        onChange={(v) => setArg(i, arg, v)}
                      />
                    ) : (
                      <TextField
                        key={arg}
                        issues={issues}
                        label={ARG_LABELS[arg] ?? arg}
                        path={`${at}.${arg}`}
                        value={argValue(a, arg)}
                        optional={arg !== 'to' && arg !== 'aor' && arg !== 'text'}
                        list={arg === 'to' || arg === 'aor' ? uris : undefined}
                        onChange={(v) => setArg(i, arg, v)}
                      />
                    ),
                  )}
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
            const ua = d.scenario.elements.find((e) => e.kind === 'user-agent');
            const last = d.scenario.timeline[d.scenario.timeline.length - 1];
            const at = typeof last?.['at'] === 'number' ? last['at'] + 1000 : 0;
            d.scenario.timeline.push({ at, actor: ua?.name ?? '', action: 'register' });
          })
        }
      >
        Add timeline action
      </button>
    </div>
  );
}

export function FaultEditor({
  draft,
  issues,
  update,
}: {
  draft: Draft;
  issues: readonly LabIssue[];
  update: Update;
}) {
  const names = draft.scenario.elements.map((e) => e.name);
  const elementOptions = [
    { value: '', label: 'any' },
    ...names.map((n) => ({ value: n, label: n })),
  ];
  const set = (i: number, key: string, value: unknown) =>
    update((d) => {
      const f = d.scenario.faults[i];
      if (!f) return;
      if (value === undefined || value === '') delete f[key];
      else f[key] = value;
    });
  return (
    <div>
      {draft.scenario.faults.length === 0 ? (
        <p className="lab-muted">No fault rules: every datagram arrives.</p>
      ) : (
        <ol className="lab-rows">
          {draft.scenario.faults.map((f, i) => {
            const at = `scenario.faults[${i}]`;
            const what =
              f['method'] !== undefined
                ? String(f['method'])
                : f['status'] !== undefined
                  ? String(f['status'])
                  : '';
            return (
              <li key={i} className="lab-row-item">
                <div className="lab-row">
                  <TextField
                    issues={issues}
                    label="Name"
                    path={`${at}.name`}
                    value={f['name']}
                    optional
                    onChange={(v) => set(i, 'name', v)}
                  />
                  <SelectField
                    issues={issues}
                    label="Sent by"
                    path={`${at}.from`}
                    value={String(f['from'] ?? '')}
                    options={elementOptions}
                    onChange={(v) => set(i, 'from', v)}
                  />
                  <SelectField
                    issues={issues}
                    label="Sent to"
                    path={`${at}.to`}
                    value={String(f['to'] ?? '')}
                    options={elementOptions}
                    onChange={(v) => set(i, 'to', v)}
                  />
                  <TextField
                    issues={issues}
                    label="Method or status"
                    path={f['status'] !== undefined ? `${at}.status` : `${at}.method`}
                    value={what}
                    optional
                    placeholder="any"
                    onChange={(v) =>
                      update((d) => {
                        const rule = d.scenario.faults[i];
                        if (!rule) return;
                        delete rule['method'];
                        delete rule['status'];
                        const t = (v ?? '').trim();
                        if (/^\d+$/.test(t)) rule['status'] = Number(t);
                        else if (/^[1-6]xx$/i.test(t)) rule['status'] = t.toLowerCase();
                        else if (t) rule['method'] = t.toUpperCase();
                      })
                    }
                  />
                  <SelectField
                    issues={issues}
                    label="Which sends"
                    path={`${at}.retransmission`}
                    value={
                      f['retransmission'] === true
                        ? 'yes'
                        : f['retransmission'] === false
                          ? 'no'
                          : ''
                    }
                    options={[
                      { value: '', label: 'all' },
                      { value: 'no', label: 'first sends' },
                      { value: 'yes', label: 'retransmissions' },
                    ]}
                    onChange={(v) => set(i, 'retransmission', v === '' ? undefined : v === 'yes')}
                  />
                  <NumberField
                    issues={issues}
                    label="Count"
                    path={`${at}.count`}
                    value={f['count']}
                    min={1}
                    className="lab-narrow"
                    onChange={(v) => set(i, 'count', v)}
                  />
                  <NumberField
                    issues={issues}
                    label="After (ms)"
                    path={`${at}.after`}
                    value={f['after']}
                    min={0}
                    className="lab-narrow"
                    onChange={(v) => set(i, 'after', v)}
                  />
                  <NumberField
                    issues={issues}
                    label="Until (ms)"
                    path={`${at}.until`}
                    value={f['until']}
                    min={0}
                    className="lab-narrow"
                    onChange={(v) => set(i, 'until', v)}
                  />
                  <button
                    type="button"
                    className="lab-link-button lab-row-remove"
                    onClick={() =>
                      update((d) => {
                        d.scenario.faults.splice(i, 1);
                      })
                    }
                  >
                    Remove<span className="visually-hidden"> fault rule {i + 1}</span>
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <button
        type="button"
        className="lab-button"
        onClick={() =>
          update((d) => {
            d.scenario.faults.push({ name: 'a network fault', count: 1 });
          })
        }
      >
        Add fault rule
      </button>
    </div>
  );
}

/** Which user actions, fault rules and link changes the student may add. */
export function UnlockEditor({
  draft,
  issues,
  update,
}: {
  draft: Draft;
  issues: readonly LabIssue[];
  update: Update;
}) {
  const offered = draft.unlock.actions ?? [];
  const entryFor = (action: string) =>
    offered.filter((u) => (typeof u === 'string' ? u : u.action) === action);
  const settings = Object.entries(draft.unlock.elements ?? {});
  const unlockIssues = issuesUnder(issues, 'unlock');
  return (
    <div>
      <fieldset className="lab-fieldset">
        <legend>User actions the student may put on the timeline</legend>
        <div className="lab-checks-grid">
          {TIMELINE_ACTIONS.map((action) => {
            const entries = entryFor(action);
            const only = entries.flatMap((u) => (typeof u === 'string' ? [] : u.actors));
            const any = entries.some((u) => typeof u === 'string');
            return (
              <label key={action} className="lab-check-field lab-check-small">
                <input
                  type="checkbox"
                  checked={entries.length > 0}
                  onChange={(e) =>
                    update((d) => {
                      const rest = (d.unlock.actions ?? []).filter(
                        (u) => (typeof u === 'string' ? u : u.action) !== action,
                      );
                      if (e.target.checked) rest.push(action);
                      if (rest.length === 0) delete d.unlock.actions;
                      else d.unlock.actions = rest;
                    })
                  }
                />{' '}
                {action}
                {!any && only.length > 0 ? (
                  <span className="lab-muted"> (only {only.join(', ')})</span>
                ) : null}
              </label>
            );
          })}
        </div>
      </fieldset>
      <CheckField
        issues={issues}
        label="The student may add fault rules (drop chosen messages)"
        path="unlock.faults"
        checked={draft.unlock.faults === true}
        onChange={(v) =>
          update((d) => {
            if (v) d.unlock.faults = true;
            else delete d.unlock.faults;
          })
        }
      />
      <CheckField
        issues={issues}
        label="The student may change links' latency and loss"
        path="unlock.links"
        checked={draft.unlock.links === true}
        onChange={(v) =>
          update((d) => {
            if (v) d.unlock.links = true;
            else delete d.unlock.links;
          })
        }
      />
      <p className="lab-small">
        Settings the student may change (choose them in each element’s panel):{' '}
        {settings.length === 0
          ? 'none.'
          : settings.map(([el, list]) => `${el}: ${list.join(', ')}`).join('; ')}
      </p>
      {unlockIssues.length > 0 ? (
        <ul className="lab-field-errors">
          {unlockIssues.map((x, n) => (
            <li key={n}>
              <code>{x.path}</code>: {x.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
