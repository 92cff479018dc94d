/**
 * The engine on the built-in scenarios' traces, and on variants that once showed element defects (the
 * regression tests, named after the rule they broke). No rule may fail internally, and no finding at
 * all is allowed: a finding is either an element defect or an engine false positive, and both fail.
 */
import { describe, expect, it } from 'vitest';
import {
  checkMessagesReport,
  type CheckOptions,
  type Finding,
  type WireMessage,
} from '@/sim/rules';
import {
  Simulation,
  builtinNames,
  builtinScenario,
  parseScenario,
  type Scenario,
} from '@/sim/scenario';
import { checkOptionsOf, wireMessagesOf } from '@/sim/session';

/** A run's messages and check options, each scenario run once (busy-office takes seconds). */
const runs = new Map<Scenario, { messages: WireMessage[]; options: CheckOptions }>();
function wireOf(scenario: Scenario): { messages: WireMessage[]; options: CheckOptions } {
  let r = runs.get(scenario);
  if (!r) {
    const sim = new Simulation(scenario);
    sim.run();
    r = {
      messages: wireMessagesOf(sim.network.trace.events),
      options: checkOptionsOf(scenario, sim.observedUntil),
    };
    runs.set(scenario, r);
  }
  return r;
}

function check(scenario: Scenario): { findings: Finding[]; messages: number } {
  const { messages, options } = wireOf(scenario);
  const report = checkMessagesReport(messages, options);
  expect(report.ruleErrors).toEqual([]);
  return { findings: report.findings, messages: messages.length };
}

const scenarios = new Map(builtinNames().map((n) => [n, builtinScenario(n)!]));

function expectNoFinding(findings: Finding[]): void {
  expect(findings.map((f) => `${f.rule} [${f.message}] ${f.text}`)).toEqual([]);
}

describe('built-in scenarios', () => {
  for (const name of builtinNames())
    it(`${name}: no finding, MUST or SHOULD`, () => {
      expectNoFinding(check(scenarios.get(name)!).findings);
    }, 30_000);
});

describe('regression: variants that showed element defects', () => {
  it("invite-407, ack-2xx-credentials (§13.2.2.4): the ACK of the 2xx carries the INVITE's Proxy-Authorization", () => {
    const { findings, messages } = check(scenarios.get('invite-407')!);
    expect(messages).toBeGreaterThan(0);
    expectNoFinding(findings);
  });

  it('proxy-forwards-2xx and ack-2xx-sent (§16.7 step 5, §13.2.2.4): both forked phones answer', () => {
    const s = builtinScenario('forking')!;
    s.elements = s.elements.map((e) =>
      e.name === 'bob-mobile' && e.kind === 'user-agent'
        ? { ...e, answer: { mode: 'answer', ringMs: 3000 } }
        : e,
    );
    // The proxy forwards the mobile's first 200 at once, and the caller ACKs it and ends that dialog.
    expectNoFinding(check(s).findings);
  });

  it('request-sent-to-route (§8.1.2, §12.2.1.1): a subscription through a record-routing proxy', () => {
    const input = structuredClone(builtinScenario('subscribe-notify')!) as unknown as {
      elements: Record<string, unknown>[];
      links: Record<string, unknown>[];
    };
    input.elements.push({
      kind: 'stateful-proxy',
      name: 'proxy',
      address: '10.1.0.2',
      host: 'proxy.a.example.com',
      domain: 'a.example.com',
      recordRoute: true,
    });
    input.elements = input.elements.map((e) =>
      e.name === 'alice' ? { ...e, outboundProxy: 'sip:proxy.a.example.com' } : e,
    );
    input.links.push(
      { a: 'alice', b: 'proxy', latencyMs: 20, loss: 0 },
      { a: 'proxy', b: 'presence', latencyMs: 20, loss: 0 },
    );
    // The NOTIFYs go to the proxy named by their Route, not straight to the Contact.
    expectNoFinding(check(parseScenario(input)).findings);
  });

  it('timer-c (§16.6 step 11): a phone that rings for more than three minutes', () => {
    const s = builtinScenario('no-answer')!;
    s.elements = s.elements.map((e) =>
      e.kind === 'user-agent' && e.name === 'bob'
        ? { ...e, answer: { mode: 'no-answer', ringMs: 250_000 } }
        : e,
    );
    s.endAt = 400_000;
    // The proxy cancels the branch more than 3 minutes after its last provisional response.
    expectNoFinding(check(s).findings);
  });
});
