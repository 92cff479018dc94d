/**
 * Benchmark inputs: the corpus (exact bytes, as the manifest describes it) and the generated
 * messages of growing size for the scaling test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR = fileURLToPath(new URL('../test/fixtures/corpus/', import.meta.url));

export type Expectation = 'accept' | 'reject' | 'either';

export interface CorpusMessage {
  /** Path relative to the corpus directory, e.g. "realistic/invite.sip". */
  file: string;
  /** The exact bytes of the file. */
  bytes: Uint8Array;
  /**
   * The same bytes as a JavaScript string, one char per byte (latin1), which is what the peers take
   * (they are fed strings). Built once, outside any timed loop.
   */
  text: string;
}

export interface ManifestCase extends CorpusMessage {
  expect: Expectation;
  /** The status the RFC names for a rejection, when it names one. */
  status?: number;
}

function load(file: string): CorpusMessage {
  const buf = readFileSync(join(CORPUS_DIR, file));
  // A Uint8Array that owns exactly these bytes (not a view into Node's shared Buffer pool).
  const bytes = new Uint8Array(buf.byteLength);
  bytes.set(buf);
  return { file, bytes, text: buf.toString('latin1') };
}

/** The realistic messages (sorted by file name), for the throughput test. */
export function loadRealistic(): CorpusMessage[] {
  return readdirSync(join(CORPUS_DIR, 'realistic'))
    .filter((name) => name.endsWith('.sip'))
    .sort()
    .map((name) => load(`realistic/${name}`));
}

interface RawManifest {
  cases: { file: string; expect: Expectation; status?: number }[];
}

/** All manifest cases, in manifest order. */
export function loadManifest(): ManifestCase[] {
  const raw = JSON.parse(readFileSync(join(CORPUS_DIR, 'manifest.json'), 'utf8')) as RawManifest;
  return raw.cases.map((c) => ({
    ...load(c.file),
    expect: c.expect,
    ...(c.status === undefined ? {} : { status: c.status }),
  }));
}

export type ScalingShape = 'many-vias' | 'big-body';

export interface ScalingMessage extends CorpusMessage {
  shape: ScalingShape;
  /** The size asked for; the message is exactly this many bytes. */
  size: number;
}

const CRLF = '\r\n';

function headerBlock(vias: string[], bodyLength: number): string {
  return (
    [
      'INVITE sip:bob@biloxi.example.com SIP/2.0',
      ...vias,
      'Max-Forwards: 70',
      'To: Bob <sip:bob@biloxi.example.com>',
      'From: Alice <sip:alice@atlanta.example.com>;tag=1928301774',
      'Call-ID: a84b4c76e66710@pc33.atlanta.example.com',
      'CSeq: 314159 INVITE',
      'Contact: <sip:alice@pc33.atlanta.example.com;transport=udp>',
      'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS',
      'Content-Type: application/sdp',
      `Content-Length: ${bodyLength}`,
    ].join(CRLF) +
    CRLF +
    CRLF
  );
}

function via(i: number): string {
  return `Via: SIP/2.0/UDP proxy${i}.hop.example.net:5060;branch=z9hG4bK${(
    0x5f3a91 *
    (i + 1)
  ).toString(16)}.${i};received=192.0.2.${i % 250}`;
}

const SDP_HEAD = [
  'v=0',
  'o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com',
  's=-',
  'c=IN IP4 192.0.2.101',
  't=0 0',
  'm=audio 49172 RTP/AVP 0 8 101',
  'a=rtpmap:0 PCMU/8000',
];

/** An SDP-looking body of exactly `length` bytes (ASCII, CRLF line ends); `length` >= 170. */
function sdpBody(length: number): string {
  const lines = [...SDP_HEAD];
  let used = SDP_HEAD.reduce((n, l) => n + l.length + 2, 0);
  for (let i = 0; ; i++) {
    const line = `a=x-filler-${i}:${'abcdefghij'.repeat(5)}`;
    if (used + line.length + 2 + 8 > length) break;
    lines.push(line);
    used += line.length + 2;
  }
  lines.push(`a=p:${'p'.repeat(length - used - 6)}`); // pads to the exact length
  return lines.join(CRLF) + CRLF;
}

/**
 * A valid INVITE of exactly `size` bytes.
 * - many-vias: the size is made up by Via header fields (a request that went through many
 *   proxies) and a small SDP body; the per-header cost dominates.
 * - big-body: the usual header fields and an SDP body filling the rest; the per-byte cost of
 *   finding the end of the header and taking the body dominates.
 */
export function buildScalingMessage(shape: ScalingShape, size: number): ScalingMessage {
  const smallBody = shape === 'many-vias' ? 200 : 0;
  const vias = ['Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport'];
  if (shape === 'many-vias') {
    while (headerBlock([...vias, via(vias.length)], smallBody).length + smallBody <= size) {
      vias.push(via(vias.length));
    }
  }
  // Content-Length's own digits count towards the size: settle the body length.
  let bodyLength = size - headerBlock(vias, 0).length;
  for (let h = headerBlock(vias, bodyLength).length; size - h !== bodyLength;) {
    bodyLength = size - h;
    h = headerBlock(vias, bodyLength).length;
  }
  const text = headerBlock(vias, bodyLength) + sdpBody(bodyLength);
  if (text.length !== size) throw new Error(`built ${text.length} bytes, wanted ${size}`);
  const bytes = new Uint8Array(Buffer.from(text, 'latin1'));
  return { file: `generated/${shape}-${size}`, bytes, text, shape, size };
}
