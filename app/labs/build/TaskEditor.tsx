'use client';

/**
 * The tasks of a lab and their checks: each task's id, title, what to do and hint, its checks (one
 * editor per kind, in checks/), and buttons to add a message, state or setting check, a question, or
 * a "write the message" check.
 */
import type { LabIssue } from '@/sim/lab';
import { uniqueTaskId, type Draft, type DraftTask, type Update } from './draft';
import { TextAreaField, TextField } from './fields';
import { CheckEditor, newCheck } from './checks/CheckEditor';

function Problems({ issues }: { issues: readonly LabIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="lab-field-errors">
      {issues.map((x, n) => (
        <li key={n}>{x.message}</li>
      ))}
    </ul>
  );
}

function TaskEditorItem({
  draft,
  t,
  task,
  issues,
  update,
}: {
  draft: Draft;
  t: number;
  task: DraftTask;
  issues: readonly LabIssue[];
  update: Update;
}) {
  const at = `tasks[${t}]`;
  const change = (fn: (x: DraftTask) => void) =>
    update((d) => {
      const x = d.tasks[t];
      if (x) fn(x);
    });
  return (
    <li className="lab-task-editor" data-path={at}>
      <div className="lab-check-editor-head">
        <h3>
          Task {t + 1}: {task.title || '(no title)'}
        </h3>
        <button
          type="button"
          className="lab-link-button"
          onClick={() =>
            update((d) => {
              d.tasks.splice(t, 1);
            })
          }
        >
          Remove task<span className="visually-hidden"> {t + 1}</span>
        </button>
      </div>
      <div className="lab-row">
        <TextField
          issues={issues}
          label="Task id"
          path={`${at}.id`}
          value={task.id}
          className="lab-narrow-wide"
          onChange={(v) => change((x) => (x.id = v ?? ''))}
        />
        <TextField
          issues={issues}
          label="Task title"
          path={`${at}.title`}
          value={task.title}
          className="lab-grow"
          onChange={(v) => change((x) => (x.title = v ?? ''))}
        />
      </div>
      <TextAreaField
        issues={issues}
        label="What to do (Markdown, optional)"
        path={`${at}.description`}
        value={task.description ?? ''}
        rows={2}
        onChange={(v) =>
          change((x) => {
            if (v === '') delete x.description;
            else x.description = v;
          })
        }
      />
      <TextField
        issues={issues}
        label="Hint (shown beside a check of this task that did not pass)"
        path={`${at}.hint`}
        value={task.hint}
        optional
        onChange={(v) =>
          change((x) => {
            if (v === undefined) delete x.hint;
            else x.hint = v;
          })
        }
      />
      <h4>Checks</h4>
      {task.checks.length === 0 ? <p className="lab-muted">No checks yet.</p> : null}
      <div data-path={`${at}.checks`}>
        <Problems issues={issues.filter((i) => i.path === `${at}.checks` || i.path === at)} />
      </div>
      <ol className="lab-check-list">
        {task.checks.map((c, ci) => (
          <CheckEditor
            key={`${ci}-${String(c['kind'])}`}
            draft={draft}
            t={t}
            c={ci}
            issues={issues}
            update={update}
          />
        ))}
      </ol>
      <div className="lab-button-row">
        {(
          [
            ['message', 'Add message check'],
            ['state', 'Add state check'],
            ['setting', 'Add setting check'],
            ['answer', 'Add question'],
            ['write', 'Add “write the message”'],
          ] as const
        ).map(([kind, label]) => (
          <button
            key={kind}
            type="button"
            className="lab-button"
            onClick={() =>
              update((d) => {
                d.tasks[t]?.checks.push(newCheck(d, kind));
              })
            }
          >
            {label}
            <span className="visually-hidden"> to task {t + 1}</span>
          </button>
        ))}
      </div>
    </li>
  );
}

export function TaskEditor({
  draft,
  issues,
  update,
}: {
  draft: Draft;
  issues: readonly LabIssue[];
  update: Update;
}) {
  return (
    <div>
      <div data-path="tasks">
        <Problems issues={issues.filter((i) => i.path === 'tasks')} />
      </div>
      <ol className="lab-task-list">
        {draft.tasks.map((task, t) => (
          <TaskEditorItem key={t} draft={draft} t={t} task={task} issues={issues} update={update} />
        ))}
      </ol>
      <button
        type="button"
        className="lab-button"
        onClick={() =>
          update((d) => {
            d.tasks.push({ id: uniqueTaskId(d), title: 'A task for the student', checks: [] });
          })
        }
      >
        Add task
      </button>
    </div>
  );
}
