'use client';

/**
 * The RFC check of the capture (sim/rules, run in the worker): every finding with its message, rule,
 * level, RFC section and a sentence saying what was expected. Choosing one shows its message.
 */
import type { CaptureFinding, MessageRow } from './protocol';
import { VirtualTable } from './VirtualTable';

export interface FindingsListProps {
  /** Undefined while the check runs. */
  findings: readonly CaptureFinding[] | undefined;
  /** Rows by message index (to name the message). */
  rows: readonly MessageRow[];
  /** Whether the message is drawn (in the chosen calls). */
  drawn(index: number): boolean;
  onShow(index: number): void;
}

export function FindingsList({ findings, rows, drawn, onShow }: FindingsListProps) {
  return (
    <section className="insp-panel" aria-labelledby="insp-findings-title">
      <div className="insp-panel-bar">
        <h2 id="insp-findings-title" className="insp-panel-title">
          RFC check{' '}
          <span className="insp-muted">
            {findings === undefined ? '(running…)' : `(${findings.length} findings)`}
          </span>
        </h2>
      </div>
      {findings === undefined ? (
        <p className="insp-empty" aria-busy="true">
          Checking every message against the rules of RFC 3261 and the RFCs around it…
        </p>
      ) : findings.length === 0 ? (
        <p className="insp-empty">No RFC 3261 rule is broken in the messages read.</p>
      ) : (
        <VirtualTable
          caption="Findings of the RFC check: message, rule, section and what was wrong"
          label="Findings"
          className="insp-findings"
          count={findings.length}
          estimate={64}
          head={
            <tr>
              <th scope="col">Message</th>
              <th scope="col">Rule</th>
              <th scope="col">What was wrong</th>
            </tr>
          }
          row={(i, props) => {
            const f = findings[i]!;
            const r = rows[f.message];
            return (
              <tr key={i} {...props}>
                <td>
                  {r && drawn(f.message) ? (
                    <button
                      type="button"
                      className="sim-link-button"
                      onClick={() => onShow(f.message)}
                    >
                      #{f.message + 1} {r.label}
                    </button>
                  ) : (
                    <span title="Not in the calls drawn">
                      #{f.message + 1} {r?.label ?? ''}
                    </span>
                  )}
                </td>
                <td>
                  <span className={`insp-level insp-level-${f.level.toLowerCase()}`}>
                    {f.level}
                  </span>{' '}
                  <code>{f.rule}</code>
                  <br />
                  <span className="insp-muted insp-small">{f.section}</span>
                </td>
                <td className="insp-small">{f.text}</td>
              </tr>
            );
          }}
        />
      )}
    </section>
  );
}
