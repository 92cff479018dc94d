/**
 * Route and Record-Route (RFC 3261 §12.2.1.1, §16.4, §16.6 step 4, §12.1.1): lists of URIs compared in
 * order, from the bottom (what is copied) to the top (what the element adds). A proxy that
 * record-routes puts its own URI, with lr, on top of the Record-Route it received; a UA's request in a
 * dialog carries the route set as Route; a response carries the request's Record-Route back.
 */
import { formatNameAddr, isSipUri, type NameAddr, type SipMessage } from '../../codec';
import type { CompareContext } from '../context';
import { finding, judged, rfc3261, type Finding, type PartRule } from './finding';
import { endpointOf, uriMatches, uriText } from './uris';

function routeRule(ctx: CompareContext): PartRule {
  switch (ctx.role) {
    case 'forwarded-request':
      return {
        rule: 'A proxy removes the top Route value when it names the proxy itself and forwards the others unchanged.',
        section: `${rfc3261('16.4')}, ${rfc3261('16.6')} step 7`,
        hint: 'Which Route values name this proxy, and which name hops still ahead?',
      };
    case 'ack-2xx':
    case 'in-dialog-request':
      return {
        rule: 'Inside a dialog whose route set is not empty and whose first URI has lr, the route set is put in Route header fields, in order, and the request goes to the first of them.',
        section: rfc3261('12.2.1.1'),
        hint: 'The route set was learnt from the Record-Route of the response that set up the dialog, in reverse order at the caller: which proxies asked to stay on the path?',
      };
    case 'cancel':
    case 'ack-non-2xx':
      return {
        rule: 'A CANCEL, and the ACK of a non-2xx, carry the Route header fields of the INVITE they belong to.',
        section: `${rfc3261('9.1')}, ${rfc3261('17.1.1.3')}`,
        hint: 'Did the INVITE carry a Route? This message must follow it hop by hop.',
      };
    default:
      return {
        rule: 'A request outside a dialog carries Route only for a pre-existing route set (an outbound proxy); a response carries none.',
        section: rfc3261('8.1.2'),
        hint: 'Is there a route set this message must follow?',
      };
  }
}

function recordRouteRule(ctx: CompareContext, own: boolean): PartRule {
  if (ctx.role === 'forwarded-request')
    return own
      ? {
          rule: 'A proxy that wishes to remain on the path of future requests in the dialog inserts a Record-Route value with its own URI, with the lr parameter, above those already present.',
          section: `${rfc3261('16.6')} step 4`,
          hint: 'How does this proxy ask to see the BYE and the re-INVITEs of this dialog too?',
        }
      : {
          rule: 'The Record-Route values already in the request are forwarded unchanged, below the proxy’s own.',
          section: `${rfc3261('16.6')} step 4`,
          hint: 'Other proxies before this one may have asked to stay on the path: keep their requests.',
        };
  if (ctx.role === 'forwarded-response')
    return {
      rule: 'A proxy forwards the Record-Route of a response unchanged (it may rewrite its own value only).',
      section: `${rfc3261('16.7')} step 4`,
      hint: 'What did the response carry when it reached the proxy?',
    };
  return {
    rule: 'A UAS copies the Record-Route header field values of the request into the responses that can create a dialog (1xx with a tag, 2xx), in the same order.',
    section: rfc3261('12.1.1'),
    hint: 'Which proxies asked to stay on the path? The caller learns its route set from this copy.',
  };
}

function text(na: NameAddr): string {
  return formatNameAddr({ ...na, displayName: null });
}

function isOwn(na: NameAddr, ctx: CompareContext): boolean {
  if (!isSipUri(na.uri)) return false;
  const e = ctx.element;
  return endpointOf(na.uri.host, na.uri.port, ctx.hosts) === `${e.address}:${e.port ?? 5060}`;
}

function compareList(
  header: 'Route' | 'Record-Route',
  exp: NameAddr[],
  mine: NameAddr[],
  ctx: CompareContext,
): Finding[] {
  const out: Finding[] = [];
  // Align from the bottom: the values copied from before are below the one an element adds.
  const ownTop =
    header === 'Record-Route' &&
    exp.length > 0 &&
    ctx.role === 'forwarded-request' &&
    isOwn(exp[0]!, ctx);
  const n = Math.min(exp.length - (ownTop ? 1 : 0), mine.length);
  for (let i = 1; i <= n; i++) {
    const e = exp[exp.length - i]!;
    const g = mine[mine.length - i]!;
    const r = header === 'Route' ? routeRule(ctx) : recordRouteRule(ctx, false);
    out.push(judged(header, uriMatches(g.uri, e.uri), uriText(e.uri), uriText(g.uri), r));
  }
  const expTop = exp.slice(0, exp.length - n);
  const gotTop = mine.slice(0, mine.length - n);
  if (ownTop && expTop.length === 1) {
    const r = recordRouteRule(ctx, true);
    const part = "Record-Route (this proxy's own)";
    const own = expTop[0]!;
    if (gotTop.length === 0) out.push(finding(part, 'missing', text(own), '', r));
    else {
      const g = gotTop[gotTop.length - 1]!;
      out.push(
        judged(part, uriMatches(g.uri, own.uri, { hosts: ctx.hosts }), text(own), text(g), r),
      );
      for (const x of gotTop.slice(0, -1))
        out.push(finding(header, 'extra', 'no such value', text(x), r));
    }
    return out;
  }
  const r = header === 'Route' ? routeRule(ctx) : recordRouteRule(ctx, false);
  for (const e of expTop) out.push(finding(header, 'missing', text(e), '', r));
  for (const g of gotTop) out.push(finding(header, 'extra', 'no such value', text(g), r));
  return out;
}

export function compareRoutes(got: SipMessage, ctx: CompareContext): Finding[] {
  return [
    ...compareList('Route', ctx.expected.routes(), got.routes(), ctx),
    ...compareList('Record-Route', ctx.expected.recordRoutes(), got.recordRoutes(), ctx),
  ];
}
