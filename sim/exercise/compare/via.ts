/**
 * Via (RFC 3261 §8.1.1.7, §16.6 step 8, §16.7 step 3, §8.2.6.2, §9.1, §17.1.1.3): the path of a request,
 * judged as a list aligned from the bottom. The entries below the top are copied and must be the same;
 * the top entry of a request is the element's own: its sent-by is the element, and its branch follows
 * a rule — new and starting with the magic cookie, or for a CANCEL and the ACK of a non-2xx the
 * INVITE's own. A response carries the request's Vias; a proxy forwarding one takes its own off.
 */
import { MAGIC_COOKIE, formatVia, viaBranch, type SipMessage, type Via } from '../../codec';
import type { CompareContext } from '../context';
import { finding, judged, rfc3261, type Finding, type PartRule } from './finding';
import { endpointOf } from './uris';

function paramsOf(v: Via): Map<string, string> {
  const m = new Map<string, string>();
  for (const p of v.params) {
    const name = p.name.toLowerCase();
    m.set(name, name === 'branch' ? (p.value ?? '') : (p.value ?? '').toLowerCase());
  }
  return m;
}

/** The same Via entry (a copy): protocol, transport, sent-by and parameters. */
export function sameVia(a: Via, b: Via): boolean {
  if (a.protocol.toUpperCase() !== b.protocol.toUpperCase()) return false;
  if (a.version !== b.version || a.transport.toUpperCase() !== b.transport.toUpperCase())
    return false;
  if (endpointOf(a.host, a.port) !== endpointOf(b.host, b.port)) return false;
  const pa = paramsOf(a);
  const pb = paramsOf(b);
  if (pa.size !== pb.size) return false;
  for (const [k, v] of pa) if (pb.get(k) !== v) return false;
  return true;
}

function copiedRule(ctx: CompareContext): PartRule {
  switch (ctx.role) {
    case 'forwarded-request':
      return {
        rule: 'The proxy inserts its own Via above the Via header field values of the request, which it leaves as they are.',
        section: `${rfc3261('16.6')} step 8`,
        hint: 'The Vias below the new top one record the path so far: the responses need them to find their way back.',
      };
    case 'forwarded-response':
      return {
        rule: 'The proxy removes the topmost Via (its own) and forwards the response with the other Via values unchanged.',
        section: `${rfc3261('16.7')} step 3`,
        hint: 'Only the top Via belongs to this proxy; the others lead the response back to the caller.',
      };
    default:
      return {
        rule: 'The Via header field values in the response MUST equal the Via header field values in the request, in the same order.',
        section: rfc3261('8.2.6.2'),
        hint: 'A response travels back along the path the request recorded: copy that path exactly.',
      };
  }
}

function branchRule(ctx: CompareContext, same: boolean): PartRule {
  if (same && ctx.role === 'cancel')
    return {
      rule: 'A CANCEL MUST have a single Via header field value matching the top Via value in the request being cancelled.',
      section: rfc3261('9.1'),
      hint: 'The next hop must match the CANCEL to the INVITE transaction it cancels: which value identifies that transaction?',
    };
  if (same)
    return {
      rule: 'The ACK of a non-2xx final response MUST contain a single Via header field, equal to the top Via of the original request.',
      section: rfc3261('17.1.1.3'),
      hint: 'This ACK is part of the INVITE transaction, not a new one: which value names that transaction?',
    };
  return ctx.role === 'forwarded-request'
    ? {
        rule: 'The proxy puts a branch in its Via that is unique to this forwarded request and begins with the magic cookie "z9hG4bK".',
        section: `${rfc3261('16.6')} step 8, ${rfc3261('8.1.1.7')}`,
        hint: 'This copy starts a new client transaction at the proxy: it needs an identifier of its own, not the one of the request received.',
      }
    : {
        rule: 'The branch MUST be unique across space and time for all requests sent by the UA (except CANCEL and the ACK of a non-2xx) and MUST begin with "z9hG4bK".',
        section: rfc3261('8.1.1.7'),
        hint:
          ctx.role === 'ack-2xx'
            ? 'The ACK of a 2xx is a transaction of its own, separate from the INVITE: what does a new transaction need?'
            : 'A new transaction needs an identifier never used before, in the form RFC 3261 marks with its magic cookie.',
      };
}

function judgeBranch(got: Via, exp: Via, ctx: CompareContext): Finding {
  const expected = viaBranch(exp) ?? '';
  const branch = viaBranch(got);
  const same = ctx.seen.branches.has(expected);
  const rule = branchRule(ctx, same);
  if (branch === undefined)
    return finding(
      'Via branch',
      'missing',
      same ? expected : 'a new branch starting with z9hG4bK',
      '',
      rule,
    );
  if (same) return judged('Via branch', branch === expected, expected, branch, rule);
  const ok =
    branch.startsWith(MAGIC_COOKIE) &&
    branch.length > MAGIC_COOKIE.length &&
    !ctx.seen.branches.has(branch);
  const why = !branch.startsWith(MAGIC_COOKIE)
    ? ' (it does not begin with the magic cookie)'
    : ctx.seen.branches.has(branch)
      ? ' (used before in this run)'
      : branch.length === MAGIC_COOKIE.length
        ? ' (nothing after the magic cookie)'
        : '';
  return judged('Via branch', ok, 'a new branch starting with z9hG4bK', branch + why, rule);
}

