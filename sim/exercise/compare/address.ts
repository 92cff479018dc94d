/**
 * From, To and Contact (RFC 3261 §8.1.1.2–§8.1.1.3, §8.1.1.8, §8.2.6.2, §10.3, §12.1.1, §12.2.1.1):
 * the addresses compared as URIs (display names are not judged), and the tags by their rule — the
 * same as an earlier message's where one is copied or the dialog has it, new (present, never used in
 * the run) where the element makes one, absent where none belongs.
 */
import {
  findParam,
  formatNameAddr,
  isSipUri,
  isStar,
  paramValue,
  type ContactValue,
  type NameAddr,
  type SipMessage,
} from '../../codec';
import type { CompareContext } from '../context';
import { finding, judged, rfc3261, type Finding, type PartRule } from './finding';
import { endpointOf, uriMatches, uriText } from './uris';

type Which = 'From' | 'To';

function addressRule(which: Which, ctx: CompareContext): PartRule {
  const method = ctx.expected.kind === 'request' ? ctx.expected.method : '';
  switch (ctx.role) {
    case 'response':
      return {
        rule: 'The From field of the response MUST equal the From of the request; the To field MUST equal the To of the request (a tag added).',
        section: rfc3261('8.2.6.2'),
        hint: 'A response is matched to its request by these fields: take them from the request.',
      };
    case 'forwarded-request':
    case 'forwarded-response':
      return {
        rule: 'A proxy forwards a copy of the message: it does not change From or To.',
        section: ctx.role === 'forwarded-request' ? `${rfc3261('16.6')} step 1` : rfc3261('16.7'),
        hint: 'Which header fields does a proxy change, and is this one of them?',
      };
    case 'cancel':
      return {
        rule: 'The To and From of a CANCEL MUST be identical to those of the request being cancelled.',
        section: rfc3261('9.1'),
        hint: 'The CANCEL must be matched to the INVITE: copy what identifies it.',
      };
    case 'ack-non-2xx':
      return {
        rule: 'The From of the ACK equals the From of the original request; its To equals the To of the response being acknowledged.',
        section: rfc3261('17.1.1.3'),
        hint: 'One of the two comes from the INVITE, the other from the response it acknowledges.',
      };
    case 'ack-2xx':
    case 'in-dialog-request':
      return {
        rule: 'Inside a dialog, the From URI and tag are the local URI and local tag; the To URI and tag are the remote URI and remote tag.',
        section: rfc3261('12.2.1.1'),
        hint: 'Look at the dialog state: which side is local, which remote?',
      };
    default:
      if (method === 'REGISTER')
        return {
          rule:
            which === 'To'
              ? 'The To header field of a REGISTER contains the address of record whose registration is to be created, queried or modified.'
              : 'The From header field of a REGISTER contains the address of record of the person responsible for the registration.',
          section: rfc3261('10.2'),
          hint: 'Whose bindings does this REGISTER change?',
        };
      return which === 'To'
        ? {
            rule: 'The To header field names the desired recipient of the request.',
            section: rfc3261('8.1.1.2'),
            hint: 'Whom is this request for?',
          }
        : {
            rule: 'The From header field names the logical identity of the one who sends the request (its address of record).',
            section: rfc3261('8.1.1.3'),
            hint: 'Who is asking?',
          };
  }
}

