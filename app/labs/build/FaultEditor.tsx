'use client';

/** The lab's fault rules: datagrams the network drops (by sender, receiver, method or status, time). */
import type { LabIssue } from '@/sim/lab';
import { put, type Draft, type Update } from './draft';
import {
  ElementSelect,
  MethodOrStatusField,
  NumberField,
  SecondsField,
  TextField,
  TransmissionSelect,
} from './fields';

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
  const set = (i: number, key: string, value: unknown) =>
    update((d) => {
      const f = d.scenario.faults[i];
      if (f) put(f, key, value);
    });
  return (
    <div>
      {draft.scenario.faults.length === 0 ? (
        <p className="lab-muted">No fault rules: every datagram arrives.</p>
      ) : (
        <ol className="lab-rows">
          {draft.scenario.faults.map((f, i) => {
            const at = `scenario.faults[${i}]`;
            return (
              <li key={i} className="lab-row-item" data-path={at}>
                <div className="lab-row">
                  <TextField
                    issues={issues}
                    label="Name"
                    path={`${at}.name`}
                    value={f['name']}
                    optional
                    onChange={(v) => set(i, 'name', v)}
                  />
                  <ElementSelect
                    issues={issues}
                    label="Sent by"
                    path={`${at}.from`}
                    names={names}
                    none="any"
                    value={f['from']}
                    onChange={(v) => set(i, 'from', v)}
                  />
                  <ElementSelect
                    issues={issues}
                    label="Sent to"
                    path={`${at}.to`}
                    names={names}
                    none="any"
                    value={f['to']}
                    onChange={(v) => set(i, 'to', v)}
                  />
                  <MethodOrStatusField
                    value={f}
                    at={at}
                    issues={issues}
                    placeholder="any"
                    onChange={(fn) =>
                      update((d) => {
                        const rule = d.scenario.faults[i];
                        if (rule) fn(rule);
                      })
                    }
                  />
                  <TransmissionSelect
                    issues={issues}
                    label="Which sends"
                    path={`${at}.retransmission`}
                    all="all"
                    value={f['retransmission']}
                    onChange={(v) => set(i, 'retransmission', v)}
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
                  <SecondsField
                    issues={issues}
                    label="After (s)"
                    path={`${at}.after`}
                    value={f['after']}
                    min={0}
                    className="lab-narrow"
                    onChange={(v) => set(i, 'after', v)}
                  />
                  <SecondsField
                    issues={issues}
                    label="Until (s)"
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
