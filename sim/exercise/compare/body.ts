/**
 * The body and the header fields that describe it (RFC 3261 §7.4, §20.14, §20.15; RFC 3264 §6 for an
 * SDP answer; RFC 3863 for PIDF): Content-Length must count the body's bytes; Content-Type must name
 * its media type; a forwarded body is passed on unchanged; an SDP answer is judged by the offer/answer
 * rules (the same media lines, codecs taken from the offer, the answerer's own address), a PIDF
 * document by the presentity and its status, any other body by its text.
 */
import { parseSdp, wireToText, type SipMessage } from '../../codec';
import type { CompareContext } from '../context';
import { finding, judged, rfc3261, type Finding, type PartRule } from './finding';

const LENGTH: PartRule = {
  rule: 'Content-Length is the size of the body in bytes (0 when there is none).',
  section: rfc3261('20.14'),
  hint: 'Count the bytes of the body, line ends (CRLF, two bytes) included.',
};

const TYPE: PartRule = {
  rule: 'A message with a body MUST say the body’s media type in Content-Type.',
  section: `${rfc3261('20.15')}, ${rfc3261('7.4.1')}`,
  hint: 'What kind of document is in the body?',
};

function mediaType(m: SipMessage): string | undefined {
  const t = m.contentType();
  return t ? `${t.type}/${t.subtype}`.toLowerCase() : undefined;
}

function lines(body: string): string {
  return wireToText(body).replace(/\r\n/g, '\n').replace(/\s+$/, '');
}

interface SdpSummary {
  address: string | undefined;
  media: { type: string; port: number; protocol: string; formats: string[] }[];
  origin: boolean;
}

function sdpSummary(body: string): SdpSummary | undefined {
  try {
    const sdp = parseSdp(wireToText(body));
    if (sdp.media === undefined) return undefined;
    return {
      address: sdp.connection?.ip ?? sdp.media.find((m) => m.connection)?.connection?.ip,
      media: sdp.media.map((m) => ({
        type: m.type,
        port: m.port,
        protocol: m.protocol,
        formats: String(m.payloads ?? '')
          .split(/\s+/)
          .filter((x) => x !== ''),
      })),
      origin: sdp.origin !== undefined,
    };
  } catch {
    return undefined;
  }
}

function compareSdpAnswer(got: string, exp: string, offer: string | undefined): Finding[] {
  const r: PartRule = {
    rule: 'The answer has exactly as many media lines as the offer, in the same order; each accepted stream lists formats taken from the offer and a non-zero port; the connection address is where the answerer receives media.',
    section: 'RFC 3264 §6.1, RFC 4566 §5',
    hint: 'Look at the offer: which streams and codecs does it propose, and where will this phone receive the audio?',
  };
  const e = sdpSummary(exp);
  const g = sdpSummary(got);
  const o = offer !== undefined ? sdpSummary(offer) : undefined;
  if (e === undefined) return [];
  if (g === undefined || !g.origin)
    return [
      finding(
        'Body (SDP answer)',
        'wrong',
        'an SDP answer (v=, o=, s=, c=, t=, m= lines)',
        lines(got),
        r,
      ),
    ];
  const out: Finding[] = [];
  out.push(
    judged(
      'SDP connection address (c=)',
      g.address === e.address,
      `c=IN IP4 ${e.address ?? ''}`,
      g.address !== undefined ? `c=IN IP4 ${g.address}` : '',
      { ...r, hint: 'At which address will this phone receive the audio?' },
      g.address === undefined ? 'missing' : 'wrong',
    ),
  );
  const mediaOk =
    g.media.length === e.media.length &&
    g.media.every((m, i) => {
      const em = e.media[i]!;
      const offered = o?.media[i]?.formats ?? em.formats;
      if (m.type !== em.type || m.protocol !== em.protocol) return false;
      if (em.port === 0) return m.port === 0;
      return m.port > 0 && m.formats.length > 0 && m.formats.every((f) => offered.includes(f));
    });
  out.push(
    judged(
      'SDP media (m=)',
      mediaOk,
      e.media
        .map((m) => `m=${m.type} ${m.port > 0 ? '<port>' : 0} ${m.protocol} <formats of the offer>`)
        .join('; '),
      g.media.map((m) => `m=${m.type} ${m.port} ${m.protocol} ${m.formats.join(' ')}`).join('; '),
      r,
    ),
  );
  return out;
}

function tagValue(xml: string, re: RegExp): string | undefined {
  return re.exec(xml)?.[1]?.trim();
}

