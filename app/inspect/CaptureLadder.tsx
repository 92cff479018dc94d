'use client';

/**
 * The ladder of the chosen calls: a lane per element (by the reader's names), an arrow per message
 * in time order, the current message marked, RFC findings flagged on their rows. Rows are
 * virtualized like the simulator's ladder; "Show as table" gives the same rows as an HTML table.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { nameOf } from './lanes';
import type { CaptureFinding, MessageRow } from './protocol';
import { VirtualTable } from './VirtualTable';

export const LADDER_ROW = 30;
/** Below this many px per lane the ladder scrolls sideways inside its box. */
const MIN_LANE = 96;

export interface CaptureLadderProps {
  rows: readonly MessageRow[];
  lanes: readonly string[];
  names: Readonly<Record<string, string>>;
  /** What each address is (user agent, proxy …), shown under its name. */
  kindOf(address: string): string;
  findings: ReadonlyMap<number, readonly CaptureFinding[]>;
  position: number;
  onSelect(position: number): void;
}

function time(s: number): string {
  return s.toFixed(3);
}

function rowName(r: MessageRow, names: Readonly<Record<string, string>>): string {
  return `${time(r.time)} s: ${r.label} from ${nameOf(r.source, names)} to ${nameOf(r.destination, names)}`;
}

function notes(r: MessageRow, f: readonly CaptureFinding[] | undefined): string {
  const parts: string[] = [];
  if (r.retransmission) parts.push('retransmission');
  if (r.kind === 'malformed') parts.push('malformed');
  if (f && f.length > 0) parts.push(`RFC: ${f.map((x) => x.rule).join(', ')}`);
  return parts.join('; ');
}

function Table({ rows, names, findings, position, onSelect }: CaptureLadderProps) {
  return (
    <VirtualTable
      caption="Messages of the chosen calls, in time order"
      label="Message table"
      className="insp-message-table"
      count={rows.length}
      estimate={30}
      reveal={position}
      head={
        <tr>
          <th scope="col">Time</th>
          <th scope="col">From</th>
          <th scope="col">To</th>
          <th scope="col">Message</th>
          <th scope="col">Notes</th>
        </tr>
      }
      row={(i, props) => {
        const r = rows[i]!;
        const current = i === position;
        return (
          <tr
            key={r.index}
            {...props}
            className={current ? 'insp-current' : undefined}
            aria-current={current ? 'true' : undefined}
          >
            <td className="insp-mono">{time(r.time)}</td>
            <td className="insp-cut">{nameOf(r.source, names)}</td>
            <td className="insp-cut">{nameOf(r.destination, names)}</td>
            <td>
              <button
                type="button"
                className="sim-link-button"
                aria-pressed={current}
                onClick={() => onSelect(i)}
              >
                {r.label}
              </button>
            </td>
            <td className="insp-small">{notes(r, findings.get(r.index))}</td>
          </tr>
        );
      }}
    />
  );
}

export function CaptureLadder(props: CaptureLadderProps) {
  const { rows, lanes, names, kindOf, findings, position, onSelect } = props;
  const [asTable, setAsTable] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const x = useMemo(() => {
    const m = new Map<string, number>();
    lanes.forEach((l, i) => m.set(l, ((i + 0.5) / lanes.length) * 100));
    return m;
  }, [lanes]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render only through its own methods
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LADDER_ROW,
    overscan: 10,
  });
  useEffect(() => {
    if (!asTable && position >= 0 && position < rows.length)
      virtualizer.scrollToIndex(position, { align: 'auto' });
  }, [position, rows.length, virtualizer, asTable]);

  const minWidth = `calc(4.5rem + ${lanes.length * MIN_LANE}px)`;
  return (
    <section className="insp-panel insp-ladder" aria-labelledby="insp-ladder-title">
      <div className="insp-panel-bar">
        <h2 id="insp-ladder-title" className="insp-panel-title">
          Ladder <span className="insp-muted">({rows.length} messages)</span>
        </h2>
        <button
          type="button"
          className="sim-button sim-button-small"
          aria-pressed={asTable}
          onClick={() => setAsTable(!asTable)}
        >
          Show as table
        </button>
      </div>
      {asTable ? (
        <Table {...props} />
      ) : rows.length === 0 ? (
        <p className="insp-empty">Choose one or more calls above to draw their messages.</p>
      ) : (
        <div className="insp-ladder-wide">
          <div className="insp-ladder-inner" style={{ minWidth }}>
            <div className="insp-ladder-head" aria-hidden="true">
              <span className="insp-ladder-time">time</span>
              <span
                className="insp-ladder-lanes"
                style={{ '--lanes': lanes.length } as CSSProperties}
              >
                {lanes.map((l) => (
                  <span
                    key={l}
                    className="insp-lane-name"
                    style={{ left: `${x.get(l)}%` }}
                    title={l}
                  >
                    <span className="insp-lane-label">{nameOf(l, names)}</span>
                    <span className="insp-lane-kind">{kindOf(l)}</span>
                  </span>
                ))}
              </span>
            </div>
            <div ref={scrollRef} className="insp-ladder-scroll">
              <ol
                className="insp-ladder-rows"
                style={{ height: virtualizer.getTotalSize() }}
                aria-label="Messages in time order"
              >
                {virtualizer.getVirtualItems().map((it) => {
                  const r = rows[it.index]!;
                  const from = x.get(r.source) ?? 0;
                  const to = x.get(r.destination) ?? 0;
                  const f = findings.get(r.index);
                  const current = it.index === position;
                  const right = to >= from;
                  return (
                    <li
                      key={r.index}
                      className={`insp-ladder-row insp-kind-${r.kind}${current ? ' insp-current' : ''}`}
                      style={{ transform: `translateY(${it.start}px)` }}
                    >
                      <button
                        type="button"
                        className="insp-ladder-button"
                        aria-current={current ? 'true' : undefined}
                        aria-label={`${rowName(r, names)}${notes(r, f) ? ` (${notes(r, f)})` : ''}`}
                        onClick={() => onSelect(it.index)}
                      >
                        <span className="insp-ladder-time insp-mono">{time(r.time)}</span>
                        <span className="insp-ladder-lanes">
                          {lanes.map((l) => (
                            <span
                              key={l}
                              className="insp-lifeline"
                              style={{ left: `${x.get(l)}%` }}
                            />
                          ))}
                          <span
                            className={`insp-arrow ${right ? 'insp-arrow-right' : 'insp-arrow-left'}${r.retransmission ? ' insp-arrow-retrans' : ''}`}
                            style={{
                              left: `${Math.min(from, to)}%`,
                              width: `${Math.max(Math.abs(to - from), 1.5)}%`,
                            }}
                          >
                            <span className="insp-arrow-label">
                              {r.kind === 'malformed' ? '⚠ ' : ''}
                              {r.label}
                              {f && f.length > 0 ? (
                                <span className="insp-flag" title={f.map((x) => x.rule).join(', ')}>
                                  {' '}
                                  ⚑{f.length}
                                </span>
                              ) : null}
                            </span>
                          </span>
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ol>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
