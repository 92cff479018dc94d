'use client';

/** The lab's instructions in Markdown, beside a preview rendered as the student sees it. */
import type { LabIssue } from '@/sim/lab';
import { Markdown } from '../Markdown';
import type { Draft, Update } from './draft';
import { TextAreaField } from './fields';

export function InstructionsEditor({
  draft,
  issues,
  update,
}: {
  draft: Draft;
  issues: readonly LabIssue[];
  update: Update;
}) {
  return (
    <div className="lab-instructions-editor">
      <TextAreaField
        issues={issues}
        label="Instructions (Markdown)"
        path="instructions"
        value={draft.instructions}
        rows={12}
        hint="Headings (#), lists (-, 1.), **bold**, *italic*, `code`, [links](https://…). Raw HTML is shown as text. {{name}} puts a parameter's value."
        onChange={(v) =>
          update((d) => {
            d.instructions = v;
          })
        }
      />
      <section className="lab-preview" aria-label="Preview of the instructions">
        <p className="lab-small lab-muted">Preview</p>
        {draft.instructions.trim() === '' ? (
          <p className="lab-muted">Nothing yet.</p>
        ) : (
          <Markdown source={draft.instructions} />
        )}
      </section>
    </div>
  );
}
