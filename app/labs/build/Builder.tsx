'use client';

/**
 * The lab builder: the network on a canvas (palette, links, a settings panel validated as you type),
 * the timeline and fault rules, what the student may do, tasks and checks, instructions with a
 * preview, a reference solution, "Run" and "Record checks from run", "Share link", "Export file" and
 * "Import file". The draft is saved in this browser on every change: nothing is lost on reload.
 */
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Suspense, useEffect, useId, useMemo, useState } from 'react';
import {
  LIMITS,
  LabError,
  builtinLab,
  decodeLab,
  encodeLab,
  parseLabText,
  type LabIssue,
  type StudentAction,
} from '@/sim/lab';
import { ClientOnly } from '../client-only';
import { LabPlayer } from '../LabPlayer';
import { downloadJson, fileName } from '../lab-model';
import { CURRENT_DRAFT_KEY, readDrafts, readRaw, saveDraft } from '../storage';
import { Canvas, type Selection } from './Canvas';
import {
  KINDS,
  copyOfLab,
  draftDocument,
  newDraft,
  newDraftId,
  newElement,
  removeElement,
  renameElement,
  toDraft,
  validateDraft,
  type Draft,
} from './draft';
import { ElementForm, LinkForm } from './ElementForm';
import { JsonField, NumberField, TextAreaField, TextField } from './fields';
import { RunPanel } from './RunPanel';
import { InstructionsEditor, TaskEditor } from './TaskEditor';
import { FaultEditor, TimelineEditor, UnlockEditor } from './TimelineEditor';
import '../labs.css';
import './builder.css';

interface Opened {
  draftId: string;
  draft: Draft;
  /** Where it came from, said once at the top. */
  note: string;
  /** Saved at once (a copy, an import); a new empty lab is saved at its first change. */
  saveNow: boolean;
}

/** The draft to open, from the URL: ?draft=ID, ?from=<built-in id>, ?from=link#<lab>, or the last one. */
function openDraft(params: URLSearchParams): Opened {
  const from = params.get('from');
  const wanted = params.get('draft');
  if (from === 'link') {
    try {
      const lab = decodeLab(window.location.hash);
      return {
        draftId: newDraftId(),
        draft: copyOfLab(lab),
        note: `A copy of the shared lab “${lab.title}”: a new lab of yours.`,
        saveNow: true,
      };
    } catch (e) {
      return {
        draftId: newDraftId(),
        draft: newDraft(),
        note: `The shared lab could not be copied (${e instanceof LabError ? e.issues.map((i) => `${i.path || 'lab'}: ${i.message}`).join('; ') : String(e)}); a new lab is open instead.`,
        saveNow: false,
      };
    }
  }
  if (from) {
    const lab = builtinLab(from);
    if (lab)
      return {
        draftId: newDraftId(),
        draft: copyOfLab(lab),
        note: `A copy of the built-in lab “${lab.title}”: a new lab of yours.`,
        saveNow: true,
      };
  }
  const drafts = readDrafts();
  const id = wanted ?? readRaw(CURRENT_DRAFT_KEY);
  const found = drafts.find((d) => d.draftId === id);
  if (found) return { draftId: found.draftId, draft: toDraft(found.doc), note: '', saveNow: false };
  if (wanted)
    return {
      draftId: newDraftId(),
      draft: newDraft(),
      note: 'That draft is not saved in this browser; a new lab is open instead.',
      saveNow: false,
    };
  return { draftId: newDraftId(), draft: newDraft(), note: '', saveNow: false };
}

function Problems({ issues }: { issues: readonly LabIssue[] }) {
  if (issues.length === 0)
    return (
      <p className="lab-ok" role="status">
        <span aria-hidden="true">✓ </span>The lab is valid: it can be run, shared and exported.
      </p>
    );
  return (
    <div role="status">
      <p className="lab-problems-count">
        {issues.length} problem{issues.length === 1 ? '' : 's'} to fix before the lab can be shared:
      </p>
      <ul className="lab-issues lab-problems">
        {issues.slice(0, 40).map((i, n) => (
          <li key={n}>
            <code>{i.path || '(the whole lab)'}</code>: {i.message}
          </li>
        ))}
      </ul>
      {issues.length > 40 ? <p>…and {issues.length - 40} more.</p> : null}
    </div>
  );
}

