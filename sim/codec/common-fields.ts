/**
 * The fields every element reads from every message: transaction matching needs the top Via branch
 * and CSeq (§17.1.3, §17.2.3), dialog matching the Call-ID and tags (§12), routing the Contact and the
 * Request-URI. Benchmarks call this to compare parsers fairly.
 */
import { callIdIn, cseqIn } from './header-values';
import type { HeaderField, SipMessage } from './message';
import { contactListIn, isStar, nameAddrIn, type ContactValue } from './name-addr';
import { paramValue } from './params';
import { isSipUri } from './uri';
import { viaBranch, viaListIn, type Via } from './via';

export type CommonFields = [
  branch: string | undefined,
  fromTag: string | undefined,
  toTag: string | undefined,
  cseq: number | undefined,
  callId: string | undefined,
  contactHost: string | undefined,
  requestUriUser: string | undefined,
  requestUriHost: string | undefined,
];

/**
 * One pass over the header fields finds where each of them stands; they are then parsed in the order
 * the typed accessors would parse them (every Via line, From, To, every Contact line, the
 * Request-URI, CSeq, Call-ID), so a malformed message fails with the same error as through them.
 */
export function readCommonFields(msg: SipMessage): CommonFields {
  const headers = msg.headers;
  let firstVia = -1;
  let lastVia = -1;
  let firstContact = -1;
  let lastContact = -1;
  let from: HeaderField | undefined;
  let to: HeaderField | undefined;
  let cseq: HeaderField | undefined;
  let callId: HeaderField | undefined;
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i]!;
    const key = h.key;
    if (key === 'via') {
      if (firstVia < 0) firstVia = i;
      lastVia = i;
    } else if (key === 'contact') {
      if (firstContact < 0) firstContact = i;
      lastContact = i;
    } else if (key === 'from') from ??= h;
    else if (key === 'to') to ??= h;
    else if (key === 'cseq') cseq ??= h;
    else if (key === 'call-id') callId ??= h;
  }
  // §17.1.3, §17.2.3: the top Via (every Via line is parsed, as topVia() does).
  let via: Via | undefined;
  for (let i = firstVia; i >= 0 && i <= lastVia; i++) {
    const h = headers[i]!;
    if (h.key !== 'via') continue;
    const vias = msg.parsedField(h, viaListIn);
    via ??= vias[0];
  }
  const fromValue = from === undefined ? undefined : msg.parsedField(from, nameAddrIn);
  const toValue = to === undefined ? undefined : msg.parsedField(to, nameAddrIn);
  // The first Contact of all lines together (every line is parsed, as contacts() does).
  let contact: ContactValue | undefined;
  for (let i = firstContact; i >= 0 && i <= lastContact; i++) {
    const h = headers[i]!;
    if (h.key !== 'contact') continue;
    const contacts = msg.parsedField(h, contactListIn);
    contact ??= contacts[0];
  }
  let contactHost: string | undefined;
  if (contact !== undefined && !isStar(contact) && isSipUri(contact.uri))
    contactHost = contact.uri.host;
  let user: string | undefined;
  let host: string | undefined;
  if (msg.kind === 'request') {
    const uri = msg.uri();
    if (isSipUri(uri)) {
      user = uri.user ?? undefined;
      host = uri.host;
    }
  }
  return [
    via === undefined ? undefined : viaBranch(via),
    fromValue === undefined ? undefined : (paramValue(fromValue.params, 'tag') ?? undefined),
    toValue === undefined ? undefined : (paramValue(toValue.params, 'tag') ?? undefined),
    cseq === undefined ? undefined : msg.parsedField(cseq, cseqIn).seq,
    callId === undefined ? undefined : msg.parsedField(callId, callIdIn),
    contactHost,
    user,
    host,
  ];
}
