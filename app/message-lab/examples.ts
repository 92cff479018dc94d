/**
 * Example messages for the message lab. Lines end in LF alone, as in the textarea (a browser keeps
 * a textarea's line ends as LF); the lab gives each line its CR back before parsing, so each
 * Content-Length counts the body with CRLF line ends, as on the wire.
 */

export interface Example {
  id: string;
  /** The button text. */
  label: string;
  text: string;
}

const INVITE = `INVITE sip:bob@biloxi.example.com SIP/2.0
Via: SIP/2.0/UDP 10.0.0.10:5060;branch=z9hG4bK776asdhds;rport
Max-Forwards: 70
To: Bob <sip:bob@biloxi.example.com>
From: Alice <sip:alice@atlanta.example.com>;tag=1928301774
Call-ID: a84b4c76e66710@pc33.atlanta.example.com
CSeq: 314159 INVITE
Contact: <sip:alice@10.0.0.10:5060>
Content-Type: application/sdp
Content-Length: 207

v=0
o=alice 2890844526 2890844526 IN IP4 10.0.0.10
s=-
c=IN IP4 10.0.0.10
t=0 0
m=audio 49170 RTP/AVP 0 8 101
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=sendrecv
`;

const REGISTER = `REGISTER sip:atlanta.example.com SIP/2.0
Via: SIP/2.0/UDP 10.0.0.10:5060;branch=z9hG4bKnashds7;rport
Max-Forwards: 70
To: Alice <sip:alice@atlanta.example.com>
From: Alice <sip:alice@atlanta.example.com>;tag=456248
Call-ID: 843817637684230@998sdasdh09
CSeq: 1826 REGISTER
Contact: <sip:alice@10.0.0.10:5060>;expires=3600
Expires: 3600
Content-Length: 0

`;

const OK = `SIP/2.0 200 OK
Via: SIP/2.0/UDP 10.0.0.10:5060;branch=z9hG4bK776asdhds;received=192.0.2.4;rport=5062
To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf
From: Alice <sip:alice@atlanta.example.com>;tag=1928301774
Call-ID: a84b4c76e66710@pc33.atlanta.example.com
CSeq: 314159 INVITE
Contact: <sip:bob@192.0.2.20:5060>
Content-Type: application/sdp
Content-Length: 182

v=0
o=bob 2808844564 2808844564 IN IP4 192.0.2.20
s=-
c=IN IP4 192.0.2.20
t=0 0
m=audio 3456 RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=sendrecv
`;

/** A colon where the semicolon before the branch parameter belongs. */
const BAD_VIA = `OPTIONS sip:carol@chicago.example.com SIP/2.0
Via: SIP/2.0/UDP 10.0.0.10:5060:branch=z9hG4bKhjhs8ass877
Max-Forwards: 70
To: <sip:carol@chicago.example.com>
From: Alice <sip:alice@atlanta.example.com>;tag=1928301774
Call-ID: a84b4c76e66710
CSeq: 63104 OPTIONS
Accept: application/sdp
Content-Length: 0

`;

const NO_CALL_ID = `BYE sip:alice@10.0.0.10:5060 SIP/2.0
Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bKnashds10
Max-Forwards: 70
From: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf
To: Alice <sip:alice@atlanta.example.com>;tag=1928301774
CSeq: 231 BYE
Content-Length: 0

`;

export const EXAMPLES: readonly Example[] = [
  { id: 'register', label: 'REGISTER', text: REGISTER },
  { id: 'invite', label: 'INVITE', text: INVITE },
  { id: 'ok', label: '200 OK', text: OK },
  { id: 'bad-via', label: 'Malformed Via', text: BAD_VIA },
  { id: 'no-call-id', label: 'Missing Call-ID', text: NO_CALL_ID },
];

export const INITIAL_MESSAGE = INVITE;
