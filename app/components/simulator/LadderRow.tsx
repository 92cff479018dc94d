'use client';

/**
 * One row of the ladder: a message arrow between two lifelines (in flight, arrived or lost), or a
 * marker on one lifeline (a timer firing, a user action, a note, a discarded message). Memoized:
 * a step re-renders only the rows whose state changed.
 */
import { memo, type CSSProperties, type ReactNode } from 'react';
import type { Finding } from '@/sim/rules';
import { formatSeconds } from './format';
import { findRanges } from './ladder-filter';
import type { LadderRow as Row, MessageState } from './ladder-model';

/** A row's height with a mouse; with a finger (a coarse pointer) rows are 44 px, big enough to touch. */
export const ROW_HEIGHT = 34;
export const TOUCH_ROW_HEIGHT = 44;

/** Where the arrow line runs, from the row's top (the label sits above it). */
function lineY(height: number): number {
  return height - 10;
}

export interface LadderRowProps {
  row: Row;
  /** For messages: where the datagram is at the current step. */
  state: MessageState | undefined;
  /** x of each lifeline, in % of the lanes' width, by element name. */
  lanes: ReadonlyMap<string, number>;
  inStep: boolean;
  selected: boolean;
  grouped: boolean;
  focusable: boolean;
  top: number;
  markerId: string;
  onSelect: (id: number) => void;
  /** What the RFC check found wrong with this message (none: undefined). */
  findings?: readonly Finding[] | undefined;
  /** The row's height in px (ROW_HEIGHT or TOUCH_ROW_HEIGHT). */
  height?: number;
  /** The search text, when the row matches it (its label marks where). */
  match?: string | undefined;
}

function Lifelines({ lanes }: { lanes: ReadonlyMap<string, number> }) {
  return (
    <>
      {[...lanes.values()].map((x) => (
        <line key={x} className="sim-lifeline" x1={`${x}%`} x2={`${x}%`} y1="0" y2="100%" />
      ))}
    </>
  );
}

/** A small icon on a lifeline: a clock for a timer, a triangle for a user action, "i" for a note. */
export function MarkerIcon({
  kind,
  x,
  y,
}: {
  kind: Exclude<Row['kind'], 'message'>;
  /** Where its centre goes: x in % of the lanes (a string) or user units, y in user units. */
  x: number | string;
  y: number;
}) {
  return (
    <svg x={x} y={y} overflow="visible" className={`sim-marker sim-marker-${kind}`}>
      <circle r={8} className="sim-marker-disc" />
      {kind === 'timer' ? <path className="sim-marker-ink" d="M0 -4.8V0l3.2 2.2" /> : null}
      {kind === 'action' ? (
        <path className="sim-marker-fill" d="M-2.6 -4.2 4.2 0-2.6 4.2Z" />
      ) : null}
      {kind === 'note' ? <path className="sim-marker-ink" d="M0 -1v5M0 -4.2v0.4" /> : null}
      {kind === 'discard' ? <path className="sim-marker-ink" d="M-4.2 4.2 4.2 -4.2" /> : null}
      {kind === 'error' ? <path className="sim-marker-ink" d="M0 -4.4v5M0 3v0.6" /> : null}
    </svg>
  );
}

function markerWord(kind: Row['kind']): string {
  switch (kind) {
    case 'timer':
      return 'timer';
    case 'action':
      return 'user action';
    case 'discard':
      return 'discarded';
    case 'error':
      return 'the simulation stopped';
    default:
      return 'note';
  }
}

/** "breaks 2 RFC rules (MUST ack-2xx-sent, SHOULD …)". */
export function describeFindings(findings: readonly Finding[]): string {
  const list = findings.map((f) => `${f.level} ${f.rule}`).join(', ');
  return `breaks ${findings.length === 1 ? 'an RFC rule' : `${findings.length} RFC rules`} (${list})`;
}

/** What a screen reader says for the row. */
export function describeRow(row: Row, state: MessageState | undefined): string {
  const at = formatSeconds(row.event.time);
  if (row.kind !== 'message') return `${at}, ${row.element}: ${row.label}`;
  const to = row.to ?? row.event.destination ?? 'nobody';
  const what = `${row.label}${row.event.retransmission ? ' (retransmission)' : ''}`;
  const where =
    state === 'arrived' && row.receive
      ? `arrived at ${formatSeconds(row.receive.time)}`
      : state === 'dropped'
        ? `lost: ${row.drop?.detail ?? ''}`
        : 'in flight';
  return `${at}, ${row.element} to ${to}: ${what}, ${where}`;
}

/** Text with each occurrence of `needle` marked. */
export function Marked({ text, needle }: { text: string; needle: string | undefined }) {
  const ranges = needle ? findRanges(text, needle) : [];
  if (ranges.length === 0) return <>{text}</>;
  const out: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) out.push(text.slice(at, start));
    out.push(
      <mark key={start} className="sim-match">
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return <>{out}</>;
}

