/**
 * Check evaluation on hand-made traces and snapshots: every kind of check, and both outcomes of each.
 * The traces carry real SIP text, so header conditions are read from the message as on a real run.
 */
import { describe, expect, it } from 'vitest';
import type { ElementSnapshot } from '../../../sim/elements';
import { evaluate, parseLab, type Check, type GivenAnswer, type Lab } from '../../../sim/lab';
import type { TraceEvent } from '../../../sim/network';
import { parseScenario, type Scenario } from '../../../sim/scenario';
import { TraceBuilder, request, response, smallLab } from './helpers';

/** A lab of the small network whose only task holds these checks. */
function labWith(checks: object[], unlock?: object): Lab {
  const doc = smallLab();
  doc.tasks = [{ id: 't', title: 'T', hint: 'a hint', checks }];
  doc.solution = { actions: [] };
  if (unlock) doc.unlock = unlock;
  return parseLab(doc);
}

const scenario: Scenario = parseScenario((smallLab() as { scenario: unknown }).scenario);

function snapshot(name: string, extra: Partial<ElementSnapshot> = {}): ElementSnapshot {
  return {
    name,
    kind: 'user-agent',
    address: '10.0.0.10',
    port: 5060,
    transactions: [],
    dialogs: [],
    settings: {},
    problems: [],
    ...extra,
  };
}

function run(
  lab: Lab,
  trace: TraceEvent[],
  opts: {
    elements?: ElementSnapshot[];
    answers?: [string, GivenAnswer][];
    scenario?: Scenario;
  } = {},
) {
  return evaluate(lab, {
    scenario: opts.scenario ?? scenario,
    trace,
    elements: opts.elements ?? [],
    answers: new Map(opts.answers ?? []),
  });
}

/** One check's result. */
function one(check: object, trace: TraceEvent[], opts: Parameters<typeof run>[2] = {}) {
  const r = run(labWith([check]), trace, opts).checks[0]!;
  return r;
}

/** alice → proxy INVITE; proxy → bob INVITE (Record-Route, Max-Forwards 69); bob → proxy → alice 200 OK. */
function callTrace(opts: { recordRoute?: boolean } = {}): TraceBuilder {
  const t = new TraceBuilder();
  const [, recv] = t.datagram(0, 'alice', 'registrar', request('INVITE'));
  const rr: [string, string][] = opts.recordRoute ? [['Record-Route', '<sip:10.0.0.3;lr>']] : [];
  t.datagram(10, 'registrar', 'bob', request('INVITE', rr, { maxForwards: 69 }), {
    causedBy: recv.id,
  });
  const [, ok] = t.datagram(2000, 'bob', 'registrar', response(200, 'OK', 'INVITE', rr));
  t.datagram(2010, 'registrar', 'alice', response(200, 'OK', 'INVITE', rr), { causedBy: ok.id });
  return t;
}

