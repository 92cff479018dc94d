/**
 * Hanging up (RFC 3261 §15): the BYE the user sends on the newest connected call, either side, with
 * the callee's BYE held until the ACK of its 2xx (§15); and a BYE received in a dialog (§15.1.2).
 */
import type { SipRequest } from '../../codec';
import { dialogIdFor } from '../../dialog';
import type { ServerTransaction } from '../../transaction';
import { ActionError } from '../element-types';
import { callDialog, type CallList } from './calls';
import type { IncomingCalls } from './incoming-call';
import type { UaCore } from './ua-core';

export class HangUp {
  constructor(
    private readonly ua: UaCore,
    private readonly calls: CallList,
    private readonly incoming: Pick<IncomingCalls, 'stopRetransmitting'>,
  ) {}

  /** The user hangs up the newest call that is answered. */
  bye(): string {
    const c = this.calls.latest((call) => {
      const dialog = callDialog(call);
      return (
        dialog !== undefined &&
        dialog.state === 'confirmed' &&
        (call.state === 'confirmed' || call.state === 'answered')
      );
    });
    const dialog = c ? callDialog(c) : undefined;
    if (!c || !dialog) throw new ActionError('there is no answered call to hang up');
    if (c.role === 'uas' && c.state === 'answered') {
      // §15: the callee MUST NOT send a BYE before the ACK of its 2xx (or the end of its
      // retransmissions); it keeps resending the 2xx and hangs up when the ACK arrives.
      c.hangUpPending = true;
      return `${this.ua.name} will hang up as soon as the ACK of its 200 OK arrives (RFC 3261 §15)`;
    }
    this.incoming.stopRetransmitting(c);
    c.state = 'terminated';
    c.result = 'hung up';
    this.ua.sendBye(dialog);
    return `${this.ua.name} hangs up`;
  }

  /** A BYE (§15.1.2): ends the call whose dialog it belongs to, or 481 if there is none. */
  onBye(tx: ServerTransaction, req: SipRequest): void {
    const id = dialogIdFor(req, 'received-request');
    const call = this.calls.byDialog(id);
    const dialog = call ? callDialog(call) : undefined;
    if (!call || !dialog || dialog.id !== id) {
      this.ua.respond(tx, 481);
      return;
    }
    const err = dialog.receiveRequest(req);
    if (err) {
      this.ua.respond(tx, err.status, { reason: err.reason, toTag: dialog.localTag });
      return;
    }
    this.incoming.stopRetransmitting(call);
    dialog.terminate('BYE');
    call.state = 'terminated';
    call.result = 'the other side hung up';
    this.ua.respond(tx, 200, { toTag: dialog.localTag });
  }
}
