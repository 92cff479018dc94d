'use client';

/** The latency (ms, as the simulator draws it) and loss (%) of the link selected on the canvas. */
import type { LabIssue } from '@/sim/lab';
import type { Draft, Update } from './draft';
import { NumberField, PercentField } from './fields';

export function LinkForm({
  draft,
  index,
  issues,
  update,
  onDelete,
}: {
  draft: Draft;
  index: number;
  issues: readonly LabIssue[];
  update: Update;
  onDelete: () => void;
}) {
  const link = draft.scenario.links[index];
  if (!link) return null;
  const at = `scenario.links[${index}]`;
  return (
    <div className="lab-element-form" data-path={at}>
      <h3>
        Link {link.a} – {link.b}
      </h3>
      <NumberField
        issues={issues}
        label="Latency (ms)"
        path={`${at}.latencyMs`}
        value={link.latencyMs}
        min={0}
        max={60000}
        onChange={(v) =>
          update((d) => {
            const l = d.scenario.links[index];
            if (!l) return;
            if (v === undefined) delete l.latencyMs;
            else l.latencyMs = v;
          })
        }
      />
      <PercentField
        issues={issues}
        label="Loss (%)"
        path={`${at}.loss`}
        value={link.loss}
        onChange={(v) =>
          update((d) => {
            const l = d.scenario.links[index];
            if (!l) return;
            if (v === undefined) delete l.loss;
            else l.loss = v;
          })
        }
      />
      <button type="button" className="lab-button lab-button-danger" onClick={onDelete}>
        Delete this link
      </button>
    </div>
  );
}
