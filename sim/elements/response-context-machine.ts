/**
 * The machine of a stateful proxy's response context (RFC 3261 §16.7): it decides what happens to the
 * responses of the branches — provisional ones are forwarded while no final response was (step 5),
 * every 2xx at once (step 5), the others are kept until every branch is final and the best is sent
 * (step 6); the other branches are cancelled after a 2xx or a 6xx (step 10) or when a CANCEL comes
 * (§16.10), and a branch Timer C finds with no final response is cancelled too (§16.8). The proxy
 * (stateful-proxy.ts) builds and sends the messages the machine asks for.
 */
import { setup } from 'xstate';
import type { SipResponse } from '../codec';
import type { MachineTimers } from '../transaction';
import type { ForwardTarget } from './proxy-common';
import {
  bestResponse,
  letGoOfRequests,
  type Branch,
  type ResponseContext,
} from './response-context';

/** The timers of a context, one of each per branch. */
export type BranchTimer = 'C' | 'giveUp';

/** What the machine asks of the proxy that hosts it: building and sending messages, noting timers. */
export interface ResponseContextHost {
  /**
   * Makes the branch to `target` and sends its request (§16.6); a branch with no next hop gets its
   * final response (404) at once. `hash` is the loop hash of the request as it was received.
   */
  forward(ctx: ResponseContext, target: ForwardTarget, hash: string | undefined): Branch;
  /** Passes a response upstream through the server transaction (§16.7 step 5, a 2xx also without). */
  forwardResponse(ctx: ResponseContext, response: SipResponse): void;
  /** Sends the best final response (§16.7 steps 6–8), or 408 when no branch has one. */
  sendBest(ctx: ResponseContext, best: SipResponse | undefined): void;
  /** Sends the CANCEL of a branch (§9.1 as the proxy's UAC side, §16.10). */
  sendCancel(branch: Branch): void;
  /** Destroys the branch's INVITE client transaction (§9.1: no final response 64·T1 after CANCEL). */
  abandon(branch: Branch): void;
  /** The final response a branch gets when none came (§16.7 step 6 after a timeout, §16.8). */
  madeUp(ctx: ResponseContext, status: number): SipResponse;
  /** Notes in the trace that a branch's timer starts, fires or stops. */
  timer(which: BranchTimer, what: 'start' | 'fire' | 'stop', branch: Branch, ms: number): void;
  /** Notes a step of the proxy for people. */
  note(detail: string): void;
  /** Sends the machine 'ended' (after a branch was given up, its transaction may be gone). */
  checkEnded(ctx: ResponseContext): void;
}

export interface ResponseContextInput {
  ctx: ResponseContext;
  host: ResponseContextHost;
  timers: MachineTimers;
  /** Timer C (§16.6 step 11: more than 3 minutes). */
  timerCMs: number;
  /** How long a cancelled branch may take to give its final response: 64·T1 (§9.1). */
  giveUpMs: number;
}

export type ResponseContextEvent =
  /** The targets to forward to (§16.6): the first group at once, then each sequential group. */
  | { type: 'forward'; targets: ForwardTarget[]; hash?: string }
  /** A provisional response on a branch (100 included: it is not forwarded, §16.7 step 5). */
  | { type: 'provisional'; branch: Branch; response: SipResponse }
  /** A 2xx on a branch, its top Via removed (§16.7 step 3). */
  | { type: '2xx'; branch: Branch; response: SipResponse }
  /** A 3xx–6xx on a branch, its top Via removed. */
  | { type: 'final'; branch: Branch; response: SipResponse }
  /** The branch's client transaction timed out (Timer B or F) with no final response. */
  | { type: 'timeout'; branch: Branch }
  /** A CANCEL matched the context (§16.10); it was answered 200. */
  | { type: 'CANCEL' }
  /** One of the context's transactions terminated. */
  | { type: 'ended' }
  | { type: `timer.C.${number}` }
  | { type: `timer.giveUp.${number}` };

type Ctx = ResponseContextInput;

const timerId = (which: BranchTimer, b: Branch): string => `${which}.${b.index}`;
const timerName = (which: BranchTimer, b: Branch): string =>
  `${which === 'C' ? 'C' : '64·T1 after CANCEL'}, branch ${b.index + 1}`;

