'use client';

/**
 * The inspector for a captured message: who sent it to whom and when, the RFC check's findings on it,
 * what the proxy that forwarded it changed (sim/capture forwardedDiff, shown as the simulator shows
 * it), the message line by line with each line explained (the playground's RawMessage, sim/codec
 * explainMessage) and its parsed fields (MessageFields). A message the codec rejects is shown as it
 * came, with the codec's error.
 */
import { useMemo } from 'react';
import { parseMessage, wireToText, type SipMessage } from '@/sim/codec';
import { HeaderChanges } from '@/app/components/simulator/HeaderChanges';
import { MessageFields } from '@/app/components/simulator/MessageFields';
import { RawMessage } from '@/app/components/simulator/RawMessage';
import { nameOf } from './lanes';
import type { CaptureFinding, MessageDetail, MessageRow } from './protocol';

export interface CaptureInspectorProps {
  row: MessageRow | undefined;
  /** The message's bytes, once the worker has sent them. */
  detail: MessageDetail | undefined;
  findings: readonly CaptureFinding[];
  names: Readonly<Record<string, string>>;
  position: number;
  count: number;
  /** Shows another message of the capture (by MessageRow.index), when it is drawn. */
  onShowMessage?: (index: number) => void;
}

function parsed(detail: MessageDetail | undefined): SipMessage | undefined {
  if (!detail || detail.error) return undefined;
  try {
    return parseMessage(detail.raw, { wire: true });
  } catch {
    return undefined;
  }
}

export function FindingItems({ findings }: { findings: readonly CaptureFinding[] }) {
  return (
    <ul className="insp-findings-inline">
      {findings.map((f, i) => (
        <li key={`${f.rule}-${i}`}>
          <span className={`insp-level insp-level-${f.level.toLowerCase()}`}>{f.level}</span>{' '}
          <code>{f.rule}</code> <span className="insp-muted">({f.section})</span>
          <p>{f.text}</p>
        </li>
      ))}
    </ul>
  );
}

export function CaptureInspector({
  row,
  detail,
  findings,
  names,
  position,
  count,
  onShowMessage,
}: CaptureInspectorProps) {
  const message = useMemo(
    () => parsed(detail?.index === row?.index ? detail : undefined),
    [detail, row],
  );
  if (!row) {
    return (
      <section className="insp-panel insp-inspector" aria-label="Inspector">
        <div className="insp-panel-bar">
          <h2 className="insp-panel-title">Inspector</h2>
        </div>
        <p className="insp-empty">Choose a call to draw, then a message in the ladder.</p>
      </section>
    );
  }
  const ready = detail !== undefined && detail.index === row.index;
  const hop = ready ? detail.forwarded : undefined;
  return (
    <section className="insp-panel insp-inspector" aria-label="Inspector">
      <div className="insp-panel-bar">
        <h2 className="insp-panel-title">Inspector</h2>
        <span className="insp-muted insp-small">
          message {position + 1} of {count}
        </span>
      </div>
      <div className="insp-inspector-body">
        <h3 className="insp-inspector-title">
          {row.label}
          {row.retransmission ? ' (retransmission)' : ''}
        </h3>
        <p className="insp-route">
          <strong>{nameOf(row.source, names)}</strong> →{' '}
          <strong>{nameOf(row.destination, names)}</strong>{' '}
          <span className="insp-muted">
            ({row.source} → {row.destination}, {row.transport})
          </span>
        </p>
        <p className="insp-muted">Captured at {row.time.toFixed(6)} s (from the first packet).</p>
        {findings.length > 0 ? (
          <section className="sim-inspector-section">
            <h4>RFC check</h4>
            <FindingItems findings={findings} />
          </section>
        ) : null}
        {hop ? (
          <section className="sim-inspector-section" aria-label="What the proxy changed">
            <h4>What {nameOf(row.source, names)} changed</h4>
            <p className="sim-muted">
              Compared with the{' '}
              {onShowMessage ? (
                <button
                  type="button"
                  className="sim-link-button"
                  onClick={() => onShowMessage(hop.received)}
                >
                  {hop.receivedLabel} it received at {hop.receivedTime.toFixed(6)} s
                </button>
              ) : (
                `${hop.receivedLabel} it received at ${hop.receivedTime.toFixed(6)} s`
              )}
              :
            </p>
            <HeaderChanges diff={hop} />
          </section>
        ) : null}
        <section className="sim-inspector-section">
          <h4>Message</h4>
          {!ready ? (
            <p className="insp-muted">Loading the message…</p>
          ) : message ? (
            <RawMessage key={row.index} message={message} />
          ) : (
            <>
              <pre className="sim-raw-pre">{wireToText(detail.raw)}</pre>
              <p className="sim-problem">
                Not a valid SIP message
                {detail.error
                  ? ` (line ${detail.error.line}, column ${detail.error.column}): ${wireToText(detail.error.message)}`
                  : ''}
              </p>
            </>
          )}
        </section>
        {message ? (
          <section className="sim-inspector-section">
            <h4>Fields</h4>
            <MessageFields message={message} />
          </section>
        ) : null}
        {row.note && row.kind !== 'malformed' ? (
          <p className="insp-muted">Note: {row.note}</p>
        ) : null}
      </div>
    </section>
  );
}