function tagRule(
  which: Which,
  kind: 'same' | 'new' | 'none' | 'same-or-new',
  ctx: CompareContext,
): PartRule {
  if (kind === 'none')
    return which === 'To'
      ? {
          rule: 'A request outside of a dialog MUST NOT contain a To tag; the tag in the To field of a request identifies the peer of the dialog.',
          section: rfc3261('8.1.1.2'),
          hint: 'Is there a dialog yet? Who would have chosen that tag?',
        }
      : {
          rule: 'The From field of every request carries a tag.',
          section: rfc3261('8.1.1.3'),
          hint: 'What marks this side of a future dialog?',
        };
  if (kind === 'new')
    return which === 'To'
      ? {
          rule: 'The UAS MUST add a tag to the To header field of a response that has none (but a 100 Trying), chosen new, and use it for all responses to the request.',
          section: `${rfc3261('8.2.6.2')}, ${rfc3261('19.3')}`,
          hint: 'The To tag is this side’s half of the dialog identifier: the side that answers chooses it, and it must be one nobody has used.',
        }
      : {
          rule: 'The From field of a new request outside a dialog MUST contain a new tag, chosen by the UAC (random, globally unique).',
          section: `${rfc3261('8.1.1.3')}, ${rfc3261('19.3')}`,
          hint: 'A new request needs this side’s half of a future dialog identifier: one never used before.',
        };
  if (kind === 'same-or-new')
    return {
      rule: 'A request sent again after a challenge keeps its From tag (or takes a new one, as any new request may).',
      section: `${rfc3261('8.1.3.5')}, ${rfc3261('8.1.1.3')}`,
      hint: 'This REGISTER repeats the previous one with credentials: its identity fields stay as they were.',
    };
  return {
    ...addressRule(which, ctx),
    hint:
      ctx.role === 'response' && which === 'To'
        ? 'All responses to one request carry the same To tag: has this element answered the request before?'
        : 'This tag was chosen before, by one of the two sides: which message carries it?',
  };
}

function tagOf(na: NameAddr | undefined): string | undefined {
  const t = na ? paramValue(na.params, 'tag') : undefined;
  return t === null ? '' : t;
}

function compareOne(which: Which, got: SipMessage, ctx: CompareContext): Finding[] {
  const exp = which === 'From' ? ctx.expected.from() : ctx.expected.to();
  const mine = which === 'From' ? got.from() : got.to();
  if (exp === undefined) return [];
  const rule = addressRule(which, ctx);
  if (mine === undefined)
    return [
      finding(which, 'missing', formatNameAddr(exp), '', {
        ...rule,
        section: `${rule.section}, ${rfc3261('8.1.1')}`,
      }),
    ];
  const out = [
    judged(which, uriMatches(mine.uri, exp.uri), uriText(exp.uri), uriText(mine.uri), rule),
  ];
  const expTag = tagOf(exp);
  const gotTag = tagOf(mine);
  const part = `${which} tag`;
  if (expTag === undefined) {
    if (gotTag !== undefined)
      out.push(finding(part, 'extra', 'no tag', gotTag, tagRule(which, 'none', ctx)));
    return out;
  }
  const seen = ctx.seen.tags.has(expTag);
  const previousTag = tagOf(ctx.previous?.from());
  const kind =
    seen && which === 'From' && ctx.role === 'new-request' && previousTag === expTag
      ? 'same-or-new'
      : seen
        ? 'same'
        : 'new';
  const r = tagRule(which, kind, ctx);
  const shownExpected =
    kind === 'same' ? expTag : kind === 'new' ? 'a new tag' : `${expTag} (or a new tag)`;
  if (gotTag === undefined || gotTag === '') {
    out.push(finding(part, 'missing', shownExpected, '', r));
    return out;
  }
  const fresh = !ctx.seen.tags.has(gotTag);
  const ok =
    kind === 'same' ? gotTag === expTag : kind === 'new' ? fresh : gotTag === expTag || fresh;
  out.push(
    judged(
      part,
      ok,
      shownExpected,
      gotTag + (!ok && kind !== 'same' && !fresh ? ' (used before in this run)' : ''),
      r,
    ),
  );
  return out;
}

export function compareFromTo(got: SipMessage, ctx: CompareContext): Finding[] {
  return [...compareOne('From', got, ctx), ...compareOne('To', got, ctx)];
}

// ---- Contact ----------------------------------------------------------------------------------------

