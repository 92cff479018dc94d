/**
 * SDP bodies (RFC 4566) through sdp-transform, and the offer/answer basics (RFC 3264) the user agents
 * need: make an offer, answer it with the codecs both sides have.
 */
import { parse, write, type SessionDescription } from 'sdp-transform';

export type { SessionDescription };

export function parseSdp(text: string): SessionDescription {
  return parse(text);
}

export function writeSdp(sdp: SessionDescription): string {
  return write(sdp);
}

export interface AudioCodec {
  payload: number;
  name: string;
  rate: number;
}

export const DEFAULT_CODECS: readonly AudioCodec[] = [
  { payload: 0, name: 'PCMU', rate: 8000 },
  { payload: 8, name: 'PCMA', rate: 8000 },
];

/** An audio offer from a user agent at this address (RFC 3264 §5). */
export function makeOffer(opts: {
  user: string;
  address: string;
  port: number;
  sessionId: number;
  codecs?: readonly AudioCodec[];
}): string {
  const codecs = opts.codecs ?? DEFAULT_CODECS;
  const sdp: SessionDescription = {
    version: 0,
    origin: {
      username: opts.user,
      sessionId: opts.sessionId,
      sessionVersion: opts.sessionId,
      netType: 'IN',
      ipVer: 4,
      address: opts.address,
    },
    name: '-',
    connection: { version: 4, ip: opts.address },
    timing: { start: 0, stop: 0 },
    media: [
      {
        type: 'audio',
        port: opts.port,
        protocol: 'RTP/AVP',
        payloads: codecs.map((c) => c.payload).join(' '),
        rtp: codecs.map((c) => ({ payload: c.payload, codec: c.name, rate: c.rate })),
        fmtp: [],
        direction: 'sendrecv',
      },
    ],
  };
  return writeSdp(sdp);
}

/**
 * An answer to an offer (RFC 3264 §6): the same media lines, keeping only the codecs the answerer also
 * has; a media line with none in common is refused with port 0.
 */
export function makeAnswer(
  offerText: string,
  opts: {
    user: string;
    address: string;
    port: number;
    sessionId: number;
    codecs?: readonly AudioCodec[];
  },
): string {
  const offer = parseSdp(offerText);
  const mine = opts.codecs ?? DEFAULT_CODECS;
  const media = offer.media.map((m) => {
    const common = (m.rtp ?? []).filter((r) =>
      mine.some((c) => c.name.toLowerCase() === r.codec.toLowerCase()),
    );
    return {
      type: m.type,
      port: common.length > 0 ? opts.port : 0,
      protocol: m.protocol,
      payloads:
        common.length > 0
          ? common.map((r) => r.payload).join(' ')
          : (String(m.payloads ?? '0').split(' ')[0] ?? '0'),
      rtp: common,
      fmtp: [],
      direction: 'sendrecv' as const,
    };
  });
  return writeSdp({
    version: 0,
    origin: {
      username: opts.user,
      sessionId: opts.sessionId,
      sessionVersion: opts.sessionId,
      netType: 'IN',
      ipVer: 4,
      address: opts.address,
    },
    name: '-',
    connection: { version: 4, ip: opts.address },
    timing: { start: 0, stop: 0 },
    media,
  });
}
