/**
 * serializeMessage: a SipMessage back to the text that goes on the wire (RFC 3261 §7): CRLF line ends,
 * header fields exactly as received unless changed, and a Content-Length that matches the body.
 * The result is a wire string (one character per byte); serializeMessageBytes gives the bytes.
 */
import { longName } from './header-names';
import type { HeaderField, SipMessage } from './message';
import { wireToBytes } from './wire';

function headerLine(h: HeaderField): string {
  return h.raw ?? `${h.name}: ${h.value}`;
}

export function serializeMessage(msg: SipMessage): string {
  const startLine =
    msg.startLineRaw ??
    (msg.kind === 'request'
      ? `${msg.method} ${msg.requestUri} ${msg.version}`
      : `${msg.version} ${msg.status} ${msg.reason}`);
  const bodyLength = String(msg.body.length);
  let out = startLine + '\r\n';
  let sawLength = false;
  for (const h of msg.headers) {
    if (h.key === 'content-length') {
      if (sawLength) continue; // one Content-Length only (§20.14)
      sawLength = true;
      out += (h.value === bodyLength ? headerLine(h) : `${h.name}: ${bodyLength}`) + '\r\n';
      continue;
    }
    out += headerLine(h) + '\r\n';
  }
  if (!sawLength) out += `${longName('content-length')}: ${bodyLength}\r\n`;
  return out + '\r\n' + msg.body;
}

export function serializeMessageBytes(msg: SipMessage): Uint8Array {
  return wireToBytes(serializeMessage(msg));
}
