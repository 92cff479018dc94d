/**
 * The response context of a stateful proxy (RFC 3261 §16.7): the request it forwards, its server
 * transaction, and one branch per target — each with its client transaction and the state of its
 * CANCEL — plus the choice of the best final response. Its machine is response-context-machine.ts.
 */
import type { SipRequest, SipResponse } from '../codec';
import type { ClientTransaction, ServerTransaction } from '../transaction';
import type { ForwardTarget } from './proxy-common';

export interface Branch {
  /** Its place among the context's branches (its timers are named by it). */
  index: number;
  target: ForwardTarget;
  /** The request forwarded on this branch; null once the context is settled (`letGoOfRequests`). */
  request: SipRequest | null;
  readonly method: string;
  tx: ClientTransaction | undefined;
  /** 'pending' until a provisional response, 'proceeding' after one, 'done' once final (or given up). */
  state: 'pending' | 'proceeding' | 'done';
  /**
   * The branch's CANCEL (§9.1): 'wanted' while no provisional response came (it may not be sent yet),
   * 'sent' once it went — never twice, since a CANCEL's transaction reuses the INVITE's branch.
   */
  cancel: 'none' | 'wanted' | 'sent';
  final: SipResponse | undefined;
}

export interface ResponseContext {
  id: number;
  serverTx: ServerTransaction;
  /** The request received; null once the context is settled (`letGoOfRequests`). */
  request: SipRequest | null;
  /** Its method and Request-URI, for the drawings and the state panel. */
  readonly method: string;
  readonly requestUri: string;
  /** The branch key of the request (§17.2.3), by which a CANCEL finds the context (§16.10). */
  key: string | undefined;
  branches: Branch[];
  /** Targets not tried yet (sequential forking), most preferred group first. */
  waiting: ForwardTarget[][];
  sent2xx: boolean;
  finalSent: boolean;
  /** The server transaction has terminated. */
  serverDone: boolean;
  cancelled: boolean;
}

export function newBranch(index: number, target: ForwardTarget, request: SipRequest): Branch {
  return {
    index,
    target,
    request,
    method: request.method,
    tx: undefined,
    state: 'pending',
    cancel: 'none',
    final: undefined,
  };
}

/** §16.7 step 6: a 6xx is best; otherwise the lowest class wins (the first of a class stays). */
export function better(a: SipResponse, b: SipResponse | undefined): boolean {
  if (b === undefined) return true;
  const ca = Math.floor(a.status / 100);
  const cb = Math.floor(b.status / 100);
  if (ca === 6 || cb === 6) return ca === 6 && cb !== 6;
  return ca < cb;
}

/** The best final response stored in the context (§16.7 step 6), if any. */
export function bestResponse(ctx: ResponseContext): SipResponse | undefined {
  let best: SipResponse | undefined;
  for (const b of ctx.branches) if (b.final && better(b.final, best)) best = b.final;
  return best;
}

/** A context asked for a request it has let go of: a proxy bug, explained. */
export class ResponseContextError extends Error {
  override name = 'ResponseContextError';
}

/** The request the context received, while it may still forward it or make up a response from it. */
export function contextRequest(ctx: ResponseContext): SipRequest {
  if (ctx.request) return ctx.request;
  throw new ResponseContextError(
    `Response context ${ctx.id} (${ctx.method} ${ctx.requestUri}) has sent its final response and every branch has one: it no longer keeps the request (RFC 3261 §16.7)`,
  );
}

/**
 * RFC 3261 §16.7: once the final response has gone and no branch waits for one, nothing more is
 * forwarded, CANCELled (§16.10) or made up from the requests, and a late 2xx is forwarded as it comes.
 * The context only waits for its transactions to end (up to 64·T1): it lets go of the parsed requests
 * and kept responses, and keeps the method and Request-URI its drawing is labelled with.
 */
export function letGoOfRequests(ctx: ResponseContext): void {
  if (!ctx.finalSent) return;
  for (const b of ctx.branches) if (b.state !== 'done') return;
  ctx.request = null;
  for (const b of ctx.branches) {
    b.request = null;
    b.final = undefined;
  }
}
