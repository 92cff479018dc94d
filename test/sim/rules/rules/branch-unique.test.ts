import { describe, it } from 'vitest';
import { expectNone, expectOn } from '../helpers';
import { cancelledCall, directCall, proxyCall, rejectedCall } from '../flows';

describe('branch-unique (RFC 3261 §8.1.1.7)', () => {
  it('finds a new request that reuses an earlier branch', () => {
    const l = directCall().edit('bye', 'z9hG4bKbye1', 'z9hG4bKinv1');
    expectOn(l, l.check(), 'branch-unique', 'bye');
  });
  it("finds the ACK of a 2xx that reuses the INVITE's branch", () => {
    const l = directCall().edit('ack', 'z9hG4bKack1', 'z9hG4bKinv1');
    expectOn(l, l.check(), 'branch-unique', 'ack');
  });
  it('finds a proxy that forwards on the branch it used before', () => {
    const l = proxyCall(true).edit('bye2', 'z9hG4bKp2', 'z9hG4bKp1');
    expectOn(l, l.check(), 'branch-unique', 'bye2');
  });
  it("lets a CANCEL and the ACK of a non-2xx share the INVITE's branch", () => {
    expectNone(cancelledCall().check(), 'branch-unique');
    expectNone(rejectedCall().check(), 'branch-unique');
  });
});
