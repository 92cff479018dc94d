/**
 * REGISTER as the UA sends it (RFC 3261 §10.2): a Request-URI without user part, "Contact: *" only
 * with Expires: 0, CSeq up by one per REGISTER of a Call-ID, one registration at a time, and bindings
 * refreshed before they expire.
 */
import { isSipUri, isStar, uriEquals, type ContactValue, type SipUri, type Uri } from '../../codec';
import type { Msg } from '../model';
import { defineRule } from '../rule';
import { at, uri } from '../support/describe';

/** First sends of the REGISTERs each element originated, in time order. */
function registers(messages: readonly Msg[]): Msg[] {
  return messages.filter((m) => m.method === 'REGISTER' && m.request && !m.forwardOf && !m.copyOf);
}

export const registerRequestUri = defineRule(
  {
    id: 'register-request-uri',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§10.2',
    title: 'The Request-URI of a REGISTER names the registrar\'s domain: no user part and no "@".',
  },
  (model, emit) => {
    for (const m of registers(model.messages)) {
      const u = m.requestUri;
      if (u && isSipUri(u) && (u.user !== null || u.password !== null))
        emit(
          m,
          `This REGISTER is addressed to ${uri(u)}; a REGISTER's Request-URI names only the domain (e.g. sip:${u.host}), with no user part.`,
        );
    }
  },
);

export const registerStar = defineRule(
  {
    id: 'register-star',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§10.2.2',
    title: 'A REGISTER uses "Contact: *" only alone and with "Expires: 0".',
  },
  (model, emit) => {
    for (const m of registers(model.messages)) {
      if (!m.contacts.some(isStar)) continue;
      if (m.contacts.length > 1)
        emit(
          m,
          'This REGISTER mixes "Contact: *" with other Contact values; "*" (remove every binding) must stand alone.',
        );
      else if (m.expires !== 0)
        emit(
          m,
          `This REGISTER has "Contact: *" with ${m.expires === undefined ? 'no Expires' : `Expires: ${m.expires}`}; "*" may only be used with "Expires: 0".`,
        );
    }
  },
);

export const registerCSeqIncrement = defineRule(
  {
    id: 'register-cseq-increment',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§10.2',
    title: 'A UA raises the CSeq by exactly one for each new REGISTER with the same Call-ID.',
  },
  (model, emit) => {
    const last = new Map<string, Msg>();
    for (const m of registers(model.messages)) {
      if (!m.cseq || m.callId === undefined) continue;
      const k = `${m.source}\u0000${m.callId}`;
      const prev = last.get(k);
      last.set(k, m);
      if (prev?.cseq && m.cseq.seq !== prev.cseq.seq + 1)
        emit(
          m,
          `This REGISTER has CSeq ${m.cseq.seq} after CSeq ${prev.cseq.seq} with the same Call-ID; each new REGISTER must add exactly one.`,
          [prev],
        );
    }
  },
);

export const registerOneAtATime = defineRule(
  {
    id: 'register-one-at-a-time',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§10.2',
    title:
      'A UA sends a new REGISTER (same Call-ID) only after the previous one got a final response or timed out.',
  },
  (model, emit) => {
    const last = new Map<string, Msg>();
    const timeout = 64 * model.settings.T1;
    for (const m of registers(model.messages)) {
      if (m.callId === undefined) continue;
      const k = `${m.source}\u0000${m.callId}`;
      const prev = last.get(k);
      last.set(k, m);
      if (!prev?.tx || m.time >= prev.time + timeout - model.settings.tolerance) continue;
      const final = prev.tx.responses.some(
        (r) =>
          r.status >= 200 && r.delivered && r.destination === prev.source && r.arrival <= m.time,
      );
      if (!final)
        emit(
          m,
          `This REGISTER was sent at ${at(m.time)} while the previous one (sent at ${at(prev.time)}) had neither a final response nor timed out; registrations go one at a time.`,
          [prev],
        );
    }
  },
);

function aorKey(u: Uri | undefined): string | undefined {
  if (u === undefined || !isSipUri(u)) return undefined;
  return `${u.scheme}:${u.user ?? ''}@${u.host.toLowerCase()}`;
}

/** The SIP contacts of a REGISTER or its response, with the expiry each asks for or was given (s). */
export function contactsWithExpiry(m: Msg): { uri: SipUri; expires: number | undefined }[] {
  const out: { uri: SipUri; expires: number | undefined }[] = [];
  for (const c of m.contacts as ContactValue[]) {
    if (isStar(c) || !isSipUri(c.uri)) continue;
    const p = c.params.find((x) => x.name.toLowerCase() === 'expires')?.value;
    const n = p !== undefined && p !== null && /^\d+$/.test(p) ? Number(p) : m.expires;
    out.push({ uri: c.uri, expires: n });
  }
  return out;
}

export const registerRefreshBeforeExpiry = defineRule(
  {
    id: 'register-refresh-before-expiry',
    level: 'SHOULD',
    rfc: 'RFC 3261',
    section: '§10.2.4',
    title: 'A UA refreshes each of its bindings with a new REGISTER before the binding expires.',
  },
  (model, emit) => {
    // Each UA's REGISTERs of each address-of-record, in time order.
    const byUa = new Map<string, Msg[]>();
    for (const m of registers(model.messages)) {
      const aor = aorKey(m.to?.uri);
      if (!aor) continue;
      const k = `${m.source}\u0000${aor}`;
      const list = byUa.get(k);
      if (list) list.push(m);
      else byUa.set(k, [m]);
    }
    for (const regs of byUa.values())
      regs.forEach((m, i) => {
        for (const c of contactsWithExpiry(m)) {
          if (c.expires === 0) continue;
          // The last REGISTER of this contact by this UA, and what the registrar granted it.
          let prior: Msg | undefined;
          for (let j = i - 1; j >= 0 && !prior; j--)
            if (contactsWithExpiry(regs[j]!).some((x) => uriEquals(x.uri, c.uri))) prior = regs[j];
          const ok = prior?.tx?.responses.find(
            (r) => r.status >= 200 && r.status < 300 && r.delivered && r.destination === m.source,
          );
          if (!prior || !ok || ok.arrival > m.time) continue;
          const granted = contactsWithExpiry(ok).find((x) => uriEquals(x.uri, c.uri))?.expires;
          if (granted === undefined || granted === 0) continue;
          const expiry = ok.arrival + granted * 1000;
          if (m.time > expiry + model.settings.tolerance)
            emit(
              m,
              `This REGISTER renews ${uri(c.uri)}, whose binding had expired at ${at(expiry)} (granted for ${granted} s at ${at(ok.arrival)}); a UA should refresh before the binding expires.`,
              [ok],
            );
        }
      });
  },
);
