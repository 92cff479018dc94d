/** The answer to a MESSAGE (RFC 3428 §7): a 2xx carries no body and no Contact. */
import { defineRule } from '../rule';
import { what } from '../support/describe';

export const message2xxNoBody = defineRule(
  {
    id: 'message-2xx-no-body',
    level: 'MUST',
    rfc: 'RFC 3428',
    section: '§7',
    title: 'A 2xx response to MESSAGE carries no body.',
  },
  (model, emit) => {
    for (const r of model.messages)
      if (
        r.method === 'MESSAGE' &&
        r.status >= 200 &&
        r.status < 300 &&
        !r.forwardOf &&
        r.sip.body.length > 0
      )
        emit(
          r,
          `This ${what(r)} to a MESSAGE has a ${r.sip.body.length}-byte body; a 2xx to MESSAGE must not carry one.`,
        );
  },
);

export const message2xxNoContact = defineRule(
  {
    id: 'message-2xx-no-contact',
    level: 'MUST',
    rfc: 'RFC 3428',
    section: '§7',
    title: 'A UAS puts no Contact in a 2xx response to MESSAGE.',
  },
  (model, emit) => {
    for (const r of model.messages)
      if (
        r.method === 'MESSAGE' &&
        r.status >= 200 &&
        r.status < 300 &&
        !r.forwardOf &&
        r.contacts.length > 0
      )
        emit(
          r,
          `This ${what(r)} to a MESSAGE carries a Contact; MESSAGE makes no dialog, and a UAS must not put a Contact in its 2xx.`,
        );
  },
);
