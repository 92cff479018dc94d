/**
 * How a request is built (RFC 3261 §8.1.1, §9.1, §12.2.1.1, §15): the mandatory header fields, a
 * magic-cookie branch, a From tag, the CSeq method, a Contact where a dialog can start, BYE only in a
 * dialog, no Require in a CANCEL.
 */
import { MAGIC_COOKIE, isSipUri, isStar } from '../../codec';
import { defineRule } from '../rule';

const REQUIRED: [string, string][] = [
  ['to', 'To'],
  ['from', 'From'],
  ['cseq', 'CSeq'],
  ['call-id', 'Call-ID'],
  ['max-forwards', 'Max-Forwards'],
  ['via', 'Via'],
];

export const requestRequiredHeaders = defineRule(
  {
    id: 'request-required-headers',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§8.1.1',
    title: 'Every request carries To, From, CSeq, Call-ID, Max-Forwards and Via.',
  },
  (model, emit) => {
    for (const m of model.messages) {
      if (!m.request) continue;
      const missing = REQUIRED.filter(([k]) => !m.sip.has(k)).map(([, name]) => name);
      if (missing.length > 0)
        emit(
          m,
          `This ${m.method} has no ${missing.join(', ')}. Every SIP request must carry To, From, CSeq, Call-ID, Max-Forwards and Via.`,
        );
    }
  },
);

export const viaBranchCookie = defineRule(
  {
    id: 'via-branch-cookie',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§8.1.1.7',
    title:
      'The top Via of a request says SIP/2.0 and has a branch parameter that starts with the magic cookie "z9hG4bK".',
  },
  (model, emit) => {
    for (const m of model.messages) {
      const via = m.vias[0];
      if (!m.request || via === undefined) continue;
      if (via.protocol.toUpperCase() !== 'SIP' || via.version !== '2.0')
        emit(m, `The top Via says ${via.protocol}/${via.version}; it must say SIP/2.0.`);
      if (m.branch === undefined)
        emit(
          m,
          `The top Via of this ${m.method} has no branch parameter, so no transaction can be matched to it.`,
        );
      else if (!m.branch.startsWith(MAGIC_COOKIE))
        emit(
          m,
          `The branch "${m.branch}" of the top Via does not start with the magic cookie ${MAGIC_COOKIE}, which every RFC 3261 element puts there.`,
        );
    }
  },
);

export const fromTag = defineRule(
  {
    id: 'from-tag',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§8.1.1.3',
    title: 'The From header field of every request has a tag parameter.',
  },
  (model, emit) => {
    for (const m of model.messages) {
      if (m.request && m.from && m.fromTag === undefined && !m.forwardOf)
        emit(
          m,
          `The From of this ${m.method} has no tag; the UAC must add one (it becomes half of the dialog's identity).`,
        );
    }
  },
);

export const cseqMethod = defineRule(
  {
    id: 'cseq-method',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§8.1.1.5',
    title: "The method in a request's CSeq is the request's own method.",
  },
  (model, emit) => {
    for (const m of model.messages) {
      if (m.request && m.cseq && m.cseq.method !== m.method)
        emit(
          m,
          `This ${m.method} carries "CSeq: ${m.cseq.seq} ${m.cseq.method}"; the CSeq method must be ${m.method}.`,
        );
    }
  },
);

export const dialogRequestContact = defineRule(
  {
    id: 'dialog-request-contact',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§8.1.1.8',
    title:
      'A request that can start a dialog (INVITE, SUBSCRIBE, REFER outside a dialog; a NOTIFY that is not terminating) has exactly one Contact, a SIP or SIPS URI.',
  },
  (model, emit) => {
    for (const m of model.messages) {
      if (!m.request || m.forwardOf || m.copyOf) continue;
      const starts =
        ((m.method === 'INVITE' || m.method === 'SUBSCRIBE' || m.method === 'REFER') &&
          m.toTag === undefined) ||
        (m.method === 'NOTIFY' && m.sip.subscriptionState()?.state !== 'terminated');
      if (!starts) continue;
      if (m.contacts.length === 0)
        emit(
          m,
          `This ${m.method} can establish a dialog but has no Contact; the peer would not know where to send requests in that dialog.`,
        );
      else if (m.contacts.length > 1)
        emit(
          m,
          `This ${m.method} has ${m.contacts.length} Contact values; a request that can establish a dialog has exactly one.`,
        );
      else {
        const c = m.contacts[0]!;
        if (isStar(c) || !isSipUri(c.uri))
          emit(m, `The Contact of this ${m.method} is not a SIP or SIPS URI.`);
      }
    }
  },
);

export const targetRefreshContact = defineRule(
  {
    id: 'target-refresh-contact',
    level: 'SHOULD',
    rfc: 'RFC 3261',
    section: '§12.2.1.1',
    title:
      'A target refresh request inside a dialog (re-INVITE, UPDATE, SUBSCRIBE) carries a Contact.',
  },
  (model, emit) => {
    for (const m of model.messages) {
      if (!m.request || m.forwardOf || m.copyOf || m.toTag === undefined) continue;
      if (m.method !== 'INVITE' && m.method !== 'UPDATE' && m.method !== 'SUBSCRIBE') continue;
      if (m.contacts.length === 0)
        emit(m, `This ${m.method} inside a dialog is a target refresh request but has no Contact.`);
    }
  },
);

export const byeInDialog = defineRule(
  {
    id: 'bye-in-dialog',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§15',
    title: 'A BYE is sent only inside a dialog: its From and To both carry the dialog tags.',
  },
  (model, emit) => {
    for (const m of model.messages) {
      if (m.method !== 'BYE' || !m.request || m.forwardOf || m.copyOf) continue;
      if (m.toTag === undefined || m.fromTag === undefined)
        emit(
          m,
          `This BYE has no ${m.toTag === undefined ? 'To' : 'From'} tag, so it is outside any dialog; a UA must not send a BYE outside a dialog.`,
        );
    }
  },
);

export const cancelNoRequire = defineRule(
  {
    id: 'cancel-no-require',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§9.1',
    title: 'A CANCEL carries no Require or Proxy-Require header field.',
  },
  (model, emit) => {
    for (const m of model.messages) {
      if (m.method !== 'CANCEL' || !m.request || m.forwardOf || m.copyOf) continue;
      const bad = ['require', 'proxy-require'].filter((k) => m.sip.has(k));
      if (bad.length > 0)
        emit(
          m,
          `This CANCEL carries ${bad.map((k) => (k === 'require' ? 'Require' : 'Proxy-Require')).join(' and ')}; a CANCEL must not, since it cannot be rejected and resubmitted.`,
        );
    }
  },
);