/** The branch a `timer.<which>.<index>` event names. */
function branchOf(c: Ctx, type: string): Branch | undefined {
  return c.ctx.branches[Number(type.slice(type.lastIndexOf('.') + 1))];
}

function startTimerC(c: Ctx, b: Branch): void {
  c.host.timer('C', 'start', b, c.timerCMs);
  c.timers.start(timerId('C', b), c.timerCMs, timerName('C', b));
}

function stopTimer(c: Ctx, which: BranchTimer, b: Branch): void {
  if (c.timers.stop(timerId(which, b))) c.host.timer(which, 'stop', b, 0);
}

/** Forwards to each target; an INVITE branch that went gets Timer C (§16.6 step 11). */
function forwardAll(c: Ctx, targets: readonly ForwardTarget[], hash: string | undefined): void {
  for (const t of targets) {
    const b = c.host.forward(c.ctx, t, hash);
    if (b.tx && b.method === 'INVITE') startTimerC(c, b);
  }
}

/**
 * The CANCEL of one branch (§9.1, §16.10): not before a provisional response (it goes when one comes),
 * never twice; then the branch has 64·T1 to give its final response.
 */
function cancelBranch(c: Ctx, b: Branch): void {
  if (!b.tx || b.state === 'done' || b.cancel === 'sent') return;
  if (b.method !== 'INVITE') return;
  if (b.state === 'pending') {
    b.cancel = 'wanted';
    return;
  }
  b.cancel = 'sent';
  c.host.sendCancel(b);
  c.host.timer('giveUp', 'start', b, c.giveUpMs);
  c.timers.start(timerId('giveUp', b), c.giveUpMs, timerName('giveUp', b));
}

/** §16.7 step 10: once a 2xx (or 6xx) is in, an INVITE's other branches are cancelled. */
function cancelOthers(c: Ctx, branch: Branch): void {
  if (c.ctx.method !== 'INVITE') return;
  c.ctx.waiting = [];
  for (const b of c.ctx.branches) if (b !== branch) cancelBranch(c, b);
}

/** A branch's final response is in (or none will come): its timers stop. */
function branchFinal(c: Ctx, b: Branch, response: SipResponse | undefined): void {
  stopTimer(c, 'C', b);
  stopTimer(c, 'giveUp', b);
  b.state = 'done';
  if (response) b.final = response;
  letGoOfRequests(c.ctx);
}

const pending = (c: Ctx): boolean => c.ctx.branches.some((b) => b.state !== 'done');

/** A cancelled branch that never answered within 64·T1 is given up with a 408 (§9.1, §16.10). */
const giveUp = {
  description: 'no final 64·T1 after CANCEL / branch given up, 408 (§9.1)',
  target: 'Checking',
  actions: 'giveUp',
} as const;

/** Every transaction of the context has ended: so has the context. */
const ended = {
  description: 'all transactions ended / -',
  guard: 'allEnded',
  target: 'Terminated',
} as const;