function judgeOwn(got: Via, exp: Via, ctx: CompareContext): Finding[] {
  const own: PartRule = {
    rule: "The Via of the element that sends a request names the element's own address (sent-by) and the transport: SIP/2.0/UDP here.",
    section: ctx.role === 'forwarded-request' ? `${rfc3261('16.6')} step 8` : rfc3261('8.1.1.7'),
    hint: 'Responses come back to the address in the top Via: whose address must that be?',
  };
  const sentBy = endpointOf(exp.host, exp.port, ctx.hosts);
  const gotSentBy = endpointOf(got.host, got.port, ctx.hosts);
  const transportOk =
    got.protocol.toUpperCase() === 'SIP' &&
    got.version === '2.0' &&
    got.transport.toUpperCase() === exp.transport.toUpperCase();
  const out = [
    judged(
      'Via sent-by',
      sentBy === gotSentBy && transportOk,
      `SIP/2.0/${exp.transport} ${exp.host}${exp.port !== null ? ':' + exp.port : ''}`,
      `${got.protocol}/${got.version}/${got.transport} ${got.host}${got.port !== null ? ':' + got.port : ''}`,
      own,
    ),
  ];
  out.push(judgeBranch(got, exp, ctx));
  return out;
}

export function compareVia(got: SipMessage, ctx: CompareContext): Finding[] {
  const exp = ctx.expected.vias();
  const mine = got.vias();
  const out: Finding[] = [];
  const ownCount = ctx.expected.kind === 'request' ? 1 : 0;
  const matched = Math.min(exp.length - ownCount, mine.length);
  const copied = copiedRule(ctx);
  for (let i = 1; i <= matched; i++) {
    const e = exp[exp.length - i]!;
    const g = mine[mine.length - i]!;
    out.push(
      judged(
        `Via (${ordinal(exp.length - i + 1)} from the top)`,
        sameVia(g, e),
        formatVia(e),
        formatVia(g),
        copied,
      ),
    );
  }
  const expTop = exp.slice(0, exp.length - matched);
  const gotTop = mine.slice(0, mine.length - matched);
  if (ownCount === 1 && expTop.length === 1) {
    const own = expTop[0]!;
    if (gotTop.length === 0)
      out.push(
        finding(
          ctx.role === 'forwarded-request' ? "Via (this proxy's own)" : 'Via',
          'missing',
          formatVia(own).replace(/;branch=[^;]*/, ';branch=…'),
          '',
          {
            rule:
              ctx.role === 'forwarded-request'
                ? 'The proxy MUST insert a Via header field value into the copy before the existing Via values.'
                : 'A request MUST contain exactly one Via header field value when the UA sends it, naming the UA.',
            section:
              ctx.role === 'forwarded-request' ? `${rfc3261('16.6')} step 8` : rfc3261('8.1.1.7'),
            hint:
              ctx.role === 'forwarded-request'
                ? 'Without a Via of its own, would the responses to this request pass back through the proxy?'
                : 'Where would the responses to this request go?',
          },
        ),
      );
    else {
      for (const extra of gotTop.slice(0, -1)) out.push(extraVia(extra, ctx));
      out.push(...judgeOwn(gotTop[gotTop.length - 1]!, own, ctx));
    }
    return out;
  }
  for (const e of expTop) out.push(finding('Via', 'missing', formatVia(e), '', copied));
  for (const g of gotTop) out.push(extraVia(g, ctx));
  return out;
}

function extraVia(v: Via, ctx: CompareContext): Finding {
  if (ctx.role === 'forwarded-response')
    return finding("Via (this proxy's own)", 'extra', 'removed', formatVia(v), {
      rule: 'The proxy removes the topmost Via header field value from the response before forwarding it.',
      section: `${rfc3261('16.7')} step 3`,
      hint: 'Which Via did this proxy put on the request? The response has done with it once it reaches the proxy.',
    });
  return finding('Via', 'extra', 'no such Via', formatVia(v), {
    rule:
      ctx.expected.kind === 'response'
        ? 'The Vias of a response are the Vias of the request, no more.'
        : 'Each element on the path adds exactly one Via.',
    section: ctx.expected.kind === 'response' ? rfc3261('8.2.6.2') : rfc3261('8.1.1.7'),
    hint: 'Count the hops this message has passed: one Via for each.',
  });
}

function ordinal(n: number): string {
  const s =
    n % 10 === 1 && n % 100 !== 11
      ? 'st'
      : n % 10 === 2 && n % 100 !== 12
        ? 'nd'
        : n % 10 === 3 && n % 100 !== 13
          ? 'rd'
          : 'th';
  return `${n}${s}`;
}
