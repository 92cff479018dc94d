'use client';
/**
 * A digest calculator for the exercises that answer a 401 or 407 (RFC 2617 §3.2.2.1, RFC 3261 §22.4):
 * nobody computes MD5 by hand, so the page does it — with the codec's own digest function — for the
 * values the student chooses, and shows the three steps. Building the header is left to the student.
 */
import { useId, useState } from 'react';
import { digestResponse } from '@/sim/codec';
import type { Challenge } from '@/sim/exercise';

const FIELDS = ['username', 'realm', 'password', 'method', 'uri', 'nonce', 'nc', 'cnonce'] as const;
type Field = (typeof FIELDS)[number];

export function DigestHelper({ challenge }: { challenge: Challenge }) {
  const id = useId();
  const [v, setV] = useState<Record<Field, string>>({
    username: challenge.username,
    realm: challenge.realm,
    password: challenge.password,
    method: challenge.method,
    uri: challenge.uri,
    nonce: challenge.nonce,
    nc: '00000001',
    cnonce: '',
  });
  let response = '';
  if (v.cnonce !== '')
    try {
      response = digestResponse({
        username: v.username,
        realm: v.realm,
        password: v.password,
        method: v.method,
        uri: v.uri,
        nonce: v.nonce,
        qop: 'auth',
        nc: v.nc,
        cnonce: v.cnonce,
      });
    } catch {
      response = '';
    }
  return (
    <details className="bte-digest">
      <summary>Digest calculator (MD5, qop=auth)</summary>
      <p>
        response = MD5(HA1:nonce:nc:cnonce:qop:HA2), with HA1 = MD5(username:realm:password) and HA2
        = MD5(method:digest-uri) (RFC 2617 §3.2.2.1). Choose a cnonce; the calculator does the MD5.
      </p>
      <div className="bte-digest-grid">
        {FIELDS.map((f) => (
          <label key={f} htmlFor={`${id}-${f}`}>
            <span>{f}</span>
            <input
              id={`${id}-${f}`}
              value={v[f]}
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              onChange={(e) => setV({ ...v, [f]: e.target.value })}
            />
          </label>
        ))}
      </div>
      <p className="bte-digest-out" aria-live="polite">
        response ={' '}
        <output htmlFor={FIELDS.map((f) => `${id}-${f}`).join(' ')}>
          {response === '' ? '(choose a cnonce)' : response}
        </output>
      </p>
    </details>
  );
}
