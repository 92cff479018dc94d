/**
 * Helpers for the lab tests: a small valid lab to mutate, hand-made trace events carrying real SIP
 * message text (so header conditions are read as they are on a real run), and LabError paths.
 */
import { expect } from 'vitest';
import { LabError, type LabIssue } from '../../../sim/lab';
import type { TraceEvent } from '../../../sim/network';

/** A small valid lab (two user agents and a registrar): alice must register; one check of each kind. */
export function smallLab(): Record<string, unknown> {
  return {
    version: 2,
    id: 'small',
    title: 'Register alice',
    summary: 'A lab for the tests.',
    author: 'tests',
    instructions: 'Register **alice**.',
    scenario: {
      name: 'small',
      title: 'Small',
      elements: [
        { kind: 'user-agent', name: 'alice', address: '10.0.0.10', aor: 'sip:alice@a.example.com', registrar: 'sip:a.example.com' },
        { kind: 'user-agent', name: 'bob', address: '10.0.0.20', aor: 'sip:bob@a.example.com' },
        { kind: 'registrar', name: 'registrar', address: '10.0.0.3', domain: 'a.example.com' },
      ],
      links: [{ a: 'alice', b: 'registrar', latencyMs: 10 }],
      dns: { a: [{ name: 'a.example.com', address: '10.0.0.3' }] },
      endAt: 10000,
    },
    unlock: {
      elements: { registrar: ['authenticate'] },
      actions: [{ action: 'register', actors: ['alice'] }],
    },
    tasks: [
      {
        id: 'reg',
        title: 'Register',
        hint: 'Put a register on the timeline.',
        checks: [
          { id: 'sent', kind: 'message', from: 'alice', method: 'REGISTER' },
          { id: 'ok', kind: 'message', from: 'registrar', to: 'alice', status: 200, after: 'sent' },
          { id: 'bound', kind: 'state', element: 'registrar', binding: { aor: 'sip:alice@a.example.com' } },
          { id: 'q', kind: 'answer', question: 'Who answers a REGISTER?', choices: ['a proxy', 'a registrar'], correct: 1 },
          { id: 'auth', kind: 'setting', element: 'registrar', setting: 'authenticate', equals: false },
        ],
      },
    ],
    solution: {
      actions: [
        { kind: 'timeline', at: 0, action: { actor: 'alice', action: 'register' } },
        { kind: 'answer', question: 'q', choice: 1 },
      ],
    },
  }; // prettier-ignore
}

/** The issues of a LabError thrown by f (fails the test if f does not throw one). */
export function labIssues(f: () => unknown): LabIssue[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LabError);
    return (e as LabError).issues;
  }
  expect.fail('expected a LabError');
}

/** The paths of the issues of a LabError thrown by f. */
export function issuePaths(f: () => unknown): string[] {
  return labIssues(f).map((i) => i.path);
}

/** A SIP message as it goes on the wire (CRLF line ends, Content-Length). */
export function sip(startLine: string, headers: [string, string][], body = ''): string {
  const all: [string, string][] = [...headers, ['Content-Length', String(body.length)]];
  return `${startLine}\r\n${all.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`;
}

export function request(
  method: string,
  extra: [string, string][] = [],
  opts: { cseq?: number; maxForwards?: number } = {},
): string {
  return sip(`${method} sip:bob@b.example.com SIP/2.0`, [
    ['Via', 'SIP/2.0/UDP 10.0.0.10:5060;branch=z9hG4bKtest1'],
    ['Max-Forwards', String(opts.maxForwards ?? 70)],
    ['From', '<sip:alice@a.example.com>;tag=a1'],
    ['To', '<sip:bob@b.example.com>'],
    ['Call-ID', 'call1@10.0.0.10'],
    ['CSeq', `${opts.cseq ?? 1} ${method}`],
    ...extra,
  ]);
}

export function response(
  status: number,
  reason: string,
  method: string,
  extra: [string, string][] = [],
): string {
  return sip(`SIP/2.0 ${status} ${reason}`, [
    ['Via', 'SIP/2.0/UDP 10.0.0.10:5060;branch=z9hG4bKtest1'],
    ['From', '<sip:alice@a.example.com>;tag=a1'],
    ['To', '<sip:bob@b.example.com>;tag=b1'],
    ['Call-ID', 'call1@10.0.0.10'],
    ['CSeq', `1 ${method}`],
    ...extra,
  ]);
}

/** Builds a trace: each added event gets the next id and the time given. */
export class TraceBuilder {
  readonly events: TraceEvent[] = [];
  private datagrams = 0;

  private add(e: Omit<TraceEvent, 'id'>): TraceEvent {
    const ev = { ...e, id: this.events.length } as TraceEvent;
    this.events.push(ev);
    return ev;
  }

  /** A datagram sent and (unless lost) received; returns [send, receive or drop]. */
  datagram(
    time: number,
    from: string,
    to: string,
    raw: string,
    opts: { lost?: boolean; retransmission?: boolean; causedBy?: number; latency?: number } = {},
  ): [TraceEvent, TraceEvent] {
    const datagram = ++this.datagrams;
    const first = raw.slice(0, raw.indexOf('\r\n'));
    const status = /^SIP\/2\.0 (\d{3})/.exec(first);
    const facts = status
      ? { status: Number(status[1]), reason: first.slice(12) }
      : { method: first.split(' ')[0]! };
    const common = { from, to, datagram, retransmission: opts.retransmission === true, ...facts };
    const send = this.add({
      time,
      type: 'send',
      element: from,
      raw,
      ...common,
      ...(opts.causedBy !== undefined ? { causedBy: opts.causedBy } : {}),
      detail: `${from} sends to ${to}`,
    });
    const second = opts.lost
      ? this.add({
          time,
          type: 'drop',
          element: from,
          ...common,
          causedBy: send.id,
          detail: 'lost',
        })
      : this.add({
          time: time + (opts.latency ?? 10),
          type: 'receive',
          element: to,
          raw,
          ...common,
          causedBy: send.id,
          detail: `${to} receives from ${from}`,
        });
    return [send, second];
  }

  state(
    time: number,
    element: string,
    transactionId: string,
    from: string,
    to: string,
  ): TraceEvent {
    return this.add({
      time,
      type: 'state',
      element,
      transactionId,
      detail: `${transactionId}: ${from} → ${to} (test)`,
    });
  }
}
