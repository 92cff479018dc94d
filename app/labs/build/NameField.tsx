'use client';

/** An element's name, renamed everywhere it is used when the field is left or Enter is pressed. */
import { useId, useState } from 'react';
import type { LabIssue } from '@/sim/lab';
import { issuesAt, type Draft, type DraftElement } from './draft';

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

/** The name, renamed everywhere when the field is left or Enter is pressed. */
export function NameField({
  element,
  index,
  draft,
  issues,
  onRename,
}: {
  element: DraftElement;
  index: number;
  draft: Draft;
  issues: readonly LabIssue[];
  onRename: (to: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState(element.name);
  const problem =
    text === element.name
      ? undefined
      : !NAME.test(text)
        ? 'Write a name of letters, digits, "-" or "_" (at most 32), starting with a letter.'
        : draft.scenario.elements.some((e, i) => i !== index && e.name === text)
          ? `Another element is already named “${text}”: choose another name.`
          : undefined;
  const messages = [
    ...(problem ? [problem] : []),
    ...issuesAt(issues, `scenario.elements[${index}].name`),
  ];
  const commit = () => {
    if (text !== element.name && !problem) onRename(text);
  };
  return (
    <div className="lab-field" data-path={`scenario.elements[${index}].name`}>
      <label htmlFor={id}>Name</label>
      <input
        id={id}
        type="text"
        value={text}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={messages.length > 0}
        aria-describedby={`${id}-hint${messages.length > 0 ? ` ${id}-err` : ''}`}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
      <p id={`${id}-hint`} className="lab-small lab-muted lab-hint-text">
        Renamed everywhere (links, timeline, checks) when you leave the field.
      </p>
      {messages.length > 0 ? (
        <ul id={`${id}-err`} className="lab-field-errors">
          {messages.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
