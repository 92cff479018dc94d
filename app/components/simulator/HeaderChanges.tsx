/**
 * What a proxy changed in a message it forwarded (RFC 3261 §16.6, §16.7), as a list: the start line
 * (a Request-URI rewritten), then each header added, removed or changed. The simulator's inspector
 * and the capture inspector both show it, from sim/codec messageDiff.
 */
import type { ReactNode } from 'react';
import type { MessageDiff } from '@/sim/codec';

function requestUriChange(before: string, after: string): ReactNode {
  const b = before.split(' ');
  const a = after.split(' ');
  if (b.length === 3 && a.length === 3 && b[0] === a[0] && b[2] === a[2] && b[1] !== a[1])
    return (
      <>
        Request-URI <code>{b[1]}</code> → <code>{a[1]}</code>
      </>
    );
  return (
    <>
      Start line <code>{before}</code> → <code>{after}</code>
    </>
  );
}

export function HeaderChanges({ diff }: { diff: MessageDiff }) {
  const items: ReactNode[] = [];
  if (diff.startLine) items.push(requestUriChange(diff.startLine.before, diff.startLine.after));
  for (const c of diff.changes) {
    if (c.kind === 'added')
      items.push(
        <>
          <span className="sim-diff-sign">+</span> {c.header} <code>{c.after}</code>
        </>,
      );
    else if (c.kind === 'removed')
      items.push(
        <>
          <span className="sim-diff-sign">−</span> {c.header} <code>{c.before}</code>
        </>,
      );
    else
      items.push(
        <>
          {c.header} <code>{c.before}</code> → <code>{c.after}</code>
        </>,
      );
  }
  return items.length > 0 ? (
    <ul className="sim-diff">
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  ) : (
    <p>Forwarded without a change.</p>
  );
}
