/**
 * Call-ID, CSeq and Max-Forwards (RFC 3261 §8.1.1.4–§8.1.1.6, §8.2.6.2, §9.1, §10.2, §12.2.1.1,
 * §16.6 step 3): the Call-ID is the call's (new only for a new call or registration), the CSeq number
 * follows the rule of the message — the same as the request answered, cancelled or acknowledged, one
 * more than the element's previous request in the Call-ID, or any first value below 2^31 — and its
 * method is the request's; Max-Forwards is one less than received at a proxy, a value up to 255
 * (70 is usual) at a user agent.
 */
import type { SipMessage } from '../../codec';
import type { CompareContext } from '../context';
import { finding, judged, rfc3261, type Finding, type PartRule } from './finding';

function copiedFrom(ctx: CompareContext): string {
  switch (ctx.role) {
    case 'response':
      return 'the request it answers';
    case 'forwarded-request':
    case 'forwarded-response':
      return 'the message received';
    case 'cancel':
      return 'the INVITE it cancels';
    default:
      return 'the INVITE it acknowledges';
  }
}

export function compareCallId(got: SipMessage, ctx: CompareContext): Finding[] {
  const exp = ctx.expected.callId();
  if (exp === undefined) return [];
  const mine = got.callId();
  const same = ctx.seen.callIds.has(exp);
  const r: PartRule = same
    ? {
        rule:
          ctx.role === 'new-request'
            ? 'All registrations from a UAC SHOULD use the same Call-ID for a registrar; a request sent again after a challenge keeps it.'
            : ctx.role === 'in-dialog-request' || ctx.role === 'ack-2xx'
              ? 'The Call-ID of a request in a dialog MUST be the Call-ID of the dialog.'
              : `The Call-ID is copied from ${copiedFrom(ctx)}.`,
        section:
          ctx.role === 'new-request'
            ? `${rfc3261('10.2')}, ${rfc3261('8.1.3.5')}`
            : ctx.role === 'in-dialog-request' || ctx.role === 'ack-2xx'
              ? rfc3261('12.2.1.1')
              : ctx.role === 'cancel'
                ? rfc3261('9.1')
                : rfc3261('8.2.6.2'),
        hint: 'This message belongs to a call (or registration) that already has an identifier: which one?',
      }
    : {
        rule: 'A new call or registration gets a new Call-ID, globally unique over space and time (random, often with the host after "@").',
        section: rfc3261('8.1.1.4'),
        hint: 'Nothing before this message belongs to the same call: it needs an identifier of its own, never used before.',
      };
  if (mine === undefined)
    return [finding('Call-ID', 'missing', same ? exp : 'a new Call-ID', '', r)];
  const ok = same ? mine === exp : !ctx.seen.callIds.has(mine) && mine.length > 0;
  return [
    judged(
      'Call-ID',
      ok,
      same ? exp : 'a new Call-ID',
      mine + (!same && !ok ? ' (used before in this run)' : ''),
      r,
    ),
  ];
}

