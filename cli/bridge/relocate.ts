/**
 * Moving one element of a scenario to a real address (the bridge's `--listen HOST:PORT`): its address
 * and port become the real ones, so the Via, Contact and Record-Route it writes (RFC 3261 §18.1.1,
 * §8.1.1.8, §16.6 step 4) reach a real peer, and whatever in the scenario pointed at it follows: URIs
 * naming its old address (next hops, contacts, AORs of a domain named by that address), domains equal to
 * that address, DNS records of its names (RFC 3263: an A record follows the address, an SRV record the
 * port).
 */
import { formatUri, isSipUri, parseUri, SipParseError } from '../../sim/codec';
import { parseScenario, type Scenario, type ScenarioElement } from '../../sim/scenario';

export interface RealAddress {
  address: string;
  port: number;
}

/** Why an element cannot be moved: no such element, or another one already listens there. */
export class RelocateError extends Error {
  override readonly name = 'RelocateError';
}

export interface Relocation {
  scenario: Scenario;
  /** Every field changed, as "path: old → new" (the element's own address first). */
  changes: string[];
}

interface Move {
  /** The element's simulated address and port, and its DNS names. */
  from: RealAddress;
  names: Set<string>;
  /** Names with an SRV record: it, not 5060, decides the port of a port-less URI (RFC 3263 §4.2). */
  srvDomains: Set<string>;
  to: RealAddress;
}

/**
 * A URI that leads to the element (a next hop: registrar, outbound proxy, contact, a request's target)
 * is rewritten to reach it at its new address; any other URI is returned as it is.
 */
function moveTarget(text: string, m: Move): string {
  let uri;
  try {
    uri = parseUri(text);
  } catch (e) {
    if (e instanceof SipParseError) return text;
    throw e;
  }
  if (!isSipUri(uri)) return text;
  const host = uri.host.toLowerCase();
  if (host === m.from.address) {
    if ((uri.port ?? 5060) !== m.from.port) return text;
    return formatUri({ ...uri, host: m.to.address, port: m.to.port === 5060 ? null : m.to.port });
  }
  if (!m.names.has(host)) return text;
  // A DNS name of the element: its A record follows the address; the port is the URI's, else SRV's
  // (rewritten with the records), else 5060.
  if (uri.port !== null) {
    return uri.port === m.from.port ? formatUri({ ...uri, port: m.to.port }) : text;
  }
  if (m.srvDomains.has(host) || m.from.port !== 5060 || m.to.port === 5060) return text;
  return formatUri({ ...uri, port: m.to.port });
}

/** An address of record in a domain named by the element's old address moves to its new address. */
function moveAor(text: string, m: Move): string {
  let uri;
  try {
    uri = parseUri(text);
  } catch (e) {
    if (e instanceof SipParseError) return text;
    throw e;
  }
  if (!isSipUri(uri) || uri.host !== m.from.address) return text;
  return formatUri({ ...uri, host: m.to.address });
}

/**
 * The scenario with element `name` listening on `to`. Throws RelocateError when no element has that
 * name or another element already listens on `to`.
 */
export function relocateElement(source: Scenario, name: string, to: RealAddress): Relocation {
  const scenario = structuredClone(source);
  const index = scenario.elements.findIndex((e) => e.name === name);
  const element = scenario.elements[index];
  if (element === undefined)
    throw new RelocateError(
      `no element is named "${name}" in ${scenario.name} (its elements: ${scenario.elements.map((e) => e.name).join(', ')})`,
    );
  const other = scenario.elements.find(
    (e) => e !== element && e.address === to.address && (e.port ?? 5060) === to.port,
  );
  if (other !== undefined)
    throw new RelocateError(
      `${other.name} already listens on ${to.address}:${to.port} in ${scenario.name}: choose another port for ${name}`,
    );
  const from = { address: element.address, port: element.port ?? 5060 };
  const names = new Set<string>();
  if (element.host !== undefined) names.add(element.host.toLowerCase());
  for (const a of scenario.dns.a) if (a.address === from.address) names.add(a.name.toLowerCase());
  const srvDomains = new Set<string>();
  const m: Move = { from, names, srvDomains, to };
  const changes: string[] = [];
  const change = <T>(path: string, before: T, after: T): T => {
    if (after !== before) changes.push(`${path}: ${String(before)} → ${String(after)}`);
    return after;
  };

  changes.push(`${name}: ${from.address}:${from.port} → ${to.address}:${to.port}`);
  element.address = to.address;
  element.port = to.port;

  scenario.dns.a.forEach((a, i) => {
    a.address = change(
      `dns.a[${i}].address`,
      a.address,
      a.address === from.address ? to.address : a.address,
    );
  });
  scenario.dns.srv.forEach((s, i) => {
    srvDomains.add(s.domain.toLowerCase());
    if (!names.has(s.target.toLowerCase())) return;
    s.port = change(`dns.srv[${i}].port`, s.port, s.port === from.port ? to.port : s.port);
  });

  scenario.elements.forEach((e: ScenarioElement) => {
    const at = e.name;
    if ('domain' in e && e.domain === from.address)
      e.domain = change(`${at}.domain`, e.domain, to.address);
    switch (e.kind) {
      case 'user-agent':
        e.aor = change(`${at}.aor`, e.aor, moveAor(e.aor, m));
        if (e.registrar !== undefined)
          e.registrar = change(`${at}.registrar`, e.registrar, moveTarget(e.registrar, m));
        if (e.outboundProxy !== undefined)
          e.outboundProxy = change(
            `${at}.outboundProxy`,
            e.outboundProxy,
            moveTarget(e.outboundProxy, m),
          );
        break;
      case 'registrar':
        e.bindings?.forEach((b, j) => {
          b.aor = change(`${at}.bindings[${j}].aor`, b.aor, moveAor(b.aor, m));
          b.contact = change(`${at}.bindings[${j}].contact`, b.contact, moveTarget(b.contact, m));
        });
        break;
      case 'presence-server':
        if (e.initial !== undefined) {
          const moved: Record<string, 'open' | 'closed'> = {};
          for (const [aor, status] of Object.entries(e.initial))
            moved[change(`${at}.initial`, aor, moveAor(aor, m))] = status;
          e.initial = moved;
        }
        break;
      default:
        break;
    }
  });

  scenario.timeline.forEach((a, i) => {
    const at = `timeline[${i}]`;
    if ('to' in a && a.to !== undefined) a.to = change(`${at}.to`, a.to, moveTarget(a.to, m));
    if (a.action === 'set-status') a.aor = change(`${at}.aor`, a.aor, moveAor(a.aor, m));
  });

  return { scenario: parseScenario(scenario), changes };
}