describe('message checks', () => {
  it('a message was sent: passes when one matches, fails when none does', () => {
    const check = { id: 'c', kind: 'message', from: 'alice', method: 'INVITE' };
    expect(one(check, callTrace().events)).toMatchObject({ passed: true, points: 1, maxPoints: 1 });
    const r = one({ ...check, method: 'BYE' }, callTrace().events);
    expect(r).toMatchObject({ passed: false, points: 0, hint: 'a hint' });
    expect(r.message).toMatch(/found none: alice sends a BYE/);
  });

  it('sent is the default; "receive" looks at the arrival, "drop" at a loss', () => {
    const t = new TraceBuilder();
    t.datagram(0, 'alice', 'bob', request('MESSAGE'), { lost: true });
    const recv = { id: 'c', kind: 'message', type: 'receive', to: 'bob', method: 'MESSAGE' };
    expect(one(recv, t.events).passed).toBe(false);
    expect(one({ ...recv, type: 'drop' }, t.events).passed).toBe(true);
    expect(one({ id: 'c', kind: 'message', to: 'bob', method: 'MESSAGE' }, t.events).passed).toBe(
      true,
    );
  });

  it('absent: passes when no message matches, fails (saying how many) when one does', () => {
    const check = { id: 'c', kind: 'message', status: 483, absent: true };
    expect(one(check, callTrace().events).passed).toBe(true);
    const t = callTrace();
    t.datagram(3000, 'registrar', 'alice', response(483, 'Too Many Hops', 'INVITE'));
    const r = one(check, t.events);
    expect(r.passed).toBe(false);
    expect(r.message).toMatch(/happened 1 time/);
  });

  it('count and atLeast', () => {
    const t = callTrace();
    t.datagram(500, 'alice', 'registrar', request('INVITE'), { retransmission: true });
    const base = { id: 'c', kind: 'message', from: 'alice', method: 'INVITE' };
    expect(one({ ...base, count: 2 }, t.events).passed).toBe(true);
    expect(one({ ...base, count: 1 }, t.events).passed).toBe(false);
    expect(one({ ...base, atLeast: 2 }, t.events).passed).toBe(true);
    expect(one({ ...base, atLeast: 3 }, t.events).passed).toBe(false);
    expect(one({ ...base, retransmission: true, count: 1 }, t.events).passed).toBe(true);
    expect(one({ ...base, retransmission: false, count: 1 }, t.events).passed).toBe(true);
  });

  it('status classes', () => {
    expect(
      one({ id: 'c', kind: 'message', status: '2xx', to: 'alice' }, callTrace().events).passed,
    ).toBe(true);
    expect(one({ id: 'c', kind: 'message', status: '4xx' }, callTrace().events).passed).toBe(false);
  });

  it('header present / absent', () => {
    const check = {
      id: 'c',
      kind: 'message',
      from: 'registrar',
      to: 'alice',
      status: 200,
      headers: [
        { name: 'CSeq', contains: 'invite' },
        { name: 'Record-Route', present: true },
      ],
    };
    expect(one(check, callTrace({ recordRoute: true }).events).passed).toBe(true);
    const r = one(check, callTrace().events);
    expect(r.passed).toBe(false);
    expect(r.message).toMatch(/There was 1 such message, but none with Record-Route/);
    const absent = { ...check, headers: [{ name: 'Record-Route', present: false }] };
    expect(one(absent, callTrace().events).passed).toBe(true);
    expect(one(absent, callTrace({ recordRoute: true }).events).passed).toBe(false);
  });

  it('header equals / below / above (Max-Forwards), by long or compact name', () => {
    const at = (headers: object[]) =>
      one({ id: 'c', kind: 'message', to: 'bob', method: 'INVITE', headers }, callTrace().events)
        .passed;
    expect(at([{ name: 'Max-Forwards', equals: '69' }])).toBe(true);
    expect(at([{ name: 'Max-Forwards', equals: '70' }])).toBe(false);
    expect(at([{ name: 'max-forwards', below: 70, above: 60 }])).toBe(true);
    expect(at([{ name: 'Max-Forwards', below: 5 }])).toBe(false);
    expect(at([{ name: 'v', contains: 'branch=z9hG4bK' }])).toBe(true);
    expect(at([{ name: 'Via', contains: 'TCP' }])).toBe(false);
  });

  it('after: only matches after the first match of another check count', () => {
    const t = new TraceBuilder();
    t.datagram(0, 'registrar', 'alice', response(200, 'OK', 'REGISTER'));
    t.datagram(100, 'alice', 'registrar', request('REGISTER'));
    const lab = labWith([
      { id: 'reg', kind: 'message', from: 'alice', method: 'REGISTER' },
      { id: 'ok', kind: 'message', from: 'registrar', status: 200, after: 'reg' },
    ]);
    const r1 = run(lab, t.events).checks;
    expect(r1.map((c) => c.passed)).toEqual([true, false]);
    expect(r1[1]?.message).toMatch(/found none after it/);
    t.datagram(200, 'registrar', 'alice', response(200, 'OK', 'REGISTER'));
    expect(run(lab, t.events).checks.map((c) => c.passed)).toEqual([true, true]);
    // When the other never happens, the message says so.
    const r3 = run(lab, []).checks[1]!;
    expect(r3.message).toMatch(/which never happened/);
  });

  it('forwarded: a received message its element sent on, or absorbed', () => {
    const t = new TraceBuilder();
    const [, first] = t.datagram(0, 'alice', 'registrar', request('INVITE'));
    t.datagram(10, 'registrar', 'bob', request('INVITE'), { causedBy: first.id });
    const [, again] = t.datagram(500, 'alice', 'registrar', request('INVITE'), {
      retransmission: true,
    });
    t.datagram(510, 'registrar', 'alice', response(100, 'Trying', 'INVITE'), {
      causedBy: again.id,
    });
    const base = { id: 'c', kind: 'message', type: 'receive', to: 'registrar', method: 'INVITE' };
    expect(one({ ...base, retransmission: true, forwarded: false }, t.events).passed).toBe(true);
    expect(one({ ...base, retransmission: true, forwarded: true }, t.events).passed).toBe(false);
    expect(one({ ...base, retransmission: false, forwarded: true }, t.events).passed).toBe(true);
  });
});

