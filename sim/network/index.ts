/** The simulated network (virtual clock, seeded randomness, UDP datagrams, DNS, faults, trace). */
export { ClockError, EventQueue, type Clock, type QueueItem, type QueueItemKind } from './clock';
export { SeededRandom } from './rng';
export { Trace, type TraceEvent, type TraceEventType, type NewTraceEvent } from './trace';
export { Dns, type SrvRecord, type Resolution } from './dns';
export { faultMatches, describeFault, type FaultRule, type DatagramFacts } from './faults';
export {
  Network,
  formatDestination,
  type Destination,
  type Endpoint,
  type Received,
  type LinkConfig,
  type SendInfo,
  type NetworkOptions,
  type OutsideDatagram,
  type OutsideHandler,
} from './network';
export {
  Replacements,
  nextHopOf,
  type Replacement,
  type NextHop,
  type Substitute,
} from './replacement';
