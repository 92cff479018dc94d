/**
 * explainMessage: every line of a message with what it means, for people (the `explain` command and the
 * message inspector). Parsed values are described from the codec's own reading of them; an SDP body is
 * explained line by line too (sdp-docs.ts, RFC 4566).
 */
import { longName } from './header-names';
import { HEADER_DOCS } from './header-docs';
import { FIELD_PARSERS } from './field-parsers';
import type { HeaderField, SipMessage } from './message';
import { isStar } from './name-addr';
import { paramValue } from './params';
import { SipParseError } from './errors';
import { plainParseError } from './plain-errors';
import { explainSdp } from './sdp-docs';
import { formatUri, isSipUri, type Uri } from './uri';
import { viaBranch, MAGIC_COOKIE } from './via';
import { wireToText } from './wire';

export interface ExplainedLine {
  /** The text of the line (for a folded header, all its lines joined). */
  text: string;
  /** 'start' | 'header' | 'blank' | 'body' */
  part: 'start' | 'header' | 'blank' | 'body';
  /** Header key for header lines. */
  header?: string;
  meaning: string;
  rfc?: string;
  /** A problem with this line, when its value does not parse: the codec's message, with the rule. */
  problem?: string;
  /** The same problem in plain words, naming the header and what is wrong (plain-errors.ts). */
  problemInWords?: string;
}

function describeUri(uri: Uri): string {
  if (isSipUri(uri)) {
    return `${uri.scheme.toUpperCase()} URI for ${uri.user !== null ? `user "${uri.user}" at ` : ''}${uri.host}${uri.port !== null ? ` port ${uri.port}` : ''}`;
  }
  if (uri.scheme === 'tel') return `telephone number ${formatUri(uri).slice(4)}`;
  return `${uri.scheme} URI (not SIP)`;
}

function detail(msg: SipMessage, h: HeaderField): string {
  switch (h.key) {
    case 'via': {
      const vias = msg.vias().length;
      const top = msg.topVia();
      if (!top) return '';
      const b = viaBranch(top);
      return ` The topmost of ${vias} Via value${vias > 1 ? 's' : ''} says ${top.transport} to ${top.host}${top.port !== null ? ':' + top.port : ''}${b ? `, branch ${b}${b.startsWith(MAGIC_COOKIE) ? ' (RFC 3261 magic cookie: the branch alone identifies the transaction)' : ' (no magic cookie: an RFC 2543 peer)'}` : ', no branch'}.`;
    }
    case 'from':
    case 'to': {
      const na = h.key === 'from' ? msg.from() : msg.to();
      if (!na) return '';
      const tag = paramValue(na.params, 'tag');
      return ` Here: ${describeUri(na.uri)}${na.displayName ? `, shown as "${wireToText(na.displayName)}"` : ''}${tag ? `, tag ${tag}` : ', no tag yet'}.`;
    }
    case 'cseq': {
      const c = msg.cseq();
      return c ? ` Here: request number ${c.seq}, method ${c.method}.` : '';
    }
    case 'max-forwards':
      return ` Here: ${msg.maxForwards()} more hops.`;
    case 'contact': {
      const cs = msg.contacts();
      if (cs.length === 1 && cs[0] && isStar(cs[0]))
        return ' Here "*": remove every binding of this address of record (only with Expires: 0).';
      return ` Here: ${cs.map((c) => (isStar(c) ? '*' : describeUri(c.uri))).join('; ')}.`;
    }
    case 'expires':
      return ` Here: ${msg.expires()} seconds.`;
    case 'content-length':
      return ` Here: ${msg.body.length} bytes of body follow.`;
    default:
      return '';
  }
}

export function explainMessage(msg: SipMessage): ExplainedLine[] {
  const lines: ExplainedLine[] = [];
  if (msg.kind === 'request') {
    let target = msg.requestUri;
    try {
      target = describeUri(msg.uri());
    } catch {
      /* the problem is reported by validation */
    }
    lines.push({
      text: `${msg.method} ${msg.requestUri} ${msg.version}`,
      part: 'start',
      meaning: `Request line: method ${msg.method}, sent to ${target}, protocol ${msg.version}.`,
      rfc: 'RFC 3261 §7.1',
    });
  } else {
    const cls =
      [
        '',
        'provisional',
        'success',
        'redirection',
        'client error',
        'server error',
        'global failure',
      ][Math.floor(msg.status / 100)] ?? 'unknown class';
    lines.push({
      text: `${msg.version} ${msg.status} ${msg.reason}`,
      part: 'start',
      meaning: `Status line: ${msg.status} ${wireToText(msg.reason)}, a ${cls} response (${Math.floor(msg.status / 100)}xx).`,
      rfc: 'RFC 3261 §7.2, §21',
    });
  }
  for (const h of msg.headers) {
    const doc = HEADER_DOCS[h.key];
    const compact =
      h.name.length === 1 ? ` ("${h.name}" is the compact form of ${longName(h.key)}).` : '';
    let extra = '';
    let problem: SipParseError | undefined;
    try {
      // This line's own value first, so a problem is shown on the line that has it.
      const parse = FIELD_PARSERS.get(h.key);
      if (parse !== undefined) msg.parsedField(h, parse);
      extra = detail(msg, h);
    } catch (e) {
      if (!(e instanceof SipParseError)) throw e;
      // A list header's detail reads every line of it: another line's problem is shown on that line.
      if (e.header !== h.key || h.parsed === undefined) problem = e;
    }
    lines.push({
      text: h.raw ?? `${h.name}: ${h.value}`,
      part: 'header',
      header: h.key,
      meaning:
        (doc
          ? doc.summary
          : `${longName(h.key)}: a header this codec does not interpret; it is kept as received and forwarded unchanged.`) +
        compact +
        extra,
      ...(doc ? { rfc: doc.rfc } : {}),
      ...(problem !== undefined
        ? {
            problem: problem.message,
            problemInWords: plainParseError(problem, msg.source).sentence,
          }
        : {}),
    });
  }
  lines.push({
    text: '',
    part: 'blank',
    meaning: 'Empty line: the headers end here and the body starts.',
    rfc: 'RFC 3261 §7',
  });
  if (msg.body.length > 0) {
    let type = 'untyped';
    try {
      const ct = msg.contentType();
      if (ct) type = `${ct.type}/${ct.subtype}`;
    } catch (e) {
      if (!(e instanceof SipParseError)) throw e;
      type = 'with a malformed Content-Type';
    }
    if (type === 'application/sdp') {
      // A session description, line by line like the headers (RFC 4566 §5).
      for (const { text, explained } of explainSdp(msg.body)) {
        lines.push({
          text,
          part: 'body',
          meaning: explained.meaning,
          rfc: explained.rfc,
          ...(explained.problem !== undefined ? { problem: explained.problem } : {}),
        });
      }
    } else {
      for (const line of msg.body.split(/\r?\n/)) {
        if (line === '') continue;
        lines.push({ text: line, part: 'body', meaning: `Body (${type}).` });
      }
    }
  }
  return lines;
}
