/**
 * A simulated DNS with A and SRV records, and next-hop resolution as RFC 3263 §4 describes it, simplified:
 * UDP only (no NAPTR step); an IP address is used as it is; a host with an explicit port is looked up
 * with A; otherwise SRV "_sip._udp.<host>" (lowest priority, then highest weight), then A of its target;
 * with no SRV record, A of the host itself on port 5060. The lessons say so.
 */

export interface SrvRecord {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export interface Resolution {
  address: string;
  port: number;
  /** The look-ups made, in order, for the trace ("SRV _sip._udp.b.example.com → proxy.b.example.com:5060"). */
  steps: string[];
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export class Dns {
  private readonly a = new Map<string, string[]>();
  private readonly srv = new Map<string, SrvRecord[]>();

  addA(name: string, address: string): void {
    const key = name.toLowerCase();
    const list = this.a.get(key) ?? [];
    list.push(address);
    this.a.set(key, list);
  }

  addSrv(domain: string, record: SrvRecord): void {
    const key = `_sip._udp.${domain.toLowerCase()}`;
    const list = this.srv.get(key) ?? [];
    list.push(record);
    this.srv.set(key, list);
  }

  /** All records, for display. */
  records(): { a: [string, string[]][]; srv: [string, SrvRecord[]][] } {
    return { a: [...this.a.entries()], srv: [...this.srv.entries()] };
  }

  /** Resolves a SIP URI's host and port to an address (RFC 3263 §4.2, simplified). Returns an error string when nothing is found. */
  resolve(host: string, port: number | null): Resolution | { error: string; steps: string[] } {
    const steps: string[] = [];
    const bare = host.startsWith('[') ? host.slice(1, -1) : host;
    if (IPV4.test(bare) || host.startsWith('[')) {
      return {
        address: bare,
        port: port ?? 5060,
        steps: [`${host} is an IP address: no look-up needed`],
      };
    }
    if (port !== null) {
      const addr = this.a.get(host.toLowerCase())?.[0];
      steps.push(`A ${host} → ${addr ?? 'no record'}`);
      return addr ? { address: addr, port, steps } : { error: `no A record for ${host}`, steps };
    }
    const srvKey = `_sip._udp.${host.toLowerCase()}`;
    const records = this.srv.get(srvKey);
    if (records && records.length > 0) {
      const best = [...records].sort((x, y) => x.priority - y.priority || y.weight - x.weight)[0]!;
      steps.push(
        `SRV ${srvKey} → ${best.target}:${best.port} (priority ${best.priority}, weight ${best.weight})`,
      );
      const addr = this.a.get(best.target.toLowerCase())?.[0];
      steps.push(`A ${best.target} → ${addr ?? 'no record'}`);
      return addr
        ? { address: addr, port: best.port, steps }
        : { error: `no A record for ${best.target}`, steps };
    }
    steps.push(`SRV ${srvKey} → no record`);
    const addr = this.a.get(host.toLowerCase())?.[0];
    steps.push(`A ${host} → ${addr ?? 'no record'}`);
    return addr
      ? { address: addr, port: 5060, steps }
      : { error: `no SRV or A record for ${host}`, steps };
  }
}
