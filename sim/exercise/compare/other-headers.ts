/**
 * The other header fields that carry meaning here (RFC 3261 §10.2 Expires, RFC 6665 §8.2.1 Event and
 * §8.2.3 Subscription-State): compared by value where the real element has them. For a forwarded
 * message every other header field must be passed on as it came (§16.6 step 1, §16.7); headers that
 * only inform (User-Agent, Allow, Supported, ...) are not judged on a message an element makes itself.
 */
import { SipParseError, longName, type SipMessage } from '../../codec';
import type { CompareContext } from '../context';
import { finding, judged, rfc3261, type Finding, type PartRule } from './finding';

/** Header fields judged by the other comparators. */
export const HANDLED = new Set([
  'via',
  'from',
  'to',
  'call-id',
  'cseq',
  'max-forwards',
  'contact',
  'route',
  'record-route',
  'content-length',
  'content-type',
  'authorization',
  'proxy-authorization',
]);

/** Header fields whose presence changes what the message means: one too many is a mistake. */
const MEANINGFUL = new Set([
  'expires',
  'event',
  'subscription-state',
  'require',
  'proxy-require',
  'www-authenticate',
  'proxy-authenticate',
  'min-expires',
]);

function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (e instanceof SipParseError) return undefined;
    throw e;
  }
}

function normal(v: string): string {
  return v
    .replace(/\s+/g, ' ')
    .replace(/\s*([,;=])\s*/g, '$1')
    .trim();
}

function expiresRule(ctx: CompareContext): PartRule {
  const method = ctx.expected.kind === 'request' ? ctx.expected.method : '';
  if (method === 'REGISTER')
    return {
      rule: 'The Expires header field of a REGISTER says for how long the binding is asked for, in seconds.',
      section: `${rfc3261('10.2.1.1')}`,
      hint: 'For how long should the registrar keep this binding?',
    };
  return {
    rule: 'Expires gives the duration of the subscription (SUBSCRIBE and its 2xx) or of the offer, in seconds.',
    section: `RFC 6665 §4.1.2.1, ${rfc3261('20.19')}`,
    hint: 'How long was asked for, and how long was granted?',
  };
}

function compareExpires(got: SipMessage, ctx: CompareContext): Finding[] {
  const exp = safe(() => ctx.expected.expires());
  if (exp === undefined) return [];
  const mine = safe(() => got.expires());
  const r = expiresRule(ctx);
  if (mine === undefined)
    return [
      finding(
        'Expires',
        got.has('expires') ? 'wrong' : 'missing',
        String(exp),
        got.headerValue('expires') ?? '',
        r,
      ),
    ];
  return [judged('Expires', mine === exp, String(exp), String(mine), r)];
}

function compareEvent(got: SipMessage, ctx: CompareContext): Finding[] {
  const out: Finding[] = [];
  const exp = safe(() => ctx.expected.event());
  if (exp !== undefined) {
    const r: PartRule = {
      rule: 'A NOTIFY carries the Event header field of the subscription it belongs to (the same event package and id).',
      section: 'RFC 6665 §8.2.1, §4.2.1.2',
      hint: 'Which event package did the SUBSCRIBE ask for?',
    };
    const mine = safe(() => got.event());
    const ok =
      mine !== undefined &&
      mine.type.toLowerCase() === exp.type.toLowerCase() &&
      (mine.params.find((p) => p.name.toLowerCase() === 'id')?.value ?? null) ===
        (exp.params.find((p) => p.name.toLowerCase() === 'id')?.value ?? null);
    out.push(
      judged(
        'Event',
        ok,
        ctx.expected.headerValue('event') ?? exp.type,
        got.headerValue('event') ?? '',
        r,
        mine === undefined && !got.has('event') ? 'missing' : 'wrong',
      ),
    );
  }
  const state = safe(() => ctx.expected.subscriptionState());
  if (state !== undefined) {
    const r: PartRule = {
      rule: 'A NOTIFY MUST contain a Subscription-State header field: "active" for an accepted subscription, with an "expires" parameter giving the time left.',
      section: 'RFC 6665 §4.2.1.2, §8.2.3',
      hint: 'Is the subscription accepted, and how much of the time granted in the 200 OK is left?',
    };
    const mine = safe(() => got.subscriptionState());
    const e = ctx.expected.headerValue('subscription-state') ?? '';
    const g = got.headerValue('subscription-state') ?? '';
    if (mine === undefined)
      out.push(finding('Subscription-State', g === '' ? 'missing' : 'wrong', e, g, r));
    else {
      const expExpires = state.params.find((p) => p.name.toLowerCase() === 'expires')?.value;
      const gotExpires = mine.params.find((p) => p.name.toLowerCase() === 'expires')?.value;
      const ok =
        mine.state.toLowerCase() === state.state.toLowerCase() &&
        (expExpires === undefined ||
          (gotExpires !== undefined &&
            gotExpires !== null &&
            expExpires !== null &&
            Math.abs(Number(gotExpires) - Number(expExpires)) <= 1));
      out.push(judged('Subscription-State', ok, e, g, r));
    }
  }
  return out;
}

/** A forwarded message passes on every other header field as it came. */
function compareCopied(got: SipMessage, ctx: CompareContext): Finding[] {
  const out: Finding[] = [];
  const keys: string[] = [];
  for (const h of ctx.expected.headers)
    if (!HANDLED.has(h.key) && !keys.includes(h.key)) keys.push(h.key);
  const r: PartRule = {
    rule:
      ctx.role === 'forwarded-request'
        ? 'The proxy makes a copy of the received request and changes only what forwarding requires (Request-URI, Max-Forwards, Record-Route, Via, Route).'
        : 'The proxy forwards the response with only its own Via removed.',
    section:
      ctx.role === 'forwarded-request' ? `${rfc3261('16.6')} step 1` : `${rfc3261('16.7')} step 3`,
    hint: 'A proxy passes on what it does not need to change: was this header field there when the message arrived?',
  };
  for (const key of keys) {
    if (key === 'expires' || key === 'event' || key === 'subscription-state') continue;
    const e = ctx.expected
      .headersOf(key)
      .map((h) => normal(h.value))
      .join(',');
    const gs = got.headersOf(key);
    const name = longName(key);
    if (gs.length === 0) {
      out.push(finding(name, 'missing', e, '', r));
      continue;
    }
    const g = gs.map((h) => normal(h.value)).join(',');
    out.push(judged(name, g.toLowerCase() === e.toLowerCase(), e, g, r));
  }
  return out;
}

function compareExtras(got: SipMessage, ctx: CompareContext): Finding[] {
  const out: Finding[] = [];
  const done = new Set<string>();
  for (const h of got.headers) {
    if (done.has(h.key) || !MEANINGFUL.has(h.key) || ctx.expected.has(h.key)) continue;
    done.add(h.key);
    out.push(
      finding(longName(h.key), 'extra', `no ${longName(h.key)}`, h.value, {
        rule: `The real element sends no ${longName(h.key)} here, and this header field changes what the message means.`,
        section: rfc3261('20'),
        hint: `What would the receiver understand from ${longName(h.key)}? Is that meant here?`,
      }),
    );
  }
  return out;
}

export function compareOtherHeaders(got: SipMessage, ctx: CompareContext): Finding[] {
  const forwarded = ctx.role === 'forwarded-request' || ctx.role === 'forwarded-response';
  return [
    ...compareExpires(got, ctx),
    ...compareEvent(got, ctx),
    ...(forwarded ? compareCopied(got, ctx) : []),
    ...compareExtras(got, ctx),
  ];
}
