/**
 * The registrar's answers (RFC 3261 §10.3): a 200 lists every current binding with its expires, no
 * Record-Route and no 6xx ever, and an invalid "Contact: *" is refused.
 */
import { isSipUri, isStar, uriEquals, type SipUri } from '../../codec';
import { serverIsUas, type Msg } from '../model';
import { defineRule } from '../rule';
import { uri, what } from '../support/describe';
import { contactsWithExpiry } from './register';

/** Responses a registrar itself sent to REGISTER requests (first sends). */
function registrarAnswers(messages: readonly Msg[]): Msg[] {
  return messages.filter(
    (r) =>
      r.response &&
      r.method === 'REGISTER' &&
      !r.forwardOf &&
      !r.copyOf &&
      r.tx !== undefined &&
      r.source === r.tx.server &&
      serverIsUas(r.tx),
  );
}

function aorKey(m: Msg): string | undefined {
  const u = m.to?.uri;
  if (u === undefined || !isSipUri(u)) return undefined;
  return `${u.scheme}:${u.user ?? ''}@${u.host.toLowerCase()}`;
}

export const registrar200Bindings = defineRule(
  {
    id: 'registrar-200-bindings',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§10.3',
    title:
      'A 200 to REGISTER lists every current binding of the address-of-record in Contact, each with an expires parameter.',
  },
  (model, emit) => {
    const current = new Map<string, { uri: SipUri; until: number; from: Msg }[]>();
    for (const r of registrarAnswers(model.messages)) {
      if (r.status < 200 || r.status >= 300) continue;
      const req = r.tx!.delivered[0] ?? r.tx!.requests[0]!;
      const aor = aorKey(req);
      const missingExpires = r.contacts.filter(
        (c) => !isStar(c) && !c.params.some((p) => p.name.toLowerCase() === 'expires'),
      );
      if (missingExpires.length > 0)
        emit(
          r,
          `${missingExpires.length === 1 ? 'A Contact' : `${missingExpires.length} Contacts`} of this 200 to REGISTER lack the expires parameter; the registrar must give each binding's expiration.`,
          [req],
        );
      const listed = contactsWithExpiry(r);
      const has = (u: SipUri) => listed.some((x) => uriEquals(x.uri, u));
      const removesAll = req.contacts.some(isStar);
      const asked = contactsWithExpiry(req);
      for (const a of asked) {
        if (a.expires === 0 && has(a.uri))
          emit(
            r,
            `The REGISTER removed ${uri(a.uri)} (expires 0), yet this 200 still lists it as a binding.`,
            [req],
          );
        if (a.expires !== 0 && !removesAll && !has(a.uri))
          emit(
            r,
            `The REGISTER added ${uri(a.uri)}, but this 200 does not list it; a 200 lists every current binding.`,
            [req],
          );
      }
      if (removesAll && listed.length > 0)
        emit(
          r,
          'The REGISTER removed every binding ("Contact: *"), yet this 200 still lists bindings.',
          [req],
        );
      if (aor === undefined) continue;
      // Earlier bindings this registrar confirmed that are still valid and were not removed now.
      const before = current.get(aor) ?? [];
      for (const b of before) {
        if (b.until <= r.time + 1000 + model.settings.tolerance) continue;
        if (removesAll || asked.some((a) => uriEquals(a.uri, b.uri))) continue;
        if (!has(b.uri))
          emit(
            r,
            `This 200 leaves out ${uri(b.uri)}, a binding of the same address-of-record the registrar confirmed earlier and which has not expired; a 200 lists all current bindings.`,
            [b.from],
          );
      }
      current.set(
        aor,
        listed
          .filter((x) => x.expires !== undefined && x.expires > 0)
          .map((x) => ({ uri: x.uri, until: r.time + x.expires! * 1000, from: r })),
      );
    }
  },
);

export const registrarNoRecordRoute = defineRule(
  {
    id: 'registrar-no-record-route',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§10.3',
    title: 'A registrar puts no Record-Route in any response to REGISTER.',
  },
  (model, emit) => {
    for (const r of registrarAnswers(model.messages))
      if (r.sip.has('record-route'))
        emit(
          r,
          `This ${what(r)} to REGISTER carries Record-Route; a registrar must not include one (REGISTER makes no dialog).`,
        );
  },
);

export const registrarNo6xx = defineRule(
  {
    id: 'registrar-no-6xx',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§10.3',
    title: 'A registrar never answers a REGISTER with a 6xx response.',
  },
  (model, emit) => {
    for (const r of registrarAnswers(model.messages))
      if (r.status >= 600)
        emit(
          r,
          `The registrar answered the REGISTER with ${what(r)}; a registrar must not generate 6xx responses.`,
        );
  },
);

export const registrarStarRejected = defineRule(
  {
    id: 'registrar-star-rejected',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§10.3',
    title:
      'A registrar refuses with 400 a REGISTER whose "Contact: *" comes with other contacts or an Expires other than 0.',
  },
  (model, emit) => {
    for (const r of registrarAnswers(model.messages)) {
      if (r.status < 200 || r.status >= 300) continue;
      const req = r.tx!.delivered[0] ?? r.tx!.requests[0]!;
      if (!req.contacts.some(isStar)) continue;
      if (req.contacts.length > 1 || req.expires !== 0)
        emit(
          r,
          `The registrar accepted a REGISTER with an invalid "Contact: *" (${req.contacts.length > 1 ? 'mixed with other contacts' : `Expires: ${req.expires ?? 'none'}`}); it must answer 400 (Invalid Request).`,
          [req],
        );
    }
  },
);
