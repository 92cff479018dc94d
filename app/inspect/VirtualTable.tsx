'use client';

/**
 * A table whose body holds only the rows in view (@tanstack/react-virtual), with spacer rows above
 * and below: a capture's ten thousand calls or messages never become ten thousand rows in the page.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';

export interface VirtualTableProps {
  caption: string;
  /** The header row's cells (<th>…). */
  head: ReactNode;
  count: number;
  /** Estimated row height in px (rows are measured once drawn). */
  estimate: number;
  /** The row at `index`; it must spread `props` on its <tr>. */
  row: (index: number, props: RowProps) => ReactNode;
  /** Brings this row into view when it changes. */
  reveal?: number;
  className?: string;
  label?: string;
}

export interface RowProps {
  'data-index': number;
  ref: (el: HTMLTableRowElement | null) => void;
}

export function VirtualTable({
  caption,
  head,
  count,
  estimate,
  row,
  reveal,
  className,
  label,
}: VirtualTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render only through its own methods
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimate,
    overscan: 8,
  });
  useEffect(() => {
    if (reveal !== undefined && reveal >= 0 && reveal < count)
      virtualizer.scrollToIndex(reveal, { align: 'auto' });
  }, [reveal, count, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = Math.max(0, virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0));
  return (
    <div
      ref={scrollRef}
      className={`insp-scroll ${className ?? ''}`.trim()}
      tabIndex={0}
      role="region"
      aria-label={label ?? caption}
    >
      <table className="insp-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>{head}</thead>
        <tbody>
          {top > 0 ? <tr aria-hidden="true" style={{ height: top }} /> : null}
          {items.map((it) =>
            row(it.index, { 'data-index': it.index, ref: virtualizer.measureElement }),
          )}
          {bottom > 0 ? <tr aria-hidden="true" style={{ height: bottom }} /> : null}
        </tbody>
      </table>
    </div>
  );
}