describe('state checks', () => {
  const registrar = (bindings: { aor: string; contact: string }[]) =>
    snapshot('registrar', {
      kind: 'registrar',
      bindings: bindings.map((b) => ({ ...b, q: 1, expiresIn: 3600 })),
    });

  it('binding: exists for the AOR (and contact), or not', () => {
    const check = {
      id: 'c',
      kind: 'state',
      element: 'registrar',
      binding: { aor: 'sip:alice@A.example.com' },
    };
    const bound = [
      registrar([{ aor: 'sip:alice@a.example.com', contact: 'sip:alice@10.0.0.10:5060' }]),
    ];
    expect(one(check, [], { elements: bound }).passed).toBe(true);
    const r = one(check, [], { elements: [registrar([])] });
    expect(r.passed).toBe(false);
    expect(r.message).toMatch(/no binding for sip:alice@a.example.com.*it has none/);
    const contact = {
      ...check,
      binding: { aor: 'sip:alice@a.example.com', contact: 'sip:alice@10.0.0.10' },
    };
    expect(one(contact, [], { elements: bound }).passed).toBe(true);
    const other = {
      ...check,
      binding: { aor: 'sip:alice@a.example.com', contact: 'sip:alice@10.0.0.99' },
    };
    expect(one(other, [], { elements: bound }).message).toMatch(/not to sip:alice@10.0.0.99/);
  });

  it('dialog: confirmed / terminated', () => {
    const dialog = (state: 'early' | 'confirmed' | 'terminated') => ({
      id: 'd', role: 'uac' as const, state, callId: 'c', localTag: 'a', remoteTag: 'b', localSeq: 1,
      remoteSeq: null, localUri: 'sip:alice@a.example.com', remoteUri: 'sip:bob@b.example.com',
      remoteTarget: 'sip:bob@10.0.0.20', routeSet: [], method: 'INVITE',
    }); // prettier-ignore
    const check = { id: 'c', kind: 'state', element: 'alice', dialog: { state: 'confirmed' } };
    expect(
      one(check, [], { elements: [snapshot('alice', { dialogs: [dialog('confirmed')] })] }).passed,
    ).toBe(true);
    const r = one(check, [], {
      elements: [snapshot('alice', { dialogs: [dialog('terminated')] })],
    });
    expect(r).toMatchObject({
      passed: false,
      message: expect.stringMatching(/its dialogs: terminated/),
    });
  });

  it('transaction: the state it ended in, read from the trace when the snapshot has dropped it', () => {
    const t = new TraceBuilder();
    const id = 'alice:z9hG4bKx:REGISTER';
    t.state(0, 'alice', id, 'new', 'Trying');
    t.state(20, 'alice', id, 'Trying', 'Completed');
    t.state(5020, 'alice', id, 'Completed', 'Terminated');
    const check = {
      id: 'c',
      kind: 'state',
      element: 'alice',
      transaction: { method: 'REGISTER', state: 'Terminated' },
    };
    expect(one(check, t.events).passed).toBe(true);
    const completed = { ...check, transaction: { method: 'REGISTER', state: 'Completed' } };
    expect(one(completed, t.events)).toMatchObject({
      passed: false,
      message: expect.stringMatching(/ended in: Terminated/),
    });
    expect(
      one({ ...check, transaction: { ...completed.transaction, reached: true } }, t.events).passed,
    ).toBe(true);
    expect(
      one({ ...check, transaction: { method: 'INVITE', state: 'Terminated' } }, t.events).passed,
    ).toBe(false);
  });

  it('transaction: one still alive, from the snapshot', () => {
    const tx = {
      id: 'alice:z9hG4bKy:INVITE',
      kind: 'invite-client',
      method: 'INVITE',
      branch: 'z9hG4bKy',
      state: 'Proceeding',
      timers: [],
    };
    const check = {
      id: 'c',
      kind: 'state',
      element: 'alice',
      transaction: { method: 'INVITE', state: 'proceeding' },
    };
    expect(one(check, [], { elements: [snapshot('alice', { transactions: [tx] })] }).passed).toBe(
      true,
    );
    expect(one(check, [], { elements: [snapshot('alice')] }).passed).toBe(false);
  });

  it('activity: a registration that is registered, or not', () => {
    const check = {
      id: 'c',
      kind: 'state',
      element: 'alice',
      activity: { kind: 'registration', state: 'registered' },
    };
    const act = (state: string) => [
      snapshot('alice', { activities: [{ kind: 'registration', state, summary: state }] }),
    ];
    expect(one(check, [], { elements: act('registered') }).passed).toBe(true);
    expect(one(check, [], { elements: act('failed') })).toMatchObject({
      passed: false,
      message: expect.stringMatching(/\(failed\)/),
    });
  });
});