function MessageArrow({
  row,
  state,
  lanes,
  markerId,
  emphasis,
  y,
}: {
  row: Row;
  state: MessageState | undefined;
  lanes: ReadonlyMap<string, number>;
  markerId: string;
  emphasis: boolean;
  y: number;
}) {
  const x1 = lanes.get(row.element) ?? 0;
  // A datagram to an address where nothing listens: a short stub, lost.
  const x2 = row.to !== undefined ? (lanes.get(row.to) ?? x1) : Math.min(x1 + 8, 98);
  const mid = (x1 + x2) / 2;
  const end = state === 'arrived' ? x2 : mid;
  const dashed = row.event.retransmission === true || state === 'in-flight';
  return (
    <>
      <line
        className={`sim-arrow${emphasis ? ' sim-arrow-emphasis' : ''}`}
        x1={`${x1}%`}
        x2={`${end}%`}
        y1={y}
        y2={y}
        strokeDasharray={dashed ? '6 4' : undefined}
        markerEnd={state === 'arrived' ? `url(#${markerId}${emphasis ? '-em' : ''})` : undefined}
      />
      {state === 'dropped' ? (
        <text className="sim-drop-mark" x={`${mid}%`} y={y + 5} textAnchor="middle">
          <title>{row.drop?.detail}</title>✗
        </text>
      ) : null}
      <circle className="sim-arrow-start" cx={`${x1}%`} cy={y} r={2.5} />
    </>
  );
}

function LadderRowView({
  row,
  state,
  lanes,
  inStep,
  selected,
  grouped,
  focusable,
  top,
  markerId,
  onSelect,
  findings,
  height = ROW_HEIGHT,
  match,
}: LadderRowProps) {
  const classes = ['sim-ladder-row', `sim-row-${row.kind}`];
  if (match !== undefined) classes.push('sim-row-match');
  const flagged = findings !== undefined && findings.length > 0;
  const must = flagged && findings.some((f) => f.level === 'MUST');
  if (inStep) classes.push('sim-row-step');
  if (selected) classes.push('sim-row-selected');
  if (grouped) classes.push('sim-row-grouped');
  if (state) classes.push(`sim-row-${state}`);
  const style: CSSProperties = { transform: `translateY(${top}px)`, height };
  const y = lineY(height);

  let label: ReactNode;
  if (row.kind === 'message') {
    const x1 = lanes.get(row.element) ?? 0;
    const x2 = row.to !== undefined ? (lanes.get(row.to) ?? x1) : Math.min(x1 + 8, 98);
    const suffix =
      state === 'dropped' ? ' — lost' : state === 'in-flight' ? ' — in flight' : undefined;
    label = (
      <span
        className="sim-row-label sim-row-label-message"
        style={{ left: `${(x1 + x2) / 2}%` }}
        title={state === 'dropped' ? row.drop?.detail : row.event.detail}
      >
        {grouped ? <span className="sim-group-mark">◆ </span> : null}
        <strong>
          <Marked text={row.label} needle={match} />
        </strong>
        {row.event.retransmission ? <span className="sim-retx"> (retransmission)</span> : null}
        {suffix ? <span className="sim-row-suffix">{suffix}</span> : null}
        {flagged ? (
          <span
            className={`sim-rfc-mark${must ? ' sim-rfc-mark-must' : ''}`}
            title={findings
              .map((f) => `${f.level} ${f.rule} (${f.rfc} ${f.section}): ${f.text}`)
              .join('\n')}
          >
            {' '}
            RFC
          </span>
        ) : null}
      </span>
    );
  } else {
    const x = lanes.get(row.element) ?? 0;
    const right = x > 62;
    label = (
      <span
        className={`sim-row-label sim-row-label-marker${right ? ' sim-row-label-left' : ''}`}
        style={
          right
            ? { right: `calc(${100 - x}% + 14px)`, maxWidth: `calc(${x}% - 18px)` }
            : { left: `calc(${x}% + 14px)`, maxWidth: `calc(${100 - x}% - 18px)` }
        }
        title={row.event.detail}
      >
        {grouped ? <span className="sim-group-mark">◆ </span> : null}
        <Marked text={row.label} needle={match} />
      </span>
    );
  }

  return (
    <button
      type="button"
      className={classes.join(' ')}
      style={style}
      data-index={row.index}
      tabIndex={focusable ? 0 : -1}
      aria-pressed={selected}
      onClick={() => onSelect(row.event.id)}
    >
      <span className="visually-hidden">
        {describeRow(row, state)}
        {inStep ? ' (this step)' : ''}
        {flagged ? `; ${describeFindings(findings)}` : ''}
        {match !== undefined ? '; matches the search' : ''}
      </span>
      <span className="sim-row-time" aria-hidden="true">
        {inStep ? <span className="sim-step-mark">● </span> : null}
        {formatSeconds(row.event.time)}
      </span>
      <span className="sim-row-lanes" aria-hidden="true">
        <svg className="sim-row-svg" width="100%" height="100%">
          <Lifelines lanes={lanes} />
          {row.kind === 'message' ? (
            <MessageArrow
              row={row}
              state={state}
              lanes={lanes}
              markerId={markerId}
              emphasis={selected || inStep}
              y={y}
            />
          ) : (
            <MarkerIcon kind={row.kind} x={`${lanes.get(row.element) ?? 0}%`} y={height / 2} />
          )}
        </svg>
        {label}
        {row.kind !== 'message' ? (
          <span className="visually-hidden"> ({markerWord(row.kind)})</span>
        ) : null}
      </span>
    </button>
  );
}

export const LadderRow = memo(LadderRowView);
