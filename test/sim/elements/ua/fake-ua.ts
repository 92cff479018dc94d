/**
 * A fake UA core for the user agent's machines (calls, registration, subscriptions): it records what a
 * machine asks of its host — responses, requests, BYEs, ACKs, trace notes and timer records — on a
 * virtual clock, so a test drives one machine alone and reads the ladder it asked for.
 */
import {
  createRequest,
  parseUri,
  responseTo,
  type HeaderInit,
  type SipRequest,
  type SipResponse,
  type SipUri,
} from '../../../../sim/codec';
import type { UserAgentConfig } from '../../../../sim/elements';
import type { UaCore } from '../../../../sim/elements/ua/ua-core';
import { SeededRandom } from '../../../../sim/network';
import {
  DEFAULT_TIMERS,
  type ClientTransaction,
  type MachineTrace,
  type ServerTransaction,
} from '../../../../sim/transaction';
import { FakeClock } from '../../transaction/harness';

/** What the machine asked of its host, in order: "respond 180", "request INVITE", "BYE", … */
export interface FakeUa extends UaCore {
  readonly clock: FakeClock;
  readonly log: string[];
  /** Requests sent in transactions, in order, and their transactions. */
  readonly requests: SipRequest[];
  readonly transactions: ClientTransaction[];
  /** Whether requests (and BYEs) find a route; true by default. */
  routable: boolean;
}

let txCount = 0;

export function fakeTransaction(request: SipRequest): ClientTransaction {
  return {
    id: `tx${++txCount}`,
    side: 'client',
    method: request.method,
    request,
    requireRequest: () => request,
    destination: { address: '192.0.2.9', port: 5060 },
  } as unknown as ClientTransaction;
}

export function fakeServerTransaction(request: SipRequest): ServerTransaction {
  return {
    id: `stx${++txCount}`,
    side: 'server',
    method: request.method,
    request,
    requireRequest: () => request,
    branch: `z9hG4bK-s${txCount}`,
    responseDestination: { address: '192.0.2.8', port: 5060 },
  } as unknown as ServerTransaction;
}

/** A trace that links nothing (the machines then note their transitions for the drawing). */
export const QUIET_TRACE: MachineTrace = {
  cause: () => undefined,
  nextId: () => 0,
  causeSince: () => undefined,
};

export function fakeUa(config: Partial<UserAgentConfig> = {}): FakeUa {
  const clock = new FakeClock();
  const rng = new SeededRandom(7);
  const aor = parseUri(config.aor ?? 'sip:alice@a.example.com') as SipUri;
  let tags = 0;
  const log: string[] = [];
  const requests: SipRequest[] = [];
  const transactions: ClientTransaction[] = [];
  const started = (req: SipRequest): ClientTransaction => {
    const tx = fakeTransaction(req);
    requests.push(req);
    transactions.push(tx);
    return tx;
  };
  const ua: FakeUa = {
    name: 'alice',
    address: '192.0.2.1',
    port: 5060,
    config: {
      kind: 'user-agent',
      name: 'alice',
      aor: 'sip:alice@a.example.com',
      ...config,
    } as UserAgentConfig,
    aor,
    user: 'alice',
    timers: DEFAULT_TIMERS,
    clock,
    machineEnv: { clock, trace: QUIET_TRACE },
    rng,
    log,
    requests,
    transactions,
    routable: true,
    record: (e) => {
      log.push(`${e.type}${'timer' in e && e.timer ? ` ${e.timer}` : ''}`);
    },
    note: () => {},
    newTag: () => `tag${++tags}`,
    newCallId: () => `call${++tags}@192.0.2.1`,
    contact: () => '<sip:alice@192.0.2.1:5060>',
    newRequest: (method, requestUri, to, callId, fromTag, cseq, extra = [], body = '') => {
      const headers: HeaderInit = [
        ['Via', `SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-${++tags}`],
        ['Max-Forwards', '70'],
        ['From', `<sip:alice@a.example.com>;tag=${fromTag}`],
        ['To', to],
        ['Call-ID', callId],
        ['CSeq', `${cseq} ${method}`],
        ...extra,
      ];
      return createRequest(method, requestUri, headers, body);
    },
    addVia: (req) =>
      req.prependHeader('via', `SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-${++tags}`),
    nextHop: () => (ua.routable ? { address: '192.0.2.9', port: 5060 } : undefined),
    nextHopDirect: () => ({ address: '192.0.2.9', port: 5060 }),
    dialogNextHop: () => ({ address: '192.0.2.9', port: 5060 }),
    sendRequest: (req, destination) => {
      if (!destination) {
        log.push(`no route for ${req.method}`);
        return undefined;
      }
      log.push(`request ${req.method}`);
      return started(req);
    },
    send: (_destination, message) => {
      log.push('method' in message ? `send ${message.method}` : `send ${message.status}`);
    },
    sendBye: (dialog) => {
      log.push('BYE');
      dialog.terminate('BYE');
      if (!ua.routable) return undefined;
      return started(dialog.createRequest('BYE'));
    },
    respond: (tx, status, opts = {}) => {
      log.push(`respond ${status}`);
      return responseTo(tx.requireRequest(), status, opts);
    },
    respondWith: (_tx, res) => {
      log.push(`respond ${res.status} again`);
      return true;
    },
    abandon: () => {
      log.push('abandon INVITE');
      return true;
    },
    authorize: (challenge) => {
      log.push(`authorize ${challenge.status}`);
      return ['Authorization', 'Digest username="alice", response="00"'];
    },
  };
  return ua;
}

/** A response to `req` from the far end, with a To tag and Contact when it is above 100. */
export function answer(
  req: SipRequest,
  status: number,
  opts: { toTag?: string; headers?: [string, string][]; body?: string } = {},
): SipResponse {
  return responseTo(req, status, {
    ...(status > 100 ? { toTag: opts.toTag ?? 'bob1' } : {}),
    headers: (opts.headers ?? []).some(([name]) => name.toLowerCase() === 'contact')
      ? opts.headers
      : [['Contact', '<sip:bob@192.0.2.2:5060>'], ...(opts.headers ?? [])],
    ...(opts.body !== undefined ? { body: opts.body } : {}),
  });
}

/** An incoming INVITE (or another request) from bob to alice, out of dialog. */
export function requestFromBob(
  method: string,
  extra: HeaderInit = [],
  opts: { toTag?: string; cseq?: number; callId?: string } = {},
): SipRequest {
  return createRequest(
    method,
    'sip:alice@192.0.2.1:5060',
    [
      ['Via', 'SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK-bob'],
      ['Max-Forwards', '70'],
      ['From', '<sip:bob@b.example.com>;tag=bobtag'],
      ['To', `<sip:alice@a.example.com>${opts.toTag ? `;tag=${opts.toTag}` : ''}`],
      ['Call-ID', opts.callId ?? 'bobcall@192.0.2.2'],
      ['CSeq', `${opts.cseq ?? 1} ${method}`],
      ['Contact', '<sip:bob@192.0.2.2:5060>'],
      ...extra,
    ],
    '',
  );
}
