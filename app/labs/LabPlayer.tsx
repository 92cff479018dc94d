'use client';

/**
 * The student's view of a lab: the instructions (safe Markdown, with the student's parameter values),
 * the simulator widget on the lab's scenario as the student changed it, what the student may do (only
 * what the lab unlocks), the tasks and their questions, "Check my work" (every check evaluated by
 * replaying the student's actions in the deterministic simulation, in a worker) and "Export
 * submission". The student's name, actions and answers are kept in this browser per lab.
 */
import Link from 'next/link';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { z } from 'zod';
import type { Scenario } from '@/sim/scenario';
import { Simulator } from '@/app/components/simulator';
import {
  createSubmission,
  describeCheck,
  instantiateLab,
  issueText,
  LabError,
  labChecks,
  labHash,
  studentActionSchema,
  studentParameters,
  withLabLimits,
  type AnswerCheck,
  type Evaluation,
  type Lab,
  type LabInstance,
  type LabIssue,
  type StudentAction,
  type WriteCheck,
} from '@/sim/lab';
import {
  describeAction,
  downloadJson,
  fileName,
  issuesOfAction,
  labPoints,
  recordAction,
  tryPlan,
} from './lab-model';
import { Markdown } from './Markdown';
import { Questions, type MessageList } from './Questions';
import { withBasePath } from '../_deploy/base-path';
import { WriteTasks } from './WriteTasks';
import type { RunResponse } from './run-protocol';
import { LabRunner } from './runner';
import { progressKey, readJson, writeRaw } from './storage';
import {
  FaultPanel,
  LinkPanel,
  SettingsPanel,
  TimelinePanel,
  type FieldIssue,
} from './StudentTools';
import './labs.css';

const progressSchema = z.object({
  student: z.string().max(120).catch(''),
  actions: z.array(studentActionSchema).max(500).catch([]),
  notes: z.record(z.string(), z.string().max(300)).catch({}),
  startedAt: z.string().max(40).optional().catch(undefined),
});

interface Progress {
  student: string;
  actions: StudentAction[];
  notes: Record<string, string>;
  startedAt?: string | undefined;
}

function loadProgress(key: string | null): Progress {
  const fresh: Progress = { student: '', actions: [], notes: {} };
  if (key === null) return fresh;
  const r = progressSchema.safeParse(readJson(key));
  return r.success ? r.data : fresh;
}

/** A short hash of a string (FNV-1a), to key the widget on the scenario it shows. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

function IssueList({ issues }: { issues: readonly LabIssue[] }) {
  return (
    <ul className="lab-issues">
      {issues.map((i, n) => (
        <li key={n}>{issueText(i)}</li>
      ))}
    </ul>
  );
}

function Results({ evaluation }: { evaluation: Evaluation }) {
  return (
    <>
      <p className="lab-score">
        Score: <strong>{evaluation.score}</strong> of {evaluation.max} points
        {evaluation.passed ? ' — every check passed.' : '.'}
      </p>
      <ul className="lab-results">
        {evaluation.checks.map((c) => (
          <li key={c.id} className={c.passed ? 'lab-result lab-passed' : 'lab-result lab-failed'}>
            <span className="lab-verdict">
              <span aria-hidden="true">{c.passed ? '✓ ' : '✗ '}</span>
              {c.passed ? 'Passed' : 'Not passed'}
            </span>{' '}
            <span className="lab-result-label">{c.label}</span>{' '}
            <span className="lab-result-points">
              ({c.points} of {c.maxPoints} point{c.maxPoints === 1 ? '' : 's'})
            </span>
            <p className="lab-result-message">{c.message}</p>
            {!c.passed && c.hint ? (
              <p className="lab-hint">
                <strong>Hint:</strong> {c.hint}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export interface LabPlayerProps {
  lab: Lab;
  /** Where the lab came from: a built-in lab, a link, or the builder's preview (nothing saved). */
  origin: 'builtin' | 'shared' | 'preview';
  /** For a lab opened from a link: its fragment (for "Edit a copy"). */
  fragment?: string;
  /** The builder's preview: use the student's actions as the reference solution. */
  onUseActions?: (actions: StudentAction[]) => void;
  /** A built-in lab's hash before answers were sealed: progress saved under it is read once. */
  legacyHash?: string;
}

