/**
 * Message framing (RFC 3261 §7, §18.3, §20.14, §20.15): a message parses; Content-Length gives the
 * body's size and is present on stream transports; a body has a Content-Type.
 */
import { defineRule } from '../rule';

/** Reported by the engine itself when the codec cannot read a message; the check finds nothing more. */
export const parseable = defineRule(
  {
    id: 'parseable',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§7',
    title:
      'A message follows the SIP grammar (start line, header fields, empty line, body) closely enough to be read.',
  },
  () => {},
);

export const contentLengthMatchesBody = defineRule(
  {
    id: 'content-length-matches-body',
    level: 'SHOULD',
    rfc: 'RFC 3261',
    section: '§20.14',
    title: 'Content-Length gives the exact size of the body in bytes, so nothing follows it.',
  },
  (model, emit) => {
    for (const m of model.messages) {
      const h = m.sip.header('content-length');
      if (h === undefined) continue;
      const extra = m.bytesAfterHeaders - m.sip.body.length;
      if (extra > 0)
        emit(
          m,
          `Content-Length says ${m.sip.body.length} bytes but ${m.bytesAfterHeaders} bytes follow the header fields: the receiver discards the last ${extra} (§18.3). Content-Length should be the body's real size.`,
        );
    }
  },
);

export const contentLengthOnStream = defineRule(
  {
    id: 'content-length-on-stream',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§20.14',
    title: 'A message sent over a stream transport (TCP, TLS) carries Content-Length.',
  },
  (model, emit) => {
    for (const m of model.messages) {
      if ((m.transport === 'TCP' || m.transport === 'TLS') && !m.sip.has('content-length'))
        emit(
          m,
          `This message went over ${m.transport} without Content-Length; on a stream the receiver cannot tell where it ends. Content-Length must be present.`,
        );
    }
  },
);

export const contentTypeWithBody = defineRule(
  {
    id: 'content-type-with-body',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§20.15',
    title: 'A message with a non-empty body says what the body is in Content-Type.',
  },
  (model, emit) => {
    for (const m of model.messages) {
      if (m.sip.body.length > 0 && !m.sip.has('content-type'))
        emit(
          m,
          `This message has a ${m.sip.body.length}-byte body but no Content-Type header field; the receiver cannot know how to read the body.`,
        );
    }
  },
);
