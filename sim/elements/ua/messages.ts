/**
 * Instant messages (RFC 3428): a MESSAGE out of dialog with a text/plain body, each in a new Call-ID;
 * received ones are accepted with 200; the UA remembers the last few, sent and received.
 */
import { formatNameAddr, type SipRequest, type SipResponse } from '../../codec';
import type { ClientTransaction, ServerTransaction } from '../../transaction';
import { ActionError, type ActivitySnapshot } from '../element-types';
import { RECENT, type UaCore } from './ua-core';

export class Messages {
  private readonly log: string[] = [];

  constructor(private readonly ua: UaCore) {}

  send(to: string, text: string): string {
    const req = this.ua.newRequest(
      'MESSAGE',
      to,
      `<${to}>`,
      this.ua.newCallId(),
      this.ua.newTag(),
      this.ua.config.firstCSeq ?? 1,
      [['Content-Type', 'text/plain']],
      text,
    );
    if (!this.ua.sendRequest(req, this.ua.nextHop(to))) throw new ActionError(`no route to ${to}`);
    return `${this.ua.name} sends a message to ${to}`;
  }

  onMessage(tx: ServerTransaction, req: SipRequest): void {
    const text = req.body;
    this.log.push(
      `from ${req.from() ? formatNameAddr({ ...req.from()!, params: [] }) : '?'}: ${text}`,
    );
    this.ua.respond(tx, 200);
  }

  /** The final response to a MESSAGE this UA sent: delivered or not. */
  onResponse(tx: ClientTransaction, res: SipResponse): void {
    if (res.status < 200) return;
    this.log.push(
      `to ${tx.requireRequest().requestUri}: ${res.status < 300 ? 'delivered' : `failed (${res.status} ${res.reason})`}`,
    );
  }

  activities(): ActivitySnapshot[] {
    return this.log.slice(-RECENT).map((m) => ({ kind: 'message', state: 'done', summary: m }));
  }
}
