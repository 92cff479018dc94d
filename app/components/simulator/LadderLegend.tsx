'use client';

/**
 * What the ladder's marks mean: arrows (arrived, in flight, retransmitted, lost), the marks beside a
 * label (◆ same transaction or dialog, "RFC" a broken rule, a search match), the step's rows, and the
 * markers on a lifeline (timer, user action, note, discarded message, the simulation stopped). Each
 * sample is drawn with the ladder's own classes, so the legend always looks like the rows.
 */
import type { ReactNode } from 'react';
import type { HighlightMode } from './ladder-model';
import { MarkerIcon } from './LadderRow';

function ArrowSample({
  dashed = false,
  head = true,
  half = false,
  lost = false,
  markerId,
}: {
  dashed?: boolean;
  head?: boolean;
  half?: boolean;
  lost?: boolean;
  markerId: string;
}) {
  return (
    <svg
      className={`sim-legend-sample${lost ? ' sim-row-dropped' : ''}`}
      width="64"
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <line className="sim-lifeline" x1="4" x2="4" y1="0" y2="20" />
      <line className="sim-lifeline" x1="60" x2="60" y1="0" y2="20" />
      <line
        className="sim-arrow"
        x1="4"
        x2={half ? 32 : 58}
        y1="10"
        y2="10"
        strokeDasharray={dashed ? '6 4' : undefined}
        markerEnd={head ? `url(#${markerId})` : undefined}
      />
      {lost ? (
        <text className="sim-drop-mark" x="32" y="15" textAnchor="middle">
          ✗
        </text>
      ) : null}
      <circle className="sim-arrow-start" cx="4" cy="10" r="2.5" />
    </svg>
  );
}

function Marker({ kind }: { kind: 'timer' | 'action' | 'note' | 'discard' | 'error' }) {
  return (
    <svg className="sim-legend-sample" width="24" height="20" aria-hidden="true" focusable="false">
      <g transform="translate(12 10)">
        <MarkerIcon kind={kind} x={0} y={0} />
      </g>
    </svg>
  );
}

function Item({ sample, children }: { sample: ReactNode; children: ReactNode }) {
  return (
    <li>
      <span className="sim-legend-mark">{sample}</span>
      <span>{children}</span>
    </li>
  );
}

export function LadderLegend({ markerId, mode }: { markerId: string; mode: HighlightMode }) {
  return (
    <div className="sim-legend">
      <ul className="sim-legend-list" aria-label="Arrows">
        <Item sample={<ArrowSample markerId={markerId} />}>a message that arrived</Item>
        <Item sample={<ArrowSample markerId={markerId} dashed head={false} half />}>
          dashed, ending halfway: <strong>in flight</strong> (sent, not arrived yet)
        </Item>
        <Item sample={<ArrowSample markerId={markerId} dashed />}>
          dashed, <em>(retransmission)</em>: the sender sent it again (a timer fired)
        </Item>
        <Item sample={<ArrowSample markerId={markerId} head={false} half lost />}>
          <strong>✗ lost</strong> on the way (a fault rule or the link’s loss)
        </Item>
      </ul>
      <ul className="sim-legend-list" aria-label="Marks on a row">
        <Item
          sample={
            <span className="sim-legend-step" aria-hidden="true">
              ●
            </span>
          }
        >
          tinted row with ● before the time: what the current step did
        </Item>
        <Item
          sample={
            <span className="sim-group-mark" aria-hidden="true">
              ◆
            </span>
          }
        >
          {mode === 'dialog'
            ? 'in the same dialog (Call-ID) as the selected row'
            : mode === 'transaction'
              ? 'in the same transaction as the selected row'
              : 'the same transaction or dialog as the selected row (choose under Highlight)'}
        </Item>
        <Item
          sample={
            <>
              <span className="sim-rfc-mark">RFC</span>{' '}
              <span className="sim-rfc-mark sim-rfc-mark-must">RFC</span>
            </>
          }
        >
          the message breaks an RFC rule: a SHOULD (filled) or a MUST (outlined); see RFC check
        </Item>
        <Item
          sample={
            <mark className="sim-match" aria-hidden="true">
              abc
            </mark>
          }
        >
          matches the search (the row is marked at its left edge)
        </Item>
      </ul>
      <ul className="sim-legend-list" aria-label="Markers on a lifeline">
        <Item sample={<Marker kind="timer" />}>a timer fires (Timer A … K)</Item>
        <Item sample={<Marker kind="action" />}>a user action (a call, a hang-up …)</Item>
        <Item sample={<Marker kind="note" />}>a note from the element</Item>
        <Item sample={<Marker kind="discard" />}>a message discarded</Item>
        <Item sample={<Marker kind="error" />}>the simulation stopped</Item>
      </ul>
    </div>
  );
}