export const responseContextMachine = setup({
  types: {
    context: {} as Ctx,
    events: {} as ResponseContextEvent,
    input: {} as ResponseContextInput,
  },
  guards: {
    pending: ({ context }) => pending(context) && !context.ctx.cancelled,
    pendingCancelled: ({ context }) => pending(context) && context.ctx.cancelled,
    // Sequential forking (§16.6): the next group, unless a 2xx came or the request was cancelled.
    nextGroup: ({ context: { ctx } }) => !ctx.sent2xx && !ctx.cancelled && ctx.waiting.length > 0,
    branchOpen: ({ event }) => event.type === 'timeout' && event.branch.state !== 'done',
    // The context ends when its server transaction and every branch (transaction and timers) have.
    allEnded: ({ context: { ctx, timers } }) =>
      ctx.serverDone &&
      ctx.branches.every(
        (b) =>
          b.tx === undefined &&
          !timers.running(timerId('C', b)) &&
          !timers.running(timerId('giveUp', b)),
      ),
  },
  actions: {
    forward: ({ context, event }) => {
      if (event.type === 'forward') forwardAll(context, event.targets, event.hash);
    },
    forwardNextGroup: ({ context }) => {
      const next = context.ctx.waiting.shift()!;
      context.host.note(
        `tries the next contacts (sequential forking): ${next.map((t) => t.requestUri).join(', ')}`,
      );
      forwardAll(context, next, undefined);
    },
    // A provisional response: Timer C is reset by any but 100 (§16.7 step 2), and a CANCEL that had
    // to wait for one goes now (§9.1).
    provisional: ({ context, event }) => {
      if (event.type !== 'provisional') return;
      const b = event.branch;
      if (b.state === 'pending') b.state = 'proceeding';
      if (event.response.status !== 100 && b.method === 'INVITE' && b.state !== 'done')
        startTimerC(context, b);
      if (b.cancel === 'wanted') cancelBranch(context, b);
    },
    forwardProvisional: ({ context, event }) => {
      if (event.type === 'provisional' && event.response.status !== 100)
        context.host.forwardResponse(context.ctx, event.response);
    },
    // §16.7 step 5: every 2xx is forwarded at once, then the other branches are cancelled (step 10).
    forward2xx: ({ context, event }) => {
      if (event.type !== '2xx') return;
      branchFinal(context, event.branch, undefined);
      context.ctx.sent2xx = true;
      context.ctx.finalSent = true;
      context.host.forwardResponse(context.ctx, event.response);
      cancelOthers(context, event.branch);
      letGoOfRequests(context.ctx);
    },
    // §16.7 step 6: a final response is kept; a 6xx ends the search (step 10).
    keepFinal: ({ context, event }) => {
      if (event.type !== 'final') return;
      branchFinal(context, event.branch, event.response);
      if (event.response.status >= 600) cancelOthers(context, event.branch);
    },
    keepTimeout: ({ context, event }) => {
      if (event.type === 'timeout')
        branchFinal(context, event.branch, context.host.madeUp(context.ctx, 408));
    },
    sendBest: ({ context: { ctx, host } }) => {
      ctx.finalSent = true;
      host.sendBest(ctx, bestResponse(ctx));
      letGoOfRequests(ctx);
    },
    cancelAll: ({ context }) => {
      context.ctx.cancelled = true;
      context.ctx.waiting = [];
      for (const b of context.ctx.branches) cancelBranch(context, b);
    },
    // §16.8: Timer C cancels a branch that had a provisional response; one with none is final (408).
    timerC: ({ context, event }) => {
      const b = branchOf(context, event.type);
      if (!b) return;
      context.host.timer('C', 'fire', b, 0);
      if (b.state === 'proceeding') cancelBranch(context, b);
      else if (b.state === 'pending') {
        b.state = 'done';
        b.final = context.host.madeUp(context.ctx, 408);
      }
      letGoOfRequests(context.ctx);
    },
    // §9.1: no final response 64·T1 after the CANCEL: the branch is given up.
    giveUp: ({ context, event }) => {
      const b = branchOf(context, event.type);
      if (!b) return;
      context.host.timer('giveUp', 'fire', b, 0);
      context.host.abandon(b);
      if (b.state !== 'done') {
        b.state = 'done';
        b.final = context.host.madeUp(context.ctx, 408);
      }
      letGoOfRequests(context.ctx);
      context.host.checkEnded(context.ctx);
    },
  },
}).createMachine({
  id: 'response context',
  meta: {
    title: 'Response context (stateful proxy)',
    source: 'RFC 3261 §16.7 (steps 2–10), §16.8 Timer C, §16.10 CANCEL',
    created: 'request to forward / 100 Trying (INVITE), context created',
  },
  context: ({ input }) => input,
  initial: 'Collecting',
  states: {
    Collecting: {
      description: 'Branches pending: provisional responses forwarded, final ones kept (§16.7)',
      on: {
        forward: {
          description: 'targets found / request forwarded to each, Timer C started (§16.6)',
          target: 'Checking',
          actions: 'forward',
        },
        provisional: {
          description: '1xx received / forwarded (not 100), Timer C reset (§16.7 steps 2, 5)',
          actions: ['provisional', 'forwardProvisional'],
        },
        '2xx': {
          description: '2xx received / forwarded, CANCEL others (§16.7 steps 5, 10)',
          target: 'Accepted',
          actions: 'forward2xx',
        },
        final: {
          description: 'branch 3xx–6xx received / kept as best, 6xx: CANCEL others (§16.7 step 6)',
          target: 'Checking',
          actions: 'keepFinal',
        },
        timeout: {
          description: 'branch times out (Timer B/F) / 408 kept (§16.7 step 6)',
          guard: 'branchOpen',
          target: 'Checking',
          actions: 'keepTimeout',
        },
        CANCEL: {
          description: 'CANCEL received / 200, CANCEL every branch (§16.10)',
          target: 'Cancelling',
          actions: 'cancelAll',
        },
        'timer.C.*': {
          description: 'Timer C fires / CANCEL branch, or 408 if no 1xx (§16.8)',
          target: 'Checking',
          actions: 'timerC',
        },
        'timer.giveUp.*': giveUp,
        ended,
      },
    },
    Checking: {
      // Where a final response leads depends on the other branches: transient, drawn as a dot.
      meta: { pseudo: true },
      always: [
        { description: 'branches pending / -', guard: 'pending', target: 'Collecting' },
        { description: 'branches pending / -', guard: 'pendingCancelled', target: 'Cancelling' },
        {
          description: 'all branches final, contacts left / next group forwarded (§16.6)',
          guard: 'nextGroup',
          target: 'NextGroup',
          actions: 'forwardNextGroup',
        },
        {
          description: 'all branches final / best response sent (§16.7 step 6)',
          target: 'Completed',
          actions: 'sendBest',
        },
      ],
    },
    NextGroup: {
      // Back to the check: a branch of the new group may be final at once (no next hop). A state of
      // its own, since XState does not take an eventless transition to the state it leaves again.
      meta: { pseudo: true },
      always: { description: 'group forwarded / -', target: 'Checking' },
    },
    Cancelling: {
      description: 'CANCEL received: every branch cancelled, their answers awaited (§16.10)',
      on: {
        provisional: {
          description: '1xx received / forwarded (not 100), waiting CANCEL sent (§9.1)',
          actions: ['provisional', 'forwardProvisional'],
        },
        '2xx': {
          description: '2xx received / forwarded (§16.7 step 5)',
          target: 'Accepted',
          actions: 'forward2xx',
        },
        final: {
          description: 'branch 3xx–6xx received / kept as best (§16.7 step 6)',
          target: 'Checking',
          actions: 'keepFinal',
        },
        timeout: {
          description: 'branch times out / 408 kept',
          guard: 'branchOpen',
          target: 'Checking',
          actions: 'keepTimeout',
        },
        'timer.C.*': { description: 'Timer C fires / -', target: 'Checking', actions: 'timerC' },
        'timer.giveUp.*': giveUp,
        ended,
      },
    },
    Accepted: {
      description: 'A 2xx was forwarded: later 2xx forwarded at once, nothing else (§16.7 step 5)',
      on: {
        provisional: {
          description: '1xx received / not forwarded, waiting CANCEL sent',
          actions: 'provisional',
        },
        '2xx': {
          description: 'another 2xx / forwarded at once, CANCEL others (§16.7 step 5)',
          actions: 'forward2xx',
        },
        final: { description: 'branch 3xx–6xx / kept, not sent', actions: 'keepFinal' },
        timeout: {
          description: 'branch times out / -',
          guard: 'branchOpen',
          actions: 'keepTimeout',
        },
        'timer.C.*': { description: 'Timer C fires / CANCEL branch (§16.8)', actions: 'timerC' },
        'timer.giveUp.*': {
          description: 'no final 64·T1 after CANCEL / branch given up (§9.1)',
          actions: 'giveUp',
        },
        ended,
      },
    },
    Completed: {
      description: 'Every branch final, the best response sent (§16.7 step 6)',
      on: {
        '2xx': {
          description: '2xx received / forwarded (§16.7 step 5)',
          target: 'Accepted',
          actions: 'forward2xx',
        },
        final: { description: 'branch 3xx–6xx / kept, not sent', actions: 'keepFinal' },
        'timer.C.*': { description: 'Timer C fires / -', actions: 'timerC' },
        'timer.giveUp.*': {
          description: 'no final 64·T1 after CANCEL / branch given up (§9.1)',
          actions: 'giveUp',
        },
        ended,
      },
    },
    Terminated: { type: 'final' },
  },
});
