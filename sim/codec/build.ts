/**
 * Building messages from scratch (the elements' side): long header names, in the order given, and a
 * Content-Length that serialize adds. Responses copy the headers of the request that §8.2.6.2 names.
 */
import { headerKey } from './header-names';
import { SipRequest, SipResponse, type HeaderField } from './message';
import { longName } from './header-names';
import { textToWire } from './wire';

export type HeaderInit = readonly (readonly [name: string, value: string])[];

function fields(init: HeaderInit): HeaderField[] {
  return init.map(([name, value]) => {
    const key = headerKey(name);
    return {
      name: longName(key),
      key,
      value: textToWire(value),
      raw: null,
      offset: -1,
      parsed: undefined,
      valueOffset: -1,
    };
  });
}

export function createRequest(
  method: string,
  requestUri: string,
  headers: HeaderInit,
  body = '',
): SipRequest {
  const req = new SipRequest(method, requestUri, 'SIP/2.0', fields(headers), textToWire(body));
  req.changed = true;
  return req;
}

export function createResponse(
  status: number,
  reason: string,
  headers: HeaderInit,
  body = '',
): SipResponse {
  const res = new SipResponse(
    status,
    textToWire(reason),
    'SIP/2.0',
    fields(headers),
    textToWire(body),
  );
  res.changed = true;
  return res;
}

/** The default reason phrases of RFC 3261 §21 (and RFC 6665's 489). */
export const REASON_PHRASES: Readonly<Record<number, string>> = {
  100: 'Trying',
  180: 'Ringing',
  181: 'Call Is Being Forwarded',
  182: 'Queued',
  183: 'Session Progress',
  200: 'OK',
  202: 'Accepted',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Moved Temporarily',
  305: 'Use Proxy',
  380: 'Alternative Service',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  410: 'Gone',
  413: 'Request Entity Too Large',
  414: 'Request-URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Unsupported URI Scheme',
  420: 'Bad Extension',
  421: 'Extension Required',
  423: 'Interval Too Brief',
  480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist',
  482: 'Loop Detected',
  483: 'Too Many Hops',
  484: 'Address Incomplete',
  485: 'Ambiguous',
  486: 'Busy Here',
  487: 'Request Terminated',
  488: 'Not Acceptable Here',
  489: 'Bad Event',
  491: 'Request Pending',
  493: 'Undecipherable',
  500: 'Server Internal Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Server Time-out',
  505: 'Version Not Supported',
  513: 'Message Too Large',
  600: 'Busy Everywhere',
  603: 'Decline',
  604: 'Does Not Exist Anywhere',
  606: 'Not Acceptable',
};

export function reasonPhrase(status: number): string {
  return (
    REASON_PHRASES[status] ??
    (status < 200
      ? 'Provisional'
      : status < 300
        ? 'Success'
        : status < 400
          ? 'Redirection'
          : status < 500
            ? 'Client Error'
            : status < 600
              ? 'Server Error'
              : 'Global Failure')
  );
}

/**
 * A response to a request (§8.2.6.2): From, Call-ID, CSeq and every Via copied as received, To copied
 * and given a tag when toTag is set and the To has none; any extra headers after them. A response that
 * can create a dialog (101–299 to INVITE or SUBSCRIBE) also copies Record-Route (§12.1.1).
 */
export function responseTo(
  request: SipRequest,
  status: number,
  opts: { reason?: string; toTag?: string; headers?: HeaderInit; body?: string } = {},
): SipResponse {
  const copied: HeaderField[] = [];
  for (const h of request.headers) {
    const dialogForming =
      status > 100 &&
      status < 300 &&
      (request.method === 'INVITE' || request.method === 'SUBSCRIBE');
    if (
      h.key === 'via' ||
      h.key === 'from' ||
      h.key === 'call-id' ||
      h.key === 'cseq' ||
      (h.key === 'record-route' && dialogForming)
    ) {
      copied.push({
        name: longName(h.key),
        key: h.key,
        value: h.value,
        raw: null,
        offset: -1,
        parsed: undefined,
        valueOffset: -1,
      });
    } else if (h.key === 'to') {
      let value = h.value;
      if (opts.toTag !== undefined && status !== 100 && !/;\s*tag\s*=/i.test(value))
        value += `;tag=${opts.toTag}`;
      copied.push({
        name: 'To',
        key: 'to',
        value,
        raw: null,
        offset: -1,
        parsed: undefined,
        valueOffset: -1,
      });
    }
  }
  const res = new SipResponse(
    status,
    textToWire(opts.reason ?? reasonPhrase(status)),
    'SIP/2.0',
    [...copied, ...fields(opts.headers ?? [])],
    textToWire(opts.body ?? ''),
  );
  res.changed = true;
  return res;
}