function contactRule(ctx: CompareContext): PartRule {
  if (ctx.role === 'forwarded-request' || ctx.role === 'forwarded-response')
    return {
      rule: 'A proxy forwards a copy of the message: it does not change Contact.',
      section: `${rfc3261('16.6')} step 1`,
      hint: 'The Contact is the address of the phone that wrote it, not of the proxy.',
    };
  switch (ctx.element.kind) {
    case 'registrar':
      return {
        rule: 'The 200 OK of a registrar MUST contain Contact header field values enumerating all current bindings of the address of record, each with an "expires" parameter giving its expiration interval.',
        section: `${rfc3261('10.3')} step 8`,
        hint: 'List every binding the location service now has for this address of record — the old ones too — with the time each has left.',
      };
    case 'redirect-server':
      return {
        rule: 'A redirect server puts the locations it found (from the location service) into Contact header fields of the 3xx.',
        section: `${rfc3261('8.3')}, ${rfc3261('21.3.3')}`,
        hint: 'Where is the user now, according to the location service?',
      };
    default:
      return {
        rule: 'The Contact provides a SIP URI at which this element can be reached directly for subsequent requests (the remote target of a dialog).',
        section: `${rfc3261('8.1.1.8')}, ${rfc3261('12.1.1')}`,
        hint: 'At which address can the other side reach this element directly, later in the dialog?',
      };
  }
}

function contactText(c: ContactValue): string {
  return isStar(c) ? '*' : formatNameAddr(c);
}

function isOwn(c: NameAddr, ctx: CompareContext): boolean {
  if (!isSipUri(c.uri)) return false;
  const e = ctx.element;
  return endpointOf(c.uri.host, c.uri.port, ctx.hosts) === `${e.address}:${e.port ?? 5060}`;
}

function numberParam(na: NameAddr, name: string): number | undefined {
  const v = findParam(na.params, name)?.value;
  if (v === undefined || v === null) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export function compareContact(got: SipMessage, ctx: CompareContext): Finding[] {
  const exp = ctx.expected.contacts();
  const mine = got.contacts();
  const rule = contactRule(ctx);
  const out: Finding[] = [];
  const judgedExtras =
    ctx.role === 'forwarded-request' ||
    ctx.role === 'forwarded-response' ||
    ctx.element.kind === 'registrar' ||
    ctx.element.kind === 'redirect-server';
  if (exp.length === 0) {
    if (judgedExtras)
      for (const c of mine)
        out.push(finding('Contact', 'extra', 'no Contact', contactText(c), rule));
    return out;
  }
  if (mine.length === 0) {
    out.push(finding('Contact', 'missing', exp.map(contactText).join(', '), '', rule));
    return out;
  }
  const used = new Set<number>();
  for (const e of exp) {
    if (isStar(e)) {
      const i = mine.findIndex((m, k) => !used.has(k) && isStar(m));
      if (i >= 0) used.add(i);
      out.push(finding('Contact', i >= 0 ? 'right' : 'missing', '*', i >= 0 ? '*' : '', rule));
      continue;
    }
    const own = isOwn(e, ctx);
    const i = mine.findIndex(
      (m, k) =>
        !used.has(k) && !isStar(m) && uriMatches(m.uri, e.uri, own ? { hosts: ctx.hosts } : {}),
    );
    if (i < 0) {
      out.push(
        finding(
          'Contact',
          exp.length === 1 && mine.length === 1 ? 'wrong' : 'missing',
          contactText(e),
          exp.length === 1 && mine.length === 1 ? contactText(mine[0]!) : '',
          rule,
        ),
      );
      if (exp.length === 1 && mine.length === 1) used.add(0);
      continue;
    }
    used.add(i);
    const m = mine[i] as NameAddr;
    out.push(finding('Contact', 'right', contactText(e), contactText(m), rule));
    for (const name of ['expires', 'q']) {
      const ev = numberParam(e, name);
      if (ev === undefined) continue;
      const gv = numberParam(m, name);
      const ok = gv !== undefined && (name === 'expires' ? Math.abs(gv - ev) <= 1 : gv === ev);
      out.push(
        finding(
          `Contact ${name}`,
          gv === undefined ? 'missing' : ok ? 'right' : 'wrong',
          `${name}=${ev}`,
          gv === undefined ? '' : `${name}=${gv}`,
          {
            ...rule,
            hint:
              name === 'expires'
                ? 'How many seconds does each binding have left now? Old bindings have been running down since they were made.'
                : rule.hint,
          },
        ),
      );
    }
  }
  mine.forEach((m, k) => {
    if (!used.has(k))
      out.push(finding('Contact', 'extra', 'no such Contact', contactText(m), rule));
  });
  return out;
}
