'use client';
/**
 * What the element knows at the moment it is about to send: the message that made it act, what it
 * sent earlier in the call, its transactions, dialogs and activities, the bindings of its location
 * service, and the facts no message shows. Everything here comes from the simulation's snapshots
 * and trace (sim/exercise's situation); nothing is worked out on the page.
 */
import type { ShownMessage, Situation } from '@/sim/exercise';

function Message({ m, title, open }: { m: ShownMessage; title: string; open?: boolean }) {
  return (
    <details className="bte-message" open={open}>
      <summary>
        {title}: <strong>{m.label}</strong>{' '}
        {title.startsWith('It sent') ? `to ${m.to}` : `from ${m.from}`}{' '}
        <span className="bte-time">at {(m.time / 1000).toFixed(3)} s</span>
      </summary>
      <pre className="bte-pre" tabIndex={0}>
        {m.text}
      </pre>
    </details>
  );
}

export function SituationView({ situation: s }: { situation: Situation }) {
  return (
    <section className="bte-situation" aria-labelledby="bte-knows">
      <h2 id="bte-knows">What {s.element.label} knows</h2>
      <p className="bte-now">
        <span className="bte-time">{(s.time / 1000).toFixed(3)} s</span> — {s.trigger}
      </p>
      {s.facts.length > 0 ? (
        <dl className="bte-facts">
          {s.facts.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {s.received ? <Message m={s.received} title="The message it received" open /> : null}
      {s.sent.map((m, i) => (
        <Message key={i} m={m} title="It sent before, in this call" />
      ))}
      {s.dialogs.length > 0 ? (
        <div className="bte-state">
          <h3>Its dialogs</h3>
          {s.dialogs.map((d) => (
            <dl key={d.id} className="bte-facts">
              <div>
                <dt>State</dt>
                <dd>
                  {d.state} ({d.role === 'uac' ? 'it called' : 'it was called'}, made by {d.method})
                </dd>
              </div>
              <div>
                <dt>Call-ID</dt>
                <dd>
                  <code>{d.callId}</code>
                </dd>
              </div>
              <div>
                <dt>Local URI and tag</dt>
                <dd>
                  <code>{d.localUri}</code>, tag <code>{d.localTag}</code>
                </dd>
              </div>
              <div>
                <dt>Remote URI and tag</dt>
                <dd>
                  <code>{d.remoteUri}</code>, tag <code>{d.remoteTag}</code>
                </dd>
              </div>
              <div>
                <dt>Local CSeq</dt>
                <dd>{d.localSeq ?? '(none yet)'}</dd>
              </div>
              <div>
                <dt>Remote target</dt>
                <dd>
                  <code>{d.remoteTarget}</code>
                </dd>
              </div>
              <div>
                <dt>Route set</dt>
                <dd>
                  {d.routeSet.length > 0 ? (
                    d.routeSet.map((r) => (
                      <code key={r} className="bte-route">
                        {r}
                      </code>
                    ))
                  ) : (
                    <>(empty)</>
                  )}
                </dd>
              </div>
            </dl>
          ))}
        </div>
      ) : null}
      {s.transactions.length > 0 ? (
        <div className="bte-state">
          <h3>Its transactions</h3>
          <ul className="bte-list">
            {s.transactions.map((t) => (
              <li key={t.id}>
                {t.kind.includes(t.method) ? t.kind : `${t.kind} (${t.method})`} transaction, branch{' '}
                <code>{t.branch}</code>, state {t.state}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {s.activities.length > 0 ? (
        <div className="bte-state">
          <h3>What its user is doing</h3>
          <ul className="bte-list">
            {s.activities.map((a, i) => (
              <li key={i}>{a.summary}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {s.bindingsOf !== undefined ? (
        <div className="bte-state">
          <h3>
            {s.bindingsOf === s.element.name
              ? 'Its bindings (location service)'
              : `The location service it reads (${s.bindingsOf})`}
          </h3>
          {s.bindings.length === 0 ? (
            <p>No bindings.</p>
          ) : (
            <ul className="bte-list">
              {s.bindings.map((b) => (
                <li key={`${b.aor} ${b.contact}`}>
                  <code>{b.aor}</code> → <code>{b.contact}</code>, {b.expiresIn} s left
                  {b.q !== 1 ? `, q=${b.q}` : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </section>
  );
}
