/**
 * Next-hop resolution, RFC 3263 §4 simplified to UDP (no NAPTR): an IP address as it is; a host with
 * an explicit port by A; otherwise SRV _sip._udp.<host> then A of its target; with no SRV, A of the
 * host on 5060. Each look-up is a step the trace shows.
 */
import { describe, expect, it } from 'vitest';
import { Dns } from '../../../sim/network';

function dns(): Dns {
  const d = new Dns();
  d.addA('proxy.b.example.com', '10.1.0.2');
  d.addA('backup.b.example.com', '10.1.0.9');
  d.addA('b.example.com', '10.1.0.100');
  d.addA('host.a.example.com', '10.0.0.5');
  d.addSrv('b.example.com', {
    priority: 20,
    weight: 50,
    port: 5070,
    target: 'backup.b.example.com',
  });
  d.addSrv('b.example.com', {
    priority: 10,
    weight: 10,
    port: 5060,
    target: 'proxy.b.example.com',
  });
  return d;
}

describe('Dns.resolve (RFC 3263 §4.2, simplified)', () => {
  it('SRV first (lowest priority), then A of its target', () => {
    expect(dns().resolve('b.example.com', null)).toEqual({
      address: '10.1.0.2',
      port: 5060,
      steps: [
        'SRV _sip._udp.b.example.com → proxy.b.example.com:5060 (priority 10, weight 10)',
        'A proxy.b.example.com → 10.1.0.2',
      ],
    });
  });

  it('among SRV records of equal priority, the highest weight', () => {
    const d = dns();
    d.addSrv('b.example.com', {
      priority: 10,
      weight: 90,
      port: 5080,
      target: 'backup.b.example.com',
    });
    expect(d.resolve('B.Example.COM', null)).toMatchObject({ address: '10.1.0.9', port: 5080 });
  });

  it('an explicit port: A only, no SRV (§4.2)', () => {
    expect(dns().resolve('b.example.com', 5090)).toEqual({
      address: '10.1.0.100',
      port: 5090,
      steps: ['A b.example.com → 10.1.0.100'],
    });
  });

  it('no SRV record: A of the host itself, on 5060', () => {
    expect(dns().resolve('host.a.example.com', null)).toEqual({
      address: '10.0.0.5',
      port: 5060,
      steps: ['SRV _sip._udp.host.a.example.com → no record', 'A host.a.example.com → 10.0.0.5'],
    });
  });

  it('an IP address needs no look-up, with or without a port; IPv6 in brackets too', () => {
    expect(dns().resolve('10.1.0.20', null)).toEqual({
      address: '10.1.0.20',
      port: 5060,
      steps: ['10.1.0.20 is an IP address: no look-up needed'],
    });
    expect(dns().resolve('10.1.0.20', 5062)).toMatchObject({ address: '10.1.0.20', port: 5062 });
    expect(dns().resolve('[2001:db8::1]', null)).toMatchObject({
      address: '2001:db8::1',
      port: 5060,
    });
  });

  it('says what is missing when nothing resolves', () => {
    expect(dns().resolve('nowhere.example.com', null)).toEqual({
      error: 'no SRV or A record for nowhere.example.com',
      steps: ['SRV _sip._udp.nowhere.example.com → no record', 'A nowhere.example.com → no record'],
    });
    expect(dns().resolve('nowhere.example.com', 5060)).toMatchObject({
      error: 'no A record for nowhere.example.com',
    });
    const d = new Dns();
    d.addSrv('c.example.com', {
      priority: 1,
      weight: 1,
      port: 5060,
      target: 'ghost.c.example.com',
    });
    expect(d.resolve('c.example.com', null)).toMatchObject({
      error: 'no A record for ghost.c.example.com',
    });
  });

  it('lists its records for display', () => {
    const r = dns().records();
    expect(r.a.map(([name]) => name)).toContain('proxy.b.example.com');
    expect(r.srv).toHaveLength(1);
    expect(r.srv[0]![0]).toBe('_sip._udp.b.example.com');
  });
});
