/**
 * What each line of an SDP body means (RFC 4566 §5, §6), in a sentence with its section, like
 * header-docs.ts for header fields: used by explainMessage for application/sdp bodies, so the
 * message lab, the inspector and the `explain` command read an offer line by line. Every citation
 * is checked by test/content/citations.test.ts against test/fixtures/rfc/rfc4566-sections.json.
 */
import { wireToText } from './wire';

export interface SdpLineDoc {
  /** The line type's name in RFC 4566: "Media description". */
  name: string;
  summary: string;
  rfc: string;
}

/** The line types of RFC 4566 §5, by their letter. */
export const SDP_DOCS: Readonly<Record<string, SdpLineDoc>> = {
  v: {
    name: 'Protocol version',
    summary: 'The version of SDP; RFC 4566 defines version 0, the only one.',
    rfc: 'RFC 4566 §5.1',
  },
  o: {
    name: 'Origin',
    summary:
      'Who made this description, given as a user name, a session id, a version number that goes up each time the description changes, and the address of the machine that made it.',
    rfc: 'RFC 4566 §5.2',
  },
  s: {
    name: 'Session name',
    summary: 'A name for the session; calls usually carry none and write "-" or a space.',
    rfc: 'RFC 4566 §5.3',
  },
  i: {
    name: 'Session information',
    summary:
      'A line of text about the session, or about one media stream when it follows an m= line.',
    rfc: 'RFC 4566 §5.4',
  },
  u: { name: 'URI', summary: 'Where to find more about the session.', rfc: 'RFC 4566 §5.5' },
  e: {
    name: 'Email address',
    summary: 'Whom to write to about the session.',
    rfc: 'RFC 4566 §5.6',
  },
  p: { name: 'Phone number', summary: 'Whom to call about the session.', rfc: 'RFC 4566 §5.6' },
  c: {
    name: 'Connection data',
    summary:
      'The address the media goes to, given as a network type (IN, the Internet), an address type (IP4 or IP6) and the address. After an m= line it holds for that stream only.',
    rfc: 'RFC 4566 §5.7',
  },
  b: {
    name: 'Bandwidth',
    summary: 'How much bandwidth the session or stream may use, in kilobits per second.',
    rfc: 'RFC 4566 §5.8',
  },
  t: {
    name: 'Timing',
    summary:
      'When the session starts and stops (NTP times); "0 0" means it is not bounded in time, as in a call.',
    rfc: 'RFC 4566 §5.9',
  },
  r: { name: 'Repeat times', summary: 'When a scheduled session repeats.', rfc: 'RFC 4566 §5.10' },
  z: {
    name: 'Time zones',
    summary: 'Time zone adjustments for a repeated session.',
    rfc: 'RFC 4566 §5.11',
  },
  k: {
    name: 'Encryption key',
    summary: 'A key for the media; RFC 4566 advises against it, and calls do not use it.',
    rfc: 'RFC 4566 §5.12',
  },
  a: {
    name: 'Attribute',
    summary:
      'An attribute of the session, or of one media stream when it follows an m= line, written as a name, or a name, ":" and a value.',
    rfc: 'RFC 4566 §5.13',
  },
  m: {
    name: 'Media description',
    summary:
      'One media stream, given as its type (audio, video …), the port it is to be sent to, the transport protocol and the formats it may use.',
    rfc: 'RFC 4566 §5.14',
  },
};

/** The attributes of RFC 4566 §6 that calls use, by name. */
export const SDP_ATTRIBUTE_DOCS: Readonly<Record<string, string>> = {
  rtpmap: 'Names an RTP payload type with its encoding, its clock rate and perhaps its channels.',
  fmtp: 'Parameters of one format (payload type), in the format’s own syntax.',
  ptime: 'How many milliseconds of media each packet should carry.',
  maxptime: 'The most milliseconds of media one packet may carry.',
  sendrecv: 'This side both sends and receives this media (the default).',
  sendonly: 'This side only sends this media: it will not receive it (a call on hold, for one).',
  recvonly: 'This side only receives this media: it will not send it.',
  inactive: 'This side neither sends nor receives this media (both on hold).',
  tool: 'The name and version of the program that wrote the description.',
  cat: 'A category for the session.',
  keywds: 'Keywords that describe the session.',
  orient: 'The orientation of a whiteboard.',
  type: 'The type of conference (broadcast, meeting, moderated, test, H332).',
  charset: 'The character set of the text lines (s= and i=).',
  sdplang: 'The language of the description.',
  lang: 'The language spoken in the session.',
  framerate: 'The most video frames per second.',
  quality: 'A hint of the quality wanted, from 0 (worst) to 10 (best).',
};

export interface ExplainedSdpLine {
  meaning: string;
  rfc: string;
  /** A problem with the line's form, when it has one. */
  problem?: string;
}

