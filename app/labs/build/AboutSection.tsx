'use client';

/** About the lab: title, id, summary, author, time limit, when the run ends, seed, parameters. */
import { LIMITS, type LabIssue } from '@/sim/lab';
import type { Draft, Update } from './draft';
import { JsonField, NumberField, SecondsField, TextAreaField, TextField } from './fields';

export function AboutSection({
  draft,
  issues,
  update,
}: {
  draft: Draft;
  issues: readonly LabIssue[];
  update: Update;
}) {
  return (
    <>
      <TextField
        issues={issues}
        label="Title"
        path="title"
        value={draft.title}
        onChange={(v) => update((d) => void (d.title = v ?? ''))}
      />
      <TextField
        issues={issues}
        label="Id (in links and submissions)"
        path="id"
        value={draft.id}
        onChange={(v) => update((d) => void (d.id = v ?? ''))}
      />
      <TextAreaField
        issues={issues}
        label="Summary"
        path="summary"
        value={draft.summary}
        rows={2}
        onChange={(v) => update((d) => void (d.summary = v))}
      />
      <TextField
        issues={issues}
        label="Author"
        path="author"
        value={draft.author}
        onChange={(v) => update((d) => void (d.author = v ?? ''))}
      />
      <div className="lab-row">
        <NumberField
          issues={issues}
          label="Time limit (minutes)"
          path="timeLimitMinutes"
          value={draft.timeLimitMinutes}
          min={1}
          max={600}
          onChange={(v) =>
            update((d) => {
              if (v === undefined) delete d.timeLimitMinutes;
              else d.timeLimitMinutes = v;
            })
          }
        />
        <SecondsField
          issues={issues}
          label="Run ends at (s)"
          path="scenario.endAt"
          value={draft.scenario['endAt']}
          min={0}
          max={LIMITS.MAX_SIMULATED_MS / 1000}
          step={1}
          onChange={(v) =>
            update((d) => {
              if (v === undefined) delete d.scenario['endAt'];
              else d.scenario['endAt'] = v;
            })
          }
        />
        <TextField
          issues={issues}
          label="Random seed"
          path="scenario.seed"
          value={draft.scenario['seed'] === undefined ? '' : String(draft.scenario['seed'])}
          optional
          onChange={(v) =>
            update((d) => {
              if (v === undefined) delete d.scenario['seed'];
              else d.scenario['seed'] = /^-?\d+$/.test(v) ? Number(v) : v;
            })
          }
        />
      </div>
      <TextField
        issues={issues}
        label="Title of the network (shown above the simulator)"
        path="scenario.title"
        value={draft.scenario.title}
        onChange={(v) => update((d) => void (d.scenario.title = v ?? ''))}
      />
      <JsonField
        issues={issues}
        label="Per-student parameters (JSON)"
        path="parameters"
        alsoPaths={(draft.parameters ?? []).map((_, i) => `parameters[${i}]`)}
        value={draft.parameters}
        hint='e.g. [{"name": "password", "kind": "password", "label": "your SIP password"}]; write {{password}} anywhere in the lab to use it.'
        onChange={(v) =>
          update((d) => {
            if (v === undefined) delete d.parameters;
            else d.parameters = v as Record<string, unknown>[];
          })
        }
      />
    </>
  );
}
