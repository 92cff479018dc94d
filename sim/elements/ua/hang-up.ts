/**
 * Hanging up (RFC 3261 §15): the user's hang-up goes to the newest connected call, either side (its
 * machine sends the BYE, or holds it until the ACK of its 2xx, §15); a BYE received in a dialog is
 * answered here (§15.1.2) and told to its call; the BYE's own answer is told to the call that sent it.
 */
import type { SipRequest } from '../../codec';
import { dialogIdFor } from '../../dialog';
import type { ClientTransaction, ServerTransaction } from '../../transaction';
import { ActionError } from '../element-types';
import { callDialog, type CallList } from './calls';
import type { UaCore } from './ua-core';

export class HangUp {
  constructor(
    private readonly ua: UaCore,
    private readonly calls: CallList,
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
    if (!c) throw new ActionError('there is no answered call to hang up');
    const pending = c.role === 'uas' && c.state === 'answered';
    c.send({ type: 'hang-up' });
    // §15: the callee MUST NOT send a BYE before the ACK of its 2xx (or the end of its
    // retransmissions); it keeps resending the 2xx and hangs up when the ACK arrives.
    return pending
      ? `${this.ua.name} will hang up as soon as the ACK of its 200 OK arrives (RFC 3261 §15)`
      : `${this.ua.name} hangs up`;
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
    call.send({ type: 'BYE' });
    dialog.terminate('BYE');
    this.ua.respond(tx, 200, { toTag: dialog.localTag });
  }

  /** The final answer to a call's BYE, or its Timer F: the call has ended. */
  onByeAnswered(tx: ClientTransaction): void {
    this.calls.byBye(tx)?.send({ type: 'bye-answered' });
  }
}
