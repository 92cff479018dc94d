'use client';

/**
 * The message inspector: the selected event (by default the current step's last message). For a
 * message: where it went and when, what the forwarding proxy changed (hopDiff), the raw message with
 * each line explained, its parsed fields, and the chain of events that caused it. For any other
 * event (a timer, a state change, a note): what happened, and its causes.
 */
import { useMemo, type ReactNode } from 'react';
import { SipParseError, parseMessage, type SipMessage } from '@/sim/codec';
import type { TraceEvent } from '@/sim/network';
import { causeChain, hopDiff, type HopDiff } from '@/sim/session/hop-diff';
import { DropMessageButton } from './FaultTools';
import { HeaderChanges } from './HeaderChanges';
import { formatDuration, formatSeconds, messageLabel, timerLabel } from './format';
import { messageState } from './ladder-model';
import { MessageFields } from './MessageFields';
import { RawMessage } from './RawMessage';
import { useSession } from './use-session';

const TYPE_TITLES: Record<TraceEvent['type'], string> = {
  send: 'Message sent',
  receive: 'Message received',
  drop: 'Message lost',
  'timer-start': 'Timer started',
  'timer-fire': 'Timer fired',
  'timer-stop': 'Timer stopped',
  state: 'State change',
  action: 'User action',
  dns: 'DNS look-up',
  discard: 'Message discarded',
  note: 'Note',
  error: 'The simulation stopped',
};

function parse(raw: string | undefined): { message?: SipMessage; error?: string } {
  if (raw === undefined) return {};
  try {
    return { message: parseMessage(raw) };
  } catch (e) {
    if (e instanceof SipParseError) return { error: e.message };
    throw e;
  }
}

function EventLink({
  event,
  onSelect,
  children,
}: {
  event: TraceEvent;
  onSelect: (id: number) => void;
  children: ReactNode;
}) {
  return (
    <button type="button" className="sim-link-button" onClick={() => onSelect(event.id)}>
      {children}
    </button>
  );
}

function describe(e: TraceEvent): string {
  if (e.type === 'send' || e.type === 'receive' || e.type === 'drop') {
    const what = messageLabel(e);
    if (e.type === 'send') return `${e.from} sends ${what} to ${e.to ?? e.destination}`;
    if (e.type === 'receive') return `${e.to} receives ${what} from ${e.from}`;
    return `${what} lost`;
  }
  return e.detail;
}

function HopDiffView({
  diff,
  element,
  onSelect,
}: {
  diff: HopDiff;
  element: string;
  onSelect: (id: number) => void;
}) {
  return (
    <section className="sim-inspector-section">
      <h4>What {element} changed</h4>
      <p className="sim-muted">
        Compared with the{' '}
        <EventLink event={diff.from} onSelect={onSelect}>
          {messageLabel(diff.from)} it received at {formatSeconds(diff.from.time)}
        </EventLink>
        :
      </p>
      <HeaderChanges diff={diff} />
    </section>
  );
}

function useParsed(raw: string | undefined): { message?: SipMessage; error?: string } {
  return useMemo(() => parse(raw), [raw]);
}