export function compareCSeq(got: SipMessage, ctx: CompareContext): Finding[] {
  const exp = ctx.expected.cseq();
  if (exp === undefined) return [];
  const mine = got.cseq();
  const method: PartRule = {
    rule:
      ctx.expected.kind === 'request'
        ? 'The method of CSeq MUST match the method of the request.'
        : 'CSeq of a response is that of the request it answers, method included.',
    section: ctx.expected.kind === 'request' ? rfc3261('8.1.1.5') : rfc3261('8.2.6.2'),
    hint:
      ctx.role === 'cancel' || ctx.role === 'ack-2xx' || ctx.role === 'ack-non-2xx'
        ? 'The number is the INVITE’s, but the method is this request’s own.'
        : 'Which request does this CSeq name?',
  };
  let numberRule: PartRule;
  let ok: (n: number) => boolean;
  let shown: string;
  const previous = ctx.previous?.cseq();
  if (ctx.role === 'new-request' || ctx.role === 'in-dialog-request') {
    if (previous !== undefined) {
      const one = exp.seq === previous.seq + 1;
      numberRule = {
        rule:
          ctx.role === 'in-dialog-request'
            ? 'Requests within a dialog MUST contain strictly monotonically increasing and contiguous CSeq numbers: the local sequence number plus one.'
            : ctx.expected.kind === 'request' && ctx.expected.method === 'REGISTER'
              ? 'A UA MUST increment the CSeq value by one for each REGISTER request with the same Call-ID (a request resubmitted with credentials too).'
              : 'A request sent again with credentials or to a new target increments the CSeq number.',
        section:
          ctx.role === 'in-dialog-request'
            ? rfc3261('12.2.1.1')
            : `${rfc3261('10.2')}, ${rfc3261('22.2')}`,
        hint: 'What was the CSeq of this element’s previous request in the same Call-ID?',
      };
      ok = one ? (n) => n === previous.seq + 1 : (n) => n > previous.seq;
      shown = one ? String(exp.seq) : `more than ${previous.seq}`;
    } else {
      numberRule = {
        rule: 'The first request of a Call-ID (or of this side of a dialog) may start with any CSeq number below 2^31.',
        section: `${rfc3261('8.1.1.5')}, ${rfc3261('12.2.1.1')}`,
        hint: 'Nothing came before in this Call-ID from this side: any starting number will do, within the limit.',
      };
      ok = (n) => n >= 0 && n < 2 ** 31;
      shown = 'any number below 2^31';
    }
  } else {
    numberRule = {
      rule: `The CSeq number is that of ${copiedFrom(ctx)}.`,
      section:
        ctx.role === 'cancel'
          ? rfc3261('9.1')
          : ctx.role === 'ack-2xx'
            ? rfc3261('13.2.2.4')
            : ctx.role === 'ack-non-2xx'
              ? rfc3261('17.1.1.3')
              : ctx.role === 'response'
                ? rfc3261('8.2.6.2')
                : rfc3261('16.6'),
      hint:
        ctx.role === 'ack-2xx'
          ? 'The ACK of a 2xx has the CSeq number of the INVITE it acknowledges (but is a transaction of its own).'
          : 'Which request does this message belong to?',
    };
    ok = (n) => n === exp.seq;
    shown = String(exp.seq);
  }
  if (mine === undefined)
    return [
      finding('CSeq', 'missing', `${shown} ${exp.method}`, '', {
        ...numberRule,
        section: `${numberRule.section}, ${rfc3261('8.1.1')}`,
      }),
    ];
  return [
    judged('CSeq number', ok(mine.seq), shown, String(mine.seq), numberRule),
    judged('CSeq method', mine.method === exp.method, exp.method, mine.method, method),
  ];
}

export function compareMaxForwards(got: SipMessage, ctx: CompareContext): Finding[] {
  if (ctx.expected.kind !== 'request') return [];
  const exp = ctx.expected.maxForwards();
  const mine = got.maxForwards();
  if (exp === undefined) return [];
  const forwarded = ctx.role === 'forwarded-request';
  const r: PartRule = forwarded
    ? {
        rule: 'The proxy MUST decrement the Max-Forwards value by one in the copy it forwards.',
        section: `${rfc3261('16.6')} step 3`,
        hint: 'Max-Forwards counts the hops a request may still take: what happens to it at each proxy?',
      }
    : {
        rule: 'A UAC MUST insert a Max-Forwards header field into each request it originates, with a value that SHOULD be 70.',
        section: rfc3261('8.1.1.6'),
        hint: 'How many hops may a new request take?',
      };
  const origin = forwarded ? ctx.origin?.maxForwards() : undefined;
  const shown = forwarded
    ? `${exp} (one less than the ${origin ?? exp + 1} received)`
    : '70 (any value up to 255)';
  if (mine === undefined) return [finding('Max-Forwards', 'missing', shown, '', r)];
  const ok = forwarded ? mine === exp : mine > 0 && mine <= 255;
  return [judged('Max-Forwards', ok, shown, String(mine), r)];
}
