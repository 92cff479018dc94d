'use client';

/**
 * The calls of a capture, as sngrep lists them: one row per Call-ID (RFC 3261 §8.1.1.4) with From,
 * To, the first request, its final status, start, duration and message count, each with a checkbox
 * choosing whether it is drawn.
 */
import type { CaptureCall } from '@/sim/capture';
import { VirtualTable } from './VirtualTable';

/** The messages without a readable Call-ID, listed as one more row. */
export const NO_CALL = '';

export interface CallListProps {
  calls: readonly CaptureCall[];
  /** Messages that have no Call-ID (malformed ones), listed as a row of their own when any. */
  loose: number;
  chosen: ReadonlySet<string>;
  onChange(next: Set<string>): void;
}

function seconds(s: number): string {
  return `${s.toFixed(3)} s`;
}

export function CallList({ calls, loose, chosen, onChange }: CallListProps) {
  const all = loose > 0 ? [...calls.map((c) => c.callId), NO_CALL] : calls.map((c) => c.callId);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <section className="insp-panel" aria-labelledby="insp-calls-title">
      <div className="insp-panel-bar">
        <h2 id="insp-calls-title" className="insp-panel-title">
          Calls <span className="insp-muted">({calls.length})</span>
        </h2>
        <span className="insp-muted insp-small">
          {chosen.size} of {all.length} drawn
        </span>
        <button
          type="button"
          className="sim-button sim-button-small"
          onClick={() => onChange(new Set(all))}
        >
          Draw all
        </button>
        <button
          type="button"
          className="sim-button sim-button-small"
          onClick={() => onChange(new Set())}
        >
          Draw none
        </button>
      </div>
      <VirtualTable
        caption="Calls in the capture: one row per Call-ID"
        label="Calls"
        className="insp-calls"
        count={all.length}
        estimate={30}
        head={
          <tr>
            <th scope="col">
              <span className="visually-hidden">Draw</span>
            </th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Request</th>
            <th scope="col">Status</th>
            <th scope="col">Start</th>
            <th scope="col">Duration</th>
            <th scope="col">Msgs</th>
          </tr>
        }
        row={(i, props) => {
          const id = all[i]!;
          const c = calls[i];
          const on = chosen.has(id);
          return (
            <tr
              key={id === NO_CALL ? '(none)' : id}
              {...props}
              className={on ? 'insp-chosen' : undefined}
            >
              <td>
                <input
                  type="checkbox"
                  checked={on}
                  onChange={(e) => toggle(id, e.target.checked)}
                  aria-label={
                    c
                      ? `Draw call ${c.method ?? ''} ${c.from} → ${c.to} (Call-ID ${id})`
                      : 'Draw the messages without a Call-ID'
                  }
                />
              </td>
              {c ? (
                <>
                  <td className="insp-cut" title={c.from}>
                    {c.from || '—'}
                  </td>
                  <td className="insp-cut" title={c.to}>
                    {c.to || '—'}
                  </td>
                  <td>{c.method ?? '—'}</td>
                  <td>{c.status ?? '—'}</td>
                  <td className="insp-mono">{seconds(c.start)}</td>
                  <td className="insp-mono">{seconds(c.duration)}</td>
                  <td className="insp-mono">{c.messages}</td>
                </>
              ) : (
                <>
                  <td colSpan={6}>Messages without a readable Call-ID</td>
                  <td className="insp-mono">{loose}</td>
                </>
              )}
            </tr>
          );
        }}
      />
    </section>
  );
}
