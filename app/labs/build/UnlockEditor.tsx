'use client';

/** What the student may do: which user actions they may put on the timeline, fault rules, links. */
import { TIMELINE_ACTIONS, settingLabel, type LabIssue } from '@/sim/lab';
import type { Draft, Update } from './draft';
import { CheckField } from './fields';

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
  const kinds = new Map(draft.scenario.elements.map((e) => [e.name, e.kind]));
  const unlockIssues = issues.filter((i) => i.path === 'unlock' || i.path.startsWith('unlock.'));
  return (
    <div data-path="unlock">
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
          : settings
              .map(
                ([el, list]) =>
                  `${el}: ${list.map((s) => settingLabel(s, kinds.get(el))).join(', ')}`,
              )
              .join('; ')}
      </p>
      {unlockIssues.length > 0 ? (
        <ul className="lab-field-errors">
          {unlockIssues.map((x, n) => (
            <li key={n}>{x.field ? `${x.field}: ${x.message}` : x.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
