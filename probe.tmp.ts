import { checkMessage } from '@/sim/codec';
const base = (via: string, extra = '', start = 'OPTIONS sip:bob@b.example.com SIP/2.0') => `${start}\r\nVia: ${via}\r\nMax-Forwards: 70\r\nTo: <sip:bob@b.example.com>\r\nFrom: <sip:a@a.example.com>;tag=1\r\nCall-ID: abc\r\nCSeq: 1 OPTIONS\r\n${extra}Content-Length: 0\r\n\r\n`;
const cases: Record<string,string> = {
  viaNoHost: base('SIP/2.0/UDP'),
  viaNoHost2: base('SIP/2.0/UDP ;branch=z9hG4bK1'),
  viaColon: base('SIP/2.0/UDP 10.0.0.1:5060:branch=z9hG4bK1'),
  viaNoSlash: base('SIP/2.0 10.0.0.1'),
  viaBadPort: base('SIP/2.0/UDP 10.0.0.1:99999;branch=z9hG4bK1'),
  badCseq: base('SIP/2.0/UDP h;branch=z9hG4bK1').replace('CSeq: 1 OPTIONS', 'CSeq: OPTIONS'),
  cseqNoMethod: base('SIP/2.0/UDP h;branch=z9hG4bK1').replace('CSeq: 1 OPTIONS', 'CSeq: 1'),
  fromNoClose: base('SIP/2.0/UDP h;branch=z9hG4bK1').replace('From: <sip:a@a.example.com>', 'From: <sip:a@a.example.com'),
  toBadUri: base('SIP/2.0/UDP h;branch=z9hG4bK1').replace('To: <sip:bob@b.example.com>', 'To: <bob@>'),
  callIdSpace: base('SIP/2.0/UDP h;branch=z9hG4bK1').replace('Call-ID: abc', 'Call-ID: a b'),
  mf: base('SIP/2.0/UDP h;branch=z9hG4bK1').replace('Max-Forwards: 70', 'Max-Forwards: 300'),
  mfx: base('SIP/2.0/UDP h;branch=z9hG4bK1').replace('Max-Forwards: 70', 'Max-Forwards: ten'),
  clx: base('SIP/2.0/UDP h;branch=z9hG4bK1').replace('Content-Length: 0', 'Content-Length: -1'),
  clBig: base('SIP/2.0/UDP h;branch=z9hG4bK1').replace('Content-Length: 0', 'Content-Length: 10'),
  noColon: base('SIP/2.0/UDP h;branch=z9hG4bK1', 'Subject hello\r\n'),
  noVersion: base('SIP/2.0/UDP h;branch=z9hG4bK1', '', 'OPTIONS sip:bob@b.example.com'),
  badVersion: base('SIP/2.0/UDP h;branch=z9hG4bK1', '', 'OPTIONS sip:bob@b.example.com SIP/2'),
  uriSpace: base('SIP/2.0/UDP h;branch=z9hG4bK1', '', 'OPTIONS sip:bob @b.example.com SIP/2.0'),
  badUri: base('SIP/2.0/UDP h;branch=z9hG4bK1', '', 'OPTIONS sip:bob@ SIP/2.0'),
  badStatus: base('SIP/2.0/UDP h;branch=z9hG4bK1', '', 'SIP/2.0 20 OK'),
  respViaNoHost: base('SIP/2.0/UDP', '', 'SIP/2.0 200 OK'),
  noEmptyLine: 'OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n',
  onlyStart: 'OPTIONS sip:a@b SIP/2.0',
  empty: '',
  methodBad: base('SIP/2.0/UDP h;branch=z9hG4bK1', '', 'OPT@ONS sip:bob@b.example.com SIP/2.0'),
  wsLine: base('SIP/2.0/UDP h;branch=z9hG4bK1', ' folded\r\n').replace('Call-ID: abc\r\nCSeq: 1 OPTIONS\r\n ', 'Call-ID: abc\r\n\r\n '),
  quote: base('SIP/2.0/UDP h;branch=z9hG4bK1').replace('From: <sip', 'From: "Alice <sip'),
  expires: base('SIP/2.0/UDP h;branch=z9hG4bK1', 'Expires: soon\r\n'),
  ct: base('SIP/2.0/UDP h;branch=z9hG4bK1', 'Content-Type: sdp\r\n'),
  contact: base('SIP/2.0/UDP h;branch=z9hG4bK1', 'Contact: sip:a@\r\n'),
  missing: base('SIP/2.0/UDP h;branch=z9hG4bK1').replace('Call-ID: abc\r\n', ''),
  twoCl: base('SIP/2.0/UDP h;branch=z9hG4bK1', 'Content-Length: 0\r\n'),
};
import { plainVerdict, textToWire } from "@/sim/codec";
for (const [k, v] of Object.entries(cases)) {
  const r = checkMessage(v, { allowBareLf: true });
  if (r.verdict === 'accept') { console.log(k, 'ACCEPT'); continue; }
  const e = r.error;
  console.log(k, '|', r.status, '|', e ? `${e.problem} || ${e.expected} || header=${e.header}` : `ISSUE ${r.reason} || ${r.detail} || ${r.issue?.header}`);
}
console.log('-----');
for (const [k, v] of Object.entries(cases)) {
  const r = checkMessage(v, { allowBareLf: true });
  const p = plainVerdict(r, textToWire(v));
  console.log(k, '|', p.kind, '|', p.problem?.sentence, '\n    ->', p.consequence);
}