function comparePidf(got: string, exp: string): Finding[] {
  const r: PartRule = {
    rule: 'A presence NOTIFY carries a PIDF document: the presentity in the entity attribute, and its status as <basic>open</basic> or <basic>closed</basic>.',
    section: 'RFC 3863 §4, RFC 3856 §6.6',
    hint: 'Whose presence is this, and is that person available?',
  };
  const entity = /entity\s*=\s*"([^"]*)"/;
  const basic = /<basic>\s*([^<]*)<\/basic>/;
  const e = { entity: tagValue(exp, entity), basic: tagValue(exp, basic) };
  const g = { entity: tagValue(got, entity), basic: tagValue(got, basic) };
  return [
    judged(
      'PIDF entity',
      g.entity === e.entity,
      e.entity ?? '',
      g.entity ?? '',
      r,
      g.entity === undefined ? 'missing' : 'wrong',
    ),
    judged(
      'PIDF status (basic)',
      g.basic?.toLowerCase() === e.basic?.toLowerCase(),
      e.basic ?? '',
      g.basic ?? '',
      r,
      g.basic === undefined ? 'missing' : 'wrong',
    ),
  ];
}

export function compareBody(got: SipMessage, ctx: CompareContext): Finding[] {
  const out: Finding[] = [];
  const exp = ctx.expected;
  const length = got.header('content-length');
  if (length !== undefined) {
    // Over UDP the bytes after Content-Length are dropped (§18.3): a count too small cuts the body.
    const src = got.source;
    const split = src === null ? -1 : src.indexOf('\r\n\r\n');
    const written = split < 0 || src === null ? got.body : src.slice(split + 4);
    const declared = Number(length.value);
    const cut = written.length > declared && /\S/.test(written.slice(declared));
    const size = cut ? written.length : got.body.length;
    const ok = /^\s*\d+\s*$/.test(length.value) && declared === got.body.length && !cut;
    out.push(judged('Content-Length', ok, String(size), length.value, LENGTH));
  }
  const forwarded = ctx.role === 'forwarded-request' || ctx.role === 'forwarded-response';
  const expType = mediaType(exp);
  const gotType = mediaType(got);
  if (exp.body === '' && got.body !== '') {
    out.push(
      finding('Body', 'extra', 'no body', lines(got.body), {
        rule: forwarded
          ? 'A proxy forwards the body as it received it.'
          : 'This message carries no body.',
        section: forwarded ? `${rfc3261('16.6')} step 1` : rfc3261('7.4'),
        hint: 'Does this message need to describe a session or carry a document?',
      }),
    );
    return out;
  }
  if (exp.body === '') return out;
  if (got.body === '') {
    out.push(
      finding('Body', 'missing', expType ? `a ${expType} body` : 'a body', '', {
        rule: forwarded
          ? 'A proxy forwards the body as it received it.'
          : expType === 'application/sdp'
            ? 'The 2xx to an INVITE with an offer MUST carry the answer.'
            : 'This message carries a document in its body.',
        section: forwarded
          ? `${rfc3261('16.6')} step 1`
          : expType === 'application/sdp'
            ? `${rfc3261('13.3.1.4')}, RFC 3264 §6`
            : rfc3261('7.4'),
        hint: 'What must this message tell the other side, beyond its header fields?',
      }),
    );
    return out;
  }
  out.push(
    judged(
      'Content-Type',
      gotType === expType,
      expType ?? '',
      gotType ?? '',
      TYPE,
      gotType === undefined ? 'missing' : 'wrong',
    ),
  );
  if (forwarded) {
    out.push(
      judged('Body', lines(got.body) === lines(exp.body), lines(exp.body), lines(got.body), {
        rule: 'A proxy forwards the body of a message unchanged.',
        section: `${rfc3261('16.6')} step 1`,
        hint: 'Does a proxy read or change the session description?',
      }),
    );
    return out;
  }
  if (expType === 'application/sdp') {
    const offer = ctx.request?.body || ctx.invite?.body || undefined;
    out.push(...compareSdpAnswer(got.body, exp.body, offer));
    return out;
  }
  if (expType === 'application/pidf+xml') {
    out.push(...comparePidf(wireToText(got.body), wireToText(exp.body)));
    return out;
  }
  out.push(
    judged('Body', lines(got.body) === lines(exp.body), lines(exp.body), lines(got.body), {
      rule: 'The body carries the document this message is about.',
      section: rfc3261('7.4'),
      hint: 'What does this message have to say in its body?',
    }),
  );
  return out;
}
