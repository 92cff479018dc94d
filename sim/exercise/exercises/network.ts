/**
 * The networks the exercises run on, built from an attempt's drawn values: the caller's phone, the
 * callee's phone, the proxy, registrar and servers of the callee's domain, and DNS records that lead
 * requests for a domain to its server (RFC 3263 SRV, simplified).
 */
import type { ScenarioInput } from '../../scenario';
import type { Party, World } from '../world';

type Element = ScenarioInput['elements'][number];
type UserAgent = Extract<Element, { kind: 'user-agent' }>;

export function aor(p: Party): string {
  return `sip:${p.user}@${p.domain}`;
}

/** The phone's own address as a SIP URI (its registered contact). */
export function contactOf(p: Party): string {
  return `sip:${p.user}@${p.address}${p.port === 5060 ? '' : `:${p.port}`}`;
}

export function hostPort(address: string, port: number): string {
  return `${address}:${port}`;
}

export function caller(w: World, extra: Partial<UserAgent> = {}): Element {
  return {
    kind: 'user-agent',
    name: w.caller.user,
    label: `${w.caller.display}'s phone`,
    address: w.caller.address,
    port: w.caller.port,
    aor: aor(w.caller),
    displayName: w.caller.display,
    firstCSeq: w.callerCSeq,
    ...extra,
  };
}

export function callee(w: World, extra: Partial<UserAgent> = {}): Element {
  return {
    kind: 'user-agent',
    name: w.callee.user,
    label: `${w.callee.display}'s phone`,
    address: w.callee.address,
    port: w.callee.port,
    aor: aor(w.callee),
    displayName: w.callee.display,
    firstCSeq: w.calleeCSeq,
    answer: { mode: 'answer', ringMs: 2000 },
    ...extra,
  };
}

export function proxyHost(w: World): string {
  return `proxy.${w.callee.domain}`;
}

/** The proxy of the callee's domain, reading the registrar's location service. */
export function proxy(
  w: World,
  kind: 'stateful-proxy' | 'stateless-proxy',
  recordRoute: boolean,
): Element {
  return {
    kind,
    name: 'proxy',
    label: `Proxy of ${w.callee.domain}`,
    address: w.calleeProxy,
    port: w.proxyPort,
    host: proxyHost(w),
    domain: w.callee.domain,
    registrar: 'registrar',
    recordRoute,
  };
}

/** The registrar of the callee's domain, with the callee's phone bound to the AOR. */
export function calleeRegistrar(w: World): Element {
  return {
    kind: 'registrar',
    name: 'registrar',
    label: `Registrar of ${w.callee.domain}`,
    address: w.calleeRegistrar,
    host: `registrar.${w.callee.domain}`,
    domain: w.callee.domain,
    bindings: [{ aor: aor(w.callee), contact: contactOf(w.callee), expires: 3600 }],
  };
}

/** SRV for a domain, pointing at a host and port (RFC 3263 §4.2, simplified). */
export function srv(
  domain: string,
  target: string,
  port = 5060,
): NonNullable<ScenarioInput['dns']> {
  return { a: [], srv: [{ domain, target, port, priority: 10, weight: 10 }] };
}

/** A call from the caller to the callee through the proxy of the callee's domain. */
export function callScenario(
  w: World,
  name: string,
  options: {
    proxyKind?: 'stateful-proxy' | 'stateless-proxy';
    recordRoute?: boolean;
    answer?: NonNullable<UserAgent['answer']>;
    then?: ScenarioInput['timeline'];
    endAt?: number;
  } = {},
): ScenarioInput {
  return {
    name,
    title: `${w.caller.display} calls ${w.callee.display}`,
    seed: w.scenarioSeed,
    elements: [
      caller(w),
      proxy(w, options.proxyKind ?? 'stateful-proxy', options.recordRoute ?? false),
      callee(w, options.answer ? { answer: options.answer } : {}),
      calleeRegistrar(w),
    ],
    links: [
      { a: w.caller.user, b: 'proxy', latencyMs: 20, loss: 0 },
      { a: 'proxy', b: w.callee.user, latencyMs: 20, loss: 0 },
      { a: 'proxy', b: 'registrar', latencyMs: 2, loss: 0 },
    ],
    dns: srv(w.callee.domain, proxyHost(w), w.proxyPort),
    timeline: [
      { at: 0, actor: w.caller.user, action: 'invite', to: aor(w.callee) },
      ...(options.then ?? []),
    ],
    endAt: options.endAt ?? 40000,
  };
}
