'use client';

/**
 * "Run": the lab's starting scenario (with sample parameter values) in the simulator widget, and the
 * messages of its run listed with checkboxes. "Record checks from run" turns the messages the
 * instructor selects into message checks of a task: build the lab by doing it.
 */
import { useEffect, useId, useState } from 'react';
import { Simulator } from '@/app/components/simulator';
import type { Scenario } from '@/sim/scenario';
import {
  LabError,
  drawParameters,
  issueText,
  labScenario,
  parameterSchema,
  withLabLimits,
  type LabIssue,
} from '@/sim/lab';
import { LabRunner } from '../runner';
import type { RunMessage, RunSummary } from '../run-protocol';
import {
  draftDocument,
  uniqueCheckId,
  uniqueTaskId,
  type Draft,
  type Obj,
  type Update,
} from './draft';

/** The draft's scenario as it would run, with values drawn for a sample student. */
export function previewScenario(
  draft: Draft,
): { ok: true; scenario: Scenario } | { ok: false; issues: LabIssue[] } {
  const doc = draftDocument(draft);
  const params = drawParameters(
    (draft.parameters ?? []).flatMap((p) => {
      const r = parameterSchema.safeParse(p);
      return r.success ? [r.data] : [];
    }),
    'builder-preview',
  );
  try {
    const scenario = labScenario({ scenario: doc['scenario'] as Obj }, params);
    return { ok: true, scenario: withLabLimits(scenario) };
  } catch (e) {
    if (e instanceof LabError) return { ok: false, issues: e.issues };
    return {
      ok: false,
      issues: [{ path: '', message: `The network cannot be built: ${String(e)}` }],
    };
  }
}

function checkFromMessage(draft: Draft, m: RunMessage): Obj {
  const what = m.method ?? String(m.status ?? 'message');
  const id = uniqueCheckId(
    draft,
    `${m.from}-${what}-${m.to}`.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 60),
  );
  const check: Obj = { id, kind: 'message' };
  if (m.lost) check['type'] = 'drop';
  check['from'] = m.from;
  if (m.to !== '?') check['to'] = m.to;
  if (m.method !== undefined) check['method'] = m.method;
  else if (m.status !== undefined) {
    check['status'] = m.status;
    // A response is about its request: say which (a 200 to REGISTER, not any 200).
    if (m.cseqMethod) check['headers'] = [{ name: 'CSeq', contains: m.cseqMethod }];
  }
  if (m.retransmission) check['retransmission'] = true;
  return check;
}

function messageName(m: RunMessage): string {
  const notes = [m.retransmission ? 'retransmission' : '', m.lost ? 'lost' : '']
    .filter(Boolean)
    .join(', ');
  return `#${m.id} ${m.from} → ${m.to} ${m.label}${notes ? ` (${notes})` : ''}`;
}

interface RunState {
  id: number;
  scenario: Scenario;
  json: string;
  summary?: RunSummary;
  error?: string;
}

