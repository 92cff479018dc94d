'use client';

/**
 * The ladder as an HTML table (time, from, to, message, notes), for screen readers and for anyone
 * who prefers reading rows to following arrows. Each message opens in the inspector. It shows the
 * rows the ladder's filter keeps.
 */
import { memo } from 'react';
import { formatSeconds } from './format';
import {
  messageState,
  type HighlightMode,
  type LadderRow,
  type MessageState,
} from './ladder-model';
import { useSession } from './use-session';

function notes(row: LadderRow, state: MessageState | undefined): string {
  if (row.kind !== 'message') {
    const kind = {
      timer: 'timer',
      action: 'user action',
      note: 'note',
      discard: 'discarded',
      error: 'the simulation stopped',
    }[row.kind];
    return row.kind === 'timer' ? `${kind}: ${row.event.detail}` : kind;
  }
  const parts: string[] = [];
  if (row.event.retransmission) parts.push('retransmission');
  if (state === 'dropped') parts.push(`✗ lost: ${row.drop?.detail ?? ''}`);
  else if (state === 'in-flight') parts.push('in flight');
  else if (row.receive) parts.push(`arrived at ${formatSeconds(row.receive.time)}`);
  return parts.join('; ');
}

const TableRow = memo(function TableRow({
  row,
  state,
  inStep,
  selected,
  grouped,
  onSelect,
}: {
  row: LadderRow;
  state: MessageState | undefined;
  inStep: boolean;
  selected: boolean;
  grouped: boolean;
  onSelect: (id: number) => void;
}) {
  const classes = [inStep ? 'sim-row-step' : '', selected ? 'sim-row-selected' : ''].join(' ');
  return (
    <tr className={classes.trim() || undefined} aria-current={inStep ? 'step' : undefined}>
      <td className="sim-mono">{formatSeconds(row.event.time)}</td>
      <td>{row.element}</td>
      <td>{row.kind === 'message' ? (row.to ?? row.event.destination ?? '—') : '—'}</td>
      <td>
        <button
          type="button"
          className="sim-link-button"
          aria-pressed={selected}
          onClick={() => onSelect(row.event.id)}
        >
          {grouped ? '◆ ' : ''}
          {row.label}
        </button>
      </td>
      <td>
        {notes(row, state)}
        {inStep ? ' (this step)' : ''}
      </td>
    </tr>
  );
});

export function LadderTable({
  group,
  mode,
  rowAt,
  count,
}: {
  group: string | undefined;
  mode: HighlightMode;
  /** The index of the row shown at each position (the filter's), and how many are shown. */
  rowAt: (position: number) => number | undefined;
  count: number;
}) {
  const { state, actions } = useSession();
  const { ladder, rowCount, stepRows, selected, view } = state;
  const selectedIndex = selected ? ladder.rowFor(selected.id)?.index : undefined;
  const eventCount = view.eventCount;
  const rows: LadderRow[] = [];
  for (let p = 0; p < count; p++) {
    const i = rowAt(p);
    const row = i !== undefined ? ladder.rows[i] : undefined;
    if (row) rows.push(row);
  }
  return (
    <div className="sim-table-scroll">
      <table className="sim-table">
        <caption className="visually-hidden">
          Messages and events so far, oldest first ({count} of {rowCount} rows)
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Message</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <TableRow
              key={row.event.id}
              row={row}
              state={row.kind === 'message' ? messageState(row, eventCount) : undefined}
              inStep={stepRows.has(row.index)}
              selected={selectedIndex === row.index}
              grouped={
                group !== undefined &&
                (mode === 'transaction' ? row.transactionKey : row.dialogKey) === group
              }
              onSelect={actions.select}
            />
          ))}
        </tbody>
      </table>
      {rowCount === 0 ? <p className="sim-empty">Nothing has happened yet.</p> : null}
    </div>
  );
}
