/**
 * `npm run bench:capture`: readCapture on about 50 MB of capture, built in memory (never written to
 * disk) by repeating real captures of test/fixtures/captures with their time stamps moved on, and a
 * synthetic SIP-over-TCP capture of many connections. Reports size, packets, SIP messages, time and
 * MB/s for each, with the progress callback on. With `--findings`, also the RFC check of the messages
 * read (sim/session captureFindings, as /inspect and `sip import` run it): findings and its time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCapture } from '../sim/capture';
import { captureFindings } from '../sim/session';
import {
  ascii,
  ethernet,
  ipv4,
  pcapFile,
  sipMessage,
  tcp,
  TCP_PSH_ACK,
  TCP_SYN,
  type PcapRecord,
} from '../test/sim/capture/capture-builder';

const TARGET = (process.argv.includes('--quick') ? 10 : 50) * 1024 * 1024;
const FINDINGS = process.argv.includes('--findings');
const captures = join(import.meta.dirname, '../test/fixtures/captures');

/** The records of a little-endian microsecond pcap file. */
function pcapRecords(bytes: Uint8Array): { linkType: number; records: PcapRecord[] } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: PcapRecord[] = [];
  for (let at = 24; at + 16 <= bytes.length;) {
    const incl = v.getUint32(at + 8, true);
    records.push({
      seconds: v.getUint32(at, true),
      fraction: v.getUint32(at + 4, true),
      data: bytes.subarray(at + 16, at + 16 + incl),
    });
    at += 16 + incl;
  }
  return { linkType: v.getUint32(20, true), records };
}

/** A fixture's packets again and again, each pass an hour later, up to TARGET bytes. */
function repeated(file: string): Uint8Array {
  const { linkType, records } = pcapRecords(new Uint8Array(readFileSync(join(captures, file))));
  const size = records.reduce((n, r) => n + 16 + r.data.length, 0);
  const passes = Math.ceil(TARGET / size);
  const out: PcapRecord[] = [];
  for (let p = 0; p < passes; p++)
    for (const r of records) out.push({ ...r, seconds: r.seconds + p * 3600 });
  return pcapFile(out, { linkType });
}

/** Many TCP connections, each an INVITE with SDP in three segments and three responses in one. */
function tcpConnections(): Uint8Array {
  const records: PcapRecord[] = [];
  let bytes = 0;
  const body = `v=0\r\no=alice 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0 8 101\r\n${'a=rtpmap:0 PCMU/8000\r\n'.repeat(20)}`;
  for (let c = 0; bytes < TARGET; c++) {
    const client = `10.${(c >> 16) & 255}.${(c >> 8) & 255}.${c & 255}`;
    const port = 10000 + (c % 50000);
    const up = ascii(
      sipMessage('INVITE sip:bob@biloxi.example.com;transport=tcp SIP/2.0', {
        callId: `call-${c}@bench`,
        body,
      }),
    );
    const down = ascii(
      ['SIP/2.0 100 Trying', 'SIP/2.0 180 Ringing', 'SIP/2.0 200 OK']
        .map((s) => sipMessage(s, { callId: `call-${c}@bench` }))
        .join(''),
    );
    const third = Math.ceil(up.length / 3);
    const packets = [
      ipv4(client, '10.255.0.1', 6, tcp(port, 5060, 100, TCP_SYN, new Uint8Array(0))),
      ...[0, 1, 2].map((i) =>
        ipv4(
          client,
          '10.255.0.1',
          6,
          tcp(port, 5060, 101 + i * third, TCP_PSH_ACK, up.subarray(i * third, (i + 1) * third)),
        ),
      ),
      ipv4('10.255.0.1', client, 6, tcp(5060, port, 9000, TCP_PSH_ACK, down)),
    ].map((p) => ethernet(p));
    for (const data of packets) {
      records.push({ seconds: 1_700_000_000 + c, fraction: records.length % 1_000_000, data });
      bytes += 16 + data.length;
    }
  }
  return pcapFile(records, { linkType: 1 });
}

function bench(name: string, file: Uint8Array): void {
  let progressCalls = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const t0 = performance.now();
  const r = readCapture(file, { onProgress: () => progressCalls++ });
  const ms = performance.now() - t0;
  const mb = file.length / 1024 / 1024;
  let check = '';
  if (FINDINGS) {
    gc?.();
    const t1 = performance.now();
    const findings = captureFindings(r.messages.filter((m) => m.error === undefined));
    const checkMs = performance.now() - t1;
    check = ` ${String(findings.length).padStart(8)} | ${checkMs.toFixed(0).padStart(8)} |`;
  }
  console.log(
    `| ${name.padEnd(44)} | ${mb.toFixed(1).padStart(6)} | ${String(r.packets).padStart(8)} | ${String(r.messages.length).padStart(8)} | ${String(r.problems.length).padStart(8)} | ${ms.toFixed(0).padStart(7)} | ${(mb / (ms / 1000)).toFixed(1).padStart(6)} | ${String(progressCalls).padStart(8)} |${check}`,
  );
}

console.log(
  `readCapture on ~${TARGET / 1024 / 1024} MB captures built in memory (Node ${process.version})\n`,
);
console.log(
  '| capture                                      |     MB |  packets | messages | problems |      ms |   MB/s | progress |' +
    (FINDINGS ? ' findings | check ms |' : ''),
);
console.log(
  '| -------------------------------------------- | -----: | -------: | -------: | -------: | ------: | -----: | -------: |' +
    (FINDINGS ? ' -------: | -------: |' : ''),
);
bench('zeek-sip-wireshark.pcap repeated (UDP)', repeated('zeek-sip-wireshark.pcap'));
bench('sngrep-ipv6frag.pcap repeated (IPv6 fragments)', repeated('sngrep-ipv6frag.pcap'));
bench('synthetic SIP over TCP, 3 segments', tcpConnections());