function BuilderBody() {
  const id = useId();
  const searchParams = useSearchParams();
  const [opened] = useState(() => openDraft(new URLSearchParams(searchParams.toString())));
  const [draftId, setDraftId] = useState(opened.draftId);
  const [draft, setDraft] = useState<Draft>(opened.draft);
  const [note, setNote] = useState(opened.note);
  const [saved, setSaved] = useState<{ at: string; ok: boolean } | null>(null);
  const [selection, setSelection] = useState<Selection>(null);
  const [linkFrom, setLinkFrom] = useState('');
  const [linkTo, setLinkTo] = useState('');
  const [linkNote, setLinkNote] = useState('');
  const [share, setShare] = useState<{ link: string; json: string } | null>(null);
  const [shareIssues, setShareIssues] = useState<LabIssue[]>([]);
  const [importIssues, setImportIssues] = useState<LabIssue[]>([]);
  const [fileNote, setFileNote] = useState('');
  const [preview, setPreview] = useState(0);

  const validation = useMemo(() => validateDraft(draft), [draft]);
  const issues = validation.issues;
  const docJson = useMemo(() => JSON.stringify(draftDocument(draft)), [draft]);

  // The URL names the draft, so a reload opens it again; a copy or an import is saved at once.
  useEffect(() => {
    window.history.replaceState(null, '', `/labs/build/?draft=${encodeURIComponent(draftId)}`);
  }, [draftId]);
  useEffect(() => {
    if (opened.saveNow) saveDraft(opened.draftId, draftDocument(opened.draft));
  }, [opened]);

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
    setNote(message);
    persist(next, newId);
  };

  const elements = draft.scenario.elements;
  const links = draft.scenario.links;
  const selectedIndex =
    selection?.kind === 'element' ? elements.findIndex((e) => e.name === selection.name) : -1;

  const addElement = (kind: (typeof KINDS)[number]['kind']) => {
    const el = newElement(kind, elements);
    update((d) => {
      d.scenario.elements.push(el);
    });
    setSelection({ kind: 'element', name: el.name });
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
    if (!validation.lab) {
      setShare(null);
      setShareIssues(issues);
      return;
    }
    setShareIssues([]);
    const link = `${window.location.origin}/labs/play/#${encodeLab(validation.lab)}`;
    setShare({ link, json: docJson });
  };

  const importFile = (file: File) => {
    setFileNote('');
    if (file.size > LIMITS.MAX_LAB_BYTES * 4) {
      setImportIssues([
        {
          path: '',
          message: `the file is ${(file.size / 1024).toFixed(1)} KB; a lab may be at most ${LIMITS.MAX_LAB_BYTES / 1024} KB`,
        },
      ]);
      return;
    }
    void file.text().then((text) => {
      try {
        const lab = parseLabText(text);
        setImportIssues([]);
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
      issues.length === 0
        ? `Saved ${name}.`
        : `Saved ${name}, with ${issues.length} problem${issues.length === 1 ? '' : 's'} still to fix (a file with problems cannot be imported or shared until they are fixed).`,
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
      {importIssues.length > 0 ? (
        <div className="lab-error" role="alert">
          <p>This file cannot be imported: it is not a valid lab. What is wrong:</p>
          <ul className="lab-issues">
            {importIssues.slice(0, 30).map((i, n) => (
              <li key={n}>
                <code>{i.path || '(the whole lab)'}</code>: {i.message}
              </li>
            ))}
          </ul>
          {importIssues.length > 30 ? <p>…and {importIssues.length - 30} more.</p> : null}
          <p>Your draft is unchanged.</p>
        </div>
      ) : null}
      {shareIssues.length > 0 ? (
        <div className="lab-error" role="alert">
          <p>The lab cannot be shared yet. Fix these first:</p>
          <ul className="lab-issues">
            {shareIssues.slice(0, 30).map((i, n) => (
              <li key={n}>
                <code>{i.path || '(the whole lab)'}</code>: {i.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {share ? (
        <section className="lab-card lab-share" aria-labelledby={`${id}-share`}>
          <h2 id={`${id}-share`}>Share</h2>
          <div className="lab-field">
            <label htmlFor={`${id}-link`}>Lab link</label>
            <input
              id={`${id}-link`}
              type="text"
              readOnly
              value={share.link}
              onFocus={(e) => e.target.select()}
            />
          </div>
          <p className="lab-small">
            {share.link.length.toLocaleString('en')} characters. The whole lab is in the link
            (compressed), so no server keeps it.{' '}
            <button
              type="button"
              className="lab-link-button"
              onClick={() => void navigator.clipboard?.writeText(share.link)}
            >
              Copy the link
            </button>{' '}
            ·{' '}
            <a href={share.link} target="_blank" rel="noopener noreferrer">
              Open it in a new tab
            </a>
          </p>
          {share.json !== docJson ? (
            <p className="lab-note" role="status">
              The lab changed since this link was made: press “Share link” again.
            </p>
          ) : null}
        </section>
      ) : null}

      <div className="lab-build-main">
        <div className="lab-build-left">
          <section className="lab-card lab-canvas-card" aria-labelledby={`${id}-net`}>
            <h2 id={`${id}-net`}>Network</h2>
            <div className="lab-palette" role="group" aria-label="Palette of element kinds">
              {KINDS.map((k) => (
                <button
                  key={k.kind}
                  type="button"
                  className="lab-button"
                  onClick={() => addElement(k.kind)}
                >
                  Add {k.label}
                </button>
              ))}
            </div>
            <Canvas
              elements={elements}
              links={links}
              selection={selection}
              onSelect={setSelection}
              onMove={(name, position) =>
                update((d) => {
                  const el = d.scenario.elements.find((e) => e.name === name);
                  if (el) el.position = position;
                })
              }
              onConnect={(a, b) => setLinkNote(connect(a, b))}
            />
            <div className="lab-element-list" role="group" aria-label="Elements and links">
              <span className="lab-small lab-muted">Edit:</span>
              {elements.map((e) => (
                <button
                  key={e.name}
                  type="button"
                  className="lab-chip"
                  aria-pressed={selection?.kind === 'element' && selection.name === e.name}
                  onClick={() => setSelection({ kind: 'element', name: e.name })}
                >
                  {e.name || '(no name)'}
                </button>
              ))}
              {links.map((l, i) => (
                <button
                  key={`link-${i}`}
                  type="button"
                  className="lab-chip"
                  aria-pressed={selection?.kind === 'link' && selection.index === i}
                  onClick={() => setSelection({ kind: 'link', index: i })}
                >
                  {l.a}–{l.b}
                </button>
              ))}
            </div>
          </section>
          <section className="lab-card" aria-labelledby={`${id}-link-h`}>
            <h2 id={`${id}-link-h`}>Add link</h2>
            <form
              className="lab-form lab-form-inline"
              onSubmit={(e) => {
                e.preventDefault();
                setLinkNote(
                  connect(linkFrom || elements[0]?.name || '', linkTo || elements[1]?.name || ''),
                );
              }}
            >
              <div className="lab-field">
                <label htmlFor={`${id}-lf`}>Link from</label>
                <select
                  id={`${id}-lf`}
                  value={linkFrom || elements[0]?.name || ''}
                  onChange={(e) => setLinkFrom(e.target.value)}
                >
                  {elements.map((e) => (
                    <option key={e.name}>{e.name}</option>
                  ))}
                </select>
              </div>
              <div className="lab-field">
                <label htmlFor={`${id}-lt`}>Link to</label>
                <select
                  id={`${id}-lt`}
                  value={linkTo || elements[1]?.name || ''}
                  onChange={(e) => setLinkTo(e.target.value)}
                >
                  {elements.map((e) => (
                    <option key={e.name}>{e.name}</option>
                  ))}
                </select>
              </div>
              <button type="submit" className="lab-button" disabled={elements.length < 2}>
                Add link
              </button>
            </form>
            <p className="lab-small lab-muted" role="status">
              {linkNote ||
                'Or drag from one handle of a node to another. Elements without a link still reach each other (with the default latency).'}
            </p>
          </section>
          <section className="lab-card" aria-labelledby={`${id}-problems`}>
            <h2 id={`${id}-problems`}>Problems</h2>
            <Problems issues={issues} />
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
            <NumberField
              issues={issues}
              label="Run ends at (ms)"
              path="scenario.endAt"
              value={draft.scenario['endAt']}
              min={0}
              max={LIMITS.MAX_SIMULATED_MS}
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
            value={draft.parameters}
            hint='e.g. [{"name": "password", "kind": "password", "label": "your SIP password"}]; write {{password}} anywhere in the lab to use it.'
            onChange={(v) =>
              update((d) => {
                if (v === undefined) delete d.parameters;
                else d.parameters = v as Record<string, unknown>[];
              })
            }
          />
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
          the lab as a student below, do the task, and use your actions.
        </p>
        <JsonField
          issues={issues}
          label="Actions (JSON)"
          path="solution.actions"
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

export function Builder() {
  const loading = (
    <div className="lab-builder">
      <h1>Lab builder</h1>
      <p>Loading the builder…</p>
    </div>
  );
  return (
    <ClientOnly fallback={loading}>
      <Suspense fallback={loading}>
        <BuilderBody />
      </Suspense>
    </ClientOnly>
  );
}
