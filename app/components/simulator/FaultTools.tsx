'use client';

/**
 * Fault injection: "Drop this message" on a selected message (a fault rule for its datagram number;
 * the run is replayed from its seed to the same step), the list of messages you dropped, and each
 * link's latency and loss.
 */
import { useId, useState } from 'react';
import type { MessageState } from './ladder-model';
import { messageLabel } from './format';
import { useSession } from './use-session';

export function DropMessageButton({
  datagram,
  state,
}: {
  datagram: number;
  state: MessageState | undefined;
}) {
  const { state: s, actions } = useSession();
  const mine = s.userFaults.some((f) => f.datagram === datagram);
  if (mine)
    return (
      <p className="sim-fault-action">
        <button
          type="button"
          className="sim-button sim-button-small"
          onClick={() => actions.undropDatagram(datagram)}
        >
          Stop dropping this message
        </button>
      </p>
    );
  if (state === 'dropped') return null;
  return (
    <p className="sim-fault-action">
      <button
        type="button"
        className="sim-button sim-button-small sim-button-danger"
        onClick={() => actions.dropDatagram(datagram)}
      >
        <span aria-hidden="true">✗ </span>Drop this message
      </button>{' '}
      <span className="sim-muted sim-small">replays the run with datagram #{datagram} lost</span>
    </p>
  );
}

function NumberSetting({
  label,
  value,
  min,
  max,
  onCommit,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onCommit: (n: number) => void;
}) {
  const [draft, setDraft] = useState(String(value));
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        className="sim-number"
        min={min}
        max={max}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value !== '' && Number.isFinite(n) && n >= min && n <= max) onCommit(n);
        }}
        onBlur={() => setDraft(String(value))}
      />
    </>
  );
}

export function FaultTools({ links }: { links: boolean }) {
  const { state, actions } = useSession();
  const droppedTitle = useId();
  const linksTitle = useId();
  const { userFaults, scenario, ladder } = state;
  return (
    <div className="sim-faults">
      <section className="sim-tool" aria-labelledby={droppedTitle}>
        <h4 id={droppedTitle}>Messages you dropped</h4>
        {userFaults.length === 0 ? (
          <p className="sim-muted sim-small">
            None. Select a message in the ladder and press “Drop this message”.
          </p>
        ) : (
          <>
            <ul className="sim-plain-list">
              {userFaults.map((f) => {
                const row = f.datagram !== undefined ? ladder.rowOfDatagram(f.datagram) : undefined;
                const what = row
                  ? `${messageLabel(row.event)} ${row.element} → ${row.to ?? '?'}`
                  : 'a later message';
                return (
                  <li key={f.datagram}>
                    Datagram #{f.datagram} ({what}){' '}
                    <button
                      type="button"
                      className="sim-link-button"
                      onClick={() => f.datagram !== undefined && actions.undropDatagram(f.datagram)}
                    >
                      Remove
                      <span className="visually-hidden"> the fault on datagram #{f.datagram}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
            <button
              type="button"
              className="sim-button sim-button-small"
              onClick={actions.clearUserFaults}
            >
              Remove all my faults
            </button>
          </>
        )}
      </section>
      {links && scenario.links.length > 0 ? (
        <section className="sim-tool" aria-labelledby={linksTitle}>
          <h4 id={linksTitle}>Links</h4>
          <table className="sim-table sim-links-table">
            <thead>
              <tr>
                <th scope="col">Link</th>
                <th scope="col">Latency (ms)</th>
                <th scope="col">Loss (%)</th>
              </tr>
            </thead>
            <tbody>
              {scenario.links.map((l) => {
                const name = `${l.a}–${l.b}`;
                return (
                  <tr key={`${l.a}|${l.b}`}>
                    <th scope="row">{name}</th>
                    <td>
                      <NumberSetting
                        label={`Latency of ${name} in ms`}
                        value={l.latencyMs}
                        min={0}
                        max={60000}
                        onCommit={(n) => actions.change({ link: { a: l.a, b: l.b, latencyMs: n } })}
                      />
                    </td>
                    <td>
                      <NumberSetting
                        label={`Loss of ${name} in %`}
                        value={Math.round(l.loss * 100)}
                        min={0}
                        max={100}
                        onCommit={(n) =>
                          actions.change({ link: { a: l.a, b: l.b, loss: n / 100 } })
                        }
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
