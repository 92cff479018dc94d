/**
 * What each header field is for, in a sentence, with the RFC section that defines it. Used by the
 * explain command and the message inspector. Written for students; checked against RFC 3261 §20.
 * Every citation names its RFC ("RFC 3261 §20.42, §18.2.2; RFC 3581 §4"), and
 * test/content/citations.test.ts checks that each cited section exists there.
 */
export interface HeaderDoc {
  summary: string;
  rfc: string;
}

export const HEADER_DOCS: Readonly<Record<string, HeaderDoc>> = {
  via: {
    summary:
      'One hop the request has taken: the transport and the address its sender gave for responses (sent-by), plus the branch that names the transaction. Responses retrace the Via list; over UDP each goes to the address the request really came from (a received parameter, added when it differs from sent-by) and to the sent-by port, or, with rport (RFC 3581), to the port it came from: how SIP gets through NAT.',
    rfc: 'RFC 3261 §20.42, §18.2.1, §18.2.2; RFC 3581 §4',
  },
  'max-forwards': {
    summary:
      'How many more hops the request may take; each proxy takes one off and answers 483 Too Many Hops at zero, which stops loops.',
    rfc: 'RFC 3261 §20.22, §16.3',
  },
  to: {
    summary:
      'The logical recipient (an address of record). The callee adds a tag to it in its responses; that tag is one half of the dialog identity.',
    rfc: 'RFC 3261 §20.39, §8.1.1.2',
  },
  from: {
    summary:
      'The logical initiator, with a tag chosen by the caller; the tag is the other half of the dialog identity.',
    rfc: 'RFC 3261 §20.20, §8.1.1.3',
  },
  'call-id': {
    summary:
      'A globally unique identifier that groups every message of one registration or one call.',
    rfc: 'RFC 3261 §20.8, §8.1.1.4',
  },
  cseq: {
    summary:
      'A sequence number and the method: it orders requests within a dialog and tells which request a response answers.',
    rfc: 'RFC 3261 §20.16, §8.1.1.5',
  },
  contact: {
    summary:
      'Where the sender can be reached directly: the address future requests (or a registrar binding) should use.',
    rfc: 'RFC 3261 §20.10, §8.1.1.8',
  },
  route: {
    summary:
      'The proxies this request must pass through, in order (built from Record-Route for requests inside a dialog).',
    rfc: 'RFC 3261 §20.34, §16.12',
  },
  'record-route': {
    summary:
      'Added by a proxy that wants to stay on the path of later requests in the dialog (such as the BYE).',
    rfc: 'RFC 3261 §20.30, §16.6',
  },
  'content-type': {
    summary: 'The kind of body, such as application/sdp for a session description.',
    rfc: 'RFC 3261 §20.15',
  },
  'content-length': {
    summary:
      'The size of the body in bytes; it tells where the message ends. Every message should carry it; over TCP or TLS it must, while over UDP a message without it ends with its datagram.',
    rfc: 'RFC 3261 §20.14, §18.3',
  },
  'content-encoding': {
    summary: 'How the body was encoded (e.g. compressed) on top of its Content-Type.',
    rfc: 'RFC 3261 §20.12',
  },
  expires: {
    summary: 'How long, in seconds, a registration, subscription or invitation stays valid.',
    rfc: 'RFC 3261 §20.19',
  },
  'min-expires': {
    summary: 'The shortest expiry the server accepts (sent with 423 Interval Too Brief).',
    rfc: 'RFC 3261 §20.23',
  },
  allow: { summary: 'The methods the sender supports.', rfc: 'RFC 3261 §20.5' },
  supported: { summary: 'Extensions (option tags) the sender supports.', rfc: 'RFC 3261 §20.37' },
  require: {
    summary:
      'Extensions the receiver must support to process the request, or answer 420 Bad Extension.',
    rfc: 'RFC 3261 §20.32, §8.2.2.3',
  },
  'proxy-require': {
    summary: 'Extensions every proxy on the path must support.',
    rfc: 'RFC 3261 §20.29',
  },
  unsupported: {
    summary: 'The extensions from Require that the server does not support (in a 420 response).',
    rfc: 'RFC 3261 §20.40',
  },
  'www-authenticate': {
    summary:
      'A digest challenge from a user agent server or registrar (with 401): realm and nonce to compute credentials with.',
    rfc: 'RFC 3261 §20.44, §22.2',
  },
  'proxy-authenticate': {
    summary: 'A digest challenge from a proxy (with 407).',
    rfc: 'RFC 3261 §20.27, §22.3',
  },
  authorization: {
    summary:
      'Credentials answering a WWW-Authenticate challenge: the user name and a response hash computed from the password.',
    rfc: 'RFC 3261 §20.7, §22.4',
  },
  'proxy-authorization': {
    summary: "Credentials answering a proxy's Proxy-Authenticate challenge.",
    rfc: 'RFC 3261 §20.28, §22.3',
  },
  event: {
    summary: 'The event package a SUBSCRIBE or NOTIFY is about (e.g. presence).',
    rfc: 'RFC 6665 §8.2.1',
  },
  'subscription-state': {
    summary:
      'In a NOTIFY: whether the subscription is active, pending or terminated, and for how long.',
    rfc: 'RFC 6665 §8.2.3',
  },
  'allow-events': {
    summary: 'The event packages the sender can notify about.',
    rfc: 'RFC 6665 §8.2.2',
  },
  warning: {
    summary:
      'Extra information about a problem: a three-digit code, the agent that added it and a text.',
    rfc: 'RFC 3261 §20.43',
  },
  date: { summary: 'When the message was sent, in GMT.', rfc: 'RFC 3261 §20.17' },
  'retry-after': {
    summary:
      'How long to wait before trying again: how long a service will be unavailable (with 500 or 503), or when the called party expects to be reachable again (with 404, 413, 480, 486, 600 or 603).',
    rfc: 'RFC 3261 §20.33',
  },
  'user-agent': { summary: 'The software of the user agent client.', rfc: 'RFC 3261 §20.41' },
  server: { summary: 'The software of the server that answered.', rfc: 'RFC 3261 §20.35' },
  subject: { summary: 'A summary or the nature of the call.', rfc: 'RFC 3261 §20.36' },
  accept: { summary: 'The body types the sender can read.', rfc: 'RFC 3261 §20.1' },
  'accept-encoding': {
    summary: 'The content encodings the sender can read.',
    rfc: 'RFC 3261 §20.2',
  },
  'accept-language': {
    summary: 'The languages the sender prefers for reason phrases and bodies.',
    rfc: 'RFC 3261 §20.3',
  },
  'reply-to': { summary: 'Where a reply should go, if not to From.', rfc: 'RFC 3261 §20.31' },
  organization: { summary: 'The organization of the sender.', rfc: 'RFC 3261 §20.25' },
  priority: {
    summary: 'How urgent the request is (emergency, urgent, normal, non-urgent).',
    rfc: 'RFC 3261 §20.26',
  },
  timestamp: {
    summary: 'When the request was sent, echoed in responses to measure round-trip time.',
    rfc: 'RFC 3261 §20.38',
  },
  'call-info': {
    summary: 'More information about the caller or callee (e.g. an icon or a web page).',
    rfc: 'RFC 3261 §20.9',
  },
  'alert-info': { summary: 'An alternative ring tone for the callee.', rfc: 'RFC 3261 §20.4' },
  'error-info': {
    summary: 'A pointer to more information about an error response.',
    rfc: 'RFC 3261 §20.18',
  },
  'in-reply-to': {
    summary: 'The Call-IDs this call answers or refers to.',
    rfc: 'RFC 3261 §20.21',
  },
  'mime-version': { summary: 'The MIME version of the body.', rfc: 'RFC 3261 §20.24' },
  'content-disposition': {
    summary: 'How to interpret the body (session, render, icon, alert).',
    rfc: 'RFC 3261 §20.11',
  },
  'content-language': { summary: 'The language of the body.', rfc: 'RFC 3261 §20.13' },
  'authentication-info': {
    summary: 'Information for mutual authentication after a successful digest exchange.',
    rfc: 'RFC 3261 §20.6',
  },
};
