/**
 * What the grammar expects, in plain words (RFC 3261 §25.1, §20): each rule the codec names in a
 * SipParseError's `expected` has a phrase saying what belongs at that place, for plain-errors.ts.
 */

/** One rule: a pattern on the codec's `expected` text, and the thing that belongs there. */
interface Expectation {
  rule: RegExp;
  /** A noun phrase: "a “/” between the version and the transport, as in SIP/2.0/UDP". */
  phrase: string;
}

// Order matters: the first rule that matches wins, so the narrower rules come first.
const EXPECTATIONS: readonly Expectation[] = [
  // Via (§20.42, sent-protocol and sent-by in §25.1)
  {
    rule: /^",", ";" and a via-param, or the end of the value/,
    phrase:
      'a “;” and a parameter (such as ;branch=z9hG4bK…), a “,” and another Via, or the end of the line',
  },
  {
    rule: /^SLASH between protocol name and version/,
    phrase: 'a “/” between SIP and its version, as in SIP/2.0/UDP',
  },
  {
    rule: /^SLASH between protocol version and transport/,
    phrase: 'a “/” between the version and the transport, as in SIP/2.0/UDP',
  },
  { rule: /^protocol-name/, phrase: 'the protocol name, SIP' },
  { rule: /^protocol-version/, phrase: 'the protocol version, 2.0' },
  { rule: /^transport =/, phrase: 'the transport, such as UDP, TCP or TLS' },
  { rule: /^via-parm =/, phrase: 'a space, then the host (and port) that responses go to' },
  { rule: /^sent-by =/, phrase: 'the host (and port) that responses go to' },
  { rule: /port from 0 to 65535/, phrase: 'a port number from 0 to 65535' },
  { rule: /^port = 1\*DIGIT/, phrase: 'a port number, in digits' },
  { rule: /^IPv6address:/, phrase: 'an IPv6 address: hex digits, “:” and “.”' },
  { rule: /IPv6reference/, phrase: 'an IPv6 address in brackets, closed by “]”' },
  // CSeq, Call-ID, Max-Forwards, Expires, Retry-After, Content-Length (§20)
  {
    rule: /^CSeq = /,
    phrase: 'a number, a space and the method, as in “CSeq: 1 INVITE”',
  },
  { rule: /^a sequence number below 2\*\*31/, phrase: 'a number below 2147483648 (2³¹)' },
  {
    rule: /^the request method after the CSeq number/,
    phrase: 'the method after the number, as in “CSeq: 1 INVITE”',
  },
  { rule: /^the end of the CSeq value/, phrase: 'the end of the line, right after the method' },
  {
    rule: /^callid =/,
    phrase:
      'one word without spaces, optionally followed by “@” and a host, as in “a84b4c76e66710@pc33.atlanta.example.com”',
  },
  { rule: /^Max-Forwards =/, phrase: 'a whole number from 0 to 255' },
  { rule: /^(Min-)?Expires = delta-seconds/, phrase: 'a whole number of seconds' },
  { rule: /^delta-seconds up to/, phrase: 'a number of seconds below 4294967296 (2³²)' },
  {
    rule: /^Retry-After =/,
    phrase: 'a number of seconds, then perhaps a comment in parentheses and parameters',
  },
  { rule: /^Content-Length = /, phrase: 'a whole number of bytes' },
  {
    rule: /^a Content-Length equal to the body size/,
    phrase: 'a Content-Length equal to the number of bytes after the empty line',
  },
  { rule: /^one Content-Length header/, phrase: 'one Content-Length header' },
  // Addresses and URIs (§19.1.1, §25.1)
  {
    rule: /^name-addr =/,
    phrase:
      'an address such as “Alice <sip:alice@atlanta.example.com>” or “sip:alice@atlanta.example.com”',
  },
  { rule: /^a URI scheme/, phrase: 'a URI that starts with its scheme, such as “sip:”' },
  {
    rule: /^a ":" after the URI scheme/,
    phrase: 'a scheme and “:” at the start of the URI, as in “sip:bob@biloxi.example.com”',
  },
  { rule: /^a host:/, phrase: 'a host name or an IP address' },
  { rule: /^user = /, phrase: 'a user name before the “@”' },
  {
    rule: /^userinfo =/,
    phrase:
      'a user name of letters, digits and - _ . ! ~ * ’ ( ) & = + $ , ; ? / (anything else written as %HH), then “@”',
  },
  { rule: /^escaped =/, phrase: '“%” and two hex digits' },
  { rule: /^hostname =/, phrase: 'a host name whose parts are separated by single dots' },
  {
    rule: /^domainlabel =/,
    phrase: 'a part of the host name that starts and ends with a letter or a digit',
  },
  { rule: /^IPv4address =/, phrase: 'four numbers from 0 to 255 separated by dots' },
  { rule: /^uri-parameter =/, phrase: 'a parameter name after the “;”' },
  { rule: /^pvalue =/, phrase: 'a value after the “=”' },
  { rule: /^header = hname/, phrase: 'a header name after “?” or “&”' },
  { rule: /^an "=" after the URI header name/, phrase: 'an “=” after the header name' },
  {
    rule: /^a SIP URI:/,
    phrase: 'the end of the URI, or “;” and a parameter, or “?” and headers',
  },
  { rule: /^an absoluteURI/, phrase: 'the rest of the URI after its scheme, without spaces' },
  { rule: /tel URI parameter/, phrase: 'a parameter name after the “;”' },
  { rule: /tel URI|telephone-subscriber/, phrase: 'a telephone number' },
  // Quoted strings and parameters (§25.1)
  { rule: /^a closing double quote/, phrase: 'a closing double quote (")' },
  { rule: /^a quoted-string/, phrase: 'a text in double quotes' },
  { rule: /^a parameter: generic-param/, phrase: 'a parameter name after the “;”' },
  { rule: /^a parameter value:/, phrase: 'a value after the “=”' },
  {
    rule: /^";" and a parameter, or the end of the value/,
    phrase: 'a “;” and a parameter, or the end of the line',
  },
  {
    rule: /^",", ";" or the end of the value/,
    phrase: 'a “;” and a parameter, a “,” and another address, or the end of the line',
  },
  {
    rule: /^";" and an? (event|subexp)-param, or the end/,
    phrase: 'a “;” and a parameter, or the end of the line',
  },
  // Content-Type (§20.15)
  {
    rule: /^SLASH between media type and subtype/,
    phrase: 'a type and a subtype separated by “/”, as in “application/sdp”',
  },
  { rule: /^m-type/, phrase: 'a media type, such as “application”' },
  { rule: /^m-subtype/, phrase: 'a subtype after the “/”, such as “sdp”' },
  // Lists of names, authentication, events, Warning, Date
  {
    rule: /^(Allow|Supported|Require|Proxy-Require|Unsupported|Content-Encoding|Allow-Events) =/,
    phrase: 'names separated by commas',
  },
  { rule: /^an auth scheme/, phrase: 'an authentication scheme, such as “Digest”' },
  { rule: /^"=" after "/, phrase: 'an “=” after the parameter name' },
  {
    rule: /^auth-scheme/,
    phrase: 'name=value parameters separated by commas, as in Digest realm="…", nonce="…"',
  },
  { rule: /^event-type/, phrase: 'an event package name, such as “presence”' },
  { rule: /^substate-value/, phrase: '“active”, “pending” or “terminated”' },
  {
    rule: /^warning-value/,
    phrase: 'a three-digit code, the agent and a quoted text, as in 399 example.com "text"',
  },
  { rule: /^SIP-date/, phrase: 'a date such as “Sat, 13 Nov 2010 23:29:00 GMT”' },
  // The start line and the framing (§7)
  { rule: /^SIP-Version =/, phrase: 'the version, SIP/2.0' },
  { rule: /^Method = token/, phrase: 'a method name such as INVITE or REGISTER' },
  { rule: /^Status-Code = 3DIGIT/, phrase: 'a three-digit status code such as 200' },
  { rule: /^a status code from 100 to 699/, phrase: 'a status code from 100 to 699' },
  {
    rule: /^Request-Line = /,
    phrase:
      'a request line such as “INVITE sip:bob@biloxi.example.com SIP/2.0” or a status line such as “SIP/2.0 200 OK”',
  },
  { rule: /^HCOLON after the header name/, phrase: 'a colon after the header name' },
  { rule: /^field-name = token/, phrase: 'a header name' },
  {
    rule: /^an empty line \(CRLF\) after the header fields/,
    phrase: 'an empty line after the headers',
  },
  { rule: /^a token/, phrase: 'a word of letters, digits and - . ! % * _ + ` ’ ~' },
];

/** What belongs where the codec stopped, in plain words; undefined for a rule without a phrase. */
export function expectedInWords(expected: string): string | undefined {
  for (const e of EXPECTATIONS) if (e.rule.test(expected)) return e.phrase;
  return undefined;
}