/** "The version …" → "the version …", after a colon; "RFC …" and "SDP …" stay as they are. */
function lowerFirst(s: string): string {
  return /^[A-Z](?:[a-z]| )/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** The parts of a line's value, split at spaces. */
function fields(value: string): string[] {
  return value.split(' ').filter((f) => f !== '');
}

/** What this particular line says, after the line type's summary; '' when there is nothing to add. */
function detail(type: string, value: string, inMedia: boolean): string {
  const f = fields(value);
  switch (type) {
    case 'v':
      return value === '0' ? '' : ` Here ${value}, which is not 0.`;
    case 'o':
      return f.length === 6
        ? ` Here: user ${f[0]}, session ${f[1]}, version ${f[2]}, made at ${f[5]} (${f[3]} ${f[4]}).`
        : '';
    case 'c':
      return f.length === 3
        ? ` Here: ${inMedia ? "this stream's" : 'the'} media goes to ${f[2]} (${f[0]} ${f[1]}).`
        : '';
    case 'b': {
      const m = /^([A-Za-z-]+):(\d+)$/.exec(value);
      return m ? ` Here: ${m[2]} kbit/s (${m[1]}).` : '';
    }
    case 't':
      return f[0] === '0' && f[1] === '0'
        ? ' Here "0 0": the session lasts until it is ended.'
        : '';
    case 'm': {
      if (f.length < 4) return '';
      const [media, port, proto, ...formats] = f as [string, string, string, ...string[]];
      const off = port === '0' ? ' Port 0 turns the stream off: it is declined or removed.' : '';
      const rtp = /^RTP\//.test(proto)
        ? ` The formats are RTP payload types; the a=rtpmap lines name them (0 is PCMU and 8 is PCMA without one), and the first is preferred.`
        : '';
      return ` Here: ${media}, which the sender of this description receives on port ${port} (at the c= address), over ${proto}, in format${formats.length > 1 ? 's' : ''} ${formats.join(', ')}.${off}${rtp}`;
    }
    default:
      return '';
  }
}

function explainAttribute(value: string): ExplainedSdpLine {
  const colon = value.indexOf(':');
  const name = colon < 0 ? value : value.slice(0, colon);
  const attrValue = colon < 0 ? '' : value.slice(colon + 1);
  const known = SDP_ATTRIBUTE_DOCS[name];
  if (known === undefined) {
    return {
      meaning: `Attribute ${name}: one RFC 4566 does not define (another RFC, or an application's own); an element that does not know it ignores it.`,
      rfc: 'RFC 4566 §5.13',
    };
  }
  let here = '';
  if (name === 'rtpmap') {
    const m = /^(\d+) ([^/ ]+)\/(\d+)(?:\/(\S+))?$/.exec(attrValue);
    if (m)
      here = ` Here: payload type ${m[1]} is ${m[2]} at ${m[3]} Hz${m[4] !== undefined ? `, ${m[4]} channels` : ''}.`;
  } else if (name === 'fmtp') {
    const m = /^(\d+) (.+)$/.exec(attrValue);
    if (m) here = ` Here: for payload type ${m[1]}, ${m[2]}.`;
  } else if (name === 'ptime' || name === 'maxptime') {
    if (/^\d+$/.test(attrValue)) here = ` Here: ${attrValue} ms.`;
  }
  return { meaning: `Attribute ${name}: ${lowerFirst(known)}${here}`, rfc: 'RFC 4566 §6' };
}

/** One line of an SDP body; `inMedia` is true after the first m= line (a media-level line). */
export function explainSdpLine(line: string, inMedia: boolean): ExplainedSdpLine {
  const text = wireToText(line);
  const m = /^([a-z])=(.*)$/s.exec(text);
  if (m === null) {
    return {
      meaning:
        'Not an SDP line: each line of a session description is one letter, "=" and a value.',
      rfc: 'RFC 4566 §5',
      problem: 'An SDP line is a letter, "=" and a value, with no space before the "=".',
    };
  }
  const [, type, value] = m as unknown as [string, string, string];
  if (type === 'a') return explainAttribute(value);
  const doc = SDP_DOCS[type];
  if (doc === undefined) {
    return {
      meaning: `Line type "${type}": not one RFC 4566 defines; a reader ignores it.`,
      rfc: 'RFC 4566 §5',
    };
  }
  return {
    meaning: `${doc.name}: ${lowerFirst(doc.summary)}${detail(type, value, inMedia)}`,
    rfc: doc.rfc,
  };
}

/** Every non-empty line of an SDP body, explained, with the line's text. */
export function explainSdp(body: string): { text: string; explained: ExplainedSdpLine }[] {
  const out: { text: string; explained: ExplainedSdpLine }[] = [];
  let inMedia = false;
  for (const line of body.split(/\r?\n/)) {
    if (line === '') continue;
    if (line.startsWith('m=')) inMedia = true;
    out.push({ text: line, explained: explainSdpLine(line, inMedia) });
  }
  return out;
}