export function LabPlayer({ lab, origin, fragment, onUseActions, legacyHash }: LabPlayerProps) {
  const nameId = useId();
  const hash = useMemo(() => labHash(lab), [lab]);
  const key = origin === 'preview' ? null : progressKey(lab.id, hash);
  const [progress, setProgress] = useState<Progress>(() =>
    loadProgress(
      key !== null && readJson(key) === undefined && legacyHash !== undefined
        ? progressKey(lab.id, legacyHash)
        : key,
    ),
  );
  const [position, setPosition] = useState(0);
  const [grading, setGrading] = useState<{
    work: string;
    running: boolean;
    response?: RunResponse;
  } | null>(null);
  const [messages, setMessages] = useState<MessageList & { scenarioKey: string }>({
    state: 'idle',
    messages: [],
    count: 0,
    scenarioKey: '',
  });
  const [submissionNote, setSubmissionNote] = useState('');
  const [gradeRunner] = useState(() => new LabRunner());
  const [listRunner] = useState(() => new LabRunner());

  useEffect(() => {
    if (key !== null) writeRaw(key, JSON.stringify(progress));
  }, [key, progress]);
  useEffect(
    () => () => {
      gradeRunner.stop();
      listRunner.stop();
    },
    [gradeRunner, listRunner],
  );

  const student = progress.student;
  const params = useMemo(() => studentParameters(lab, student), [lab, student]);
  const instance = useMemo(():
    { ok: true; value: LabInstance } | { ok: false; issues: LabIssue[] } => {
    try {
      return { ok: true, value: instantiateLab(lab, params) };
    } catch (e) {
      if (e instanceof LabError) return { ok: false, issues: e.issues };
      throw e;
    }
  }, [lab, params]);
  const plan = useMemo(
    () => tryPlan(lab, params, progress.actions),
    [lab, params, progress.actions],
  );

  const planned = plan.ok
    ? plan.plan.scenario
    : instance.ok
      ? withLabLimits(instance.value.scenario)
      : undefined;
  const scenarioJson = planned ? JSON.stringify(planned) : '';
  // The same scenario keeps the same object (an answer changes nothing in the network).
  const scenario = useMemo(
    () => (scenarioJson === '' ? undefined : (JSON.parse(scenarioJson) as Scenario)),
    [scenarioJson],
  );
  const scenarioKey = useMemo(() => shortHash(scenarioJson), [scenarioJson]);
  const shown = instance.ok ? instance.value.lab : lab;

  const questions = useMemo(
    () =>
      labChecks(shown)
        .map((c) => c.check)
        .filter((c): c is AnswerCheck => c.kind === 'answer'),
    [shown],
  );
  const needsMessages = questions.some((q) => q.select !== undefined);

  // The messages of the run as it is now, for "select the message" questions (in the worker).
  useEffect(() => {
    if (!needsMessages || !scenario) return;
    let live = true;
    void listRunner.run({ kind: 'scenario', scenario }).then((r) => {
      if (!live || (!r.ok && r.cancelled)) return;
      setMessages(
        r.ok && r.kind === 'scenario'
          ? {
              state: 'done',
              messages: r.summary.messages,
              count: r.summary.messageCount,
              scenarioKey,
            }
          : {
              state: 'error',
              messages: [],
              count: 0,
              error: r.ok ? 'The run gave no messages.' : r.error,
              scenarioKey,
            },
      );
    });
    return () => {
      live = false;
    };
  }, [needsMessages, scenario, scenarioKey, listRunner]);
  const messageList: MessageList =
    messages.scenarioKey === scenarioKey
      ? messages
      : { state: needsMessages ? 'running' : 'idle', messages: [], count: 0 };

  const record = useCallback(
    (action: StudentAction): FieldIssue[] => {
      const actions = recordAction(progress.actions, action);
      const r = tryPlan(lab, params, actions);
      if (!r.ok) {
        const mine = issuesOfAction(r.issues, actions.length - 1);
        return mine.length > 0 ? mine : r.issues;
      }
      setProgress((p) => ({
        ...p,
        actions,
        startedAt: p.startedAt ?? new Date().toISOString(),
      }));
      return [];
    },
    [lab, params, progress.actions],
  );

  const removeAction = (index: number) =>
    setProgress((p) => ({ ...p, actions: p.actions.filter((_, i) => i !== index) }));

  const work = JSON.stringify([student.trim(), progress.actions]);
  const check = () => {
    setGrading({ work, running: true });
    void gradeRunner
      .run({ kind: 'grade', lab, student: student.trim(), actions: progress.actions })
      .then((response) => {
        if (!response.ok && response.cancelled) return;
        setGrading({ work, running: false, response });
      });
  };
  const result = grading?.response;
  const fresh = grading !== null && grading.work === work;

  const exportSubmission = () => {
    const name = student.trim();
    if (name === '') {
      setSubmissionNote('Type your name (or student id) first: the submission carries it.');
      return;
    }
    const claimedScore =
      fresh && result?.ok && result.kind === 'grade' ? result.evaluation.score : undefined;
    const submission = createSubmission(lab, name, progress.actions, {
      ...(claimedScore !== undefined ? { claimedScore } : {}),
      submittedAt: new Date().toISOString(),
    });
    downloadJson(fileName(lab.id, name), submission);
    setSubmissionNote(
      `Saved ${fileName(lab.id, name)} (your ${progress.actions.length} action${progress.actions.length === 1 ? '' : 's'} and answers) in your downloads. Send this file to your instructor, as your course asks (e-mail or its upload page). Your instructor grades it on SIP Lab's Grade page, which replays your actions: the score shown here is only a preview.`,
    );
  };

  const tasks = shown.tasks;
  const points = labPoints(lab);
  const checkCount = labChecks(lab).length;
  const unlock = shown.unlock;
  const hasTools =
    Object.values(unlock.elements ?? {}).some((s) => s.length > 0) ||
    (unlock.actions ?? []).length > 0 ||
    unlock.faults === true ||
    unlock.links === true;

  return (
    <article className="lab-page" aria-labelledby={`${nameId}-title`}>
      <header className="lab-head">
        <div>
          <p className="lab-kicker">
            <Link href="/labs/">Labs</Link> ›{' '}
            {origin === 'builtin' ? 'built-in lab' : origin === 'shared' ? 'shared lab' : 'preview'}
          </p>
          {origin === 'preview' ? (
            <h2 id={`${nameId}-title`} className="lab-title">
              {lab.title}
            </h2>
          ) : (
            <h1 id={`${nameId}-title`}>{lab.title}</h1>
          )}
          {lab.summary ? <p className="lead">{lab.summary}</p> : null}
          <p className="lab-meta">
            {lab.author ? <>By {lab.author} · </> : null}
            {tasks.length} task{tasks.length === 1 ? '' : 's'} · {checkCount} check
            {checkCount === 1 ? '' : 's'} · {points} point{points === 1 ? '' : 's'}
            {lab.timeLimitMinutes ? <> · time limit {lab.timeLimitMinutes} minutes</> : null}
          </p>
        </div>
        <div className="lab-head-actions">
          {origin === 'builtin' ? (
            <Link className="lab-button lab-button-secondary" href={`/labs/build/?from=${lab.id}`}>
              Edit a copy
            </Link>
          ) : null}
          {origin === 'shared' && fragment ? (
            <a
              className="lab-button lab-button-secondary"
              href={`${withBasePath('/labs/build/')}?from=link#${fragment}`}
            >
              Edit a copy
            </a>
          ) : null}
        </div>
      </header>

      <div className="lab-top">
        <section className="lab-card lab-instructions" aria-labelledby={`${nameId}-instr`}>
          <h2 id={`${nameId}-instr`}>Instructions</h2>
          <Markdown source={shown.instructions} />
        </section>
        <section className="lab-card lab-student" aria-labelledby={`${nameId}-you`}>
          <h2 id={`${nameId}-you`}>You</h2>
          <div className="lab-field">
            <label htmlFor={`${nameId}-name`}>Your name or student id</label>
            <input
              id={`${nameId}-name`}
              type="text"
              autoComplete="name"
              maxLength={120}
              value={student}
              onChange={(e) => setProgress((p) => ({ ...p, student: e.target.value }))}
            />
          </div>
          {lab.parameters && lab.parameters.length > 0 ? (
            <>
              <p className="lab-small lab-muted">
                This lab draws some values from your name, so each student gets their own
                {student.trim() === '' ? ' — type your name first' : ''}:
              </p>
              <dl className="lab-params">
                {lab.parameters.map((p) => (
                  <div key={p.name}>
                    <dt>{p.label ?? p.name}</dt>
                    <dd>
                      <code>{String(params[p.name] ?? '')}</code>
                    </dd>
                  </div>
                ))}
              </dl>
            </>
          ) : null}
          {progress.startedAt && lab.timeLimitMinutes ? (
            <p className="lab-small">
              Started {new Date(progress.startedAt).toLocaleTimeString()}; the time limit ends at{' '}
              {new Date(
                Date.parse(progress.startedAt) + lab.timeLimitMinutes * 60_000,
              ).toLocaleTimeString()}
              .
            </p>
          ) : null}
          <p className="lab-small lab-muted">
            Your name, actions and answers are kept in this browser.
          </p>
        </section>
      </div>

      {!instance.ok ? (
        <div className="lab-error" role="alert">
          <p>This lab cannot be opened for this name:</p>
          <IssueList issues={instance.issues} />
        </div>
      ) : null}
      {!plan.ok ? (
        <div className="lab-error" role="alert">
          <p>Your saved actions no longer fit this lab:</p>
          <IssueList issues={plan.issues} />
          <button
            type="button"
            className="lab-button"
            onClick={() => setProgress((p) => ({ ...p, actions: [] }))}
          >
            Remove all my actions
          </button>
        </div>
      ) : null}

      {scenario ? (
        <section className="lab-sim" aria-label="The network">
          <Simulator
            key={scenarioKey}
            scenario={scenario}
            startStep={position}
            toggles={[]}
            compact
            height="32rem"
            onPositionChange={setPosition}
          />
        </section>
      ) : null}

      <div className="lab-bottom">
        <section className="lab-card" aria-labelledby={`${nameId}-do`}>
          <h2 id={`${nameId}-do`}>What you may do</h2>
          {hasTools && scenario ? (
            <>
              <SettingsPanel unlock={unlock} scenario={scenario} record={record} />
              <TimelinePanel
                unlock={unlock}
                scenario={scenario}
                baseTimeline={instance.ok ? instance.value.scenario.timeline : []}
                record={record}
              />
              {unlock.faults ? <FaultPanel scenario={scenario} record={record} /> : null}
              {unlock.links ? <LinkPanel scenario={scenario} record={record} /> : null}
            </>
          ) : (
            <p className="lab-muted">
              This lab changes nothing in the network: explore the run in the simulator and answer
              the questions.
            </p>
          )}
          <h3>Your actions</h3>
          {progress.actions.length === 0 ? (
            <p className="lab-muted">None yet.</p>
          ) : (
            <>
              <ol className="lab-actions">
                {progress.actions.map((a, i) => {
                  const text = describeAction(a, shown);
                  return (
                    <li key={i}>
                      <span>{text}</span>{' '}
                      <button
                        type="button"
                        className="lab-link-button"
                        onClick={() => removeAction(i)}
                        aria-label={`Remove action ${i + 1}: ${text}`}
                      >
                        Remove
                      </button>
                    </li>
                  );
                })}
              </ol>
              <button
                type="button"
                className="lab-button lab-button-secondary"
                onClick={() => setProgress((p) => ({ ...p, actions: [], notes: {} }))}
              >
                Remove all my actions
              </button>
            </>
          )}
          {onUseActions ? (
            <p>
              <button
                type="button"
                className="lab-button"
                onClick={() => onUseActions(progress.actions)}
              >
                Use these actions as the reference solution
              </button>
            </p>
          ) : null}
        </section>

        <section className="lab-card" aria-labelledby={`${nameId}-tasks`}>
          <h2 id={`${nameId}-tasks`}>Tasks</h2>
          <ol className="lab-tasks">
            {tasks.map((t) => (
              <li key={t.id}>
                <h3>{t.title}</h3>
                {t.description ? <Markdown source={t.description} headingOffset={3} /> : null}
                <ul className="lab-task-checks">
                  {t.checks
                    .filter((c) => c.kind !== 'answer' && c.kind !== 'write')
                    .map((c) => (
                      <li key={c.id}>
                        {describeCheck(c)}{' '}
                        <span className="lab-muted lab-small">
                          ({c.points ?? 1} point{(c.points ?? 1) === 1 ? '' : 's'})
                        </span>
                      </li>
                    ))}
                </ul>
                <WriteTasks
                  checks={t.checks.filter((c): c is WriteCheck => c.kind === 'write')}
                  scenario={scenario}
                  actions={progress.actions}
                  record={record}
                />
                <Questions
                  questions={t.checks.filter((c): c is AnswerCheck => c.kind === 'answer')}
                  actions={progress.actions}
                  record={record}
                  messages={messageList}
                  notes={progress.notes}
                  onNote={(q, text) =>
                    setProgress((p) => ({ ...p, notes: { ...p.notes, [q]: text } }))
                  }
                />
              </li>
            ))}
          </ol>

          <div className="lab-check-bar">
            <button
              type="button"
              className="lab-button lab-button-primary"
              onClick={check}
              disabled={grading?.running === true}
            >
              Check my work
            </button>
            <button
              type="button"
              className="lab-button lab-button-secondary"
              onClick={exportSubmission}
            >
              Export submission
            </button>
          </div>
          {origin !== 'preview' ? (
            <p className="lab-small lab-muted">
              When you are done, export your submission: a file to send to your instructor, who
              grades it by replaying what you did.
            </p>
          ) : null}
          <p className="lab-small lab-muted" role="status">
            {submissionNote}
          </p>
          <section className="lab-results-box" aria-label="Results" aria-live="polite">
            {grading?.running ? <p>Checking: replaying your actions in the simulation…</p> : null}
            {!grading?.running && result && !fresh ? (
              <p className="lab-muted">
                You changed something since the last check: press “Check my work” again.
              </p>
            ) : null}
            {!grading?.running && result && fresh ? (
              result.ok && result.kind === 'grade' ? (
                <Results evaluation={result.evaluation} />
              ) : !result.ok ? (
                <div className="lab-error" role="alert">
                  <p>{result.error}</p>
                  <IssueList issues={result.issues} />
                </div>
              ) : null
            ) : null}
          </section>
        </section>
      </div>
    </article>
  );
}