export function RunPanel({ draft, update }: { draft: Draft; update: Update }) {
  const id = useId();
  const [run, setRun] = useState<RunState | null>(null);
  const [problems, setProblems] = useState<LabIssue[]>([]);
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const [target, setTarget] = useState('new');
  const [note, setNote] = useState('');
  const [runner] = useState(() => new LabRunner());

  useEffect(() => () => runner.stop(), [runner]);

  const start = () => {
    const r = previewScenario(draft);
    setNote('');
    if (!r.ok) {
      setProblems(r.issues);
      setRun(null);
      return;
    }
    setProblems([]);
    const runId = (run?.id ?? 0) + 1;
    const json = JSON.stringify(r.scenario);
    setRun({ id: runId, scenario: r.scenario, json });
    setPicked(new Set());
    void runner.run({ kind: 'scenario', scenario: r.scenario }).then((res) => {
      if (!res.ok && res.cancelled) return;
      setRun((cur) =>
        cur && cur.id === runId
          ? res.ok && res.kind === 'scenario'
            ? { ...cur, summary: res.summary }
            : { ...cur, error: res.ok ? 'The run gave no messages.' : res.error }
          : cur,
      );
    });
  };

  const current = previewScenario(draft);
  const stale = run !== null && (!current.ok || JSON.stringify(current.scenario) !== run.json);

  const record = () => {
    const messages = run?.summary?.messages.filter((m) => picked.has(m.id)) ?? [];
    if (messages.length === 0) {
      setNote('Select at least one message of the run first.');
      return;
    }
    let taskTitle = '';
    update((d) => {
      let task = target === 'new' ? undefined : d.tasks.find((t) => t.id === target);
      if (!task) {
        task = { id: uniqueTaskId(d), title: 'What the run must show', checks: [] };
        d.tasks.push(task);
      }
      for (const m of messages) task.checks.push(checkFromMessage(d, m));
      taskTitle = task.title;
    });
    setNote(
      `Added ${messages.length} message check${messages.length === 1 ? '' : 's'} to “${taskTitle}”.`,
    );
    setPicked(new Set());
  };

  return (
    <div className="lab-run">
      <p>
        <button type="button" className="lab-button lab-button-primary" onClick={start}>
          Run
        </button>{' '}
        <span className="lab-small lab-muted">
          previews the network as the student first sees it (before any change of theirs).
        </span>
      </p>
      {problems.length > 0 ? (
        <div className="lab-error" role="alert">
          <p>The network cannot run yet:</p>
          <ul className="lab-issues">
            {problems.map((i, n) => (
              <li key={n}>{issueText(i)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {run ? (
        <>
          {stale ? (
            <p className="lab-note" role="status">
              The lab changed since this run: press “Run” again to see the change.
            </p>
          ) : null}
          <Simulator key={run.id} scenario={run.scenario} compact height="26rem" toggles={[]} />
          <section className="lab-record" aria-labelledby={`${id}-rec`}>
            <h3 id={`${id}-rec`}>Record checks from run</h3>
            {run.error ? <p className="lab-error">{run.error}</p> : null}
            {!run.summary && !run.error ? <p>Running the simulation…</p> : null}
            {run.summary ? (
              <>
                <p className="lab-small lab-muted">
                  Select what the student’s run must show, then add the checks.{' '}
                  {run.summary.messageCount} message{run.summary.messageCount === 1 ? '' : 's'};
                  last event at {(run.summary.time / 1000).toFixed(3)} s
                  {run.summary.end === 'finished'
                    ? ', then nothing left to run.'
                    : run.summary.end === 'end time'
                      ? ', then the run reaches its end time.'
                      : '; the run stopped at the step limit.'}
                </p>
                <fieldset className="lab-fieldset lab-record-list">
                  <legend>Messages of the run</legend>
                  {run.summary.messages.length === 0 ? (
                    <p className="lab-muted">No message was sent.</p>
                  ) : null}
                  {run.summary.messages.map((m) => (
                    <label key={m.id} className="lab-record-item">
                      <input
                        type="checkbox"
                        checked={picked.has(m.id)}
                        onChange={(e) =>
                          setPicked((old) => {
                            const next = new Set(old);
                            if (e.target.checked) next.add(m.id);
                            else next.delete(m.id);
                            return next;
                          })
                        }
                      />{' '}
                      {messageName(m)}
                      <span className="lab-muted lab-small" aria-hidden="true">
                        {' '}
                        at {(m.time / 1000).toFixed(3)} s
                      </span>
                    </label>
                  ))}
                </fieldset>
                <div className="lab-form-inline">
                  <div className="lab-field">
                    <label htmlFor={`${id}-task`}>Add the checks to</label>
                    <select
                      id={`${id}-task`}
                      value={target}
                      onChange={(e) => setTarget(e.target.value)}
                    >
                      <option value="new">a new task</option>
                      {draft.tasks.map((t) => (
                        <option key={t.id} value={t.id}>
                          {t.title || t.id}
                        </option>
                      ))}
                    </select>
                  </div>
                  <button type="button" className="lab-button" onClick={record}>
                    Add checks for the selected messages
                  </button>
                </div>
              </>
            ) : null}
            <p className="lab-small" role="status">
              {note}
            </p>
          </section>
        </>
      ) : null}
    </div>
  );
}
