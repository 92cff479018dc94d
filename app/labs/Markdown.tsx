/**
 * A small, safe Markdown renderer for lab instructions and task descriptions: headings, paragraphs,
 * bulleted and numbered lists, block quotes, fenced code, inline code, emphasis, strong emphasis and
 * links. It builds React elements from the text, so raw HTML in the source is shown as text and can
 * never run; a link is kept only when it is http(s) or a path on this site (anything else, such as
 * `javascript:`, becomes plain text).
 */
import type { ReactNode } from 'react';
import { withBasePath } from '../_deploy/base-path';

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; start: number; items: string[] }
  | { kind: 'code'; text: string }
  | { kind: 'quote'; text: string }
  | { kind: 'rule' };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
const FENCE = /^\s{0,3}(```|~~~)/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;

/** Splits Markdown into blocks. */
export function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!))
        body.push(lines[i++]!);
      i++; // the closing fence (or the end)
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length, text: heading[2]! });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) body.push(QUOTE.exec(lines[i++]!)![1]!);
      blocks.push({ kind: 'quote', text: body.join(' ') });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = !bullet;
      const pattern = ordered ? NUMBERED : BULLET;
      const items: string[] = [];
      const start = numbered ? Number(numbered[1]) : 1;
      while (i < lines.length) {
        const l = lines[i]!;
        const m = pattern.exec(l);
        if (m) {
          items.push(ordered ? m[2]! : m[1]!);
          i++;
        } else if (l.trim() !== '' && /^\s{2,}/.test(l) && items.length > 0) {
          // A continuation line of the item.
          items[items.length - 1] += ` ${l.trim()}`;
          i++;
        } else break;
      }
      blocks.push({ kind: 'list', ordered, start, items });
      continue;
    }
    const body: string[] = [];
    while (
      i < lines.length &&
      lines[i]!.trim() !== '' &&
      !HEADING.test(lines[i]!) &&
      !FENCE.test(lines[i]!) &&
      !BULLET.test(lines[i]!) &&
      !NUMBERED.test(lines[i]!) &&
      !QUOTE.test(lines[i]!)
    )
      body.push(lines[i++]!.trim());
    blocks.push({ kind: 'paragraph', text: body.join(' ') });
  }
  return blocks;
}

/** A link target kept only when it is http(s), a path on this site, or a fragment. */
export function safeHref(href: string): string | undefined {
  const h = href.trim();
  if (/^https?:\/\//i.test(h)) {
    try {
      const url = new URL(h);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
    } catch {
      return undefined;
    }
  }
  if (/^\/(?!\/)[^\s]*$/.test(h) || /^#[^\s]*$/.test(h)) return h;
  return undefined;
}

const INLINE =
  /(`+)([\s\S]*?[^`])\1(?!`)|\*\*([^*]+?)\*\*|__([^_]+?)__|\*([^*\s][^*]*?)\*|(?<![A-Za-z0-9])_([^_\s][^_]*?)_(?![A-Za-z0-9])|\[([^\]]+)\]\(([^()\s]+(?:\([^()\s]*\)[^()\s]*)*)\)/g;

/** Inline Markdown to React nodes. */
export function renderInline(text: string, keyPrefix = 'i'): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index;
    if (at > last) out.push(text.slice(last, at));
    const key = `${keyPrefix}-${n++}`;
    if (m[1] !== undefined) out.push(<code key={key}>{m[2]!.trim() || m[2]}</code>);
    else if (m[3] !== undefined || m[4] !== undefined)
      out.push(<strong key={key}>{renderInline(m[3] ?? m[4]!, key)}</strong>);
    else if (m[5] !== undefined || m[6] !== undefined)
      out.push(<em key={key}>{renderInline(m[5] ?? m[6]!, key)}</em>);
    else if (m[7] !== undefined) {
      const href = safeHref(m[8]!);
      const label = renderInline(m[7], key);
      out.push(
        href === undefined ? (
          <span key={key}>{label}</span>
        ) : (
          <a
            key={key}
            href={withBasePath(href)}
            {...(/^https?:/i.test(href) ? { rel: 'noopener noreferrer', target: '_blank' } : {})}
          >
            {label}
          </a>
        ),
      );
    }
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/**
 * Markdown as React elements. `headingOffset` shifts heading levels (an instructions "#" under the
 * page's h1 becomes an h2).
 */
export function Markdown({
  source,
  headingOffset = 1,
  className,
}: {
  source: string;
  headingOffset?: number;
  className?: string;
}) {
  const blocks = parseBlocks(source);
  return (
    <div className={className ?? 'lab-markdown'}>
      {blocks.map((b, i) => {
        const key = `b${i}`;
        switch (b.kind) {
          case 'heading': {
            const level = Math.min(6, b.level + headingOffset);
            const content = renderInline(b.text, key);
            if (level <= 2) return <h2 key={key}>{content}</h2>;
            if (level === 3) return <h3 key={key}>{content}</h3>;
            if (level === 4) return <h4 key={key}>{content}</h4>;
            if (level === 5) return <h5 key={key}>{content}</h5>;
            return <h6 key={key}>{content}</h6>;
          }
          case 'paragraph':
            return <p key={key}>{renderInline(b.text, key)}</p>;
          case 'quote':
            return (
              <blockquote key={key}>
                <p>{renderInline(b.text, key)}</p>
              </blockquote>
            );
          case 'code':
            return (
              <pre key={key}>
                <code>{b.text}</code>
              </pre>
            );
          case 'rule':
            return <hr key={key} />;
          case 'list': {
            const items = b.items.map((item, j) => (
              <li key={`${key}-${j}`}>{renderInline(item, `${key}-${j}`)}</li>
            ));
            return b.ordered ? (
              <ol key={key} start={b.start === 1 ? undefined : b.start}>
                {items}
              </ol>
            ) : (
              <ul key={key}>{items}</ul>
            );
          }
        }
      })}
    </div>
  );
}
