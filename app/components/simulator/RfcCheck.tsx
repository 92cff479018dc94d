'use client';

/**
 * The RFC check of the run: what the RFC rule engine (sim/rules) finds wrong with the messages that
 * have crossed the network so far, each with its rule, level, RFC section and a plain sentence, and a
 * button that shows the message. The engine reads only the bytes on the wire, so it judges the
 * simulated elements as it would judge real ones — an instructor's deliberately broken element shows
 * here. The check runs on the whole run in the worker; findings about messages not sent yet stay
 * hidden until their step.
 */
import { useId } from 'react';
import { useSession } from './use-session';

function rfcHref(rfc: string, section: string): string {
  const n = /\d+/.exec(rfc)?.[0] ?? '3261';
  const sec = section.replace(/^§/, '').split(/\s/)[0] ?? '';
  return `https://www.rfc-editor.org/rfc/rfc${n}${sec ? `#section-${sec}` : ''}`;
}

export function RfcCheck() {
  const { state, actions } = useSession();
  const { findings, view, ready } = state;
  const headingId = useId();
  const shown = (findings ?? []).filter((f) => f.message < view.eventCount);
  const later = (findings?.length ?? 0) - shown.length;
  const must = shown.filter((f) => f.level === 'MUST').length;

  return (
    <section className="sim-panel sim-rfc-panel" aria-labelledby={headingId}>
      <div className="sim-panel-bar">
        <h3 className="sim-panel-title" id={headingId}>
          RFC check
        </h3>
        {findings !== undefined ? (
          <span className={`sim-rfc-count${must > 0 ? ' sim-rfc-count-must' : ''}`}>
            {shown.length === 0
              ? 'no rule broken so far'
              : `${shown.length} ${shown.length === 1 ? 'finding' : 'findings'}${must > 0 ? `, ${must} MUST` : ''}`}
          </span>
        ) : null}
      </div>
      {!ready || findings === undefined ? (
        <p className="sim-muted sim-small" aria-live="polite">
          Checking every message of the run against RFC 3261 and the RFCs it leans on…
        </p>
      ) : shown.length === 0 ? (
        <p className="sim-muted sim-small">
          Every message sent so far keeps the rules the checker knows (RFC 3261, 2617, 3428, 6026,
          6665).
          {later > 0
            ? ` ${later} ${later === 1 ? 'finding comes' : 'findings come'} later in the run.`
            : ''}
        </p>
      ) : (
        <>
          <ul className="sim-rfc-list">
            {shown.map((f, i) => (
              <li key={`${f.rule}-${f.message}-${i}`} className="sim-rfc-item">
                <span className={`sim-rfc-level sim-rfc-level-${f.level.toLowerCase()}`}>
                  {f.level}
                </span>{' '}
                <code className="sim-rfc-rule">{f.rule}</code>{' '}
                <a href={rfcHref(f.rfc, f.section)} rel="noreferrer" className="rfc-link">
                  {f.rfc} {f.section}
                </a>
                <p className="sim-rfc-text">{f.text}</p>
                <button
                  type="button"
                  className="sim-button sim-button-small"
                  onClick={() => actions.select(f.message)}
                >
                  Show the message
                </button>
              </li>
            ))}
          </ul>
          {later > 0 ? (
            <p className="sim-muted sim-small">
              {later} more {later === 1 ? 'finding comes' : 'findings come'} later in the run.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