// The trace array grows in place within a revision; a new revision or another event makes a new
// result.
function useHopDiff(
  trace: readonly TraceEvent[],
  sendId: number | undefined,
  revision: number,
): HopDiff | undefined {
  return useMemo(
    () => (sendId === undefined ? undefined : hopDiff(trace, sendId)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [trace, sendId, revision],
  );
}

function useCauseChain(
  trace: readonly TraceEvent[],
  id: number | undefined,
  revision: number,
): TraceEvent[] {
  return useMemo(
    () => (id === undefined ? [] : causeChain(trace, id)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [trace, id, revision],
  );
}

export function Inspector() {
  const { state, actions } = useSession();
  const { selected, pinned, ladder, trace, view, revision, findingsByMessage } = state;
  const row = selected ? ladder.rowFor(selected.id) : undefined;
  const isMessage = row?.kind === 'message' && selected?.datagram !== undefined;
  // A drop carries no bytes: show the message of its send.
  const send = isMessage ? row.event : undefined;
  const raw = selected?.raw ?? send?.raw;
  const parsed = useParsed(raw);
  const diff = useHopDiff(trace, send?.id, revision);
  const chain = useCauseChain(trace, selected?.id, revision);

  if (!selected) {
    return (
      <section className="sim-inspector" aria-label="Inspector">
        <div className="sim-panel-bar">
          <h3 className="sim-panel-title">Inspector</h3>
        </div>
        <p className="sim-empty">
          Press <strong>Step</strong>: the inspector shows each step&apos;s message, and any event
          you select in the ladder.
        </p>
      </section>
    );
  }

  const mstate = isMessage ? messageState(row, view.eventCount) : undefined;
  const title = isMessage
    ? `${messageLabel(selected)}${selected.retransmission ? ' (retransmission)' : ''}`
    : selected.type === 'timer-fire' || selected.type === 'timer-start'
      ? `${timerLabel(selected.timer ?? '?')} ${selected.type === 'timer-fire' ? 'fires' : 'starts'}`
      : TYPE_TITLES[selected.type];

  return (
    <section className="sim-inspector" aria-label="Inspector">
      <div className="sim-panel-bar">
        <h3 className="sim-panel-title">Inspector</h3>
        {pinned ? (
          <button
            type="button"
            className="sim-button sim-button-small"
            onClick={() => actions.select(undefined)}
          >
            Follow the steps
          </button>
        ) : (
          <span className="sim-muted sim-small">current step</span>
        )}
      </div>
      <div className="sim-inspector-body">
        <h4 className="sim-inspector-title">{title}</h4>
        {isMessage && send ? (
          <>
            <p className="sim-route">
              <strong>{send.from}</strong> → <strong>{send.to ?? send.destination}</strong>{' '}
              <span className="sim-muted">
                ({send.source} → {send.destination}), datagram #{send.datagram}
              </span>
            </p>
            <p className="sim-when">
              Sent at {formatSeconds(send.time)}
              {mstate === 'arrived' && row.receive
                ? `, arrived at ${formatSeconds(row.receive.time)}.`
                : mstate === 'dropped'
                  ? '.'
                  : ', still in flight.'}
              {selected.type === 'receive' ? ' (Shown as received.)' : null}
            </p>
            {mstate === 'dropped' && row.drop ? (
              <p className="sim-lost">
                <span aria-hidden="true">✗ </span>Lost: {row.drop.detail}
              </p>
            ) : null}
            <DropMessageButton datagram={send.datagram!} state={mstate} />
            {(findingsByMessage.get(send.id) ?? []).length > 0 ? (
              <section className="sim-inspector-section">
                <h4>RFC check</h4>
                <ul className="sim-rfc-list sim-rfc-inline">
                  {findingsByMessage.get(send.id)!.map((f, i) => (
                    <li key={`${f.rule}-${i}`} className="sim-rfc-item">
                      <span className={`sim-rfc-level sim-rfc-level-${f.level.toLowerCase()}`}>
                        {f.level}
                      </span>{' '}
                      <code className="sim-rfc-rule">{f.rule}</code>{' '}
                      <span className="sim-muted">
                        ({f.rfc} {f.section})
                      </span>
                      <p className="sim-rfc-text">{f.text}</p>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {diff ? (
              <HopDiffView diff={diff} element={send.element} onSelect={actions.select} />
            ) : null}
            <section className="sim-inspector-section">
              <h4>Message</h4>
              {parsed.message ? (
                <RawMessage
                  key={`${revision}:${send.id}`}
                  message={parsed.message}
                  needle={state.filter.text}
                />
              ) : (
                <>
                  <pre className="sim-raw-pre">{raw}</pre>
                  {parsed.error ? (
                    <p className="sim-problem">Not a valid SIP message: {parsed.error}</p>
                  ) : null}
                </>
              )}
            </section>
            {parsed.message ? (
              <section className="sim-inspector-section">
                <h4>Fields</h4>
                <MessageFields message={parsed.message} />
              </section>
            ) : null}
          </>
        ) : (
          <>
            <p>{selected.detail}</p>
            <dl className="sim-fields">
              <div className="sim-field">
                <dt>Where</dt>
                <dd>{selected.element}</dd>
              </div>
              <div className="sim-field">
                <dt>When</dt>
                <dd>{formatSeconds(selected.time)}</dd>
              </div>
              {selected.timer !== undefined ? (
                <div className="sim-field">
                  <dt>Timer</dt>
                  <dd>
                    {timerLabel(selected.timer)}
                    {selected.durationMs !== undefined
                      ? `, ${formatDuration(selected.durationMs)}`
                      : ''}
                  </dd>
                </div>
              ) : null}
              {selected.transactionId !== undefined ? (
                <div className="sim-field">
                  <dt>Transaction</dt>
                  <dd>
                    <code>{selected.transactionId}</code>
                  </dd>
                </div>
              ) : null}
              {selected.dialogId !== undefined ? (
                <div className="sim-field">
                  <dt>Dialog</dt>
                  <dd>
                    <code>{selected.dialogId}</code>
                  </dd>
                </div>
              ) : null}
            </dl>
          </>
        )}
        {chain.length > 1 ? (
          <section className="sim-inspector-section">
            <h4>Caused by</h4>
            <ol className="sim-causes">
              {chain.map((e) => (
                <li key={e.id}>
                  <span className="sim-mono sim-muted">{formatSeconds(e.time)}</span>{' '}
                  {e.id === selected.id ? (
                    <span aria-current="true">
                      <strong>{describe(e)}</strong> (this event)
                    </span>
                  ) : (
                    <EventLink event={e} onSelect={actions.select}>
                      {describe(e)}
                    </EventLink>
                  )}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </div>
    </section>
  );
}
