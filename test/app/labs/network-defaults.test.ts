/**
 * The builder's defaults make a network that works: whatever order the elements are added in, a
 * REGISTER gets 200 OK from the registrar and an INVITE reaches the callee and is answered (the issue
 * this replaces: 404 "no location service", then 404 "not a domain of this registrar").
 */
import { describe, expect, it } from 'vitest';
import type { ElementKind } from '../../../app/labs/lab-model';
import type { DraftElement, Obj } from '../../../app/labs/build/draft';
import { nextTimelineAction, withNewElement } from '../../../app/labs/build/network-defaults';
import { runScenario } from '../../../sim/lab';
import { parseScenario } from '../../../sim/scenario';

function build(kinds: ElementKind[]): DraftElement[] {
  let elements: DraftElement[] = [];
  for (const k of kinds) elements = withNewElement(elements, k).elements;
  return elements;
}

/** Runs the network with the timeline the builder proposes: each UA registers, then a call. */
function run(elements: DraftElement[]) {
  const timeline: Obj[] = [];
  const uas = elements.filter((e) => e.kind === 'user-agent').length;
  for (let i = 0; i < uas + 1; i++) timeline.push(nextTimelineAction(elements, timeline));
  const scenario = parseScenario({
    name: 'defaults',
    title: 'Defaults',
    elements,
    timeline,
    endAt: 30000,
  });
  return { timeline, result: runScenario(scenario) };
}

function ladder(r: ReturnType<typeof runScenario>): string[] {
  return r.trace
    .filter((e) => e.type === 'send')
    .map((e) => `${e.from} → ${e.to}: ${e.method ?? `${e.status}`}`);
}

describe('a network built with the defaults works', () => {
  it.each<[string, ElementKind[]]>([
    [
      'two UAs, a stateful proxy, then a registrar',
      ['user-agent', 'user-agent', 'stateful-proxy', 'registrar'],
    ],
    [
      'a registrar first, then a proxy, then two UAs',
      ['registrar', 'stateful-proxy', 'user-agent', 'user-agent'],
    ],
    ['a stateless proxy', ['user-agent', 'registrar', 'user-agent', 'stateless-proxy']],
  ])('%s: REGISTERs get 200, the INVITE is answered', (_name, kinds) => {
    const elements = build(kinds);
    const { timeline, result } = run(elements);
    expect(timeline.map((a) => a['action'])).toEqual(['register', 'register', 'invite']);
    const sent = ladder(result);
    expect(sent.filter((l) => /→ (alice|bob): 200$/.test(l)).length).toBeGreaterThanOrEqual(3);
    expect(sent.filter((l) => /: [45]\d\d$/.test(l))).toEqual([]);
    const alice = result.elements.find((e) => e.name === 'alice')!;
    expect(alice.activities?.find((a) => a.kind === 'call')?.state).toBe('confirmed');
    const registrar = result.elements.find((e) => e.name === 'registrar')!;
    expect(registrar.bindings?.map((b) => b.aor).sort()).toEqual([
      'sip:alice@example.com',
      'sip:bob@example.com',
    ]);
  });

  it('no proxy: the registrar is the front door, and the user agents register with it', () => {
    const { result } = run(build(['user-agent', 'user-agent', 'registrar']));
    expect(ladder(result).slice(0, 4)).toEqual([
      'alice → registrar: REGISTER',
      'bob → registrar: REGISTER',
      'registrar → alice: 200',
      'registrar → bob: 200',
    ]);
  });

  it('one domain; the proxy holds its host name and reads the registrar', () => {
    const els = build(['user-agent', 'user-agent', 'registrar', 'stateful-proxy']);
    const by = (n: string) => els.find((e) => e.name === n)!;
    expect(by('alice')['aor']).toBe('sip:alice@example.com');
    expect(by('registrar')).toMatchObject({ domain: 'example.com', host: 'registrar.example.com' });
    expect(by('proxy')).toMatchObject({
      domain: 'example.com',
      host: 'example.com',
      registrar: 'registrar',
    });
  });

  it('keeps what the instructor typed: a registrar host of their own is not moved', () => {
    let els = build(['registrar']);
    els = els.map((e) => ({ ...e, host: 'reg.example.org', domain: 'example.org' }));
    const next = withNewElement(els, 'stateful-proxy').elements;
    expect(next[0]).toMatchObject({ host: 'reg.example.org' });
    expect(next[1]).toMatchObject({
      domain: 'example.org',
      host: 'example.org',
      registrar: 'registrar',
    });
  });
});
