'use client';

/**
 * The network of a lab in the builder: the palette of element kinds (each added with working defaults),
 * the canvas, the list of elements and links to select one by keyboard or touch, and the form that
 * links two elements.
 */
import { useId, useState } from 'react';
import type { ElementKind } from '../lab-model';
import { Canvas, type Selection } from './Canvas';
import { KINDS, type DraftElement, type DraftLink } from './draft';

export function NetworkSection({
  elements,
  links,
  selection,
  onSelect,
  onAdd,
  onMove,
  connect,
}: {
  elements: readonly DraftElement[];
  links: readonly DraftLink[];
  selection: Selection;
  onSelect: (s: Selection) => void;
  onAdd: (kind: ElementKind) => void;
  onMove: (name: string, position: { x: number; y: number }) => void;
  /** Links two elements; returns what happened, in words. */
  connect: (a: string, b: string) => string;
}) {
  const id = useId();
  const [linkFrom, setLinkFrom] = useState('');
  const [linkTo, setLinkTo] = useState('');
  const [linkNote, setLinkNote] = useState('');
  return (
    <>
      <section className="lab-card lab-canvas-card" aria-labelledby={`${id}-net`}>
        <h2 id={`${id}-net`}>Network</h2>
        <div className="lab-palette" role="group" aria-label="Palette of element kinds">
          {KINDS.map((k) => (
            <button key={k.kind} type="button" className="lab-button" onClick={() => onAdd(k.kind)}>
              Add {k.label}
            </button>
          ))}
        </div>
        <p className="lab-small lab-muted">
          New elements work together: one domain, user agents registering with its registrar,
          proxies reading the registrar’s bindings.
        </p>
        <Canvas
          elements={elements}
          links={links}
          selection={selection}
          onSelect={onSelect}
          onMove={onMove}
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
              onClick={() => onSelect({ kind: 'element', name: e.name })}
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
              onClick={() => onSelect({ kind: 'link', index: i })}
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
    </>
  );
}
