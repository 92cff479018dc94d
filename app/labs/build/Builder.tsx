'use client';

/**
 * The lab builder: the network on a canvas (palette, links, a settings panel validated as you type),
 * the timeline and fault rules, what the student may do, tasks and checks, instructions with a
 * preview, a reference solution, "Run" and "Record checks from run", "Share link", "Export file" and
 * "Import file". Elements get working defaults (network-defaults.ts); every problem is a sentence
 * beside its field and in the list of problems, which takes the instructor to the field; the lab is
 * run with no work done and each check that passes anyway is a warning. The draft is saved in this
 * browser on every change: nothing is lost on reload.
 */
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Suspense, useEffect, useId, useMemo, useState } from 'react';
import {
  LIMITS,
  LabError,
  NO_WORK_STUDENT,
  SUBMISSION_NOT_LAB,
  encodeLab,
  parseLabText,
  type Lab,
  type LabIssue,
  type StudentAction,
} from '@/sim/lab';
import { withBasePath } from '../../_deploy/base-path';
import { ClientOnly } from '../client-only';
import { LabPlayer } from '../LabPlayer';
import { downloadJson, fileName, type ElementKind } from '../lab-model';
import { LabRunner } from '../runner';
import { saveDraft } from '../storage';
import { AboutSection } from './AboutSection';
import type { Selection } from './Canvas';
import {
  draftDocument,
  newDraft,
  newDraftId,
  removeElement,
  renameElement,
  toDraft,
  validateDraft,
  type Draft,
} from './draft';
import { ElementForm } from './ElementForm';
import { LinkForm } from './LinkForm';
import { NetworkSection } from './NetworkSection';
import { FaultEditor } from './FaultEditor';
import { JsonField } from './fields';
import { InstructionsEditor } from './InstructionsEditor';
import { withNewElement } from './network-defaults';
import { focusPath } from './focus-path';
import { openDraft } from './open-draft';
import { IssueBanner, NoWorkWarnings, Problems, type NoWorkState } from './ProblemsPanel';
import { RunPanel } from './RunPanel';
import { ShareSection } from './ShareSection';
import { TaskEditor } from './TaskEditor';
import { TimelineEditor } from './TimelineEditor';
import { UnlockEditor } from './UnlockEditor';
import '../labs.css';
import './builder.css';

