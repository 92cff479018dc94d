/**
 * A large capture for the /inspect page's load test: the SIP messages of a real capture repeated
 * (each copy with its own Call-IDs, so the calls multiply too) until the file reaches a size, written
 * by a tiny pcap writer (LINKTYPE_RAW, IPv4 + UDP; no checksums, which readers do not require).
 */
import { readCapture } from '../../sim/capture';

function ipv4(address: string): number[] {
  return address.split('.').map(Number);
}

function split(endpoint: string): { ip: number[]; port: number } {
  const at = endpoint.lastIndexOf(':');
  return { ip: ipv4(endpoint.slice(0, at)), port: Number(endpoint.slice(at + 1)) };
}

/** One pcap record: 16-byte header, 20-byte IPv4 header, 8-byte UDP header, payload. */
function record(seconds: number, source: string, destination: string, payload: Buffer): Buffer {
  const s = split(source);
  const d = split(destination);
  const out = Buffer.alloc(16 + 28 + payload.length);
  const whole = Math.floor(seconds);
  out.writeUInt32LE(whole, 0);
  out.writeUInt32LE(Math.round((seconds - whole) * 1e6) % 1_000_000, 4);
  out.writeUInt32LE(28 + payload.length, 8);
  out.writeUInt32LE(28 + payload.length, 12);
  const ip = 16;
  out[ip] = 0x45;
  out.writeUInt16BE(28 + payload.length, ip + 2);
  out[ip + 8] = 64;
  out[ip + 9] = 17;
  Buffer.from(s.ip).copy(out, ip + 12);
  Buffer.from(d.ip).copy(out, ip + 16);
  const udp = ip + 20;
  out.writeUInt16BE(s.port, udp);
  out.writeUInt16BE(d.port, udp + 2);
  out.writeUInt16BE(8 + payload.length, udp + 4);
  payload.copy(out, udp + 8);
  return out;
}

/** The messages of `fixture` repeated until the file has at least `size` bytes. */
export function bigCapture(fixture: Uint8Array, size: number): { bytes: Buffer; copies: number } {
  const messages = readCapture(fixture).messages.filter((m) => !m.source.startsWith('['));
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16);
  header.writeUInt32LE(101, 20);
  const chunks: Buffer[] = [header];
  let total = header.length;
  let copies = 0;
  const span = (messages.at(-1)?.time ?? 0) + 1;
  while (total < size) {
    for (const m of messages) {
      // Raw strings are wire strings (one character per byte): latin1 keeps every byte.
      const raw = m.callId ? m.raw.split(m.callId).join(`${copies}.${m.callId}`) : m.raw;
      const r = record(
        1_700_000_000 + copies * span + m.time,
        m.source,
        m.destination,
        Buffer.from(raw, 'latin1'),
      );
      chunks.push(r);
      total += r.length;
    }
    copies++;
  }
  return { bytes: Buffer.concat(chunks), copies };
}
