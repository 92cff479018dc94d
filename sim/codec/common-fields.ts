/**
 * The fields every element reads from every message: transaction matching needs the top Via branch
 * and CSeq (§17.1.3, §17.2.3), dialog matching the Call-ID and tags (§12), routing the Contact and the
 * Request-URI. Benchmarks call this to compare parsers fairly.
 */
import type { SipMessage } from './message';
import { paramValue } from './params';
import { isSipUri } from './uri';
import { viaBranch } from './via';
import { isStar } from './name-addr';

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

export function readCommonFields(msg: SipMessage): CommonFields {
  const via = msg.topVia();
  const from = msg.from();
  const to = msg.to();
  const contact = msg.contacts()[0];
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
    from === undefined ? undefined : (paramValue(from.params, 'tag') ?? undefined),
    to === undefined ? undefined : (paramValue(to.params, 'tag') ?? undefined),
    msg.cseq()?.seq,
    msg.callId(),
    contactHost,
    user,
    host,
  ];
}
