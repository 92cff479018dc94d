/** The ladders the rule tests start from break no rule at all (else a "keeps it" test proves nothing). */
import { describe, expect, it } from 'vitest';
import { RULES } from '@/sim/rules';
import {
  cancelledCall,
  directCall,
  forkedCall,
  forkedRejected,
  messageExchange,
  proxyCall,
  registration,
  rejectedCall,
  subscription,
} from './flows';

const ladders = {
  directCall,
  proxyCall: () => proxyCall(false),
  proxyCallRecordRoute: () => proxyCall(true),
  rejectedCall: () => rejectedCall(),
  cancelledCall,
  registration,
  messageExchange,
  subscription,
  forkedCall,
  forkedRejected: () => forkedRejected('486 Busy Here', '603 Decline', '603 Decline'),
};

describe('the base ladders', () => {
  for (const [name, make] of Object.entries(ladders))
    it(`${name} breaks no rule`, () => {
      expect(make().check()).toEqual([]);
    });

  it('the catalog has at least 40 rules, each with a unique kebab-case id and an RFC section', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.rfc).toMatch(/^RFC \d+$/);
      expect(r.section).toMatch(/^§\d+(\.\d+)*$/);
      expect(['MUST', 'SHOULD']).toContain(r.level);
      expect(r.title.length).toBeGreaterThan(20);
    }
  });
});
