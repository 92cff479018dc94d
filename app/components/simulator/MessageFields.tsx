'use client';

/**
 * The fields of a message as the codec reads them: start line, Via hops with branch / received /
 * rport, From and To with their tags, Call-ID, CSeq, Contact, Max-Forwards, Route, Record-Route,
 * Content-Type and Content-Length. A field that does not parse says why.
 */
import type { ReactNode } from 'react';
import {
  SipParseError,
  ValueParseError,
  formatContact,
  formatNameAddr,
  formatUri,
  paramValue,
  viaParam,
  wireToText,
  type NameAddr,
  type SipMessage,
} from '@/sim/codec';

function read(fn: () => ReactNode): ReactNode {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SipParseError || e instanceof ValueParseError)
      return <span className="sim-problem">does not parse: {e.message}</span>;
    throw e;
  }
}

function party(na: NameAddr | undefined): ReactNode {
  if (!na) return undefined;
  const tag = paramValue(na.params, 'tag');
  return (
    <>
      {na.displayName ? `"${wireToText(na.displayName)}" ` : ''}
      <code>{formatUri(na.uri)}</code>
      {tag ? (
        <>
          {' '}
          tag <code>{tag}</code>
        </>
      ) : (
        <span className="sim-muted"> (no tag)</span>
      )}
    </>
  );
}

function list(values: string[]): ReactNode {
  if (values.length === 0) return undefined;
  return (
    <ul className="sim-plain-list">
      {values.map((v, i) => (
        <li key={i}>
          <code>{wireToText(v)}</code>
        </li>
      ))}
    </ul>
  );
}

export function MessageFields({ message: m }: { message: SipMessage }) {
  const fields: [string, ReactNode][] = [
    [
      'Start line',
      <code key="s">
        {m.kind === 'request'
          ? `${m.method} ${m.requestUri} ${m.version}`
          : `${m.version} ${m.status} ${wireToText(m.reason)}`}
      </code>,
    ],
    [
      `Via (${m.headersOf('via').length})`,
      read(() => (
        <ol className="sim-plain-list">
          {m.vias().map((v, i) => {
            const branch = viaParam(v, 'branch');
            const received = viaParam(v, 'received');
            const rport = viaParam(v, 'rport');
            return (
              <li key={i}>
                <code>
                  {v.transport} {v.host}
                  {v.port !== null ? `:${v.port}` : ''}
                </code>
                {branch ? (
                  <>
                    {' '}
                    branch <code>{branch}</code>
                  </>
                ) : null}
                {received ? (
                  <>
                    {' '}
                    received <code>{received}</code>
                  </>
                ) : null}
                {rport !== undefined ? (
                  <>
                    {' '}
                    rport <code>{rport ?? '(empty)'}</code>
                  </>
                ) : null}
              </li>
            );
          })}
        </ol>
      )),
    ],
    ['From', read(() => party(m.from()))],
    ['To', read(() => party(m.to()))],
    ['Call-ID', read(() => (m.callId() ? <code>{m.callId()}</code> : undefined))],
    [
      'CSeq',
      read(() => {
        const c = m.cseq();
        return c ? <code>{`${c.seq} ${c.method}`}</code> : undefined;
      }),
    ],
    ['Contact', read(() => list(m.contacts().map(formatContact)))],
    ['Max-Forwards', read(() => m.maxForwards())],
    ['Route', read(() => list(m.routes().map(formatNameAddr)))],
    ['Record-Route', read(() => list(m.recordRoutes().map(formatNameAddr)))],
    ['Expires', read(() => m.expires())],
    [
      'Content-Type',
      read(() => {
        const t = m.contentType();
        return t ? <code>{`${t.type}/${t.subtype}`}</code> : undefined;
      }),
    ],
    [
      'Content-Length',
      `${m.headerValue('content-length') ?? '(absent)'} (body: ${m.body.length} bytes)`,
    ],
  ];
  return (
    <dl className="sim-fields">
      {fields
        .filter(([, v]) => v !== undefined && v !== null)
        .map(([name, value]) => (
          <div key={name} className="sim-field">
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
