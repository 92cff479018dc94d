/**
 * Test harness for the transaction layer: a tiny virtual clock (an ordered queue of (time, seq) →
 * callback), an environment that records what was sent and traced, and the RFC's example messages.
 */
import {
  isRequest,
  isResponse,
  parseMessage,
  responseTo,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from '../../../sim/codec';
import {
  DEFAULT_TIMERS,
  type Clock,
  type Destination,
  type TimerConfig,
  type TransactionEnv,
  type TransactionEvent,
} from '../../../sim/transaction';

export class FakeClock implements Clock {
  private time = 0;
  private seq = 0;
  private queue: { time: number; seq: number; fn: () => void }[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): number {
    const item = { time: this.time + Math.max(0, ms), seq: ++this.seq, fn };
    this.queue.push(item);
    this.queue.sort((a, b) => a.time - b.time || a.seq - b.seq);
    return item.seq;
  }

  clearTimeout(handle: number): void {
    this.queue = this.queue.filter((i) => i.seq !== handle);
  }

  /** Runs every callback due up to now + ms, in (time, seq) order, then sets the time to now + ms. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.queue[0];
      if (!next || next.time > end) break;
      this.queue.shift();
      this.time = next.time;
      next.fn();
    }
    this.time = end;
  }

  get pending(): number {
    return this.queue.length;
  }
}

export interface Sent {
  at: number;
  message: SipMessage;
  destination: Destination;
  transactionId: string;
  retransmission: boolean;
}

export interface TestEnv extends TransactionEnv {
  clock: FakeClock;
  sent: Sent[];
  events: (TransactionEvent & { at: number })[];
}

export function testEnv(
  opts: { reliable?: boolean; timers?: TimerConfig; clock?: FakeClock } = {},
): TestEnv {
  const clock = opts.clock ?? new FakeClock();
  const sent: Sent[] = [];
  const events: (TransactionEvent & { at: number })[] = [];
  return {
    clock,
    timers: opts.timers ?? DEFAULT_TIMERS,
    reliable: opts.reliable ?? false,
    sent,
    events,
    send(message, destination, info) {
      sent.push({ at: clock.now(), message, destination, ...info });
    },
    record(event) {
      events.push({ ...event, at: clock.now() });
    },
  };
}

/** Times at which messages with this start (method, or status code) were sent. */
export function sendTimes(env: TestEnv, what: string | number): number[] {
  return env.sent.filter((s) => startOf(s.message) === what).map((s) => s.at);
}

export function startOf(m: SipMessage): string | number {
  return isRequest(m) ? m.method : m.status;
}

/** The state changes recorded, as [from, to] pairs. */
export function stateChanges(env: TestEnv, transactionId?: string): [string, string][] {
  return env.events
    .filter((e) => e.type === 'state' && (!transactionId || e.transactionId === transactionId))
    .map((e) => (e.type === 'state' ? [e.from, e.to] : ['', '']));
}

export function request(text: string): SipRequest {
  const m = parseMessage(text.replace(/\n/g, '\r\n'));
  if (!isRequest(m)) throw new Error('not a request');
  return m;
}

export function response(text: string): SipResponse {
  const m = parseMessage(text.replace(/\n/g, '\r\n'));
  if (!isResponse(m)) throw new Error('not a response');
  return m;
}

/** The INVITE of RFC 3261 §17.1.1.3, with a Route header field added. */
export function invite(branch = 'z9hG4bKkjshdyff', sentBy = 'pc33.atlanta.com'): SipRequest {
  return request(`INVITE sip:bob@biloxi.com SIP/2.0
Via: SIP/2.0/UDP ${sentBy};branch=${branch}
Route: <sip:proxy.atlanta.com;lr>
To: Bob <sip:bob@biloxi.com>
From: Alice <sip:alice@atlanta.com>;tag=88sja8x
Max-Forwards: 70
Call-ID: 987asjd97y7atg
CSeq: 986759 INVITE
Contact: <sip:alice@pc33.atlanta.com>
Content-Length: 0

`);
}

export function register(branch = 'z9hG4bKnashds7', sentBy = 'bobspc.biloxi.com:5060'): SipRequest {
  return request(`REGISTER sip:registrar.biloxi.com SIP/2.0
Via: SIP/2.0/UDP ${sentBy};branch=${branch}
Max-Forwards: 70
To: Bob <sip:bob@biloxi.com>
From: Bob <sip:bob@biloxi.com>;tag=456248
Call-ID: 843817637684230@998sdasdh09
CSeq: 1826 REGISTER
Contact: <sip:bob@192.0.2.4>
Expires: 7200
Content-Length: 0

`);
}

/** A response to a request (as the server would send it), with a To tag on all but 100. */
export function answer(req: SipRequest, status: number, toTag = '99sa0xk'): SipResponse {
  return responseTo(req, status, { toTag });
}

export const SERVER: Destination = { address: '192.0.2.10', port: 5060 };
export const CLIENT: Destination = { address: '192.0.2.4', port: 5060 };