function BuilderBody({ builtins }: { builtins: readonly Lab[] }) {
  const id = useId();
  const searchParams = useSearchParams();
  const [opened] = useState(() =>
    openDraft(new URLSearchParams(searchParams.toString()), builtins),
  );
  const [draftId, setDraftId] = useState(opened.draftId);
  const [draft, setDraft] = useState<Draft>(opened.draft);
  const [note, setNote] = useState(opened.note);
  const [saved, setSaved] = useState<{ at: string; ok: boolean } | null>(null);
  const [selection, setSelection] = useState<Selection>(null);
  const [share, setShare] = useState<{ link: string; json: string } | null>(null);
  const [shareTried, setShareTried] = useState(false);
  const [importIssues, setImportIssues] = useState<LabIssue[]>([]);
  const [fileNote, setFileNote] = useState('');
  const [preview, setPreview] = useState(0);
  const [focusTarget, setFocusTarget] = useState<{ path: string; n: number } | null>(null);
  const [noWorkResult, setNoWorkResult] = useState<{ labJson: string; state: NoWorkState } | null>(
    null,
  );
  const [noWorkRunner] = useState(() => new LabRunner());

  const validation = useMemo(() => validateDraft(draft), [draft]);
  const issues = validation.issues;
  const docJson = useMemo(() => JSON.stringify(draftDocument(draft)), [draft]);
  const labJson = validation.lab ? JSON.stringify(validation.lab) : '';

  // The URL names the draft, so a reload opens it again; a copy or an import is saved at once.
  useEffect(() => {
    window.history.replaceState(
      null,
      '',
      `${withBasePath('/labs/build/')}?draft=${encodeURIComponent(draftId)}`,
    );
  }, [draftId]);
  useEffect(() => {
    if (opened.saveNow) saveDraft(opened.draftId, draftDocument(opened.draft));
  }, [opened]);

  // The lab with no work done, a moment after each change: which checks pass already?
  useEffect(() => () => noWorkRunner.stop(), [noWorkRunner]);
  useEffect(() => {
    if (labJson === '') return;
    const lab = JSON.parse(labJson) as Lab;
    const timer = window.setTimeout(() => {
      void noWorkRunner
        .run({ kind: 'grade', lab, student: NO_WORK_STUDENT, actions: [] })
        .then((r) => {
          if (!r.ok && r.cancelled) return;
          setNoWorkResult({
            labJson,
            state:
              r.ok && r.kind === 'grade'
                ? {
                    state: 'done',
                    evaluation: r.evaluation,
                    passing: r.evaluation.checks.filter((c) => c.passed),
                  }
                : { state: 'error', message: r.ok ? 'no result' : r.error },
          });
        });
    }, 400);
    return () => window.clearTimeout(timer);
  }, [labJson, noWorkRunner]);
  const noWork: NoWorkState =
    labJson === ''
      ? { state: 'idle' }
      : noWorkResult?.labJson === labJson
        ? noWorkResult.state
        : { state: 'running' };

  useEffect(() => {
    if (focusTarget) focusPath(focusTarget.path);
  }, [focusTarget]);

  const persist = (next: Draft, idToSave = draftId) => {
    const ok = saveDraft(idToSave, draftDocument(next));
    setSaved({ at: new Date().toLocaleTimeString(), ok });
  };

  const update = (fn: (d: Draft) => void) => {
    const next = structuredClone(draft);
    fn(next);
    setDraft(next);
    persist(next);
  };

  const replaceDraft = (next: Draft, message: string) => {
    const newId = newDraftId();
    setDraftId(newId);
    setDraft(next);
    setSelection(null);
    setShare(null);
    setShareTried(false);
    setImportIssues([]);
    setNote(message);
    persist(next, newId);
  };

  const elements = draft.scenario.elements;
  const links = draft.scenario.links;
  const selectedIndex =
    selection?.kind === 'element' ? elements.findIndex((e) => e.name === selection.name) : -1;

  const goTo = (path: string) => {
    const el = /^scenario\.elements\[(\d+)\]/.exec(path);
    const target = el ? elements[Number(el[1])] : undefined;
    if (target) setSelection({ kind: 'element', name: target.name });
    const link = /^scenario\.links\[(\d+)\]/.exec(path);
    if (link) setSelection({ kind: 'link', index: Number(link[1]) });
    setFocusTarget((old) => ({ path, n: (old?.n ?? 0) + 1 }));
  };

  const checkPath = (checkId: string): string => {
    for (const [t, task] of draft.tasks.entries())
      for (const [c, check] of task.checks.entries())
        if (check['id'] === checkId) return `tasks[${t}].checks[${c}]`;
    return 'tasks';
  };

  const addElement = (kind: ElementKind) => {
    const { elements: next, name } = withNewElement(elements, kind);
    update((d) => {
      d.scenario.elements = next;
    });
    setSelection({ kind: 'element', name });
  };

  const connect = (a: string, b: string): string => {
    if (!a || !b) return 'Choose two elements.';
    if (a === b) return 'A link joins two different elements.';
    const existing = links.findIndex((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a));
    if (existing >= 0) {
      setSelection({ kind: 'link', index: existing });
      return `${a} and ${b} are already linked.`;
    }
    update((d) => {
      d.scenario.links.push({ a, b, latencyMs: 10 });
    });
    setSelection({ kind: 'link', index: links.length });
    return `Linked ${a} and ${b}.`;
  };

  const shareLink = () => {
    setShareTried(true);
    if (!validation.lab) {
      setShare(null);
      return;
    }
    // The link opens under the same base path as this page (a course served under /sip-course/).
    const link = `${window.location.origin}${withBasePath('/labs/play/')}#${encodeLab(validation.lab)}`;
    setShare({ link, json: docJson });
  };

  const importFile = (file: File) => {
    setFileNote('');
    if (file.size > LIMITS.MAX_LAB_BYTES * 4) {
      setImportIssues([
        {
          path: '',
          message: `The file is ${(file.size / 1024).toFixed(1)} KB; a lab may be at most ${LIMITS.MAX_LAB_BYTES / 1024} KB.`,
        },
      ]);
      return;
    }
    void file.text().then((text) => {
      try {
        const lab = parseLabText(text);
        replaceDraft(toDraft(lab), `Imported “${lab.title}” from ${file.name} as a new draft.`);
      } catch (e) {
        setImportIssues(
          e instanceof LabError
            ? e.issues
            : [{ path: '', message: e instanceof Error ? e.message : String(e) }],
        );
      }
    });
  };

  const exportFile = () => {
    const name = fileName(draft.id || 'lab');
    downloadJson(name, draftDocument(draft));
    setFileNote(
      `${
        issues.length === 0
          ? `Saved ${name}.`
          : `Saved ${name}, with ${issues.length} problem${issues.length === 1 ? '' : 's'} still to fix (a file with problems cannot be imported or shared until they are fixed).`
      } The file holds the answer key and the reference solution: keep it for yourself and for grading, and give students the link.`,
    );
  };

  const useActions = (actions: StudentAction[]) => {
    update((d) => {
      d.solution.actions = JSON.parse(JSON.stringify(actions)) as Record<string, unknown>[];
    });
    setNote(
      `The reference solution is now the ${actions.length} action${actions.length === 1 ? '' : 's'} of the preview.`,
    );
  };

  const isSubmission = importIssues.length === 1 && importIssues[0]?.message === SUBMISSION_NOT_LAB;

  return (
    <div className="lab-builder">
      <header className="lab-head">
        <div>
          <p className="lab-kicker">
            <Link href="/labs/">Labs</Link> › builder
          </p>
          <h1>Lab builder</h1>
          <p className="lab-meta" role="status">
            {draft.title || 'Untitled lab'} ·{' '}
            {saved
              ? saved.ok
                ? `saved in this browser at ${saved.at}`
                : 'NOT saved: this browser refused to store the draft (storage full or blocked); export it as a file'
              : 'saved in this browser as you work'}
          </p>
        </div>
        <div className="lab-toolbar" role="toolbar" aria-label="Lab">
          <button type="button" className="lab-button lab-button-primary" onClick={shareLink}>
            Share link
          </button>
          <button type="button" className="lab-button" onClick={exportFile}>
            Export file
          </button>
          <span className="lab-file">
            <label htmlFor={`${id}-import`} className="lab-button">
              Import file
            </label>
            <input
              id={`${id}-import`}
              className="lab-file-input"
              type="file"
              accept=".json,application/json"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) importFile(f);
                e.target.value = '';
              }}
            />
          </span>
          <button
            type="button"
            className="lab-button lab-button-secondary"
            onClick={() => replaceDraft(newDraft(), 'A new, empty lab.')}
          >
            New lab
          </button>
          <Link className="lab-button lab-button-secondary" href="/labs/grade/">
            Grade submissions
          </Link>
        </div>
      </header>

      {note ? (
        <p className="lab-note" role="status">
          {note}
        </p>
      ) : null}
      {fileNote ? (
        <p className="lab-note" role="status">
          {fileNote}
        </p>
      ) : null}
      {isSubmission ? (
        <div className="lab-error" role="alert">
          <p>
            {SUBMISSION_NOT_LAB.replace(/ on the Grade page\.$/, '')} on the{' '}
            <Link href="/labs/grade/">Grade page</Link>. Your draft is unchanged.
          </p>
          <button
            type="button"
            className="lab-button lab-button-secondary"
            onClick={() => setImportIssues([])}
          >
            Dismiss
          </button>
        </div>
      ) : importIssues.length > 0 ? (
        <IssueBanner
          intro="This file cannot be imported: it is not a lab that can be used. What is wrong:"
          issues={importIssues}
          outro={<p>Your draft is unchanged.</p>}
          onDismiss={() => setImportIssues([])}
        />
      ) : null}
      {shareTried && !validation.lab ? (
        <IssueBanner intro="The lab cannot be shared yet. Fix these first:" issues={issues} />
      ) : null}
      {shareTried && validation.lab && !share ? (
        <p className="lab-note" role="status">
          The lab has no problem left: press “Share link” to make its link.
        </p>
      ) : null}
      {share ? <ShareSection link={share.link} stale={share.json !== docJson} /> : null}

      <div className="lab-build-main">
        <div className="lab-build-left">
          <NetworkSection
            elements={elements}
            links={links}
            selection={selection}
            onSelect={setSelection}
            onAdd={addElement}
            onMove={(name, position) =>
              update((d) => {
                const el = d.scenario.elements.find((e) => e.name === name);
                if (el) el.position = position;
              })
            }
            connect={connect}
          />
          <section className="lab-card" aria-labelledby={`${id}-problems`}>
            <h2 id={`${id}-problems`}>Problems</h2>
            <Problems issues={issues} onGoTo={goTo} />
            <NoWorkWarnings noWork={noWork} pathOf={checkPath} onGoTo={goTo} />
          </section>
        </div>

        <aside className="lab-side">
          <section className="lab-card" aria-labelledby={`${id}-sel`}>
            <h2 id={`${id}-sel`}>Settings</h2>
            {selectedIndex >= 0 ? (
              <ElementForm
                key={`el-${selectedIndex}-${elements[selectedIndex]?.name ?? ''}`}
                draft={draft}
                index={selectedIndex}
                issues={issues}
                update={update}
                onRename={(from, to) => {
                  update((d) => renameElement(d, from, to));
                  setSelection({ kind: 'element', name: to });
                }}
                onDelete={(name) => {
                  update((d) => removeElement(d, name));
                  setSelection(null);
                }}
              />
            ) : selection?.kind === 'link' && links[selection.index] ? (
              <LinkForm
                key={`link-${selection.index}`}
                draft={draft}
                index={selection.index}
                issues={issues}
                update={update}
                onDelete={() => {
                  update((d) => {
                    d.scenario.links.splice(selection.index, 1);
                  });
                  setSelection(null);
                }}
              />
            ) : (
              <p className="lab-muted">
                Select an element or a link (on the canvas or in the list under it) to edit it.
              </p>
            )}
          </section>
        </aside>
      </div>

      <section className="lab-card lab-section" aria-labelledby={`${id}-run`}>
        <h2 id={`${id}-run`}>Run</h2>
        <RunPanel draft={draft} update={update} />
      </section>

      <div className="lab-build-grid">
        <section className="lab-card" aria-labelledby={`${id}-about`}>
          <h2 id={`${id}-about`}>About the lab</h2>
          <AboutSection draft={draft} issues={issues} update={update} />
        </section>
        <section className="lab-card" aria-labelledby={`${id}-instr`}>
          <h2 id={`${id}-instr`}>Instructions</h2>
          <InstructionsEditor draft={draft} issues={issues} update={update} />
        </section>
      </div>

      <section className="lab-card lab-section" aria-labelledby={`${id}-timeline`}>
        <h2 id={`${id}-timeline`}>Timeline</h2>
        <TimelineEditor draft={draft} issues={issues} update={update} />
        <h3>Fault rules</h3>
        <FaultEditor draft={draft} issues={issues} update={update} />
      </section>

      <section className="lab-card lab-section" aria-labelledby={`${id}-unlock`}>
        <h2 id={`${id}-unlock`}>What the student may do</h2>
        <UnlockEditor draft={draft} issues={issues} update={update} />
      </section>

      <section className="lab-card lab-section" aria-labelledby={`${id}-tasks`}>
        <h2 id={`${id}-tasks`}>Tasks and checks</h2>
        <TaskEditor draft={draft} issues={issues} update={update} />
      </section>

      <section className="lab-card lab-section" aria-labelledby={`${id}-solution`}>
        <h2 id={`${id}-solution`}>Reference solution</h2>
        <p className="lab-small lab-muted">
          The actions that solve the lab (the CLI’s <code>lab solve</code> runs them). Easiest: try
          the lab as a student below, do the task, and use your actions. The solution stays in your
          lab file: the link does not carry it.
        </p>
        <JsonField
          issues={issues}
          label="Actions (JSON)"
          path="solution.actions"
          alsoPaths={['solution']}
          value={draft.solution.actions}
          rows={4}
          onChange={(v) =>
            update((d) => {
              d.solution.actions = Array.isArray(v) ? (v as Record<string, unknown>[]) : [];
            })
          }
        />
        <p>
          <button
            type="button"
            className="lab-button"
            disabled={!validation.lab}
            onClick={() => setPreview((n) => n + 1)}
          >
            {preview > 0 ? 'Restart the student preview' : 'Try it as a student'}
          </button>{' '}
          {!validation.lab ? (
            <span className="lab-small lab-muted">(once the lab has no problems)</span>
          ) : null}
        </p>
      </section>
      {preview > 0 && validation.lab ? (
        <section className="lab-preview-student" aria-label="Student preview">
          {noWork.state === 'done' ? (
            <p className={noWork.passing.length > 0 ? 'lab-warning' : 'lab-note'} role="status">
              A student who does nothing scores <strong>{noWork.evaluation.score}</strong> of{' '}
              {noWork.evaluation.max} point{noWork.evaluation.max === 1 ? '' : 's'}
              {noWork.passing.length > 0
                ? ` (${noWork.passing.map((c) => `“${c.id}”`).join(', ')} pass${noWork.passing.length === 1 ? 'es' : ''} with no work: see Problems).`
                : '.'}
            </p>
          ) : null}
          <LabPlayer
            key={preview}
            lab={validation.lab}
            origin="preview"
            onUseActions={useActions}
          />
        </section>
      ) : null}
    </div>
  );
}

export function Builder({ builtins }: { builtins: readonly Lab[] }) {
  const loading = (
    <div className="lab-builder">
      <h1>Lab builder</h1>
      <p>Loading the builder…</p>
    </div>
  );
  return (
    <ClientOnly fallback={loading}>
      <Suspense fallback={loading}>
        <BuilderBody builtins={builtins} />
      </Suspense>
    </ClientOnly>
  );
}