describe('answer checks', () => {
  const mc = {
    id: 'q',
    kind: 'answer',
    question: 'Who?',
    choices: ['a proxy', 'a registrar'],
    correct: 1,
  };

  it('multiple choice: by index or by the text of the choice', () => {
    const ans = (choice: string | number) =>
      one(mc, [], { answers: [['q', { choice, trace: [] }]] });
    expect(ans(1).passed).toBe(true);
    expect(ans(' A Registrar ').passed).toBe(true);
    expect(ans(0)).toMatchObject({
      passed: false,
      message: 'the answer given, “a proxy”, is not right',
    });
    expect(one(mc, []).message).toBe('not answered');
  });

  it('free text: accepted answers, without case', () => {
    const q = {
      id: 'q',
      kind: 'answer',
      question: 'Which status?',
      accept: ['483', '483 Too Many Hops'],
    };
    expect(
      one(q, [], { answers: [['q', { choice: '483 too many hops', trace: [] }]] }).passed,
    ).toBe(true);
    expect(one(q, [], { answers: [['q', { choice: 482, trace: [] }]] }).passed).toBe(false);
  });

  it('select the message: any event of the datagram stands for it; others do not match', () => {
    const t = new TraceBuilder();
    const [send] = t.datagram(0, 'alice', 'bob', request('MESSAGE'), { lost: true });
    const [again, recv] = t.datagram(500, 'alice', 'bob', request('MESSAGE'), {
      retransmission: true,
    });
    const q = {
      id: 'q',
      kind: 'answer',
      question: 'Select the lost message.',
      select: { type: 'drop' },
    };
    const pick = (choice: number) => one(q, [], { answers: [['q', { choice, trace: t.events }]] });
    expect(pick(send.id).passed).toBe(true); // its send
    expect(pick(send.id + 1).passed).toBe(true); // its drop
    expect(pick(again.id).passed).toBe(false);
    expect(pick(recv.id).message).toMatch(/is not the one asked for/);
    expect(pick(99).message).toBe('the ladder has no event #99');
  });

  it('select with several matchers: any of them', () => {
    const t = callTrace();
    const q = {
      id: 'q', kind: 'answer', question: 'Select a 200 OK.',
      select: [{ from: 'bob', status: 200 }, { from: 'registrar', status: 200 }],
    }; // prettier-ignore
    const ok = t.events.filter((e) => e.status === 200).map((e) => e.id);
    for (const id of ok)
      expect(one(q, [], { answers: [['q', { choice: id, trace: t.events }]] }).passed).toBe(true);
    expect(one(q, [], { answers: [['q', { choice: 0, trace: t.events }]] }).passed).toBe(false);
  });
});

describe('setting checks', () => {
  const unlock = { elements: { registrar: ['authenticate'], alice: ['answer'] } };
  it('the value in the scenario as run', () => {
    const lab = labWith(
      [{ id: 's', kind: 'setting', element: 'registrar', setting: 'authenticate', equals: true }],
      unlock,
    );
    const on = structuredClone(scenario);
    (on.elements[2] as { authenticate?: boolean }).authenticate = true;
    expect(run(lab, [], { scenario: on }).checks[0]?.passed).toBe(true);
    expect(run(lab, []).checks[0]).toMatchObject({
      passed: false,
      message: "registrar's authenticate is not set, not true",
    });
  });

  it('or the value the element shows (a default, or the mode of an answer policy)', () => {
    const lab = labWith(
      [{ id: 's', kind: 'setting', element: 'alice', setting: 'answer', equals: 'busy' }],
      unlock,
    );
    const elements = (mode: string) => [snapshot('alice', { settings: { answer: mode } })];
    expect(run(lab, [], { elements: elements('busy') }).checks[0]?.passed).toBe(true);
    expect(run(lab, [], { elements: elements('answer') }).checks[0]?.passed).toBe(false);
  });
});

describe('score', () => {
  it('is the sum of the points of the checks that passed', () => {
    const checks: object[] = [
      { id: 'a', kind: 'message', from: 'alice', method: 'INVITE', points: 3 },
      { id: 'b', kind: 'message', method: 'BYE', points: 2 },
      { id: 'c', kind: 'message', status: 200 },
    ];
    const ev = run(labWith(checks), callTrace().events);
    expect(ev).toMatchObject({ score: 4, max: 6, passed: false });
    expect(ev.checks.map((c: { id: string }) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('labels describe checks that have none', () => {
    const ev = run(
      labWith([
        {
          id: 'a',
          kind: 'message',
          from: 'alice',
          method: 'INVITE',
          headers: [{ name: 'Route' }],
        } satisfies object as Check,
      ]),
      [],
    );
    expect(ev.checks[0]?.label).toBe('alice sends an INVITE with Route');
  });
});
